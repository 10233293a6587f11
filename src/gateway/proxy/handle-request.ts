import type { IncomingMessage, ServerResponse } from 'node:http';
import { decide } from '../../engine/decision/decide.js';
import type { Decision } from '../../engine/decision/decision.js';
import { judgePhrases } from '../../engine/decision/judge-phrases.js';
import { moreRestrictive } from '../../engine/decision/more-restrictive.js';
import type { PhraseScan } from '../../engine/phrases/phrase-types.js';
import { canonicaliseHost } from '../../engine/url/canonicalise-host.js';
import { decisionContextFor } from './decision-context.js';
import { forwardRequest } from './forward-request.js';
import type { GatewayDeps, Requester } from './gateway-deps.js';
import { withoutOverrideCookie } from './override-cookie.js';
import type { PageResponse } from './pages/page-response.js';

/** Where a request came from: a plain proxy request, or one inside an inspected tunnel. */
export interface RequestOrigin {
  /** `https://host:port` for requests inside an inspected CONNECT tunnel; null for plain proxying. */
  readonly tunnelOrigin: string | null;
  /** Known already for tunnelled requests (identified at CONNECT). */
  readonly requester: Requester | null;
  readonly clientAddress: string;
}

/**
 * One proxied HTTP request: identify the person, decide on the full URL (and on the Host
 * header when it names another host), then serve the block or warning page or forward it,
 * and record what happened. Never throws: failures become error pages.
 */
export async function handleProxiedRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: GatewayDeps,
  origin: RequestOrigin,
): Promise<void> {
  const started = deps.now();
  const requester =
    origin.requester ??
    (await deps.identify({
      clientAddress: origin.clientAddress,
      proxyAuthorization: headerValue(req.headers['proxy-authorization']),
    }));
  if (requester.kind === 'denied') {
    res.writeHead(407, {
      'proxy-authenticate': `Basic realm="${deps.schoolName.replace(/"/g, "'")} web access"`,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end('Sign in to use the school web connection.\n');
    return;
  }
  const url =
    origin.tunnelOrigin === null ? (req.url ?? '') : `${origin.tunnelOrigin}${req.url ?? '/'}`;
  const decision = decideRequest(
    url,
    headerValue(req.headers.host),
    headerValue(req.headers.cookie),
    requester,
    deps,
    started,
  );
  const record = (status: number | null, bytesUp: number, bytesDown: number, final = decision) =>
    deps.record({
      time: started,
      requester,
      clientAddress: origin.clientAddress,
      method: req.method ?? 'GET',
      decision: final,
      inspected: true,
      status,
      bytesUp,
      bytesDown,
      durationMs: deps.now() - started,
      alert: final.action === 'alert',
    });

  if (decision.action === 'block' || decision.action === 'warn') {
    const page =
      decision.action === 'block'
        ? deps.pages.block(decision, requester, started)
        : deps.pages.warn(decision, requester, started);
    sendPage(res, page);
    req.resume();
    record(page.status, 0, Buffer.byteLength(page.body));
    return;
  }
  const target = new URL(decision.safeSearch?.url ?? url);
  req.headers.cookie = withoutOverrideCookie(headerValue(req.headers.cookie));
  const outcome = await forwardRequest(req, res, target, {
    extraHeaders: decision.safeSearch?.headers ?? [],
    secureContext: deps.upstreamTls,
    lookup: deps.upstreamLookup,
    timeoutMs: deps.config.upstream.timeoutSeconds * 1000,
    scan: pageScanFor(requester, deps, started),
  });
  if (outcome.error !== null && !res.headersSent) {
    const page = upstreamErrorPage(deps, target, outcome.error);
    sendPage(res, page);
    record(page.status, outcome.bytesUp, Buffer.byteLength(page.body));
    return;
  }
  const phrase = outcome.phrase;
  if (phrase === null) {
    record(outcome.status, outcome.bytesUp, outcome.bytesDown);
    return;
  }
  // Page text reached the limit: a block replaces the page (nothing was sent yet); warn and
  // alert pass it on (the page is already on its way) and flag the event for the monitor.
  const byPhrase: Decision = {
    ...decision,
    action: phrase.action === 'block' ? 'block' : 'alert',
    reason: phrase.reason,
    categories: [...new Set([...decision.categories, ...phrase.categories])],
  } as Decision;
  if (phrase.action === 'block') {
    const page = deps.pages.block(byPhrase, requester, started);
    sendPage(res, page);
    record(page.status, outcome.bytesUp, Buffer.byteLength(page.body), byPhrase);
    return;
  }
  record(outcome.status, outcome.bytesUp, outcome.bytesDown, byPhrase);
}

/** Page-text scanning for this person's group, or null when the group or config has none. */
function pageScanFor(
  requester: Exclude<Requester, { kind: 'denied' }>,
  deps: GatewayDeps,
  now: number,
) {
  const snapshot = deps.engine();
  const policy = snapshot.context.policy;
  const group = policy.resolveGroup(requester.groups);
  if (
    snapshot.phrases === null ||
    group.phraseLimit === null ||
    deps.config.scanWindowBytes === 0
  ) {
    return null;
  }
  return {
    matcher: snapshot.phrases,
    windowBytes: deps.config.scanWindowBytes,
    judge: (scan: PhraseScan) => judgePhrases(scan, group, policy, now),
  };
}

/**
 * The decision on the URL and, when the Host header names another host, on that host too
 * (a request line and Host header that disagree are a way to talk a filter round): the
 * more restrictive wins.
 */
function decideRequest(
  url: string,
  hostHeader: string | undefined,
  cookieHeader: string | undefined,
  requester: Exclude<Requester, { kind: 'denied' }>,
  deps: GatewayDeps,
  now: number,
): Decision {
  const context = decisionContextFor(deps, requester, now, cookieHeader);
  const groups = requester.groups;
  const byUrl = decide({ url, groups }, context);
  if (hostHeader === undefined || byUrl.host === null) return byUrl;
  // Nearly every request's Host header names the URL's own host: decide it only when not.
  if (canonicaliseHost(hostHeader)?.host === byUrl.host) return byUrl;
  return moreRestrictive(byUrl, decide({ host: hostHeader, groups }, context));
}

function upstreamErrorPage(
  deps: GatewayDeps,
  target: URL,
  error: Error & { code?: string },
): PageResponse {
  const tls = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(error.code ?? '');
  if (tls) {
    return deps.pages.error(
      'The site’s security certificate could not be trusted',
      `${target.host} presented a certificate that failed checking (${error.code}: ${error.message}). Schoolgate does not pass such connections through.`,
      502,
    );
  }
  const timeout = error.code === 'ETIMEDOUT';
  return deps.pages.error(
    timeout ? 'The site took too long to answer' : 'The site could not be reached',
    `${target.host}: ${error.code ?? ''} ${error.message}`.trim(),
    timeout ? 504 : 502,
  );
}

export function sendPage(res: ServerResponse, page: PageResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(page.status, { ...page.headers, 'content-length': Buffer.byteLength(page.body) });
  res.end(page.body);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
