import type { Reason } from '../engine/decision/decision.js';
import type { ReasonDetail } from './reason-detail.js';
import { WEB_EVENT_LIMITS as LIMITS } from './web-event-limits.js';

/**
 * Reduces an engine `Reason` to the flat `ReasonDetail` an event stores (see that type for
 * which keys each code keeps). `exempt` marks an inspection-exempt host, whose path and
 * search must not leak through a URL list key or matched phrases.
 *
 * ### Examples
 * ```ts
 * toReasonDetail({ code: 'exception', exception, scope: 'group' }, false);
 * // { exceptionId: 'maths-games', exceptionScope: 'group' }
 * ```
 */
export function toReasonDetail(reason: Reason, exempt: boolean): ReasonDetail {
  switch (reason.code) {
    case 'unparseable':
      return { problem: reason.problem };
    case 'mandatory':
      return {
        category: reason.category.slice(0, LIMITS.category),
        listKind: reason.entry.kind,
        listSources: reason.entry.sources.slice(0, LIMITS.listSources),
      };
    case 'exception':
      return { exceptionId: reason.exception.id, exceptionScope: reason.scope };
    case 'category': {
      const hideKey = exempt && reason.entry.kind === 'url';
      return {
        category: reason.category.slice(0, LIMITS.category),
        listKind: reason.entry.kind,
        ...(hideKey ? {} : { listKey: reason.entry.key }),
        listSources: reason.entry.sources.slice(0, LIMITS.listSources),
        ruled: reason.ruled,
        ...(reason.when === null ? {} : { when: reason.when }),
      };
    }
    case 'phrase':
      return {
        category: reason.category.slice(0, LIMITS.category),
        score: reason.score,
        limit: reason.limit,
        banned: reason.banned,
        ...(exempt ? {} : { phrases: keepPhrases(reason.phrases) }),
        ...(exempt || reason.snippet === undefined
          ? {}
          : { snippet: reason.snippet.slice(0, LIMITS.snippet) }),
      };
    case 'tunnel-refused':
      return { tunnel: reason.why };
    case 'override':
    case 'ip-literal':
    case 'uncategorised':
      return {};
  }
}

function keepPhrases(phrases: readonly string[]): readonly string[] {
  const kept: string[] = [];
  for (let i = 0; i < phrases.length && i < LIMITS.phrases; i++) {
    kept.push(phrases[i]!.slice(0, LIMITS.phrase));
  }
  return kept;
}
