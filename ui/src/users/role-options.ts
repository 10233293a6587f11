import type { StaffRole } from '../api/users-api.js';
import { ROLE_LABELS } from '../labels/role-labels.js';

/** The staff roles in the order the forms offer them, each with its words. */
export const STAFF_ROLE_OPTIONS: readonly { readonly value: StaffRole; readonly label: string }[] =
  (['teacher', 'dsl', 'deputy_dsl', 'head', 'bursar', 'it_admin', 'governor'] as const).map(
    (role) => ({ value: role, label: ROLE_LABELS[role] }),
  );

/** A role's words, or the id itself for a role this UI does not know. */
export function roleLabel(role: string | null): string {
  if (role === null) return 'Pupil';
  return (ROLE_LABELS as Readonly<Record<string, string>>)[role] ?? role;
}
