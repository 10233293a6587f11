import { applyPolicyCells, type PolicyCell } from './apply-policy-cells.js';
import type { ExceptionDefinition, PolicyDefinition } from './policy-definition.js';

/**
 * What the console adds to the policy file's definition: category x group cells and
 * exceptions (each with its reason and optional expiry, as in the file).
 */
export interface PolicyOverlay {
  readonly cells: readonly PolicyCell[];
  readonly exceptions: readonly ExceptionDefinition[];
}

/** No console changes: the file's policy as it is. */
export const EMPTY_OVERLAY: PolicyOverlay = Object.freeze({ cells: [], exceptions: [] });

/**
 * The policy with the console's overlay applied: its cells over the file's rules
 * (`applyPolicyCells`) and its exceptions after the file's. The overlay can never make the
 * definition invalid, because the file may change under it: an exception whose id the file
 * already uses is left out (the file's wins), and groups the file no longer defines are
 * dropped from an exception's list; an exception left with none of its groups is left out
 * rather than widened to everyone. Mandatory categories stay blocked whatever an exception
 * says (`decide` checks them first). Expiry is the engine's: `expires` is honoured per
 * request. Pure.
 *
 * ### Examples
 * ```ts
 * applyPolicyOverlay(definition, {
 *   cells: [{ group: 'pupils', category: 'games', action: 'allow' }],
 *   exceptions: [{ id: 'console-1', match: 'mathsgames.example', action: 'allow', reason: 'Maths week', groups: ['pupils'] }],
 * });
 * ```
 */
export function applyPolicyOverlay(
  definition: PolicyDefinition,
  overlay: PolicyOverlay,
): PolicyDefinition {
  const withCells = applyPolicyCells(definition, overlay.cells);
  if (overlay.exceptions.length === 0) return withCells;
  const groups = new Set(definition.groups.map((g) => g.id));
  const taken = new Set(definition.exceptions.map((e) => e.id));
  const added: ExceptionDefinition[] = [];
  for (const exception of overlay.exceptions) {
    if (taken.has(exception.id)) continue;
    taken.add(exception.id);
    if (exception.groups === undefined) {
      added.push(exception);
      continue;
    }
    const known = exception.groups.filter((g) => groups.has(g));
    if (known.length === 0) continue;
    added.push(
      known.length === exception.groups.length ? exception : { ...exception, groups: known },
    );
  }
  return added.length === 0
    ? withCells
    : { ...withCells, exceptions: [...withCells.exceptions, ...added] };
}
