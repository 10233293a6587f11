import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LocalUser, UserLookup } from './local-user.js';
import { checkPasswordHash } from './password-hash.js';
import { userKey } from './user-key.js';

/**
 * The local users of a gateway, read from `<dataDir>/users.json` until the store holds users.
 * It is a `UserLookup` (`get(userKey(name))`), so it plugs straight into the authenticator.
 */
export interface UsersFile extends UserLookup {
  readonly path: string;
  /** False when the file does not exist yet (a fresh install): there are no users. */
  readonly exists: boolean;
  readonly users: readonly LocalUser[];
  get(key: string): LocalUser | undefined;
}

/** One problem in a users file: the entry's index, its username when readable, the field. */
export interface UsersFileProblem {
  readonly index: number | null;
  readonly username: string | null;
  readonly field: string | null;
  readonly message: string;
}

/** Thrown when a users file cannot be used; lists every problem, and never quotes a hash. */
export class UsersFileError extends Error {
  readonly code = 'SG_ERR_USERS_FILE_INVALID';
  readonly path: string;
  readonly problems: readonly UsersFileProblem[];
  constructor(path: string, problems: readonly UsersFileProblem[]) {
    const lines = problems.map((p) => {
      const where =
        p.index === null
          ? ''
          : `entry ${p.index}${p.username === null ? '' : ` (${JSON.stringify(p.username)})`}`;
      const field = p.field === null ? '' : `${where === '' ? '' : ' '}${p.field}`;
      return `  ${where}${field}${where + field === '' ? '' : ': '}${p.message}`;
    });
    super(`users file ${path} is invalid:\n${lines.join('\n')}`);
    this.name = 'UsersFileError';
    this.path = path;
    this.problems = problems;
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const GROUP_ID = /^[a-z0-9][a-z0-9_-]*$/;

/** A sign-in name: what a browser can send in Basic credentials, kept readable. */
export const usernameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .refine((s) => !s.includes(':'), 'must not contain ":" (Basic authentication splits on it)')
  .refine((s) => !CONTROL.test(s), 'must not contain control characters')
  .refine((s) => s.trim() === s, 'must not start or end with spaces')
  .refine((s) => s.normalize('NFC') === s, 'must be in Unicode NFC form');

const userEntry = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1, 'must not be empty').max(200),
  groups: z.array(
    z.string().regex(GROUP_ID, 'use a group id: lower-case letters, digits, - and _'),
  ),
  passwordHash: z.string().superRefine((hash, ctx) => {
    const problem = checkPasswordHash(hash);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  }),
  disabled: z.boolean().default(false),
});

const usersArray = z.array(z.unknown(), 'must be a JSON array of users');

/**
 * Validates the text of a users file. `source` names it in errors. Throws `UsersFileError`
 * listing every problem: the entry index, the username when it can be read, and the field.
 * Two entries whose names differ only in case are an error (see `userKey`).
 *
 * ### Examples
 * ```ts
 * const file = parseUsersFile('[]', 'users.json'); // no users
 * parseUsersFile('[{"username":"jdoe"}]', 'users.json');
 * // UsersFileError: entry 0 ("jdoe") displayName: Invalid input: expected string, ...
 * ```
 */
export function parseUsersFile(text: string, source: string): UsersFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Node's JSON error may quote the text near the fault (`Unexpected token '}', "..." is not
    // valid JSON`), which may be a hash: keep only the part before the quote, and the position.
    const message = (error as Error).message;
    const what = message.split(', "')[0]!.slice(0, 120);
    const at = /position (\d+)/.exec(message)?.[1];
    const where = at === undefined ? '' : `, ${lineAndColumn(text, Number(at))}`;
    throw new UsersFileError(source, [
      problem(null, null, null, `not valid JSON (${what}${where})`),
    ]);
  }
  const top = usersArray.safeParse(json);
  if (!top.success) {
    throw new UsersFileError(source, [problem(null, null, null, 'must be a JSON array of users')]);
  }
  const problems: UsersFileProblem[] = [];
  const users: LocalUser[] = [];
  const byKey = new Map<string, { user: LocalUser; index: number }>();
  top.data.forEach((raw, index) => {
    const name = readableUsername(raw);
    const parsed = userEntry.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = 'keys' in issue ? (issue.keys as string[]) : [];
        const field = [...issue.path, ...keys].map(String).join('.') || null;
        problems.push(problem(index, name, field, issue.message));
      }
      return;
    }
    const user: LocalUser = Object.freeze({
      ...parsed.data,
      groups: Object.freeze([...parsed.data.groups]),
    });
    const key = userKey(user.username);
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      problems.push(
        problem(index, name, 'username', `same user as entry ${earlier.index} (case is ignored)`),
      );
      return;
    }
    byKey.set(key, { user, index });
    users.push(user);
  });
  if (problems.length > 0) throw new UsersFileError(source, problems);
  return Object.freeze({
    path: source,
    exists: true,
    users: Object.freeze(users),
    get: (key: string) => byKey.get(key)?.user,
  });
}

/**
 * Reads and validates the users file at `path`. A missing file is a fresh install with no
 * users (`exists: false`), not an error; any other read failure throws `UsersFileError`.
 *
 * ### Examples
 * ```ts
 * const users = loadUsersFile(join(config.dataDir, 'users.json'));
 * const auth = createProxyAuthenticator({ users, now: Date.now });
 * ```
 */
export function loadUsersFile(path: string): UsersFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return Object.freeze({ path, exists: false, users: Object.freeze([]), get: () => undefined });
    }
    throw new UsersFileError(path, [problem(null, null, null, `cannot read: ${code ?? error}`)]);
  }
  return parseUsersFile(text, path);
}

function problem(
  index: number | null,
  username: string | null,
  field: string | null,
  message: string,
): UsersFileProblem {
  return { index, username, field, message };
}

/** The entry's username if it is a short string, to make messages findable in the file. */
function readableUsername(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const name = (raw as { username?: unknown }).username;
  return typeof name === 'string' && name.length <= 256 ? name : null;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
