/**
 * The console's pages in Debian's Chromium (playwright-core), as the browser tests drive
 * them: a headless browser, a page at a 1366x768 laptop's size, and a sign-in through the
 * form a person uses. A test that needs Chromium skips when `haveChromium` is false.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { UI_DIST } from '../../src/console/create-console-app.js';
import { PASSWORD } from '../console/console-fixture.js';
import { CHROMIUM_PATH } from './browser-chromium.js';

/** Whether Debian's `chromium` is installed; the browser tests skip without it. */
export const haveChromium = existsSync(CHROMIUM_PATH);

/** Fails with what to do when the console's UI has not been built (`npm run build:ui`). */
export function assertUiBuilt(): void {
  assert.ok(existsSync(join(UI_DIST, 'index.html')), 'build the UI first: npm run build:ui');
}

/**
 * Starts headless Chromium with no sandbox, GPU, first-run page or background traffic
 * (updates, sync). Close the returned browser to stop it.
 */
export function launchConsoleBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

/**
 * A page in a new context of its own at a 1366x768 laptop's size; `options` go to the
 * context as they are (e.g. `acceptDownloads`). Closing `page.context()` closes it.
 */
export async function newLaptopPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    ...options,
    viewport: { width: 1366, height: 768 },
  });
  return context.newPage();
}

/**
 * Opens the console at `url` and signs in as `username` through the sign-in form, then
 * waits for the main navigation a signed-in person sees.
 */
export async function signInThroughForm(
  page: Page,
  url: string,
  username: string,
  password: string = PASSWORD,
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Opens `name` from the main navigation and waits for the page's heading of that name. */
export async function openFromNavigation(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
