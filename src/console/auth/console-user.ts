import type { Selectable } from 'kysely';
import type { StaffRole } from '../../config/monitor-config.js';
import type { ConsoleUsersTable } from '../../store/schema.js';

/** A member of staff as the console sees them: never the password hash or TOTP secret. */
export interface ConsoleUser {
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly role: StaffRole;
  readonly classes: readonly string[];
  readonly totpEnabled: boolean;
  readonly disabled: boolean;
}

export function consoleUserFromRow(row: Selectable<ConsoleUsersTable>): ConsoleUser {
  return {
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role as StaffRole,
    classes: JSON.parse(row.classes) as string[],
    totpEnabled: row.totp_secret !== null,
    disabled: row.disabled === 1,
  };
}
