/**
 * The gateway with a real browser: Debian's Chromium (playwright-core) uses the gateway as
 * its proxy and trusts the school CA through its NSS database, as a school's Linux desktop
 * would. Local HTTPS origins on 127.0.0.1 with a test CA of their own stand in for the
 * internet. Each page is saved as a screenshot in test-artifacts/browser/ for a person to
 * look at. Skips, saying so, when Chromium is not installed (CI installs it).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningGateway } from '../../../src/gateway/proxy/start-gateway.js';
import { CHROMIUM_PATH, launchChromiumThroughProxy } from '../../support/browser-chromium.js';
import { type HtmlOrigin, startHtmlOrigin } from '../../support/browser-html-origin.js';
import { storedEvents } from '../../support/stored-events.js';
import { startTestGateway } from '../../support/test-gateway.js';
import { createTestPki } from '../../support/test-pki.js';

const NAMES = ['allowed.test', 'blocked.test', 'play.test', 'www.google.com'];
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/browser/', import.meta.url));

const missing = [CHROMIUM_PATH, '/usr/bin/certutil'].filter((path) => !existsSync(path));
const skip =
  missing.length === 0
    ? false
    : `needs ${missing.join(' and ')} (Debian packages chromium and libnss3-tools; .ci/run installs them)`;

let dir: string;
let gateway: RunningGateway;
let origin: HtmlOrigin;
let browser: BrowserContext;
let page: Page;
let gatewayOrigin: string;

const site = (host: string, path: string) => `https://${host}:${origin.port}${path}`;
const shot = (name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const bodyText = () => page.locator('body').innerText();
/** Chromium's own pages (network errors, the insecure-form warning) live here. */
const isErrorPage = (url: URL) => url.protocol === 'chrome-error:';

