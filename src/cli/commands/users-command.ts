import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type LoadedConfig, loadConfig, resolveConfigPath } from '../../config/load-config.js';
import type { StaffRole } from '../../config/monitor-config.js';
import { ConsoleUserError, createConsoleUser } from '../../console/auth/create-console-user.js';
import { enrolTotp } from '../../console/auth/enrol-totp.js';
import { addUser } from '../../identity/add-user.js';
import { dataDir } from '../../lists/compile-sources.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { recordChange } from '../record-change.js';

/**
 * `schoolgate users add <username> --group g [--name "Full Name"]`: adds a local user for
 * proxy authentication. The password is read from standard input (one line), never from the
 * command line, where other users of the machine could see it.
 */
export async function addUserCommand(
  username: string,
  options: {
    config?: string;
    group: string[];
    name?: string;
    role?: string;
    email?: string;
    classes?: string;
  },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const groups = options.group
    .flatMap((g) => g.split(','))
    .map((g) => g.trim())
    .filter(Boolean);
  const known = new Set(loaded.config.policy.groups.map((g) => g.id));
  const unknown = groups.filter((g) => !known.has(g));
  if (groups.length === 0 && options.role === undefined) {
    throw new Error('give --group (a proxy user), --role (a console user), or both');
  }
  if (unknown.length > 0)
    throw new Error(`unknown group(s): ${unknown.join(', ')} (groups: ${[...known].join(', ')})`);
  const password = await readLine('password: ');
  if (options.role !== undefined) {
    await addConsoleUser(loaded, username, password, options);
    if (groups.length === 0) return;
  }
  const file =
    loaded.config.identity.usersFile === undefined
      ? join(dataDir(loaded), 'users.json')
      : resolveConfigPath(loaded, loaded.config.identity.usersFile);
  const user = await addUser(file, {
    username,
    displayName: options.name ?? username,
    groups,
    password,
  });
  process.stdout.write(`added ${user.username} (${user.groups.join(', ')}) to ${file}\n`);
  await recordChange(loaded, {
    action: 'user.add',
    targetKind: 'role',
    target: user.username,
    details: { groups: user.groups },
  });
}

/**
 * `schoolgate users totp <username>`: sets up (or replaces) a console user's second factor
 * and prints the secret and `otpauth://` URI to enter in their authenticator app.
 */
export async function userTotpCommand(username: string, options: { config?: string }) {
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const { secret, uri } = await enrolTotp(
      store.db,
      username.trim().toLowerCase(),
      loaded.config.school.name,
      cliActor(),
      Date.now,
    );
    process.stdout.write(
      `Second factor set up for ${username}. In the authenticator app, scan or paste:\n  ${uri}\nor enter the key by hand: ${secret}\nFrom now on, signing in to the console asks for the 6-digit code.\n`,
    );
  } finally {
    await store.close();
  }
}

/** A member of staff for the console, in the store (audited there). */
async function addConsoleUser(
  loaded: LoadedConfig,
  username: string,
  password: string,
  options: { name?: string; role?: string; email?: string; classes?: string },
): Promise<void> {
  const store = await openConfiguredStore(loaded);
  try {
    const user = await createConsoleUser(
      store.db,
      {
        username,
        displayName: options.name ?? username,
        email: options.email ?? null,
        role: options.role as StaffRole,
        classes: (options.classes ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        password,
      },
      cliActor(),
      Date.now,
    );
    process.stdout.write(
      `added ${user.username} (${user.role}) to the console: sign in at http://<this host>:${loaded.config.console.listen.port}/\n`,
    );
  } catch (error) {
    if (error instanceof ConsoleUserError) throw new Error(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

function readLine(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    if (process.stdin.isTTY) process.stderr.write(prompt);
    const lines = createInterface({ input: process.stdin });
    lines.once('line', (line) => {
      resolve(line); // before close(), which emits 'close' at once
      lines.close();
    });
    lines.once('close', () => resolve(''));
  });
}
