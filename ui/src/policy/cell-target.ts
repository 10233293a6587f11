import type { PolicyMatrix, PolicyRule } from '../api/policy-api.js';

/** The cell a change is for: its category and group (ids and labels) and its rule now. */
export interface CellTarget {
  readonly category: PolicyMatrix['categories'][number];
  readonly group: PolicyMatrix['groups'][number];
  readonly rule: PolicyRule;
}
