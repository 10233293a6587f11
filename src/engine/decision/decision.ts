import type { MatchedEntry } from '../index/category-index.js';
import type { Action } from '../policy/action.js';
import type { ExceptionDefinition } from '../policy/policy-definition.js';
import type { SafeSearchRewrite, SearchQuery } from '../search/search-types.js';
import type { UrlProblem } from '../url/canonical-url.js';

/**
 * Why a decision came out as it did. Stable wire names (stored in events): never rename or
 * renumber; add new codes. Plain words for each are in `REASON_LABELS`.
 */
export type ReasonCode =
  | 'unparseable'
  | 'mandatory'
  | 'exception'
  | 'override'
  | 'ip-literal'
  | 'category'
  | 'phrase'
  | 'uncategorised'
  | 'tunnel-refused';

/**
 * The reason, with what a block page, a log line and a report need to say the same thing:
 * - `unparseable`: the URL could not be read (`problem`); always blocked.
 * - `mandatory`: an illegal-content list matched (`category`, `entry`); always blocked.
 * - `exception`: an allow/block exception applied (`exception`, `scope`).
 * - `override`: the person chose "continue" on a warning for this host earlier.
 * - `ip-literal`: the host is a bare IP address and the group treats those specially.
 * - `category`: a list entry put the site in `category`, and the group's rule (`when`, for
 *   timed rules) chose the action; `ruled` is false when the group has no rule for it.
 * - `phrase`: search terms scored `score` against the group's `limit` in `category`
 *   (`banned` when a banned phrase fired); `phrases` are the rules' phrases that fired.
 * - `uncategorised`: no list or phrase said anything; the group's default applied.
 * - `tunnel-refused`: the gateway refused an HTTPS tunnel (`why`): to a port outside the
 *   allowed list, to a bare IP address, or one that did not speak TLS. Always a block;
 *   recorded because these are ways round the filter.
 */
export type Reason =
  | { readonly code: 'unparseable'; readonly problem: UrlProblem }
  | { readonly code: 'mandatory'; readonly category: string; readonly entry: MatchedEntry }
  | {
      readonly code: 'exception';
      readonly exception: ExceptionDefinition;
      readonly scope: 'global' | 'group';
    }
  | { readonly code: 'override' }
  | { readonly code: 'ip-literal' }
  | {
      readonly code: 'category';
      readonly category: string;
      readonly entry: MatchedEntry;
      /** False when the group has no rule for any matched category (so it is allowed). */
      readonly ruled: boolean;
      readonly when: string | null;
    }
  | {
      readonly code: 'phrase';
      readonly category: string;
      readonly score: number;
      readonly limit: number;
      readonly banned: boolean;
      readonly phrases: readonly string[];
      /** Normalised text around the category's first match (the alert's evidence), if any. */
      readonly snippet?: string;
    }
  | { readonly code: 'uncategorised' }
  | { readonly code: 'tunnel-refused'; readonly why: TunnelRefusal };

/** Why the gateway refused a tunnel. Stable wire names. */
export type TunnelRefusal = 'port' | 'ip-literal' | 'not-tls';

/** Plain words for each reason code, for the block page, logs and reports. */
export const REASON_LABELS: Readonly<Record<ReasonCode, string>> = Object.freeze({
  unparseable: 'The address could not be read, so it was blocked to be safe.',
  mandatory: 'This site is on a list of illegal content that is blocked for everyone by law.',
  exception: 'The school has made a specific decision about this site.',
  override: 'You chose to continue after a warning about this site.',
  'ip-literal': 'Sites reached by a bare IP address are not allowed for your group.',
  category: 'The site is in a listed category; your group’s policy decides what happens to it.',
  phrase: 'The words searched for matched the school’s list of words of concern.',
  uncategorised: 'The site is on no list; your group’s default applies.',
  'tunnel-refused':
    'The connection was refused because it could be used to get round the school filter.',
});

interface DecisionBase {
  readonly kind: 'Decision';
  /** The group whose policy decided. */
  readonly group: string;
  /** Every category matched, from lists and phrases, deduplicated. */
  readonly categories: readonly string[];
  /** Every list entry that matched, most specific first. */
  readonly matches: readonly MatchedEntry[];
  /** Search found in the URL, if any (captured whatever the action). */
  readonly search: SearchQuery | null;
}

/** A decision on a URL or host that could be read. */
export interface ReadableDecision extends DecisionBase {
  readonly action: Action;
  readonly reason: Exclude<Reason, { code: 'unparseable' }>;
  /** Canonical URL (`https://host/` for a host-only request). */
  readonly url: string;
  readonly host: string;
  /** True when only the host was known (CONNECT, SNI, DNS): URL entries and search were not checked. */
  readonly hostOnly: boolean;
  /** The change that enforces safe search on this request, if one is needed. */
  readonly safeSearch: SafeSearchRewrite | null;
}

/** A decision on input that could not be read: always a block, with no URL or host. */
export interface UnparseableDecision extends DecisionBase {
  readonly action: 'block';
  readonly reason: { readonly code: 'unparseable'; readonly problem: UrlProblem };
  readonly url: null;
  readonly host: null;
  readonly hostOnly: boolean;
  readonly safeSearch: null;
}

/**
 * The engine's answer for one request.
 *
 * ### Examples
 * ```ts
 * const d = decide({ url: 'http://www.bad.example/x', groups: ['pupils'] }, context);
 * if (d.action === 'block') blockPage(d.reason, d.categories);
 * ```
 */
export type Decision = ReadableDecision | UnparseableDecision;
