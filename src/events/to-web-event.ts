import type { Decision } from '../engine/decision/decision.js';
import { createEventId, type RandomFill } from './create-event-id.js';
import { toReasonDetail } from './to-reason-detail.js';
import type { WebEvent } from './web-event.js';
import { WEB_EVENT_LIMITS as LIMITS } from './web-event-limits.js';
import type { WebRequestFacts } from './web-request-facts.js';

/**
 * Builds the event for one finished request from the engine's decision and the gateway's
 * facts, applying the privacy rules: no query string (the search terms the engine read are
 * kept instead), and for an inspection-exempt host (`facts.inspectionExempt`) or a host-only
 * decision no path and no search. Free text (user, device, method, a raw host) is cut to
 * `WEB_EVENT_LIMITS`, so the result always passes `webEventSchema`. Never throws for facts
 * that meet `WebRequestFacts`' contract; `random` is for tests.
 *
 * ### Examples
 * ```ts
 * const decision = decide({ url: 'https://www.google.co.uk/search?q=volcanoes', groups }, ctx);
 * const event = toWebEvent(decision, { startedAt, node: 'gw-1', user: 'ajones', groups,
 *   device: null, clientAddress: '10.1.2.3', method: 'GET', scheme: 'https',
 *   host: 'www.google.co.uk', inspectionExempt: false, inspected: true, status: 200,
 *   bytesUp: 0, bytesDown: 51234, durationMs: 84 });
 * // event.path === '/search', event.searchTerms === 'volcanoes', no query kept
 * sink.add(event);
 * ```
 */
export function toWebEvent(
  decision: Decision,
  facts: WebRequestFacts,
  random?: RandomFill,
): WebEvent {
  const exempt = facts.inspectionExempt;
  const hideUrl = exempt || decision.hostOnly || decision.url === null;
  const search = hideUrl ? null : decision.search;
  return Object.freeze({
    kind: 'web-request',
    id: createEventId(facts.startedAt, random),
    time: new Date(facts.startedAt).toISOString(),
    node: facts.node.slice(0, LIMITS.node),
    user: facts.user === null ? null : facts.user.slice(0, LIMITS.user),
    groups: facts.groups.slice(0, LIMITS.groups).map((group) => group.slice(0, LIMITS.group)),
    policyGroup: decision.group.slice(0, LIMITS.group),
    device: facts.device === null ? null : facts.device.slice(0, LIMITS.device),
    clientAddress: unmapIpv4(facts.clientAddress),
    method: facts.method.slice(0, LIMITS.method),
    scheme: facts.scheme,
    host: (decision.host ?? facts.host).slice(0, LIMITS.host),
    path: hideUrl ? null : pathOf(decision.url),
    categories: decision.categories
      .slice(0, LIMITS.categories)
      .map((category) => category.slice(0, LIMITS.category)),
    action: decision.action,
    reason: decision.reason.code,
    reasonDetail: toReasonDetail(decision.reason, exempt),
    searchTerms: search === null ? null : search.terms.slice(0, LIMITS.searchTerms),
    searchEngine: search === null ? null : search.engine,
    searchAutocomplete: search === null ? false : search.autocomplete,
    alert: decision.action === 'alert' || facts.alert === true,
    inspected: facts.inspected,
    status: facts.status,
    bytesUp: facts.bytesUp,
    bytesDown: facts.bytesDown,
    durationMs: Math.max(0, Math.round(facts.durationMs)),
  });
}

/**
 * The path of a canonical href (`scheme://host[:port]/path[?query]`), without the query.
 * The engine guarantees the path starts with `/` and that there is no fragment.
 */
function pathOf(href: string): string {
  const start = href.indexOf('/', href.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = href.indexOf('?', start);
  return href.slice(start, query < 0 ? undefined : query).slice(0, LIMITS.path);
}

/** `::ffff:192.0.2.1` (how a dual-stack socket reports IPv4 clients) becomes `192.0.2.1`. */
function unmapIpv4(address: string): string {
  return address.length > 7 &&
    address.slice(0, 7).toLowerCase() === '::ffff:' &&
    address.includes('.')
    ? address.slice(7)
    : address;
}
