import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig, resolveConfigPath } from '../../config/load-config.js';
import { addUser } from '../../identity/add-user.js';
import { dataDir } from '../../lists/compile-sources.js';
import { recordChange } from '../record-change.js';

/**
 * `schoolgate users add <username> --group g [--name "Full Name"]`: adds a local user for
 * proxy authentication. The password is read from standard input (one line), never from the
 * command line, where other users of the machine could see it.
 */
export async function addUserCommand(
  username: string,
  options: { config?: string; group: string[]; name?: string },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const groups = options.group
    .flatMap((g) => g.split(','))
    .map((g) => g.trim())
    .filter(Boolean);
  const known = new Set(loaded.config.policy.groups.map((g) => g.id));
  const unknown = groups.filter((g) => !known.has(g));
  if (groups.length === 0) throw new Error('give at least one --group');
  if (unknown.length > 0)
    throw new Error(`unknown group(s): ${unknown.join(', ')} (groups: ${[...known].join(', ')})`);
  const password = await readLine('password: ');
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
