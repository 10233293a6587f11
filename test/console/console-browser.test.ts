/**
 * The console in Debian's Chromium (playwright-core) at a 1366x768 laptop's size: sign in,
 * look at the dashboard, triage an alert with the keyboard and a dialog, check the audit
 * trail. Screenshots of each page go to test-artifacts/console/. The UI must be built
 * (`npm test` builds it first: `npm run build:ui`).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { UI_DIST } from '../../src/console/create-console-app.js';
import { getAlert } from '../../src/monitor/records/alert-queries.js';
import { CHROMIUM_PATH } from '../support/browser-chromium.js';
import { PASSWORD, startTestConsole, type TestConsole } from './console-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
const haveChromium = existsSync(CHROMIUM_PATH);

describe('the console in Chromium', { skip: haveChromium ? false : `no ${CHROMIUM_PATH}` }, () => {
  let t: TestConsole;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(join(UI_DIST, 'index.html')), 'build the UI first: npm run build:ui');
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestConsole('sqlite');
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
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
