import type { ReasonCode } from '../engine/decision/decision.js';
import type { Action } from '../engine/policy/action.js';
import type { SearchEngineId } from '../engine/search/search-types.js';
import type { ReasonDetail } from './reason-detail.js';

/**
 * One web request as the safeguarding record keeps it: who asked (IDN-01), for what, what
 * the filter did and why (MON-01), and nothing of the page (PRV-01). Made by `toWebEvent`,
 * validated by `webEventSchema`, written by an `EventSink`; the event store takes it
 * unchanged, one field per column (see `src/events/README.md` for the column table).
 *
 * Privacy rules the fields follow:
 * - the query string is not kept; a search's terms are (`searchTerms`), read by the engine;
 * - inspection-exempt hosts (banking, health) and host-only CONNECT events have
 *   `path: null` and no search;
 * - `reasonDetail` names lists, exceptions and scores, never page text.
 *
 * NOTE: field order here is the order of `webEventSchema`, of `serialiseEvent` in
 * `serialise-event.ts` (the NDJSON key order) and of the README table. Never rename or
 * repurpose a field: add one.
 */
export interface WebEvent {
  readonly kind: 'web-request';
  /** UUIDv7 made from `time`: unique across gateway nodes, sorts by time. */
  readonly id: string;
  /** When the request started, ISO 8601 UTC with milliseconds (`2026-11-24T10:00:00.000Z`). */
  readonly time: string;
  /** Name of the gateway node that handled the request. */
  readonly node: string;
  /** Username, or `null` when the request could not be tied to a person. */
  readonly user: string | null;
  /** The person's (or address range's) groups, as identity resolved them. */
  readonly groups: readonly string[];
  /** The group whose policy decided (the first of `groups` in policy order, or the default). */
  readonly policyGroup: string;
  /** Device label (name or asset tag) from the device map, or `null` when unknown. */
  readonly device: string | null;
  /** Client IP address; IPv4-mapped IPv6 addresses are written as IPv4. */
  readonly clientAddress: string;
  /** HTTP method as received (`GET`, `POST`, `CONNECT`, ...). */
  readonly method: string;
  /** `http`, or `https` for inspected requests and CONNECT tunnels. */
  readonly scheme: 'http' | 'https';
  /** Canonical host (lower case, punycode); for an unreadable request, the host as given. */
  readonly host: string;
  /** Canonical path without the query; `null` for exempt hosts, host-only and unreadable requests. */
  readonly path: string | null;
  /** Every category matched, from lists and phrases. */
  readonly categories: readonly string[];
  /** What the filter did. */
  readonly action: Action;
  /** Why, as the engine's stable reason code. */
  readonly reason: ReasonCode;
  /** Which list entry, exception or phrase score decided; see `ReasonDetail`. */
  readonly reasonDetail: ReasonDetail;
  /** The search terms as typed, or `null` when the request was not a search. */
  readonly searchTerms: string | null;
  /** The search engine the terms went to, or `null`. */
  readonly searchEngine: SearchEngineId | null;
  /** True for autocomplete requests (partial terms as typed); false otherwise. */
  readonly searchAutocomplete: boolean;
  /** True when the event is flagged for the monitor (action `alert`, or a response scan). */
  readonly alert: boolean;
  /** True when the gateway saw the whole request (plain HTTP or TLS it terminated). */
  readonly inspected: boolean;
  /** HTTP status sent to the client, or `null` when none was (connection failed, tunnel). */
  readonly status: number | null;
  /** Bytes received from the client (request body, or tunnel bytes up). */
  readonly bytesUp: number;
  /** Bytes sent to the client (response body, or tunnel bytes down). */
  readonly bytesDown: number;
  /** Milliseconds from the request's start to its end. */
  readonly durationMs: number;
}