describe('gateway through Chromium', { skip }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const pki = createTestPki(dir, 'origin', NAMES);
    origin = await startHtmlOrigin(pki);
    writeFileSync(join(dir, 'games.txt'), 'play.test\n');
    writeFileSync(join(dir, 'pornography.txt'), 'blocked.test\n');
    writeFileSync(
      join(dir, 'schoolgate.yaml'),
      `school: { name: Test School }
dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
    - { type: list, name: adult, category: pornography, path: pornography.txt }
gateway:
  publicHost: gateway.test
  connectPorts: [${origin.port}]
  upstream:
    extraCaFiles: ['${pki.caFile}']
    hosts:
${NAMES.map((name) => `      ${name}: 127.0.0.1`).join('\n')}
policy:
  defaultGroup: pupils
  groups:
    - id: pupils
      label: Pupils
      categories: { games: warn, pornography: block }
      # Nothing but the test origins is forwarded: Chromium's own background requests
      # (update checks, accounts) get the block page instead of leaving the machine.
      uncategorised: block
  exceptions:
    - { id: test-origin, match: allowed.test, action: allow, reason: the test's own origin }
    - { id: test-search, match: www.google.com, action: allow, reason: the test's search origin }
`,
    );
    gateway = await startTestGateway(join(dir, 'schoolgate.yaml'));
    gatewayOrigin = `http://gateway.test:${gateway.address.port}`;
    browser = await launchChromiumThroughProxy({
      dir,
      proxy: `127.0.0.1:${gateway.address.port}`,
      caPem: gateway.caCertificatePem!,
    });
    browser.setDefaultTimeout(10_000);
    page = browser.pages()[0] ?? (await browser.newPage());
  });

  after(async () => {
    await browser?.close();
    await gateway?.close();
    await origin?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('renders an allowed HTTPS page through the inspecting gateway', async () => {
    const response = await page.goto(site('allowed.test', '/welcome?x=1'));
    await shot('allowed');
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'Origin page: allowed.test');
    assert.equal(await page.locator('#greeting').innerText(), 'Hello from allowed.test');
    assert.ok(origin.seen.includes(`allowed.test:${origin.port}/welcome?x=1`));
    const security = await response!.securityDetails();
    assert.equal(security?.issuer, 'Test School Schoolgate CA', 'the leaf is the school CA’s');
  });

  it('shows the block page with its reason and a "Request unblock" link to the gateway', async () => {
    const response = await page.goto(site('blocked.test', '/some/page'));
    await shot('blocked');
    assert.equal(response?.status(), 403);
    assert.match(await bodyText(), /Pornography/);
    const unblock = page.getByRole('link', { name: 'Request unblock' });
    const href = (await unblock.getAttribute('href')) ?? '';
    assert.ok(href.startsWith(`${gatewayOrigin}/unblock?t=`), href);
    assert.ok(!origin.seen.some((s) => s.includes('/some/page')), 'the site was never asked');

    await unblock.click();
    await page.waitForURL(`${gatewayOrigin}/unblock?**`);
    await shot('unblock-requested');
    assert.match(await bodyText(), /Your request has been sent/);
    const requests = readFileSync(join(dir, 'data', 'unblock-requests.ndjson'), 'utf8');
    assert.match(requests, /blocked\.test/);
  });

  it('records a search with its terms and enforces safe search', async () => {
    const response = await page.goto(site('www.google.com', '/search?q=volcano+facts'));
    await shot('search');
    assert.equal(response?.status(), 200);
    const asked = origin.seen.filter(
      (s) => s.startsWith('www.google.com') && s.includes('/search'),
    );
    assert.ok(asked.length > 0, 'the search reached the engine');
    for (const request of asked) assert.match(request, /[?&]safe=active(&|$)/);
    const event = (await storedEvents(gateway)).find((e) => e['searchTerms'] === 'volcano facts');
    assert.ok(event, 'the search is in the access log');
    assert.equal(event['searchEngine'], 'google');
    assert.equal(event['host'], 'www.google.com');
  });

  it('warns on a warn-category page, and "Continue" posts without a browser warning', async () => {
    const response = await page.goto(site('play.test', '/lesson'));
    await shot('warn');
    assert.equal(response?.status(), 403);
    const text = await bodyText();
    assert.match(text, /Check before you continue/);
    assert.match(text, /Games/);
    assert.ok(!origin.seen.some((s) => s.includes('/lesson')), 'not served before continuing');

    await page.getByRole('button', { name: 'Continue to the site' }).click();
    await page.waitForURL((url) => url.href === site('play.test', '/lesson') || isErrorPage(url));
    await shot('warn-continue');
    assert.ok(
      !isErrorPage(new URL(page.url())),
      `Chromium stopped "Continue" with "${await page.title()}": the warning, served over https, posts to the gateway over plain http`,
    );
  });

  it('lets the page through once the warning is passed (the override)', async () => {
    // Only while the insecure-form warning above stands: go on past it to check the override.
    // Its button does nothing until the warning's own script is ready, hence the retries.
    for (let i = 0; i < 5 && isErrorPage(new URL(page.url())); i++) {
      await page.getByRole('button', { name: 'Send anyway' }).click();
      await page.waitForURL(site('play.test', '/lesson'), { timeout: 2_000 }).catch(() => {});
    }
    await page.waitForURL(site('play.test', '/lesson'));
    await page.waitForLoadState('load');
    await shot('warn-continued');
    assert.equal(await page.title(), 'Origin page: play.test');
    assert.ok(origin.seen.includes(`play.test:${origin.port}/lesson`));
    const again = await page.goto(site('play.test', '/another'));
    assert.equal(again?.status(), 200, 'the override covers the whole site for a while');
  });

  it('renders the school CA page', async () => {
    const response = await page.goto(`${gatewayOrigin}/ca`);
    await shot('ca');
    assert.equal(response?.status(), 200);
    const text = await bodyText();
    for (const platform of ['Windows', 'macOS', 'iOS', 'Android', 'ChromeOS']) {
      assert.match(text, new RegExp(platform));
    }
  });
});
