import type { Decision } from '../engine/decision/decision.js';
import { REASON_LABELS } from '../engine/decision/decision.js';

/**
 * The stable JSON shape `schoolgate decide` writes for each request (documented in
 * docs/decide.md). Fields are only ever added, never renamed or removed.
 */
export interface DecisionJson {
  readonly action: Decision['action'];
  readonly categories: readonly string[];
  /** Reason code (`category`, `exception`, `mandatory`, `phrase`, ...). */
  readonly reason: string;
  /** The reason in plain words. */
  readonly because: string;
  /** The reason's particulars: category, matched entry, exception, phrases, problem. */
  readonly detail: Record<string, unknown>;
  readonly group: string;
  readonly user?: string;
  readonly host: string | null;
  readonly url: string | null;
  readonly searchTerms: string | null;
  readonly searchEngine: string | null;
  readonly safeSearch: {
    readonly url: string | null;
    readonly headers: Record<string, string>;
  } | null;
  readonly matches: readonly {
    kind: string;
    key: string;
    categories: readonly string[];
    sources: readonly string[];
  }[];
}

/** Converts a decision to its JSON line form. */
export function decisionToJson(decision: Decision, user?: string): DecisionJson {
  const { code, ...detail } = decision.reason;
  return {
    action: decision.action,
    categories: decision.categories,
    reason: code,
    because: REASON_LABELS[code],
    detail,
    group: decision.group,
    ...(user === undefined ? {} : { user }),
    host: decision.host,
    url: decision.url,
    searchTerms: decision.search?.terms ?? null,
    searchEngine: decision.search?.engine ?? null,
    safeSearch:
      decision.safeSearch === null
        ? null
        : {
            url: decision.safeSearch.url,
            headers: Object.fromEntries(decision.safeSearch.headers),
          },
    matches: decision.matches.map((m) => ({
      kind: m.kind,
      key: m.key,
      categories: m.categories,
      sources: m.sources,
    })),
  };
}
