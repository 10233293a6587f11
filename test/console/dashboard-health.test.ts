/**
 * The dashboard's gateway health, end to end: a real gateway decides requests sent through
 * it by curl, and the console's dashboard (over real HTTP) shows its requests a second,
 * workers, list age and events waiting; a gateway with a worker down or month-old lists
 * (a stand-in /healthz) is shown as degraded, with words saying what to do; Chromium at
 * 1366x768 shows both on the dashboard (screenshots in test-artifacts/console/).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { loadConfig } from '../../src/config/load-config.js';
import { createConsoleUser } from '../../src/console/auth/create-console-user.js';
import { UI_DIST } from '../../src/console/create-console-app.js';
import { type RunningConsole, startConsole } from '../../src/console/start-console.js';
import { type RunningGateway, startGateway } from '../../src/gateway/proxy/start-gateway.js';
import { CHROMIUM_PATH } from '../support/browser-chromium.js';
import { runCurl } from '../support/run-curl.js';
import { listenOnLoopback, stopServer } from '../support/test-gateway.js';
import { PASSWORD, signInAs } from './console-fixture.js';

interface Health {
  status: 'ok' | 'degraded';
  problems: string[];
  requestsPerSecond: number;
  workers: { alive: number; configured: number };
  listsAgeSeconds: number | null;
  eventsWaiting: number;
  indexBuiltAt: string;
}

let dir: string;
let origin: Server;
let originPort: number;
let gateway: RunningGateway;
const consoles: RunningConsole[] = [];
let fakeHealth: Record<string, unknown> = {};
let fake: Server;
let realBase: string;
let fakeBase: string;
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
const haveChromium = existsSync(CHROMIUM_PATH);

async function consoleOn(gatewayPort: number, dataDir: string): Promise<string> {
  const loaded = loadConfig(join(dir, 'schoolgate.yaml'));
  const running = await startConsole({
    config: loaded.config,
    dataDir,
    gatewayPort,
    log: () => {},
    port: 0,
    host: '127.0.0.1',
  });
  consoles.push(running);
  for (const [username, role] of [
    ['it', 'it_admin'],
    ['governor', 'governor'],
  ] as const) {
    await createConsoleUser(
      running.store.db,
      { username, displayName: username, role, password: PASSWORD },
      'test',
      Date.now,
    ).catch(() => {}); // the second console shares the store: the users are there already
  }
  return `http://127.0.0.1:${running.address.port}`;
}

async function healthAs(base: string, username: string): Promise<Health | null> {
  const client = await signInAs(base, username);
  const response = await client.get('/api/dashboard');
  assert.equal(response.status, 200);
  return ((await response.json()) as { health: Health | null }).health;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-dash-health-'));
  origin = createServer((_req, res) => res.writeHead(200).end('hello'));
  originPort = await listenOnLoopback(origin);
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  writeFileSync(
    join(dir, 'schoolgate.yaml'),
    `dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
gateway: { upstream: { hosts: { school.test: 127.0.0.1, play.test: 127.0.0.1 } } }
policy:
  defaultGroup: pupils
  groups:
    - { id: pupils, label: Pupils, categories: { games: block } }
`,
  );
  gateway = await startGateway({
    config: join(dir, 'schoolgate.yaml'),
    port: 0,
    host: '127.0.0.1',
    log: () => {},
  });
  fake = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fakeHealth)),
  );
});

after(async () => {
  for (const running of consoles) await running.close();
  await gateway?.close();
  stopServer(origin);
  stopServer(fake);
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard: gateway health', () => {
  it('shows a real gateway working: requests a second, 1 of 1 workers, fresh lists', async () => {
    const base = await consoleOn(gateway.address.port, gateway.dataDir);
    realBase = base;
    const n = 15;
    const proxy = `http://127.0.0.1:${gateway.address.port}`;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        runCurl(['-x', proxy, `http://${i % 3 === 0 ? 'play' : 'school'}.test:${originPort}/${i}`]),
      ),
    );
    for (const [i, r] of results.entries()) assert.equal(r.status, i % 3 === 0 ? 403 : 200);
    const health = await healthAs(base, 'it');
    assert.ok(health !== null);
    assert.equal(health.status, 'ok', health.problems.join(' '));
    assert.deepEqual(health.problems, []);
    // n requests within the gateway's first minute: at least n/60 a second.
    assert.ok(health.requestsPerSecond >= n / 60 - 0.1, `${health.requestsPerSecond}`);
    assert.deepEqual(health.workers, { alive: 1, configured: 1 });
    assert.ok(health.listsAgeSeconds !== null && health.listsAgeSeconds < 600);
    assert.ok(Date.parse(health.indexBuiltAt) > Date.now() - 600_000);
    assert.equal(typeof health.eventsWaiting, 'number');
    assert.equal(await healthAs(base, 'governor'), null, 'governors do not see gateway health');
  });

  it('says a gateway with a worker down and month-old lists is degraded, and what to do', async () => {
    const fakePort = await listenOnLoopback(fake);
    const base = await consoleOn(fakePort, gateway.dataDir);
    fakeBase = base;
    fakeHealth = {
      status: 'ok',
      eventsWaiting: 12,
      eventStore: 'writing',
      monitor: 'running',
      indexEntries: 1000,
      indexBuiltAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      requestsPerSecond: 42.5,
      workers: { alive: 1, configured: 2 },
      listsAgeSeconds: 30 * 86_400,
    };
    const health = await healthAs(base, 'it');
    assert.ok(health !== null);
    assert.equal(health.status, 'degraded');
    assert.equal(health.requestsPerSecond, 42.5);
    assert.deepEqual(health.workers, { alive: 1, configured: 2 });
    assert.equal(health.eventsWaiting, 12);
    assert.equal(health.problems.length, 2, health.problems.join('\n'));
    assert.match(health.problems[0]!, /1 of 2 gateway workers is not running/);
    assert.match(health.problems[1]!, /last updated 30 days ago.*schoolgate lists update/);

    fakeHealth = { ...fakeHealth, workers: { alive: 2, configured: 2 }, listsAgeSeconds: 3 * 3600 };
    const fine = await healthAs(base, 'it');
    assert.equal(fine?.status, 'ok', fine?.problems.join(' '));

    fakeHealth = { ...fakeHealth, eventStore: 'waiting-for-database', eventsWaiting: 900 };
    const waiting = await healthAs(base, 'it');
    assert.equal(waiting?.status, 'degraded');
    assert.match(waiting?.problems.join(' ') ?? '', /waiting for the database/);
  });

  it('shows the health on the dashboard in Chromium: working, then degraded with what to do', {
    skip: haveChromium ? false : `no ${CHROMIUM_PATH}`,
  }, async () => {
    assert.ok(existsSync(join(UI_DIST, 'index.html')), 'build the UI first: npm run build:ui');
    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      for (const [name, base] of [
        ['dashboard-health', realBase],
        ['dashboard-health-degraded', fakeBase],
      ] as const) {
        if (name === 'dashboard-health-degraded') {
          fakeHealth = {
            ...fakeHealth,
            eventStore: 'writing',
            eventsWaiting: 12,
            workers: { alive: 1, configured: 2 },
            listsAgeSeconds: 9 * 86_400,
            indexBuiltAt: new Date(Date.now() - 9 * 86_400_000).toISOString(),
          };
        }
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        await page.goto(base);
        await page.getByLabel('Username').fill('it');
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByLabel('Password').press('Enter');
        const panel = page.getByRole('region', { name: 'Gateway health' });
        await panel.waitFor();
        if (name === 'dashboard-health') {
          await panel.getByText('Working normally').waitFor();
          await panel.getByText('1 of 1 running').waitFor();
          assert.match(await panel.innerText(), /\d a second/);
        } else {
          await panel.getByText('Degraded').waitFor();
          await panel.getByText('1 of 2 running').waitFor();
          await panel.getByText(/1 of 2 gateway workers is not running/).waitFor();
          await panel.getByText(/last updated 9 days ago/).waitFor();
          await panel.getByText('9 days ago', { exact: true }).waitFor();
          await panel.getByText(/^43 a second/).waitFor();
        }
        await page.getByText('Signed in as it.').waitFor({ state: 'hidden', timeout: 15_000 });
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('says the gateway cannot be reached when nothing answers', async () => {
    const base = await consoleOn(9, gateway.dataDir);
    const health = await healthAs(base, 'it');
    assert.equal(health?.status, 'degraded');
    assert.match(health?.problems[0] ?? '', /cannot reach the gateway/);
    assert.deepEqual(health?.workers, { alive: 0, configured: 0 });
  });
});
