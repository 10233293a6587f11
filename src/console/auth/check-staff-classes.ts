import type { StaffRole } from '../../config/monitor-config.js';

/** Why a change was refused: the API's problem code, and the field it is about. */
export class StaffChangeError extends Error {
  override readonly name = 'StaffChangeError';
  constructor(
    readonly code: 'invalid' | 'forbidden' | 'conflict' | 'not-found',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A role's classes after a change or for a new account: only a teacher has any; each must
 * be a known group or one the account has already (ids trimmed, lower-cased, de-duplicated).
 * A role leaving `teacher` without new classes loses them. Throws `StaffChangeError`
 * (`invalid`, field `classes`) otherwise.
 *
 * ### Examples
 * ```ts
 * checkStaffClasses('teacher', ['7A', '7b'], [], new Set(['7a', '7b'])); // ['7a', '7b']
 * ```
 */
export function checkStaffClasses(
  role: StaffRole,
  requested: readonly string[] | undefined,
  current: readonly string[],
  known: ReadonlySet<string>,
): readonly string[] {
  if (role !== 'teacher') {
    if (requested !== undefined && requested.length > 0) {
      throw new StaffChangeError(
        'invalid',
        'classes',
        `only a teacher has classes; a ${role} sees every class their role allows`,
      );
    }
    return [];
  }
  if (requested === undefined) return current;
  const classes: string[] = [];
  for (const raw of requested) {
    const id = raw.trim().toLowerCase();
    if (id === '' || classes.includes(id)) continue;
    if (!known.has(id) && !current.includes(id)) {
      throw new StaffChangeError(
        'invalid',
        'classes',
        `'${id.slice(0, 40)}' is not a known group: choose a policy group or a class in the directory`,
      );
    }
    classes.push(id);
  }
  return classes;
}
