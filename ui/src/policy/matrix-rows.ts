import type { PolicyMatrix, PolicyRule } from '../api/policy-api.js';

/** One category's row of the grid: its rule for each group, in the matrix's group order. */
export interface MatrixRow {
  readonly category: PolicyMatrix['categories'][number];
  /** `undefined` where the server sent no rule (it always should; the cell then says so). */
  readonly rules: readonly (PolicyRule | undefined)[];
}

/**
 * The matrix turned the way the grid shows it: categories as rows, groups as columns (the
 * API sends one list of rules per group). Rows follow `categories`, columns `groups`.
 *
 * ### Examples
 * ```ts
 * matrixRows(matrix)[0]?.rules[1]?.action; // the first category's action for the second group
 * ```
 */
export function matrixRows(matrix: PolicyMatrix): readonly MatrixRow[] {
  const byGroup = new Map(
    matrix.cells.map((cell) => [cell.group, new Map(cell.rules.map((r) => [r.category, r]))]),
  );
  return matrix.categories.map((category) => ({
    category,
    rules: matrix.groups.map((group) => byGroup.get(group.id)?.get(category.id)),
  }));
}
