import { MANDATORY_CATEGORIES } from '../categories/category-catalogue.js';
import { EngineError } from '../engine-error.js';
import { buildCategoryIndex } from '../index/build-category-index.js';
import type { CategoryIndex } from '../index/category-index.js';
import { loadCategoryIndex } from '../index/load-category-index.js';
import type { ListEntry } from '../lists/list-entry.js';
import { parseList } from '../lists/parse-list.js';
import type { Action } from './action.js';
import { createLocalClock, isKnownTimezone, type LocalTime } from './local-clock.js';
import type {
  CategoryRule,
  ExceptionDefinition,
  GroupDefinition,
  PolicyDefinition,
  TimedAction,
} from './policy-definition.js';
import { compileSchedule, isScheduleActive, type Schedule } from './schedule.js';

/** A group's rule resolved for one moment: the action and, when timed, the schedule that chose it. */
export interface ResolvedRule {
  readonly action: Action;
  /** `during:lunchtime` / `outside:school-day` when a timed rule applied; null for a plain rule. */
  readonly when: string | null;
}

/** An exception that applies to a request. */
export interface AppliedException {
  readonly exception: ExceptionDefinition;
  /** `global` or the group it was set for. */
  readonly scope: 'global' | 'group';
}

/** A policy compiled for fast decisions. Built by `compilePolicy`; immutable. */
export interface Policy {
  readonly kind: 'Policy';
  readonly definition: PolicyDefinition;
  readonly groups: ReadonlyMap<string, GroupDefinition>;
  /** The first of `memberOf` in priority order, else the default group. */
  resolveGroup(memberOf: readonly string[] | undefined): GroupDefinition;
  isMandatory(category: string): boolean;
  /** The group's rule for a category at `now`, or null when the group says nothing of it. */
  ruleFor(group: GroupDefinition, category: string, now: number): ResolvedRule | null;
  /** The exception that applies to this host and path for the group at `now`, if any. */
  findException(
    group: GroupDefinition,
    host: string,
    path: string,
    now: number,
  ): AppliedException | null;
}

/**
 * Checks and compiles a policy definition. Throws `SG_ERR_POLICY_INVALID` naming the first
 * problem (unknown time zone, default group or schedule, duplicate group, bad exception).
 *
 * ### Examples
 * ```ts
 * const policy = compilePolicy(definition);
 * const pupils = policy.resolveGroup(['pupils']);
 * policy.ruleFor(pupils, 'games', Date.now())?.action; // 'allow' at lunchtime, else 'block'
 * ```
 */
export function compilePolicy(definition: PolicyDefinition): Policy {
  const invalid = (problem: string) => EngineError.create('SG_ERR_POLICY_INVALID', problem);
  if (!isKnownTimezone(definition.timezone)) {
    throw invalid(`unknown time zone '${definition.timezone}'`);
  }
  const groups = new Map<string, GroupDefinition>();
  for (const group of definition.groups) {
    if (groups.has(group.id)) throw invalid(`group '${group.id}' is defined twice`);
    groups.set(group.id, group);
  }
  const defaultGroup = groups.get(definition.defaultGroup);
  if (defaultGroup === undefined) {
    throw invalid(`default group '${definition.defaultGroup}' is not one of the groups`);
  }
  const schedules = new Map<string, Schedule>();
  for (const [name, schedule] of Object.entries(definition.schedules)) {
    try {
      schedules.set(name, compileSchedule(name, schedule));
    } catch (error) {
      throw invalid((error as Error).message);
    }
  }
  for (const group of definition.groups) checkScheduleNames(group, schedules, invalid);
  const mandatory = new Set([...MANDATORY_CATEGORIES, ...definition.mandatoryCategories]);
  const exceptions = compileExceptions(definition.exceptions, groups, invalid);
  const toLocal = createLocalClock(definition.timezone);

  const scheduleActive = (name: string, local: LocalTime) =>
    isScheduleActive(schedules.get(name)!, local, definition.terms);

  return Object.freeze({
    kind: 'Policy' as const,
    definition,
    groups,
    resolveGroup(memberOf: readonly string[] | undefined): GroupDefinition {
      if (memberOf !== undefined && memberOf.length > 0) {
        for (const group of definition.groups) {
          if (memberOf.includes(group.id)) return group;
        }
      }
      return defaultGroup;
    },
    isMandatory: (category: string) => mandatory.has(category),
    ruleFor(group: GroupDefinition, category: string, now: number): ResolvedRule | null {
      const rule = group.categories[category];
      if (rule === undefined) return null;
      if (typeof rule === 'string') return { action: rule, when: null };
      return resolveTimedRule(rule, toLocal(now), scheduleActive);
    },
    findException(
      group: GroupDefinition,
      host: string,
      path: string,
      now: number,
    ): AppliedException | null {
      return findApplicableException(exceptions, group.id, host, path, now);
    },
  });
}

