import type { ReasonCode } from '../../engine/decision/decision.js';
import type { Action } from '../../engine/policy/action.js';
import type { SearchEngineId } from '../../engine/search/search-types.js';
import type { ReasonDetail } from '../../events/reason-detail.js';
import { serialiseReasonDetail } from '../../events/serialise-event.js';
import type { WebEvent } from '../../events/web-event.js';
import type { EventsTable, Flag } from '../schema.js';

/**
 * A `WebEvent` as one row of `events`: the same fields, snake_case, times as epoch
 * milliseconds, arrays and the reason detail as JSON, booleans as 0/1.
 *
 * NOTE: keep in sync with `fromEventRow` below and with `WebEvent`; a round-trip test
 * checks every field.
 */
export function toEventRow(event: WebEvent): EventsTable {
  return {
    time_ms: Date.parse(event.time),
    id: event.id,
    node: event.node,
    username: event.user,
    groups: JSON.stringify(event.groups),
    policy_group: event.policyGroup,
    device: event.device,
    client_address: event.clientAddress,
    method: event.method,
    scheme: event.scheme,
    host: event.host,
    host_rev: reverseHost(event.host),
    path: event.path,
    categories: JSON.stringify(event.categories),
    action: event.action,
    reason: event.reason,
    reason_detail: serialiseReasonDetail(event.reasonDetail),
    search_terms: event.searchTerms,
    search_engine: event.searchEngine,
    search_autocomplete: flag(event.searchAutocomplete),
    alert: flag(event.alert),
    inspected: flag(event.inspected),
    status: event.status,
    bytes_up: event.bytesUp,
    bytes_down: event.bytesDown,
    duration_ms: event.durationMs,
  };
}

/** The `WebEvent` a row was made from (rows are only ever written by `toEventRow`). */
export function fromEventRow(row: EventsTable): WebEvent {
  return {
    kind: 'web-request',
    id: row.id,
    time: new Date(Number(row.time_ms)).toISOString(),
    node: row.node,
    user: row.username,
    groups: JSON.parse(row.groups) as string[],
    policyGroup: row.policy_group,
    device: row.device,
    clientAddress: row.client_address,
    method: row.method,
    scheme: row.scheme as WebEvent['scheme'],
    host: row.host,
    path: row.path,
    categories: JSON.parse(row.categories) as string[],
    action: row.action as Action,
    reason: row.reason as ReasonCode,
    reasonDetail: JSON.parse(row.reason_detail) as ReasonDetail,
    searchTerms: row.search_terms,
    searchEngine: row.search_engine as SearchEngineId | null,
    searchAutocomplete: row.search_autocomplete === 1,
    alert: row.alert === 1,
    inspected: row.inspected === 1,
    status: row.status,
    bytesUp: Number(row.bytes_up),
    bytesDown: Number(row.bytes_down),
    durationMs: Number(row.duration_ms),
  };
}

/**
 * `www.bbc.co.uk` -> `uk.co.bbc.www`: a site and all its subdomains then share a prefix, so
 * "everything on bbc.co.uk" is one range of the `(host_rev, time_ms)` index.
 */
export function reverseHost(host: string): string {
  return host.split('.').reverse().join('.');
}

const flag = (value: boolean): Flag => (value ? 1 : 0);
