/**
 * The console in Debian's Chromium (playwright-core) at a 1366x768 laptop's size: sign in,
 * look at the dashboard, triage an alert with the keyboard and a dialog, check the audit
 * trail. Screenshots of each page go to test-artifacts/console/. The UI must be built
 * (`npm test` builds it first: `npm run build:ui`).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { getAlert } from '../../src/monitor/records/alert-queries.js';
import { T0 } from '../monitor/monitor-fixture.js';
import { CHROMIUM_PATH } from '../support/browser-chromium.js';
import {
  assertUiBuilt,
  haveChromium,
  launchConsoleBrowser,
  newLaptopPage,
  signInThroughForm,
} from '../support/console-browser.js';
import { PASSWORD, startTestConsole, type TestConsole } from './console-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');

describe('the console in Chromium', { skip: haveChromium ? false : `no ${CHROMIUM_PATH}` }, () => {
  let t: TestConsole;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assertUiBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestConsole('sqlite');
    browser = await launchConsoleBrowser();
    page = await newLaptopPage(browser);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('refuses a wrong password with a message, then signs in', async () => {
    await page.goto(t.url);
    await page.getByLabel('Username').fill('dsl');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText(/wrong username or password/i)
      .first()
      .waitFor();
    await shot('sign-in-error');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { level: 1, name: /dashboard/i }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 1);
    await shot('dashboard');
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 1366, `no sideways scrolling at 1366 wide (${width})`);
  });

  it('triages an alert: acknowledge by keyboard, close with an outcome and reason', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /alerts/i })
      .click();
    await page.getByRole('heading', { level: 1, name: /alerts/i }).waitFor();
    await page
      .getByRole('button', { name: /searches about self-harm/i })
      .first()
      .waitFor();
    await shot('alerts');
    const row = page.locator(`tr[data-alert-id="${t.alerts.nineX}"]`);
    await row.getByRole('button').first().click();
    await page.getByText('how to kill myself').first().waitFor();
    await shot('alert-detail');
    await page.locator('body').press('a');
    await row
      .getByText(/acknowledged/i)
      .first()
      .waitFor();
    await page
      .getByRole('button', { name: /close…/i })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Close alert' });
    await dialog.getByLabel('Outcome').selectOption('handled-in-school');
    await dialog
      .getByLabel('Reason')
      .fill('Spoke to the pupil and their parents; support in place.');
    await shot('close-dialog');
    await dialog.getByRole('button', { name: 'Close alert' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const stored = await getAlert(t.console.store.db, t.alerts.nineX);
    assert.equal(stored?.alert.state.kind, 'closed');
    assert.equal(
      stored?.alert.state.kind === 'closed' ? stored.alert.state.outcome : null,
      'handled-in-school',
    );
  });

  it('exports a pupil’s activity as CSV', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Activity' })
      .click();
    await page.getByLabel('Username').fill('pupil.one');
    // The fixture's events are on its own day, not the browser's today (the default week).
    const day = new Date(T0).toISOString().slice(0, 10);
    await page.getByRole('textbox', { name: 'From (required)' }).fill(day);
    await page.getByRole('textbox', { name: 'To (required)' }).fill(day);
    await page.getByRole('button', { name: 'Load' }).click();
    await page.getByRole('cell', { name: 'how to kill myself' }).first().waitFor();
    await shot('activity');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const file = join(ARTIFACTS, 'activity.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    assert.match(csv.split('\n')[0] ?? '', /time/i);
    assert.match(csv, /how to kill myself/);
    assert.doesNotMatch(csv, /pupil\.two/, "another pupil's activity is not in it");
  });

  it('imports a CSV of pupils with one bad row: the row is named, the rest imported', async () => {
    const it_ = await newLaptopPage(browser);
    await signInThroughForm(it_, t.url, 'it');
    await it_
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    const csv = [
      'username,display_name,groups',
      'a.pupil,Amy Pupil,pupils',
      'b.pupil,Ben Pupil,pupils',
      'c.pupil,Cat Pupil,yr7b',
      'd.pupil,Dan Pupil,pupils',
    ].join('\n');
    await it_.getByLabel('Or paste the CSV text').fill(csv);
    await it_.getByRole('button', { name: 'Preview' }).click();
    await it_.getByRole('cell', { name: 'yr7b' }).first().waitFor();
    await it_.screenshot({ path: join(ARTIFACTS, 'users-import-preview.png'), fullPage: true });
    await it_.getByRole('button', { name: 'Import 3 valid rows' }).click();
    await it_.getByRole('cell', { name: 'd.pupil' }).first().waitFor();
    await it_.screenshot({ path: join(ARTIFACTS, 'users.png'), fullPage: true });
    const people = await t.console.store.db
      .selectFrom('directory_people')
      .select('username')
      .execute();
    assert.deepEqual(people.map((p) => p.username).sort(), ['a.pupil', 'b.pupil', 'd.pupil']);
  });

  it('shows the audit trail with its verify status', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /audit/i })
      .click();
    await page.getByText(/audit trail intact/i).waitFor();
    await page.getByRole('rowheader', { name: 'alert.close' }).first().waitFor();
    await shot('audit');
  });
});
