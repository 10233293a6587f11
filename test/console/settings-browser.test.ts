/**
 * The Settings page in Debian's Chromium (playwright-core) at 1366x768: IT signs in, opens
 * Settings, sees each section, sends a test e-mail to a real SMTP sink, downloads the
 * certificate and renews it through the confirm dialog (a reason required). Screenshots go
 * to test-artifacts/console/. The UI must be built (`npm run build:ui`).
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { configSchema } from '../../src/config/config-schema.js';
import { createConsoleUser } from '../../src/console/auth/create-console-user.js';
import { type RunningConsole, startConsole } from '../../src/console/start-console.js';
import { loadOrCreateSchoolCa } from '../../src/gateway/proxy/tls/school-ca.js';
import { CHROMIUM_PATH } from '../support/browser-chromium.js';
import {
  assertUiBuilt,
  haveChromium,
  launchConsoleBrowser,
  newLaptopPage,
  openFromNavigation,
  signInThroughForm,
} from '../support/console-browser.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { freshDatabase } from '../support/store-dialects.js';
import { PASSWORD } from './console-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');

describe('the Settings page in Chromium', {
  skip: haveChromium ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  let sink: SmtpSink;
  let dataDir: string;
  let running: RunningConsole;
  let browser: Browser;
  let page: Page;
  let url: string;

  before(async () => {
    assertUiBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    sink = await startSmtpSink();
    const database = await freshDatabase('sqlite');
    dataDir = database.dataDir;
    await loadOrCreateSchoolCa({
      dir: join(dataDir, 'ca'),
      schoolName: 'Widford Lodge',
      now: () => new Date(),
    });
    const config = configSchema.parse({
      school: { name: 'Widford Lodge' },
      dataDir,
      database: { url: database.url },
      lists: {},
      gateway: { inspection: { exemptHosts: ['nhs.uk', 'gov.uk'] } },
      monitor: {
        consoleUrl: 'https://filter.school.test',
        staff: [
          { id: 'j.patel', name: 'Jo Patel', email: 'dsl@school.test', roles: ['dsl'] },
          { id: 'r.khan', name: 'Ravi Khan', email: 'deputy@school.test', roles: ['deputy_dsl'] },
          { id: 'h.ames', name: 'Helen Ames', email: 'head@school.test', roles: ['head'] },
          {
            id: 'm.smith',
            name: 'Mo Smith',
            email: 'smith@school.test',
            roles: ['teacher'],
            classes: ['9x', '10y'],
          },
        ],
        quietHours: { from: '18:00', to: '07:30' },
        webhooks: [
          {
            name: 'teams',
            url: 'https://hooks.school.test/webhook/abc',
            secret: 'a-webhook-secret-of-16+',
          },
        ],
        email: {
          from: 'Schoolgate <schoolgate@school.test>',
          smtp: { host: '127.0.0.1', port: sink.port },
        },
      },
      policy: { defaultGroup: 'pupils', groups: [{ id: 'pupils', label: 'Pupils' }] },
    });
    running = await startConsole({
      config,
      dataDir,
      gatewayPort: 9,
      log: () => {},
      port: 0,
      host: '127.0.0.1',
    });
    url = `http://127.0.0.1:${running.address.port}`;
    await createConsoleUser(
      running.store.db,
      { username: 'it', displayName: 'Sam IT', role: 'it_admin', password: PASSWORD },
      'test',
      Date.now,
    );
    browser = await launchConsoleBrowser();
    page = await newLaptopPage(browser, { acceptDownloads: true });
  });
  after(async () => {
    await browser?.close();
    await running?.close();
    await sink?.stop();
  });

  /** A full-page screenshot from the top, once the status toast `toast` has come and gone. */
  const shot = async (name: string, toast: string) => {
    const message = page.locator('.toast__message', { hasText: toast });
    await message.waitFor();
    await message.waitFor({ state: 'detached', timeout: 15_000 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const section = (name: string) => page.getByRole('region', { name });

  it('shows IT each section of the settings', async () => {
    await signInThroughForm(page, url, 'it');
    await page.getByRole('heading', { level: 1, name: /dashboard/i }).waitFor();
    await openFromNavigation(page, 'Settings');
    assert.equal(await page.title(), 'Settings · Schoolgate');
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    assert.deepEqual(headings, [
      'E-mail (SMTP)',
      'Alert routing',
      'Retention',
      'HTTPS inspection and exemptions',
      'School certificate',
    ]);
    const email = section('E-mail (SMTP)');
    await email.getByText(`127.0.0.1:${sink.port}`).waitFor();
    await email.getByText('monitor.email.smtp').waitFor();

    const routes = page.getByRole('table', { name: /who hears of which alerts/i });
    const rows = routes.getByRole('row');
    assert.equal(await rows.count(), 4, 'a header row and the three default routes');
    const urgent = await rows.nth(1).textContent();
    assert.match(urgent ?? '', /Level 4, Serious and above/);
    assert.match(urgent ?? '', /Jo Patel/);
    assert.match(urgent ?? '', /E-mail at once/);
    assert.match((await rows.nth(3).textContent()) ?? '', /Mo Smith.*only 9x, 10y/);
    await section('Alert routing').getByText('18:00–07:30', { exact: false }).waitFor();
    await section('Alert routing')
      .getByText('https://hooks.school.test/…', { exact: false })
      .waitFor();
    assert.equal(await page.getByText('/webhook/abc').count(), 0, 'not the webhook path');

    await section('Retention')
      .getByText('365 days (1 year) in the database', { exact: false })
      .waitFor();
    const inspection = section('HTTPS inspection and exemptions');
    await inspection.getByText('nhs.uk').waitFor();
    assert.equal(
      await inspection.getByRole('link', { name: 'the Policy page' }).getAttribute('href'),
      '#/policy',
    );
    const onDisk = new X509Certificate(readFileSync(join(dataDir, 'ca', 'ca-cert.pem')));
    await section('School certificate').getByText(onDisk.fingerprint256).waitFor();
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 1366, `no sideways scrolling at 1366 wide (${width})`);
  });

  it('sends a test e-mail and says it was sent', async () => {
    const email = section('E-mail (SMTP)');
    await email.getByRole('button', { name: 'Send a test e-mail' }).click();
    await email.getByText('Enter an e-mail address, like it@school.test.').waitFor();
    await email.getByLabel(/^To/).fill('it@school.test');
    await email.getByRole('button', { name: 'Send a test e-mail' }).click();
    await email
      .getByRole('status')
      .getByText(/^Sent: the SMTP server/)
      .waitFor();
    const [mail] = await sink.waitFor(1, 5000);
    assert.deepEqual(mail?.to, ['it@school.test']);
    assert.equal(mail?.subject, 'Schoolgate test e-mail (Widford Lodge)');
    await shot('settings', 'Test e-mail sent');
  });

  it('downloads the certificate the gateway uses', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download certificate (.crt)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'school-ca.crt');
    const der = readFileSync((await download.path())!);
    const onDisk = new X509Certificate(readFileSync(join(dataDir, 'ca', 'ca-cert.pem')));
    assert.equal(new X509Certificate(der).fingerprint256, onDisk.fingerprint256);
  });

  it('renews the certificate after a confirm dialog that asks why', async () => {
    const before = new X509Certificate(readFileSync(join(dataDir, 'ca', 'ca-cert.pem')));
    await page.getByRole('button', { name: 'Renew certificate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Renew the school certificate?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Renew certificate' }).click();
    await dialog.getByText(/Say why \(at least 3 characters\)/).waitFor();
    assert.equal(
      await dialog.getByLabel(/^Reason/).evaluate((el) => el === el.ownerDocument.activeElement),
      true,
      'focus moves to the field to fix',
    );
    await dialog.getByLabel(/^Reason/).fill('Yearly renewal, planned with the technicians');
    assert.equal(await dialog.getByText(/Say why/).count(), 0, 'the error goes once fixed');
    // The dialog as it appears on screen (a full-page shot would move the sticky header).
    await page.screenshot({ path: join(ARTIFACTS, 'settings-renew-dialog.png') });
    await dialog.getByRole('button', { name: 'Renew certificate' }).click();
    await page.getByText('Certificate renewed.', { exact: true }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const after = new X509Certificate(readFileSync(join(dataDir, 'ca', 'ca-cert.pem')));
    assert.notEqual(after.fingerprint256, before.fingerprint256);
    const certificate = section('School certificate');
    await certificate.getByText(after.fingerprint256, { exact: true }).waitFor();
    await certificate.getByText(/Every device must install it/).waitFor();
    await shot('settings-renewed', 'Certificate renewed');
  });
});
