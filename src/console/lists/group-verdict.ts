import type { Decision, ReasonCode } from '../../engine/decision/decision.js';
import { describeDecision } from '../../engine/decision/describe-decision.js';
import type { MatchedEntry } from '../../engine/index/category-index.js';
import type { Action } from '../../engine/policy/action.js';
import type { GroupDefinition } from '../../engine/policy/policy-definition.js';

/** A category with its plain name. */
export interface NamedCategory {
  readonly id: string;
  readonly label: string;
}

/** Where the rule that decided came from, for a decision by category. */
export interface RuleOrigin {
  /** `console`: a cell changed in the console; `file`: the policy file; `none`: no rule. */
  readonly source: 'console' | 'file' | 'none';
  readonly changedBy?: string;
  readonly changedMs?: number;
  readonly reason?: string;
}

/**
 * The decision for one group, for "test a URL".
 * NOTE: keep in sync with `GroupVerdict` in ui/src/api/lists-api.ts and API.md.
 */
export interface GroupVerdict {
  readonly group: { readonly id: string; readonly label: string };
  readonly action: Action;
  /** The engine's reason code (`category`, `mandatory`, `exception`, `phrase`...). */
  readonly reason: ReasonCode;
  /** One sentence for people: what happens and why, naming the list entry or phrase. */
  readonly summary: string;
  /** The engine's own explanation (as `schoolgate explain` prints it), line by line. */
  readonly explanation: readonly string[];
  /** The category that decided (list or phrases), if one did. */
  readonly category: NamedCategory | null;
  /** The list entry that decided (mandatory or category), if one did. */
  readonly entry: MatchedEntry | null;
  readonly exception: {
    readonly id: string;
    readonly match: string;
    readonly action: 'allow' | 'block';
    readonly reason: string;
    readonly expires: string | null;
    /** Who made it in the console (`console:username`), and when; null for the file's. */
    readonly madeBy: string | null;
    readonly madeMs: number | null;
  } | null;
  readonly phrases: {
    readonly phrases: readonly string[];
    readonly score: number;
    readonly limit: number;
    readonly banned: boolean;
  } | null;
  /** For a decision by category: whose rule it was (a console cell says who and why). */
  readonly rule: RuleOrigin | null;
}

/** A console cell as `loadPolicyCells` gives it. */
export interface CellNote {
  readonly category: string;
  readonly updatedBy: string;
  readonly updatedMs: number;
  readonly reason: string;
}

/** What the verdict names besides the decision: where rules and exceptions came from. */
export interface VerdictNotes {
  /** The group's cells set in the console, by category. */
  readonly cells: ReadonlyMap<string, CellNote>;
  /** Exceptions made in the console, by id. */
  readonly exceptions: ReadonlyMap<
    string,
    { readonly createdBy: string; readonly createdMs: number }
  >;
  /** The group as the policy file defines it (absent: the file has no such group). */
  readonly fileGroup: GroupDefinition | undefined;
  readonly nameOf: (category: string) => NamedCategory;
}

const ACTION_WORDS: Readonly<Record<Action, string>> = {
  allow: 'Allowed',
  block: 'Blocked',
  warn: 'Warned (they may continue)',
  alert: 'Allowed, with a safeguarding alert',
};

/**
 * Turns the engine's decision for one group into what the Lists page shows: the action, a
 * sentence in plain words, the engine's own explanation, and what matched (list entry,
 * category, exception or phrases), with the console cell behind a category rule.
 *
 * ### Examples
 * ```ts
 * groupVerdict(decide({ url, groups: ['pupils'] }, context), pupils, notes);
 * // { action: 'block', summary: 'Blocked: play.test is in Games (list entry play.test in games), and the rule for Games in Pupils is block.', ... }
 * ```
 */
export function groupVerdict(
  decision: Decision,
  group: GroupDefinition,
  notes: VerdictNotes,
): GroupVerdict {
  const { cells, fileGroup, nameOf } = notes;
  const reason = decision.reason;
  const base = {
    group: { id: group.id, label: group.label },
    action: decision.action,
    reason: reason.code,
    explanation: describeDecision(decision).slice(1),
    category: null,
    entry: null,
    exception: null,
    phrases: null,
    rule: null,
  };
  const doing = ACTION_WORDS[decision.action];
  const host = decision.host ?? 'The address';
  const entryWords = (entry: MatchedEntry) =>
    `list entry ${entry.key} in ${entry.sources.join(', ')}`;
  switch (reason.code) {
    case 'mandatory': {
      const category = nameOf(reason.category);
      return {
        ...base,
        category,
        entry: reason.entry,
        summary: `Blocked for everyone: ${host} is on the ${category.label} list (${entryWords(reason.entry)}); no policy or exception can allow it.`,
      };
    }
    case 'exception': {
      const e = reason.exception;
      const made = notes.exceptions.get(e.id);
      const which =
        made === undefined
          ? `the school's exception "${e.id}"`
          : `an exception made in the console by ${made.createdBy.replace(/^console:/, '')}`;
      return {
        ...base,
        exception: {
          id: e.id,
          match: e.match,
          action: e.action,
          reason: e.reason,
          expires: e.expires ?? null,
          madeBy: made?.createdBy ?? null,
          madeMs: made?.createdMs ?? null,
        },
        summary: `${doing} by ${which} for ${e.match}${reason.scope === 'group' ? ` (for ${group.label})` : ''}: ${e.reason}${e.expires ? ` (until ${e.expires})` : ''}.`,
      };
    }
    case 'category': {
      const category = nameOf(reason.category);
      const cell = cells.get(reason.category);
      const rule: RuleOrigin =
        cell !== undefined
          ? {
              source: 'console',
              changedBy: cell.updatedBy,
              changedMs: cell.updatedMs,
              reason: cell.reason,
            }
          : fileGroup?.categories[reason.category] !== undefined
            ? { source: 'file' }
            : { source: 'none' };
      const ruleWords = reason.ruled
        ? `the rule for ${category.label} in ${group.label} is ${decision.action}${reason.when ? ` (${reason.when.replace(':', ' ')})` : ''}${cell === undefined ? '' : ', set in the console'}`
        : `${group.label} has no rule for ${category.label}, so it is allowed`;
      return {
        ...base,
        category,
        entry: reason.entry,
        rule,
        summary: `${doing}: ${host} is in ${category.label} (${entryWords(reason.entry)}), and ${ruleWords}.`,
      };
    }
    case 'phrase': {
      const category = nameOf(reason.category);
      const quoted = reason.phrases.map((p) => `"${p}"`).join(', ');
      return {
        ...base,
        category,
        phrases: {
          phrases: reason.phrases,
          score: reason.score,
          limit: reason.limit,
          banned: reason.banned,
        },
        summary: `${doing}: the search words matched ${category.label} phrases (${quoted}), ${reason.banned ? 'a banned phrase' : `scoring ${reason.score} against the limit of ${reason.limit} for ${group.label}`}.`,
      };
    }
    case 'ip-literal':
      return {
        ...base,
        summary: `${doing}: ${host} is a bare IP address, and the rule for those in ${group.label} is ${decision.action}.`,
      };
    case 'uncategorised':
      return {
        ...base,
        summary: `${doing}: ${host} is on no list${decision.categories.length > 0 ? ' that decides here' : ''}, so the default for ${group.label} (${decision.action}) applies.`,
      };
    case 'unparseable':
      return { ...base, summary: `Blocked: the address could not be read (${reason.problem}).` };
    case 'override':
    case 'tunnel-refused':
      return { ...base, summary: `${doing}: ${describeDecision(decision)[1] ?? ''}` };
  }
}
