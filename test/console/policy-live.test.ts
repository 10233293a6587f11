/**
 * A policy change in the console reaches the running gateway within seconds, without a
 * restart: IT changes a cell with a reason, and a real request through the proxy (curl)
 * gets the new decision; the change is in the decision log and on the audit trail.
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

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
let dir: string;
let origin: Server;
let originPort: number;
let gateway: RunningGateway;
let consoleApp: RunningConsole;
let base: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-policy-'));
  origin = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end('play!'),
  );
  originPort = await listenOnLoopback(origin);
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  writeFileSync(join(dir, 'gambling.txt'), 'bet.test\n');
  const config = join(dir, 'schoolgate.yaml');
  writeFileSync(
    config,
    `dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
    - { type: list, name: gambling, category: gambling, path: gambling.txt }
gateway: { upstream: { hosts: { play.test: 127.0.0.1, bet.test: 127.0.0.1 } } }
policy:
  defaultGroup: pupils
  groups:
    - { id: staff, label: Staff }
    - { id: pupils, label: Pupils, categories: { games: block, gambling: block } }
`,
  );
  gateway = await startGateway({ config, port: 0, host: '127.0.0.1', log: () => {} });
  const loaded = loadConfig(config);
  consoleApp = await startConsole({
    config: loaded.config,
    dataDir: gateway.dataDir,
    gatewayPort: gateway.address.port,
    log: () => {},
    port: 0,
    host: '127.0.0.1',
  });
  base = `http://127.0.0.1:${consoleApp.address.port}`;
  for (const [username, role] of [
    ['it', 'it_admin'],
    ['smith', 'teacher'],
    ['governor', 'governor'],
  ] as const) {
    await createConsoleUser(
      consoleApp.store.db,
      { username, displayName: username, role, password: PASSWORD },
      'test',
      Date.now,
    );
  }
});

after(async () => {
  await consoleApp?.close();
  await gateway?.close();
  stopServer(origin);
  rmSync(dir, { recursive: true, force: true });
});

const through = (host: string) =>
  runCurl(['-x', `http://127.0.0.1:${gateway.address.port}`, `http://${host}:${originPort}/`]);
const play = () => through('play.test');

/** Polls a request through the proxy until it gets `status` (a policy change is polled for). */
async function until(host: string, status: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  let got = 0;
  while (Date.now() < deadline) {
    got = (await through(host)).status;
    if (got === status) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return got;
}

describe('changing the policy in the console', () => {
  it('reaches the running gateway within seconds, with the reason in the decision log', async () => {
    assert.equal((await play()).status, 403, 'games are blocked for pupils to begin with');
    const it_ = await signInAs(base, 'it');
    const matrix = (await (await it_.get('/api/policy')).json()) as {
      cells: { group: string; rules: { category: string; action: string; source: string }[] }[];
    };
    const games = matrix.cells
      .find((c) => c.group === 'pupils')
      ?.rules.find((r) => r.category === 'games');
    assert.deepEqual(games, { category: 'games', action: 'block', rule: 'block', source: 'file' });
    const changed = await it_.send('PUT', '/api/policy/cells', {
      group: 'pupils',
      category: 'games',
      action: 'allow',
      reason: 'Maths games week: allowed for pupils until Friday',
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(
      { ...((await changed.json()) as Record<string, unknown>), version: 0 },
      { before: 'block', after: 'allow', version: 0 },
    );
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await play()).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(status, 200, 'the gateway allows games now, without a restart');

    const governor = await signInAs(base, 'governor');
    const log = (await (await governor.get('/api/decisions')).json()) as {
      decisions: {
        subject: string;
        before: string;
        after: string;
        reason: string;
        actor: string;
      }[];
    };
    assert.deepEqual(log.decisions[0], {
      ...log.decisions[0],
      subject: 'pupils / games',
      before: 'block',
      after: 'allow',
      reason: 'Maths games week: allowed for pupils until Friday',
      actor: 'console:it',
    });
    const audit = await consoleApp.store.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'reason'])
      .where('action', '=', 'policy.cell')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('refuses changes without a reason, to mandatory categories, and from roles that may not', async () => {
    const it_ = await signInAs(base, 'it');
    const cases = [
      {
        body: { group: 'pupils', category: 'games', action: 'block', reason: '' },
        field: 'reason',
      },
      {
        body: { group: 'pupils', category: 'iwf-child-abuse', action: 'allow', reason: 'test' },
        field: 'category',
      },
      {
        body: { group: 'nobody', category: 'games', action: 'block', reason: 'test' },
        field: 'group',
      },
      {
        body: { group: 'pupils', category: 'games', action: 'maybe', reason: 'test' },
        field: 'action',
      },
    ];
    for (const c of cases) {
      const response = await it_.send('PUT', '/api/policy/cells', c.body);
      assert.equal(response.status, 400, JSON.stringify(c.body));
      const problem = (await response.json()) as { errors: { path: string }[] };
      assert.ok(
        problem.errors.some((e) => e.path === c.field),
        JSON.stringify(problem),
      );
    }
    for (const username of ['smith', 'governor']) {
      const client = await signInAs(base, username);
      const response = await client.send('PUT', '/api/policy/cells', {
        group: 'pupils',
        category: 'games',
        action: 'block',
        reason: 'not mine to change',
      });
      assert.equal(response.status, 403, username);
    }
    assert.equal((await (await signInAs(base, 'smith')).get('/api/policy')).status, 403);
  });
});

describe('changing the policy in the console, in Chromium', {
  skip: existsSync(CHROMIUM_PATH) ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  it('changes a cell with a reason in the grid, and the gateway decides differently', async () => {
    assert.ok(existsSync(join(UI_DIST, 'index.html')), 'build the UI first: npm run build:ui');
    assert.equal((await through('bet.test')).status, 403);
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await (
        await browser.newContext({ viewport: { width: 1366, height: 768 } })
      ).newPage();
      await page.goto(base);
      await page.getByLabel('Username').fill('it');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Policy' })
        .click();
      const cell = page.getByRole('button', { name: /^Gambling, Pupils: block/ });
      await cell.waitFor();
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'policy.png'), fullPage: true });
      await cell.click();
      const dialog = page.getByRole('dialog', { name: /Change Gambling for Pupils/ });
      await dialog.getByRole('radio', { name: /^allow/i }).check();
      await dialog.getByLabel('Reason').fill('Maths lesson on probability uses betting odds pages');
      await page.screenshot({ path: join(ARTIFACTS, 'policy-change-dialog.png'), fullPage: true });
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page
        .getByRole('button', { name: /^Gambling, Pupils: allow \(changed in the console\)/ })
        .waitFor();
      await page.getByRole('heading', { name: 'Decision log' }).waitFor();
      await page.getByText('Maths lesson on probability uses betting odds pages').first().waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'policy-changed.png'), fullPage: true });
    } finally {
      await browser.close();
    }
    assert.equal(await until('bet.test', 200), 200, 'the gateway allows it now');
  });
});
