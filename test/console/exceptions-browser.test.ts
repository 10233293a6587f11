/**
 * The Policy page's exceptions in Chromium: IT adds an exception for a blocked site in the
 * dialog, with a reason and a last day, sees it listed (with the file's read-only one) and
 * in the decision log, and a real request through the proxy is allowed within seconds;
 * exempts a host from inspection (a path refused beside the field); then removes the
 * exception, giving a reason. Screenshots in test-artifacts/console.
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
import { type LiveConsole, startLiveConsole } from './live-console.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
let origin: TextOrigin;
let live: LiveConsole;

before(async () => {
  origin = await startTextOrigin('play!');
  live = await startLiveConsole({
    prefix: 'sg-exceptions-ui-',
    files: { 'games.txt': 'play.test\n' },
    yaml: `dataDir: ./data
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
    staff: [{ username: 'jo.it', displayName: 'Jo (IT)', role: 'it_admin' }],
  });
});

after(async () => {
  await live?.close();
  stopServer(origin.server);
});

const play = () => live.curl(`http://play.test:${origin.port}/`);
/** The status of a request for play.test once it is `status` or 15 s have passed. */
const playUntil = async (status: number) => (await until(play, (r) => r.status === status)).status;

/** `YYYY-MM-DD` of the day `days` from now (UTC; the test asserts a range of days). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('exceptions on the Policy page, in Chromium', {
  skip: haveChromium ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  it('adds an exception with a reason and a last day, lists it, and the gateway allows the site', async () => {
    assertUiBuilt();
    assert.equal((await play()).status, 403, 'games are blocked for pupils to begin with');
    const browser = await launchConsoleBrowser();
    try {
      const page = await newLaptopPage(browser);
      await signInThroughForm(page, live.base, 'jo.it');
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

      assert.equal(await playUntil(200), 200, 'the gateway allows it now, without a restart');

      await exceptions.getByRole('button', { name: 'Remove the exception for play.test' }).click();
      const remove = page.getByRole('dialog', { name: 'Remove the exception for play.test' });
      await remove.getByLabel('Reason').fill('Sports day is over');
      await remove.getByRole('button', { name: 'Remove' }).click();
      await row.waitFor({ state: 'detached' });
      await log.getByText('Sports day is over').waitFor();
    } finally {
      await browser.close();
    }
    assert.equal(await playUntil(403), 403, 'blocked again once removed');
  });
});
