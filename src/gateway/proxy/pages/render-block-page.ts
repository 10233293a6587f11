import type { Decision } from '../../../engine/decision/decision.js';
import { REASON_LABELS } from '../../../engine/decision/decision.js';
import { escapeHtml } from '../../../engine/text/escape-html.js';
import { categoryLabel } from './category-label.js';
import { formatLondonTime } from './format-london-time.js';
import { htmlResponse } from './html-response.js';
import type { PageResponse } from './page-response.js';
import { pupilDetails } from './pupil-details.js';
import { renderIwfSplash } from './render-iwf-splash.js';
import { renderLayout } from './render-layout.js';
import { safeHref } from './safe-href.js';
import { shortenForDisplay } from './shorten-for-display.js';

/** Everything a block page shows; the gateway gathers it, the page only renders it. */
export interface BlockPageInput {
  /** The engine's decision for the request (normally `action: 'block'`). */
  readonly decision: Decision;
  /** The school's name for the header. */
  readonly schoolName: string;
  /** When the request was decided; shown in Europe/London time. */
  readonly at: Date;
  /** The person's name or username, or `null` when they are not signed in. */
  readonly user: string | null;
  /** The URL as the client sent it (for CONNECT, `host:port`). */
  readonly requestUrl: string;
  /**
   * The signed "Request unblock" link, or `null` to offer none. Never shown for an
   * illegal-content block, which no one can unblock.
   */
  readonly requestUnblockUrl: string | null;
  /** The "Report a concern" link. */
  readonly reportConcernUrl: string;
}

/** Longest address shown; the full URL is in the record, and a page must stay small. */
const MAX_SHOWN_URL = 300;

/** The IWF list's category id: its blocks get the IWF splash text (FIL-22). */
const IWF_CATEGORY = 'iwf-child-abuse';

/**
 * The page a person sees instead of a blocked page (FIL-09): what was blocked, its
 * category, the reason in plain words with its particulars, the time, the user, and links
 * to request an unblock and to report a concern. For an IWF block it is the IWF splash
 * (FIL-22) instead. Status 403 with `cache-control: no-store`.
 *
 * What it leaves out, on purpose: for a `phrase` block, and for any request carrying search
 * terms, the words themselves and the URL's path and query (they may be explicit, and the
 * screen may be in a classroom): it names the host and the category. For an illegal-content
 * block it names the host only, never the path to the content, and offers no unblock.
 *
 * ### Examples
 * ```ts
 * const page = renderBlockPage({ decision, schoolName: 'Widford Lodge', at: new Date(ms),
 *   user: 'amy.pupil', requestUrl: 'http://games.example/', requestUnblockUrl: link,
 *   reportConcernUrl: 'https://console.school.test/concern' });
 * res.writeHead(page.status, page.headers).end(page.body);
 * ```
 */
export function renderBlockPage(input: BlockPageInput): PageResponse {
  const { decision } = input;
  const reason = decision.reason;
  const mandatory = reason.code === 'mandatory';
  const iwf = mandatory && reason.category === IWF_CATEGORY;
  const hostOnly = mandatory || reason.code === 'phrase' || decision.search !== null;
  const shownAddress =
    hostOnly && decision.host !== null
      ? decision.host
      : shortenForDisplay(input.requestUrl || (decision.url ?? ''), MAX_SHOWN_URL);
  const primary = 'category' in reason ? reason.category : (decision.categories[0] ?? null);
  const category = primary === null ? 'Not on any category list' : categoryLabel(primary);
  const user = input.user ?? 'not signed in';

  const summary = `<dl>
<dt>Address</dt><dd><span class="url" dir="ltr">${escapeHtml(shownAddress)}</span></dd>
<dt>Category</dt><dd>${escapeHtml(category)}</dd>
<dt>Reason</dt><dd>${escapeHtml(REASON_LABELS[reason.code])}</dd>
<dt>Time</dt><dd>${escapeHtml(formatLondonTime(input.at))}</dd>
<dt>User</dt><dd><bdi>${escapeHtml(user)}</bdi></dd>
<dt>Group</dt><dd><bdi>${escapeHtml(decision.group)}</bdi></dd>
</dl>`;

  const details = pupilDetails(decision);
  const detailsHtml = iwf
    ? renderIwfSplash(decision.host)
    : `<h2>Details</h2>
${details.length > 0 ? `<ul>\n${details.map((d) => `<li>${escapeHtml(d)}</li>`).join('\n')}\n</ul>` : '<p>There are no further details for this decision.</p>'}
${reason.code === 'phrase' ? '<p class="note">The words that matched are not shown on this page, because they may be upsetting or explicit. The school’s safeguarding staff can see them.</p>' : ''}`;

  const main = `<div class="panel">
<h1>This page is blocked</h1>
<p class="lead">${
    iwf
      ? 'Access to this page has been denied because it is on the Internet Watch Foundation’s list of child sexual abuse content.'
      : 'The school’s web filter stopped this page. The reason is below.'
  }</p>
${summary}
</div>
${detailsHtml}
<h2>What you can do</h2>
${renderActions(input, mandatory, iwf)}`;

  const body = renderLayout({
    schoolName: input.schoolName,
    title: 'Page blocked',
    tone: 'block',
    mainHtml: main,
  });
  return htmlResponse(403, body, { frameable: true, cacheControl: 'no-store' });
}

/** The "Request unblock" and "Report a concern" links, with what each is for. */
function renderActions(input: BlockPageInput, mandatory: boolean, iwf: boolean): string {
  const report = safeHref(input.reportConcernUrl);
  const unblock =
    mandatory || input.requestUnblockUrl === null ? null : safeHref(input.requestUnblockUrl);
  const parts: string[] = [];
  // The IWF splash already says that no one can unblock its pages.
  if (mandatory && !iwf) {
    parts.push(
      '<p>No one at the school can unblock this page: the law requires it to be blocked for everyone.</p>',
    );
  } else if (unblock !== null) {
    parts.push(
      '<p>If you need this page for your work, ask for it to be unblocked. A teacher and the school’s IT staff will look at your request; ask your teacher if you need it for a lesson.</p>',
    );
  } else if (!mandatory) {
    parts.push('<p>If you need this page for your work, ask a member of staff.</p>');
  }
  parts.push(
    '<p>If something you saw online upset or worried you, or you are worried about someone, report a concern. It goes to the school’s safeguarding team, who will treat it in confidence.</p>',
  );
  const links = [
    ...(unblock === null ? [] : [`<a class="button" href="${unblock}">Request unblock</a>`]),
    report === null
      ? '<span>To report a concern, speak to a member of staff.</span>'
      : `<a class="button secondary" href="${report}">Report a concern</a>`,
  ];
  parts.push(`<p class="actions">${links.join('\n')}</p>`);
  return parts.join('\n');
}
