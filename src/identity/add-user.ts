import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LocalUser, PublicUser } from './local-user.js';
import { hashPassword } from './password-hash.js';
import { userKey } from './user-key.js';
import { loadUsersFile, parseUsersFile, UsersFileError } from './users-file.js';

/** A new user as the CLI collects it; the password is hashed here and then forgotten. */
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  readonly password: string;
  readonly disabled?: boolean;
}

/** Longest password accepted; argon2 pre-hashes it, so this only guards against garbage. */
const MAX_PASSWORD = 1024;

/**
 * Adds a user to the users file at `file`, creating the file (mode 0600) when it does not
 * exist. The existing file must be valid; the new entry is validated by the same rules as the
 * loader (it is parsed back before anything is written), and a name already present in any
 * case is refused. The write is atomic (temporary file, then rename), so a gateway reading
 * the file never sees half of it. Returns the user without the hash.
 *
 * Not safe against two writers at once: it is for the `schoolgate users add` command, which
 * an administrator runs by hand. Password strength is the school's policy, not checked here.
 *
 * ### Examples
 * ```ts
 * await addUser('/var/lib/schoolgate/users.json', {
 *   username: 'jdoe', displayName: 'J Doe', groups: ['teaching-staff'], password: 's3cret!',
 * }); // { username: 'jdoe', displayName: 'J Doe', groups: ['teaching-staff'] }
 * ```
 */
export async function addUser(file: string, input: NewUser): Promise<PublicUser> {
  const current = loadUsersFile(file);
  const username = input.username.normalize('NFC');
  if (current.get(userKey(username)) !== undefined) {
    throw new UsersFileError(file, [
      { index: null, username, field: 'username', message: 'a user with this name exists' },
    ]);
  }
  const password = input.password.normalize('NFC');
  if (password.length === 0 || password.length > MAX_PASSWORD) {
    throw new UsersFileError(file, [
      {
        index: null,
        username,
        field: 'password',
        message: `must be 1 to ${MAX_PASSWORD} characters`,
      },
    ]);
  }
  const entry: LocalUser = {
    username,
    displayName: input.displayName,
    groups: [...input.groups],
    passwordHash: await hashPassword(password),
    disabled: input.disabled ?? false,
  };
  const text = `${JSON.stringify([...current.users, entry], null, 2)}\n`;
  // Validate exactly what will be written, so a bad new entry cannot corrupt the file.
  const written = parseUsersFile(text, file);
  writeAtomically(file, text);
  const added = written.get(userKey(username))!;
  return Object.freeze({
    username: added.username,
    displayName: added.displayName,
    groups: added.groups,
  });
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
