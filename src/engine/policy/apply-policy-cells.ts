import type { Action } from './action.js';
import type { PolicyDefinition } from './policy-definition.js';

/** A category x group cell set in the console: one action, replacing the file's rule. */
export interface PolicyCell {
  readonly group: string;
  readonly category: string;
  readonly action: Action;
}

/**
 * The policy with the console's cells applied over the file's: each cell replaces its
 * group's rule for the category (a timed rule becomes one action). Cells for groups that
 * no longer exist are ignored; mandatory categories are not changed here (the engine blocks
 * them whatever a group says). Pure.
 *
 * ### Examples
 * ```ts
 * applyPolicyCells(definition, [{ group: 'pupils', category: 'games', action: 'allow' }]);
 * ```
 */
export function applyPolicyCells(
  definition: PolicyDefinition,
  cells: readonly PolicyCell[],
): PolicyDefinition {
  if (cells.length === 0) return definition;
  const byGroup = new Map<string, Record<string, Action>>();
  for (const cell of cells) {
    const group = byGroup.get(cell.group) ?? {};
    group[cell.category] = cell.action;
    byGroup.set(cell.group, group);
  }
  return {
    ...definition,
    groups: definition.groups.map((group) => {
      const changed = byGroup.get(group.id);
      return changed === undefined
        ? group
        : { ...group, categories: { ...group.categories, ...changed } };
    }),
  };
}
