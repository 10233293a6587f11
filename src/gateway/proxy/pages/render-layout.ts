import { escapeHtml } from '../../../engine/text/escape-html.js';

/** The look of a page: a coloured rule says at a glance whether it stops, warns or informs. */
export type PageTone = 'block' | 'warn' | 'info';

/** What every Schoolgate page has in common, plus the part that differs. */
export interface LayoutInput {
  /** The school's name, shown in the header (plain text; escaped here). */
  readonly schoolName: string;
  /** The document title (plain text; escaped here). */
  readonly title: string;
  readonly tone: PageTone;
  /**
   * The inside of `<main>`, as HTML the caller has built with every value escaped. It must
   * start with the page's one `<h1>`.
   */
  readonly mainHtml: string;
}

/** NOTE: MON-03 requires this notice on every page people see; keep it in the shared layout. */
const MONITORING_NOTICE = 'Schoolgate filters and records web use at this school.';

const TONE_COLOURS: Readonly<Record<PageTone, string>> = Object.freeze({
  block: '#b10e1e',
  warn: '#8a4b00',
  info: '#1d3557',
});

/*
 * Colours are chosen for WCAG AA contrast on their backgrounds (body text #1b1b1b on
 * #f3f2f1 and #fff, links #0b4f9c on #fff, white on #1d3557 and #00703c). Layout is one
 * column and wraps long URLs anywhere, so the page reads at 320px without sideways scroll.
 */
const BASE_CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1b1b1b;background:#f3f2f1}
header{background:#1d3557;color:#fff;padding:.75rem 1rem}
header p{max-width:44rem;margin:0 auto;font-weight:700;font-size:1.125rem;overflow-wrap:anywhere}
main{display:block;max-width:44rem;margin:0 auto;padding:1rem}
.panel{background:#fff;border-top:.5rem solid var(--tone);padding:1rem 1.25rem;margin:0 0 1.5rem}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0 1rem}
h2{font-size:1.3rem;line-height:1.25;margin:1.75rem 0 .5rem}
h3{font-size:1.1rem;margin:1.25rem 0 .25rem}
p,ul,ol{margin:0 0 1rem}
li{margin-bottom:.35rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
dt{font-weight:700}
dd{margin:0;min-width:0;overflow-wrap:anywhere}
@media (max-width:30rem){dl{display:block}dd{margin:0 0 .6rem}h1{font-size:1.5rem}}
.url,code{font-family:ui-monospace,Consolas,"Liberation Mono",monospace;font-size:.95em;overflow-wrap:anywhere;word-break:break-all}
.lead{font-size:1.2rem}
a{color:#0b4f9c;text-decoration-thickness:max(1px,.0625em);text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078}
a:focus,button:focus{outline:3px solid #ffbf47;outline-offset:0;background:#ffbf47;color:#0b0c0c;text-decoration:none;box-shadow:0 4px #0b0c0c}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.actions form{margin:0}
.button{display:inline-block;padding:.6rem 1.1rem;border:2px solid transparent;font:inherit;font-weight:700;text-decoration:none;cursor:pointer;background:#00703c;color:#fff;box-shadow:0 2px #002d18}
.button:visited,.button:hover{color:#fff}
.button.secondary{background:#f3f2f1;color:#0b0c0c;border-color:#505a5f;box-shadow:0 2px #505a5f}
.button.secondary:visited,.button.secondary:hover{color:#0b0c0c}
.note{border-left:.3rem solid #505a5f;padding-left:.8rem}
footer{max-width:44rem;margin:0 auto;padding:1rem;font-size:.95rem;color:#3b3b3b;border-top:1px solid #b1b4b6}`;

/**
 * The one page frame every Schoolgate page uses: `lang="en-GB"`, a header with the school's
 * name, one `<main>`, and a footer with the monitoring notice (MON-03). Styles are inline
 * and there is no script or external asset, so the page renders with everything else
 * blocked and without JavaScript.
 *
 * ### Examples
 * ```ts
 * renderLayout({ schoolName: 'Widford Lodge', title: 'Blocked', tone: 'block', mainHtml: '<h1>Blocked</h1>' });
 * ```
 */
export function renderLayout(input: LayoutInput): string {
  const school = escapeHtml(input.schoolName);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(input.title)} – ${school}</title>
<style>:root{--tone:${TONE_COLOURS[input.tone]}}
${BASE_CSS}</style>
</head>
<body>
<header>
<p><bdi>${school}</bdi></p>
</header>
<main>
${input.mainHtml}
</main>
<footer>
<p>${MONITORING_NOTICE} Your use of the web here is filtered to keep you safe, and the sites you visit and the searches you make are recorded with your name and the time. The school’s acceptable use policy explains how.</p>
</footer>
</body>
</html>
`;
}
