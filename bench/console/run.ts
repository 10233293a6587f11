/**
 * The console page-load benchmark (issue 6): "each page's data loads in under a second with
 * 10 million events in the store". Builds (or reuses) a store of generated events
 * (`build-store.ts`, bench/store's generator), starts the console app on it over real HTTP
 * on 127.0.0.1, signs in as a DSL, a teacher and IT, and times every page's API calls:
 * the first run, then the median and p95 of `--runs` more.
 *
 *   npm run bench:console -- --rows 10000000 [--runs 7] [--dir .tmp/bench-console] [--dialect postgres]
 *
 * Writes `<dir>/results-<dialect>-<rows>.json` and prints a Markdown table. The store stays in
 * `<dir>` (gitignored) for the next run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { configSchema } from '../../src/config/config-schema.js';
import { createConsoleUser } from '../../src/console/auth/create-console-user.js';
import { createConsoleApp } from '../../src/console/create-console-app.js';
import { openStore } from '../../src/store/open-store.js';
import { startPostgresServer } from '../../test/support/postgres-server.js';
import { POSTGRES_SETTINGS } from '../store/open-bench-store.js';
import { buildConsoleStore, formOf } from './build-store.js';
import { type PageCall, timePages } from './time-pages.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const rows = Number(flag('rows', '10000000'));
const runs = Number(flag('runs', '7'));
const dir = resolve(flag('dir', join(import.meta.dirname, '..', '..', '.tmp', 'bench-console')));
if (!Number.isSafeInteger(rows) || rows <= 0) throw new Error('--rows must be a positive integer');
const log = (message: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const PASSWORD = 'bench horse battery staple';
const CLASS = '9c';
const YEARS = ['year7', 'year8', 'year9', 'year10', 'year11', 'year12', 'year13'];

const dialect = flag('dialect', 'sqlite');
if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--dialect sqlite|postgres');
// SQLite is kept for the next run; PostgreSQL runs in a private cluster made for this run
// (bench/store's settings) and deleted at the end, so it always builds.
const storeDir = join(
  dir,
  dialect === 'sqlite' ? `sqlite-${rows}` : `postgres-${rows}-${process.pid}`,
);
mkdirSync(storeDir, { recursive: true });
const server =
  dialect === 'postgres'
    ? await startPostgresServer({ parentDir: storeDir, settings: POSTGRES_SETTINGS })
    : null;
const url =
  server === null
    ? `sqlite:${join(storeDir, 'main.db')}`
    : await server.createDatabase('bench_console');
const opened = performance.now();
const store = await openStore({
  url,
  dataDir: storeDir,
  ...(server === null ? {} : { poolSize: 4 }),
});
const migrateSeconds = (performance.now() - opened) / 1000;
log(`store opened and migrated in ${migrateSeconds.toFixed(1)} s`);
const built = await buildConsoleStore(store, storeDir, rows, Date.now(), log);
log(`store: ${built.rows.toLocaleString('en-GB')} events, ${built.alerts} alerts`);

// The console's clock: the afternoon of the last school day, so "today" is a full day.
const nowMs = built.lastDayMs + 15 * HOUR_MS;
const config = configSchema.parse({
  dataDir: storeDir,
  database: { url },
  lists: {},
  policy: {
    defaultGroup: 'default',
    groups: [
      ...YEARS.map((id) => ({ id, label: `Year ${id.slice(4)}` })),
      { id: 'staff', label: 'Staff' },
      { id: 'default', label: 'Unidentified' },
    ],
  },
});
await seedPeople(store, nowMs);
const app = await createConsoleApp({
  store,
  config,
  dataDir: storeDir,
  now: () => nowMs,
  log,
  // No gateway runs here: a /healthz body as a two-worker gateway gives it.
  gatewayHealth: async () => ({
    status: 'ok',
    eventsWaiting: 0,
    eventStore: 'writing',
    monitor: 'running',
    indexEntries: 1_000_000,
    indexBuiltAt: new Date(Date.now() - 3 * HOUR_MS).toISOString(),
    requestsPerSecond: 17,
    workers: { alive: 2, configured: 2 },
    listsAgeSeconds: 3 * 3600,
  }),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
try {
  const dsl = await signIn(base, 'bench.dsl');
  const teacher = await signIn(base, 'bench.teacher');
  const it = await signIn(base, 'bench.it');
  // A busy pupil in the class, and a page deep into their week and their class's.
  const pupil = await busiestPupil(store, built.lastDayMs - 6 * DAY_MS, nowMs);
  const week = { from: midnight(nowMs - 6 * DAY_MS), to: nowMs };
  const day = new Date(built.lastDayMs).toISOString().slice(0, 10);
  const activity = (params: Record<string, string | number>) =>
    `/api/activity?${new URLSearchParams(
      Object.entries({ ...week, limit: 100, ...params }).map(([k, v]): [string, string] => [
        k,
        String(v),
      ]),
    )}`;
  /** The cursor of page `pages + 1` (or of the last page, in a small store). */
  const laterPage = async (params: Record<string, string | number>, pages: number) => {
    let next: string | null = null;
    for (let i = 0; i < pages; i++) {
      const body = (await dsl.json(activity({ ...params, ...(next ? { after: next } : {}) }))) as {
        next: string | null;
      };
      if (body.next === null) break;
      next = body.next;
    }
    if (next === null) throw new Error(`only one page for ${JSON.stringify(params)}`);
    return next;
  };
  const alertId = (
    (await dsl.json('/api/alerts?state=new,acknowledged&limit=100')) as {
      alerts: { id: string }[];
    }
  ).alerts[0]?.id;
  const pupilLater = await laterPage({ user: pupil }, 10);
  const classLater = await laterPage({ group: CLASS }, 10);
  const reason = 'reason=bench%20review';
  const calls: PageCall[] = [
    { page: 'Dashboard', call: '/api/dashboard', client: dsl },
    { page: 'Alerts', call: '/api/alerts?state=new,acknowledged&limit=100', client: dsl },
    {
      page: 'Alerts',
      call: '/api/alerts?state=new,acknowledged&limit=100',
      client: teacher,
      label: '/api/alerts, as the teacher of 9c',
    },
    ...(alertId === undefined
      ? []
      : [
          { page: 'Alerts', call: `/api/alerts/${alertId}`, client: dsl, label: '/api/alerts/:id' },
        ]),
    {
      page: 'Activity: a pupil',
      call: activity({ user: pupil }),
      client: dsl,
      label: 'first page (100), 7 days',
    },
    {
      page: 'Activity: a pupil',
      call: activity({ user: pupil, after: pupilLater }),
      client: dsl,
      label: 'page 11',
    },
    {
      page: 'Activity: a pupil',
      call: activity({ user: pupil, q: 'video' }),
      client: dsl,
      label: 'q=video',
    },
    {
      page: 'Activity: a class (9c)',
      call: activity({ group: CLASS }),
      client: dsl,
      label: 'first page',
    },
    {
      page: 'Activity: a class (9c)',
      call: activity({ group: CLASS, after: classLater }),
      client: dsl,
      label: 'page 11',
    },
    {
      page: 'Activity: a class (9c)',
      call: activity({ group: CLASS, searchesOnly: 'true' }),
      client: dsl,
      label: 'searches only',
    },
    {
      page: 'Activity: a class (9c)',
      call: activity({ group: CLASS }),
      client: teacher,
      label: 'first page, as its teacher',
    },
    {
      page: 'Activity: a year group',
      call: activity({ group: 'year9' }),
      client: dsl,
      label: 'year9 (policy group), first page',
    },
    {
      page: 'Activity: all pupils',
      call: activity({ group: 'pupils' }),
      client: dsl,
      label: 'pupils, first page',
    },
    {
      page: 'Activity CSV',
      call: `/api/activity.csv?from=${week.from}&to=${week.to}&user=${pupil}`,
      client: dsl,
      label: 'a pupil, 7 days',
    },
    {
      page: 'Activity CSV',
      call: `/api/activity.csv?from=${week.from}&to=${week.to}&group=${CLASS}`,
      client: dsl,
      label: 'a class, 7 days',
    },
    {
      page: 'Reports',
      call: `/api/reports/digest?kind=daily&day=${day}`,
      client: dsl,
      label: 'daily digest',
    },
    {
      page: 'Reports',
      call: `/api/reports/digest?kind=weekly&day=${day}`,
      client: dsl,
      label: 'weekly digest',
    },
    {
      page: 'Reports',
      call: `/api/reports/activity?user=${pupil}&from=${week.from}&to=${week.to}&${reason}`,
      client: dsl,
      label: 'activity report, a pupil, 7 days',
    },
    {
      page: 'Reports',
      call: `/api/reports/activity?group=year9&from=${week.from}&to=${week.to}&${reason}`,
      client: dsl,
      label: 'activity report, year9, 7 days',
    },
    { page: 'Policy', call: '/api/policy', client: it },
    { page: 'Policy', call: '/api/decisions', client: it },
    { page: 'Policy', call: '/api/policy/exceptions', client: it },
    { page: 'Policy', call: '/api/policy/exemptions', client: it },
    { page: 'People', call: '/api/people', client: it },
    { page: 'People', call: '/api/groups', client: it },
    { page: 'People', call: '/api/staff', client: it },
    { page: 'Audit', call: '/api/audit?limit=100', client: dsl },
    { page: 'Audit', call: '/api/audit/verify', client: dsl },
    { page: 'Lists', call: '/api/lists', client: it },
    { page: 'Settings', call: '/api/settings', client: it },
  ];
  log(`timing ${calls.length} calls, 1 + ${runs} runs each (pupil ${pupil}, class ${CLASS})`);
  const timings = await timePages(calls, runs, log);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const results = {
    dialect,
    rows: built.rows,
    alerts: built.alerts,
    machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    date: new Date().toISOString(),
    commit,
    runs,
    migrateSeconds,
    timings,
  };
  writeFileSync(
    join(dir, `results-${dialect}-${rows}.json`),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  process.stdout.write(markdown(timings));
} finally {
  await app.close();
  await store.close();
  if (server !== null) {
    server.destroy();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

interface Client {
  json(path: string): Promise<unknown>;
  get(path: string): Promise<Response>;
}

/** Makes the staff account if needed and signs in, as the browser does (cookie and CSRF). */
async function signIn(
  origin: string,
  username: string,
): Promise<Client & { readonly name: string }> {
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const get = (path: string) => fetch(`${origin}${path}`, { headers: { cookie } });
  return {
    name: username,
    get,
    async json(path) {
      const r = await get(path);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    },
  };
}

/** Staff accounts for the bench, and the school directory (pupils with their forms, staff). */
async function seedPeople(target: typeof store, now: number) {
  const existing = await target.db.selectFrom('console_users').select('username').execute();
  const have = new Set(existing.map((r) => r.username));
  for (const [username, role, classes] of [
    ['bench.dsl', 'dsl', []],
    ['bench.teacher', 'teacher', [CLASS]],
    ['bench.it', 'it_admin', []],
  ] as const) {
    if (have.has(username)) continue;
    await createConsoleUser(
      target.db,
      { username, displayName: username, role, classes: [...classes], password: PASSWORD },
      'bench',
      () => now,
    );
  }
  const people = await target.db
    .selectFrom('directory_people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(people.n) > 0) return;
  const rowsOf = Array.from({ length: 1650 }, (_, i) => {
    const staff = i >= 1500;
    const username = staff
      ? `staff.${String(i - 1500).padStart(4, '0')}`
      : `pupil.${String(i).padStart(5, '0')}`;
    const form = formOf(username);
    return {
      username,
      display_name: staff ? `Staff Member ${i - 1500}` : `Pupil ${i}`,
      groups: JSON.stringify(staff ? ['staff'] : [YEARS[i % 7]!, 'pupils', form!]),
      classes: JSON.stringify(staff ? [] : [form!]),
      email: null,
      role: staff ? 'staff' : 'pupil',
      date_of_birth: null,
      updated_ms: now,
      updated_by: 'bench',
    };
  });
  for (let i = 0; i < rowsOf.length; i += 500) {
    await target.db
      .insertInto('directory_people')
      .values(rowsOf.slice(i, i + 500))
      .execute();
  }
}

/** The pupil in `CLASS` with the most events in the last week (a DSL's usual look). */
async function busiestPupil(target: typeof store, fromMs: number, toMs: number): Promise<string> {
  const row = await target.db
    .selectFrom('event_rollups')
    .select(['key', (eb) => eb.fn.sum<number>('events').as('n')])
    .where('dimension', '=', 'user')
    .where('hour_ms', '>=', fromMs)
    .where('hour_ms', '<', toMs)
    .where('key', 'like', 'pupil.%')
    .groupBy('key')
    .orderBy('n', 'desc')
    .limit(200)
    .execute();
  const inClass = row.find((r) => formOf(r.key) === CLASS);
  if (inClass === undefined) throw new Error(`no pupil of ${CLASS} has events`);
  return inClass.key;
}

/** UTC midnight (the school's zone is UTC in winter). */
function midnight(ms: number): number {
  return ms - (ms % DAY_MS);
}

function markdown(timings: Awaited<ReturnType<typeof timePages>>): string {
  const ms = (v: number) => (v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-GB'));
  const lines = [
    '| page | API call | first run | median | p95 | size |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const t of timings) {
    const over = t.medianMs >= 1000 ? ' **over 1 s**' : '';
    lines.push(
      `| ${t.page} | ${t.label} | ${ms(t.firstMs)} ms | ${ms(t.medianMs)} ms${over} | ${ms(t.p95Ms)} ms | ${Math.round(t.bytes / 1024).toLocaleString('en-GB')} KiB |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
