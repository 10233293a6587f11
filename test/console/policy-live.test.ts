/**
 * A policy change in the console reaches the running gateway within seconds, without a
 * restart: IT changes a cell with a reason, and a real request through the proxy (curl)
 * gets the new decision; the change is in the decision log and on the audit trail.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHROMIUM_PATH } from '../support/browser-chromium.js';
import {
  assertUiBuilt,
  haveChromium,
  launchConsoleBrowser,
  newLaptopPage,
  signInThroughForm,
} from '../support/console-browser.js';
import { startTextOrigin, stopServer, type TextOrigin } from '../support/test-gateway.js';
import { until } from '../support/until.js';
import { signInAs } from './console-fixture.js';
import { type LiveConsole, startLiveConsole } from './live-console.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
let origin: TextOrigin;
let live: LiveConsole;

before(async () => {
  origin = await startTextOrigin('play!');
  live = await startLiveConsole({
    prefix: 'sg-policy-',
    files: { 'games.txt': 'play.test\n', 'gambling.txt': 'bet.test\n' },
    yaml: `dataDir: ./data
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
    staff: [
      { username: 'it', role: 'it_admin' },
      { username: 'smith', role: 'teacher' },
      { username: 'governor', role: 'governor' },
    ],
  });
});

after(async () => {
  await live?.close();
  stopServer(origin.server);
});

const through = (host: string) => live.curl(`http://${host}:${origin.port}/`);
const play = () => through('play.test');

describe('changing the policy in the console', () => {
  it('reaches the running gateway within seconds, with the reason in the decision log', async () => {
    assert.equal((await play()).status, 403, 'games are blocked for pupils to begin with');
    const it_ = await signInAs(live.base, 'it');
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
    const allowed = await until(play, (r) => r.status === 200);
    assert.equal(allowed.status, 200, 'the gateway allows games now, without a restart');

    const governor = await signInAs(live.base, 'governor');
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
    const audit = await live.console.store.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'reason'])
      .where('action', '=', 'policy.cell')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('refuses changes without a reason, to mandatory categories, and from roles that may not', async () => {
    const it_ = await signInAs(live.base, 'it');
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
      const client = await signInAs(live.base, username);
      const response = await client.send('PUT', '/api/policy/cells', {
        group: 'pupils',
        category: 'games',
        action: 'block',
        reason: 'not mine to change',
      });
      assert.equal(response.status, 403, username);
    }
    assert.equal((await (await signInAs(live.base, 'smith')).get('/api/policy')).status, 403);
  });
});

describe('changing the policy in the console, in Chromium', {
  skip: haveChromium ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  it('changes a cell with a reason in the grid, and the gateway decides differently', async () => {
    assertUiBuilt();
    assert.equal((await through('bet.test')).status, 403);
    const browser = await launchConsoleBrowser();
    try {
      const page = await newLaptopPage(browser);
      await signInThroughForm(page, live.base, 'it');
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
    const allowed = await until(
      () => through('bet.test'),
      (r) => r.status === 200,
    );
    assert.equal(allowed.status, 200, 'the gateway allows it now');
  });
});
