import type { UrlProblem } from '../engine/url/canonical-url.js';

/**
 * The small, flat account of a decision's reason that an event keeps beside its `reason`
 * code: enough to say which list entry, exception or phrase score decided, and nothing of
 * the page. Which keys are present depends on the code (absent keys are left out, never
 * `null`):
 *
 * | reason | keys |
 * | --- | --- |
 * | `unparseable` | `problem` |
 * | `mandatory` | `category`, `listKind`, `listSources` (never `listKey`: illegal-content lists are licensed on condition their entries are not disclosed; the event's own host and path say what was asked for) |
 * | `exception` | `exceptionId`, `exceptionScope` |
 * | `category` | `category`, `listKind`, `listKey`, `listSources`, `ruled`, `when` (timed rules only) |
 * | `phrase` | `category`, `score`, `limit`, `banned`, `phrases` (at most 8, each cut to 100 characters), `snippet` (at most 120 characters, when the scanner gave one) |
 * | `override`, `ip-literal`, `uncategorised` | none |
 *
 * For inspection-exempt hosts a URL entry's `listKey` and the `phrases` are left out too,
 * since either could reveal the path or search that is not to be kept.
 *
 * NOTE: keep the key order in sync with `DETAIL_KEYS` in `serialise-event.ts`
 * and with `reasonDetailSchema` in `web-event-schema.ts`. Never rename a key: they are stored.
 */
export interface ReasonDetail {
  readonly problem?: UrlProblem;
  readonly category?: string;
  readonly listKind?: 'domain' | 'url' | 'ip';
  readonly listKey?: string;
  readonly listSources?: readonly string[];
  readonly ruled?: boolean;
  readonly when?: string;
  readonly exceptionId?: string;
  readonly exceptionScope?: 'global' | 'group';
  readonly score?: number;
  readonly limit?: number;
  readonly banned?: boolean;
  readonly phrases?: readonly string[];
  /** Normalised text around the first match (`phrase`; never for exempt hosts): the only page text kept. */
  readonly snippet?: string;
  /** Why a tunnel was refused (`tunnel-refused`). */
  readonly tunnel?: 'port' | 'ip-literal' | 'not-tls';
}
