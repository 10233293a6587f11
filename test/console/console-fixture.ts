/**
 * A console on 127.0.0.1 (a port chosen at run time) over a real store holding alerts about
 * pupils in two classes, with a member of staff for every role; requests go over real HTTP.
 */
import type { Kysely } from 'kysely';
import { configSchema } from '../../src/config/config-schema.js';
import type { StaffRole } from '../../src/config/monitor-config.js';
import { createConsoleUser } from '../../src/console/auth/create-console-user.js';
import type { ConsoleRoutes } from '../../src/console/create-console-app.js';
import { type RunningConsole, startConsole } from '../../src/console/start-console.js';
import { createMonitorService } from '../../src/monitor/monitor-service.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import type { Database } from '../../src/store/schema.js';
import type { StoreDialect } from '../../src/store/store-dialect.js';
import { blockedEvent, searchEvent, T0, testPhrases } from '../monitor/monitor-fixture.js';
import { freshDatabase } from '../support/store-dialects.js';

export const PASSWORD = 'correct horse battery';

/** A console account a test signs in as; its password is `PASSWORD`. */
export interface TestStaff {
  readonly username: string;
  readonly role: StaffRole;
  /** The name shown in the console; the username when absent. */
  readonly displayName?: string;
  /** A teacher's classes; none when absent. */
  readonly classes?: readonly string[];
}

/** Staff of every role; the teacher teaches 9x. */
export const STAFF: readonly TestStaff[] = [
  { username: 'dsl', role: 'dsl' },
  { username: 'deputy', role: 'deputy_dsl' },
  { username: 'head', role: 'head' },
  { username: 'bursar', role: 'bursar' },
  { username: 'it', role: 'it_admin' },
  { username: 'smith', role: 'teacher', classes: ['9x'] },
  { username: 'governor', role: 'governor' },
];

export interface TestConsole {
  readonly url: string;
  readonly console: RunningConsole;
  /** Alert ids: pupil.one is in 9x, pupil.two in 10y. */
  readonly alerts: { readonly nineX: string; readonly tenY: string };
  close(): Promise<void>;
}

export async function startTestConsole(
  dialect: StoreDialect,
  overrides: Record<string, unknown> = {},
  now: () => number = () => T0 + 3_600_000,
  extraRoutes: readonly ConsoleRoutes[] = [],
): Promise<TestConsole> {
  const { url: databaseUrl, dataDir } = await freshDatabase(dialect);
  const config = configSchema.parse({
    dataDir,
    database: { url: databaseUrl },
    lists: {},
    console: { maxFailedSignIns: 3, lockMinutes: 15, ...overrides },
    policy: { defaultGroup: 'pupils', groups: [{ id: 'pupils', label: 'Pupils' }] },
  });
  const running = await startConsole({
    config,
    dataDir,
    gatewayPort: 9, // nothing listens there: the dashboard shows the gateway as degraded
    log: () => {},
    port: 0,
    host: '127.0.0.1',
    now,
    extraRoutes,
  });
  const { db } = running.store;
  await createStaffAccounts(db, STAFF, now);
  const events = [
    searchEvent(0, 'how to kill myself'),
    searchEvent(1000, 'self harm', { user: 'pupil.two', groups: ['pupils', '10y'] }),
    blockedEvent(2000, 'games'),
  ];
  await createEventInserter(running.store).insert(events);
  await createMonitorService({
    db,
    phrases: testPhrases(),
    alertScore: 60,
    foldMinutes: 30,
    repeats: { attempts: 5, minutes: 10 },
    notifier: null,
    log: () => {},
  }).process(events);
  const rows = await db.selectFrom('alerts').select(['id', 'username']).execute();
  return {
    url: `http://127.0.0.1:${running.address.port}`,
    console: running,
    alerts: {
      nineX: rows.find((r) => r.username === 'pupil.one')!.id,
      tenY: rows.find((r) => r.username === 'pupil.two')!.id,
    },
    close: () => running.close(),
  };
}

/** Creates a console account with `PASSWORD` for each of `staff`, made by the actor `test`. */
export async function createStaffAccounts(
  db: Kysely<Database>,
  staff: readonly TestStaff[],
  now: () => number = Date.now,
): Promise<void> {
  for (const member of staff) {
    await createConsoleUser(
      db,
      {
        username: member.username,
        displayName: member.displayName ?? member.username,
        role: member.role,
        classes: [...(member.classes ?? [])],
        password: PASSWORD,
      },
      'test',
      now,
    );
  }
}

/** A signed-in client: cookie and CSRF token kept, as the browser and the UI keep them. */
export interface Client {
  readonly csrfToken: string;
  readonly cookie: string;
  get(path: string): Promise<Response>;
  send(
    method: string,
    path: string,
    body?: unknown,
    options?: { csrf?: boolean },
  ): Promise<Response>;
}

export async function signInAs(base: string, username: string): Promise<Client> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    csrfToken,
    cookie,
    get: (path) => fetch(`${base}${path}`, { headers: { cookie } }),
    send: (method, path, body, options = {}) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.csrf === false ? {} : { 'x-csrf-token': csrfToken }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}

/**
 * Signs in as a username the first time it is asked for and hands back the same client after
 * that, against the console at `base()` (read when signing in: the console may start later).
 *
 * ### Examples
 * ```ts
 * const as = signedInClients(() => t.url);
 * const response = await (await as('dsl')).get('/api/alerts');
 * ```
 */
export function signedInClients(base: () => string): (username: string) => Promise<Client> {
  const clients = new Map<string, Client>();
  return async (username) => {
    if (!clients.has(username)) clients.set(username, await signInAs(base(), username));
    return clients.get(username)!;
  };
}
