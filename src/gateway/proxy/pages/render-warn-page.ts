import { CATEGORY_BY_ID } from '../../../engine/categories/category-catalogue.js';
import type { Decision } from '../../../engine/decision/decision.js';
import { escapeHtml } from '../../../engine/text/escape-html.js';
import { categoryLabel } from './category-label.js';
import { formatLondonTime } from './format-london-time.js';
import { htmlResponse } from './html-response.js';
import type { PageResponse } from './page-response.js';
import { pupilDetails } from './pupil-details.js';
import { renderLayout } from './render-layout.js';
import { safeHref } from './safe-href.js';
import { shortenForDisplay } from './shorten-for-display.js';

/** Everything the warning interstitial shows and needs for its "Continue" form. */
export interface WarnPageInput {
  /** The engine's decision (`action: 'warn'`). */
  readonly decision: Decision;
  readonly schoolName: string;
  /** When the request was decided; shown in Europe/London time. */
  readonly at: Date;
  /** The person's name or username, or `null` when they are not signed in. */
  readonly user: string | null;
  /** The URL as the client sent it. */
  readonly requestUrl: string;
  /** Where "Continue" posts (the gateway's override endpoint): `/path` or an http(s) URL. */
  readonly continueAction: string;
  /** A `signLink` token of kind `continue`, posted back as the form field `token`. */
  readonly continueToken: string;
  /** Where "Go back" leads (the referring page, or the school's home page). */
  readonly backUrl: string;
  /** How long "Continue" lets the person in, in minutes, if the page should say so. */
  readonly overrideMinutes?: number;
}

const MAX_SHOWN_URL = 300;

/**
 * The warning interstitial for a `warn` decision: it names the category and what it means,
 * says plainly that continuing is recorded, and offers "Continue" (a POST form carrying a
 * signed token, so it works without JavaScript and cannot be triggered by a link or an
 * image) and "Go back". The page refuses to be framed, so "Continue" cannot be clickjacked.
 * Status 403 (the site was not served) with `cache-control: no-store`.
 *
 * ### Examples
 * ```ts
 * const token = signLink({ kind: 'continue', url, user, reason: 'category', category: 'games' }, secret, now + 60_000);
 * renderWarnPage({ decision, schoolName, at: new Date(now), user, requestUrl: url,
 *   continueAction: '/.schoolgate/continue', continueToken: token, backUrl: 'https://school.test/' });
 * ```
 */
export function renderWarnPage(input: WarnPageInput): PageResponse {
  const { decision } = input;
  const reason = decision.reason;
  const primary = 'category' in reason ? reason.category : (decision.categories[0] ?? null);
  const label = primary === null ? 'Not on any category list' : categoryLabel(primary);
  const description = primary === null ? undefined : CATEGORY_BY_ID.get(primary)?.description;
  const hideUrl = reason.code === 'phrase' || decision.search !== null;
  const shownAddress =
    hideUrl && decision.host !== null
      ? decision.host
      : shortenForDisplay(input.requestUrl || (decision.url ?? ''), MAX_SHOWN_URL);
  const action = safeHref(input.continueAction);
  const back = safeHref(input.backUrl);
  const details = pupilDetails(decision);
  const minutes = input.overrideMinutes;
  const forHowLong =
    minutes !== undefined && Number.isFinite(minutes) && minutes > 0
      ? ` You will not be asked again about this site for ${Math.round(minutes)} minute${Math.round(minutes) === 1 ? '' : 's'}.`
      : '';

  const main = `<div class="panel">
<h1>Check before you continue</h1>
<p class="lead">This site is in the category <strong>${escapeHtml(label)}</strong>, which the school asks you to think about before you use it.</p>
${description === undefined ? '' : `<p>${escapeHtml(description)}</p>`}
<dl>
<dt>Address</dt><dd><span class="url" dir="ltr">${escapeHtml(shownAddress)}</span></dd>
<dt>Category</dt><dd>${escapeHtml(label)}</dd>
<dt>Time</dt><dd>${escapeHtml(formatLondonTime(input.at))}</dd>
<dt>User</dt><dd><bdi>${escapeHtml(input.user ?? 'not signed in')}</bdi></dd>
</dl>
</div>
<h2>If you continue</h2>
<p>Your visit will be recorded with your name and the time, and the school’s safeguarding staff can see it.${forHowLong}</p>
<div class="actions">
${
  action === null
    ? '<p>To continue to this site, ask a member of staff.</p>'
    : `<form method="post" action="${action}">
<input type="hidden" name="token" value="${escapeHtml(input.continueToken)}">
<button type="submit" class="button">Continue to the site</button>
</form>`
}
${back === null ? '' : `<a class="button secondary" href="${back}">Go back</a>`}
</div>
${details.length > 0 ? `<h2>Details</h2>\n<ul>\n${details.map((d) => `<li>${escapeHtml(d)}</li>`).join('\n')}\n</ul>` : ''}`;

  const body = renderLayout({
    schoolName: input.schoolName,
    title: 'Check before you continue',
    tone: 'warn',
    mainHtml: main,
  });
  return htmlResponse(403, body, {
    formAction: action === null ? "'none'" : formActionSource(input.continueAction),
    frameable: false,
    cacheControl: 'no-store',
  });
}

/** The CSP `form-action` source for the form's target: its origin, or `'self'` for a path. */
function formActionSource(action: string): string {
  return action.startsWith('/') ? "'self'" : new URL(action).origin;
}
