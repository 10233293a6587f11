/**
 * The Policy page's exceptions in Chromium: IT adds an exception for a blocked site in the
 * dialog, with a reason and a last day, sees it listed (with the file's read-only one) and
 * in the decision log, and a real request through the proxy is allowed within seconds;
 * exempts a host from inspection (a path refused beside the field); then removes the
 * exception, giving a reason. Screenshots in test-artifacts/console.
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
import { PASSWORD } from './console-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
let dir: string;
let origin: Server;
let originPort: number;
let gateway: RunningGateway;
let consoleApp: RunningConsole;
let base: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-exceptions-ui-'));
  origin = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end('play!'),
  );
  originPort = await listenOnLoopback(origin);
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  const config = join(dir, 'schoolgate.yaml');
  writeFileSync(
    config,
    `dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
gateway: { upstream: { hosts: { play.test: 127.0.0.1 } } }
policy:
  defaultGroup: pupils
  groups:
    - { id: staff, label: Staff }
    - { id: pupils, label: Pupils, categories: { games: block } }
    - { id: sixth-form, label: Sixth form, categories: { games: block } }
  exceptions:
    - { id: school-site, match: school.test, action: allow, reason: The school's own site }
`,
  );
  gateway = await startGateway({ config, port: 0, host: '127.0.0.1', log: () => {} });
  consoleApp = await startConsole({
    config: loadConfig(config).config,
    dataDir: gateway.dataDir,
    gatewayPort: gateway.address.port,
    log: () => {},
    port: 0,
    host: '127.0.0.1',
  });
  base = `http://127.0.0.1:${consoleApp.address.port}`;
  await createConsoleUser(
    consoleApp.store.db,
    { username: 'jo.it', displayName: 'Jo (IT)', role: 'it_admin', password: PASSWORD },
    'test',
    Date.now,
  );
});

after(async () => {
  await consoleApp?.close();
  await gateway?.close();
  stopServer(origin);
  rmSync(dir, { recursive: true, force: true });
});

const play = () =>
  runCurl(['-x', `http://127.0.0.1:${gateway.address.port}`, `http://play.test:${originPort}/`]);

async function until(status: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  let got = (await play()).status;
  while (got !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    got = (await play()).status;
  }
  return got;
}

/** `YYYY-MM-DD` of the day `days` from now (UTC; the test asserts a range of days). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('exceptions on the Policy page, in Chromium', {
  skip: existsSync(CHROMIUM_PATH) ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  it('adds an exception with a reason and a last day, lists it, and the gateway allows the site', async () => {
    assert.ok(existsSync(join(UI_DIST, 'index.html')), 'build the UI first: npm run build:ui');
    assert.equal((await play()).status, 403, 'games are blocked for pupils to begin with');
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
      await page.getByLabel('Username').fill('jo.it');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Policy' })
        .click();
      const exceptions = page.getByRole('region', { name: 'Exceptions' });
      await exceptions.getByRole('rowheader', { name: 'school.test' }).waitFor();

      await exceptions.getByRole('button', { name: 'Add exception' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add exception' });
      // Nothing filled in: the form says what is missing, beside each field.
      await dialog.getByRole('button', { name: 'Add exception' }).click();
      await dialog.getByText('Enter the site').waitFor();
      await dialog.getByText('Say why (at least 3 characters)').waitFor();
      assert.equal(
        await page.evaluate('document.activeElement?.getAttribute("aria-invalid")'),
        'true',
        'focus goes to the first field with an error',
      );
      assert.equal(await page.evaluate('document.activeElement?.tagName'), 'INPUT', 'the Site');

      await dialog.getByLabel('Site').fill('Play.Test');
      await dialog.getByRole('radio', { name: 'allow' }).check();
      await dialog.getByRole('checkbox', { name: 'Pupils' }).check();
      await dialog.getByRole('checkbox', { name: 'Sixth form' }).check();
      await dialog.getByLabel('Reason').fill('Sports day results are published on this site');
      await dialog.getByLabel('Last day (optional)').fill(dayFromNow(3));
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({
        path: join(ARTIFACTS, 'policy-exception-dialog.png'),
        fullPage: true,
      });
      await dialog.getByRole('button', { name: 'Add exception' }).click();

      const row = exceptions.getByRole('row', { name: /play\.test/ });
      await row.waitFor();
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /allow/);
      assert.match(text, /Pupils and Sixth form/);
      assert.match(text, /Sports day results are published on this site/);
      assert.match(text, /in [34] days/);
      assert.match(text, /jo\.it/);
      await page.getByRole('status').filter({ hasText: 'Exception added' }).waitFor();
      const log = page.getByRole('region', { name: 'Decision log' });
      await log
        .getByRole('rowheader', { name: 'Exception: play.test for Pupils and Sixth form' })
        .waitFor();

      const exemptions = page.getByRole('region', { name: 'Inspection exemptions' });
      await exemptions.getByRole('button', { name: 'Exempt a host' }).click();
      const exempt = page.getByRole('dialog', { name: 'Exempt a host from inspection' });
      await exempt.getByLabel('Host').fill('school.test/login');
      await exempt.getByLabel('Reason').fill('The payments page breaks when inspected');
      await exempt.getByRole('button', { name: 'Exempt host' }).click();
      await exempt.getByText('a host only, without a path').waitFor();
      await exempt.getByLabel('Host').fill('Pay.School.Test');
      await exempt.getByRole('button', { name: 'Exempt host' }).click();
      await exemptions.getByRole('rowheader', { name: 'pay.school.test' }).waitFor();
      await log.getByRole('rowheader', { name: 'HTTPS inspection of pay.school.test' }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'policy-exceptions.png'), fullPage: true });

      assert.equal(await until(200), 200, 'the gateway allows it now, without a restart');

      await exceptions.getByRole('button', { name: 'Remove the exception for play.test' }).click();
      const remove = page.getByRole('dialog', { name: 'Remove the exception for play.test' });
      await remove.getByLabel('Reason').fill('Sports day is over');
      await remove.getByRole('button', { name: 'Remove' }).click();
      await row.waitFor({ state: 'detached' });
      await log.getByText('Sports day is over').waitFor();
    } finally {
      await browser.close();
    }
    assert.equal(await until(403), 403, 'blocked again once removed');
  });
});
