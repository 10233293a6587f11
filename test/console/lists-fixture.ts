/**
 * A console with category lists, for the Lists page's tests: list files named relative to
 * the config file (as a school writes them), a mandatory list, a phrase list, a feed that
 * `lists update` downloaded (its address carries credentials the page must not show), an
 * exception, and two groups (Staff, Pupils). The index is compiled when the test says so,
 * as the gateway would, so a test can see the page before and after.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import type { StaffRole } from '../../src/config/monitor-config.js';
import { createConsoleUser } from '../../src/console/auth/create-console-user.js';
import { type RunningConsole, startConsole } from '../../src/console/start-console.js';
import { type CompileReport, compileIndexFile } from '../../src/lists/compile-sources.js';
import type { StoreDialect } from '../../src/store/store-dialect.js';
import { freshDatabase } from '../support/store-dialects.js';
import { PASSWORD } from './console-fixture.js';

/** When the fixture's index says it was built. */
export const BUILT_MS = Date.UTC(2026, 10, 23, 7, 30);
/** When the feed was downloaded, as `lists update` recorded it. */
export const FETCHED = '2026-11-22T06:00:00.000Z';

/** Staff of every role (username, role). */
export const LIST_STAFF: readonly (readonly [string, StaffRole])[] = [
  ['dsl', 'dsl'],
  ['deputy', 'deputy_dsl'],
  ['it', 'it_admin'],
  ['head', 'head'],
  ['smith', 'teacher'],
  ['governor', 'governor'],
  ['bursar', 'bursar'],
];

export interface ListsConsole {
  readonly url: string;
  readonly running: RunningConsole;
  /** The folder holding the config file and its `lists/`. */
  readonly dir: string;
  readonly configFile: string;
  /** The compiled index the console reads. */
  readonly indexPath: string;
  /** Compiles the lists into the index the console reads, as the gateway does on start. */
  compile(): Promise<CompileReport>;
  close(): Promise<void>;
}

export async function startListsConsole(dialect: StoreDialect): Promise<ListsConsole> {
  const { url: databaseUrl, dataDir } = await freshDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'sg-lists-'));
  mkdirSync(join(dir, 'lists'));
  writeFileSync(join(dir, 'lists', 'games.txt'), 'play.test\nwww.arcade.test\n');
  writeFileSync(join(dir, 'lists', 'gambling.txt'), 'bet.test\n# a comment\n');
  writeFileSync(join(dir, 'lists', 'iwf.txt'), 'illegal.test\n');
  writeFileSync(
    join(dir, 'lists', 'social.txt'),
    'chatter.test\nfriends.test\nphotos.test\nstatus.test\nphotos.test/share\n',
  );
  writeFileSync(
    join(dir, 'lists', 'phrases.txt'),
    '#listcategory: "gambling"\n<poker night><60>\n',
  );
  // A feed `schoolgate lists update` downloaded, with the time it recorded.
  mkdirSync(join(dataDir, 'feeds'));
  writeFileSync(join(dataDir, 'feeds', 'phishing-feed.list'), 'phish.test\nfake-bank.test\n');
  writeFileSync(
    join(dataDir, 'feeds', 'phishing-feed.list.meta.json'),
    JSON.stringify({ fetchedAt: FETCHED }),
  );
  const configFile = join(dir, 'schoolgate.yaml');
  writeFileSync(
    configFile,
    `dataDir: ${dataDir}
database: { url: '${databaseUrl}' }
monitor: { enabled: false }
categories:
  - { id: homework-help, label: Homework help }
lists:
  sources:
    - { type: list, name: games, category: games, path: lists/games.txt }
    - { type: list, name: gambling, category: gambling, format: domains, path: lists/gambling.txt }
    - { type: list, name: iwf, category: iwf-child-abuse, path: lists/iwf.txt }
    - { type: list, name: social, category: social-networking, path: lists/social.txt }
    - type: list
      name: phishing-feed
      category: phishing
      url: 'https://jo:s3cret@feeds.example/phish.txt?key=abc123&fmt=domains'
phrases:
  sources:
    - { name: gambling-words, path: lists/phrases.txt, category: gambling }
policy:
  defaultGroup: pupils
  groups:
    - { id: staff, label: Staff }
    - id: pupils
      label: Pupils
      phraseLimit: 50
      categories: { games: block, gambling: block, social-networking: warn }
  exceptions:
    - { id: maths-site, match: maths.arcade.test, action: allow, reason: Maths department resource }
`,
  );
  const loaded = loadConfig(configFile);
  const running = await startConsole({
    config: loaded.config,
    dataDir,
    configBaseDir: loaded.baseDir,
    gatewayPort: 9,
    log: () => {},
    port: 0,
    host: '127.0.0.1',
  });
  for (const [username, role] of LIST_STAFF) {
    await createConsoleUser(
      running.store.db,
      {
        username,
        displayName: username,
        role,
        classes: role === 'teacher' ? ['9x'] : [],
        password: PASSWORD,
      },
      'test',
      Date.now,
    );
  }
  return {
    url: `http://127.0.0.1:${running.address.port}`,
    running,
    dir,
    configFile,
    indexPath: join(dataDir, loaded.config.lists.index),
    compile: () =>
      compileIndexFile(loadConfig(configFile), join(dataDir, loaded.config.lists.index), {
        now: BUILT_MS,
      }),
    close: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
