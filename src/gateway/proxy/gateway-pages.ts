import type { Decision } from '../../engine/decision/decision.js';
import { escapeHtml } from '../../engine/text/escape-html.js';
import { userKeyOf } from './decision-context.js';
import type { GatewayDeps, Requester } from './gateway-deps.js';
import { htmlResponse } from './pages/html-response.js';
import { renderBlockPage } from './pages/render-block-page.js';
import { renderLayout } from './pages/render-layout.js';
import { renderWarnPage } from './pages/render-warn-page.js';
import { signLink } from './pages/signed-link.js';

/** A path on every site that the gateway answers itself (never forwarded). */
export const LOCAL_PREFIX = '/.schoolgate';

const UNBLOCK_LINK_DAYS = 7;
const CONTINUE_TOKEN_MINUTES = 10;

export interface GatewayPagesOptions {
  readonly schoolName: string;
  /** `http://<gateway public name>:<port>`: where the gateway's own pages are reached. */
  readonly gatewayOrigin: string;
  /** Secret for signed unblock and continue links (32 bytes or more). */
  readonly linkSecret: string;
  readonly overrideMinutes: number;
}

function payloadOf(kind: 'unblock' | 'continue', decision: Decision, requester: Requester) {
  const reason = decision.reason;
  return {
    kind,
    url: decision.url ?? '',
    user: userKeyOf(requester),
    reason: reason.code,
    category: 'category' in reason ? reason.category : null,
  };
}

/** The block, warning and error pages, with signed links back to the gateway's own routes. */
export function createGatewayPages(options: GatewayPagesOptions): GatewayDeps['pages'] {
  const { schoolName, gatewayOrigin, linkSecret } = options;
  return {
    block(decision, requester, now) {
      const token = signLink(
        payloadOf('unblock', decision, requester),
        linkSecret,
        now + UNBLOCK_LINK_DAYS * 86_400_000,
      );
      return renderBlockPage({
        decision,
        schoolName,
        at: new Date(now),
        user: requester.kind === 'person' ? requester.username : null,
        requestUrl: decision.url ?? '',
        requestUnblockUrl: `${gatewayOrigin}/unblock?t=${token}`,
        reportConcernUrl: `${gatewayOrigin}/report`,
      });
    },
    warn(decision, requester, now) {
      const token = signLink(
        payloadOf('continue', decision, requester),
        linkSecret,
        now + CONTINUE_TOKEN_MINUTES * 60_000,
      );
      return renderWarnPage({
        decision,
        schoolName,
        at: new Date(now),
        user: requester.kind === 'person' ? requester.username : null,
        requestUrl: decision.url ?? '',
        // Posted to the page's own origin (plain HTTP from an HTTPS page would be stopped by
        // browsers as an insecure form); the gateway serves this reserved path itself.
        continueAction: `${LOCAL_PREFIX}/continue`,
        continueToken: token,
        backUrl: `${gatewayOrigin}/`,
        overrideMinutes: options.overrideMinutes,
      });
    },
    error: (title, detail, status) => infoPage(schoolName, title, detail, status),
  };
}

/** A plain page with a heading and a paragraph, in the gateway's look. */
export function infoPage(schoolName: string, title: string, detail: string, status: number) {
  const mainHtml = `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(detail)}</p>`;
  return htmlResponse(
    status,
    renderLayout({ schoolName, title, tone: status >= 400 ? 'block' : 'info', mainHtml }),
    { frameable: true, cacheControl: 'no-store' },
  );
}
