import type { ApiProblem } from '../api/api-problem.js';

/** A form's messages by field name; a field with none is absent. */
export type FieldMessages = Readonly<Record<string, string>>;

/**
 * Splits an API problem into messages beside the form's fields and the rest. The server
 * names fields as the API does (`displayName`, `classes`, `groups.0`): an entry's path up
 * to its first dot picks the field, so a list item's problem shows beside the list.
 * Problems about no field of this form (a conflict, no permission, a lost session) are
 * left for the top of the form.
 *
 * ### Examples
 * ```ts
 * const { fields, unplaced } = fieldErrorsOf(problem, ['username', 'groups']);
 * ```
 */
export function fieldErrorsOf(
  problem: ApiProblem,
  fieldNames: readonly string[],
): { readonly fields: FieldMessages; readonly unplaced: boolean } {
  const fields: Record<string, string> = {};
  let unplaced = problem.errors.length === 0;
  for (const error of problem.errors) {
    const field = error.path.split('.')[0] ?? '';
    if (fieldNames.includes(field)) {
      fields[field] =
        fields[field] === undefined ? error.message : `${fields[field]}; ${error.message}`;
    } else {
      unplaced = true;
    }
  }
  return { fields, unplaced };
}