function resolveTimedRule(
  rule: readonly TimedAction[],
  local: LocalTime,
  scheduleActive: (name: string, local: LocalTime) => boolean,
): ResolvedRule | null {
  for (const timed of rule) {
    if (timed.during !== undefined) {
      if (scheduleActive(timed.during, local))
        return { action: timed.action, when: `during:${timed.during}` };
    } else if (timed.outside !== undefined) {
      if (!scheduleActive(timed.outside, local))
        return { action: timed.action, when: `outside:${timed.outside}` };
    } else {
      return { action: timed.action, when: null };
    }
  }
  return null;
}

function checkScheduleNames(
  group: GroupDefinition,
  schedules: ReadonlyMap<string, Schedule>,
  invalid: (problem: string) => Error,
): void {
  for (const [category, rule] of Object.entries(group.categories) as [string, CategoryRule][]) {
    if (typeof rule === 'string') continue;
    for (const timed of rule) {
      const name = timed.during ?? timed.outside;
      if (name !== undefined && !schedules.has(name)) {
        throw invalid(`group '${group.id}', category '${category}': unknown schedule '${name}'`);
      }
    }
  }
}

interface CompiledExceptions {
  readonly index: CategoryIndex;
  readonly byId: ReadonlyMap<string, CompiledException>;
}

interface CompiledException {
  readonly definition: ExceptionDefinition;
  readonly expiresAt: number;
  readonly groups: ReadonlySet<string> | null;
}

/**
 * Exceptions are matched with the same index code as category lists (label and segment
 * boundaries, most specific first): each exception is an entry whose category is its id.
 */
function compileExceptions(
  definitions: readonly ExceptionDefinition[],
  groups: ReadonlyMap<string, GroupDefinition>,
  invalid: (problem: string) => Error,
): CompiledExceptions {
  const byId = new Map<string, CompiledException>();
  const lists: {
    category: string;
    source: { name: string; sha256: string; entries: number; rejected: number };
    entries: ListEntry[];
  }[] = [];
  for (const definition of definitions) {
    if (byId.has(definition.id)) throw invalid(`exception '${definition.id}' is defined twice`);
    const parsed = parseList(definition.match, {
      source: `exception ${definition.id}`,
      format: 'urls',
    });
    const entry = parsed.entries[0];
    if (entry === undefined) {
      const problem = parsed.rejected[0]?.problem ?? 'nothing to match';
      throw invalid(`exception '${definition.id}': '${definition.match}': ${problem}`);
    }
    const expiresAt =
      definition.expires === undefined ? Number.POSITIVE_INFINITY : Date.parse(definition.expires);
    if (Number.isNaN(expiresAt))
      throw invalid(`exception '${definition.id}': expiry is not a date`);
    for (const group of definition.groups ?? []) {
      if (!groups.has(group))
        throw invalid(`exception '${definition.id}': unknown group '${group}'`);
    }
    byId.set(definition.id, {
      definition,
      expiresAt,
      groups: definition.groups === undefined ? null : new Set(definition.groups),
    });
    lists.push({
      category: definition.id,
      source: { name: `exception ${definition.id}`, sha256: '', entries: 1, rejected: 0 },
      entries: [entry],
    });
  }
  const index = loadCategoryIndex(buildCategoryIndex({ builtAt: 0, lists }));
  return { index, byId };
}

/**
 * The most specific matching exception wins; at equal specificity a group's own exception
 * beats a global one, and block beats allow (a deliberate block is never undone by accident).
 */
function findApplicableException(
  compiled: CompiledExceptions,
  groupId: string,
  host: string,
  path: string,
  now: number,
): AppliedException | null {
  if (compiled.byId.size === 0) return null;
  const match = compiled.index.lookup(host, path);
  if (match === null) return null;
  for (const entry of match.entries) {
    let best: AppliedException | null = null;
    for (const id of entry.categories) {
      const candidate = compiled.byId.get(id)!;
      if (now >= candidate.expiresAt) continue;
      if (candidate.groups !== null && !candidate.groups.has(groupId)) continue;
      const applied: AppliedException = {
        exception: candidate.definition,
        scope: candidate.groups === null ? 'global' : 'group',
      };
      if (best === null || outranks(applied, best)) best = applied;
    }
    if (best !== null) return best;
  }
  return null;
}

function outranks(a: AppliedException, b: AppliedException): boolean {
  if (a.scope !== b.scope) return a.scope === 'group';
  return a.exception.action === 'block' && b.exception.action === 'allow';
}
