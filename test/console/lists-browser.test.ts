/**
 * The Lists page in Debian's Chromium (playwright-core) at a 1366x768 laptop's size: IT
 * signs in, opens Lists from the navigation, is told what is wrong with an address that is
 * not one, tests a blocked site and reads each group's decision, sorts the categories by
 * entries. Screenshot: test-artifacts/console/lists.png. The UI must be built
 * (`npm run build:ui`).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../support/browser-chromium.js';
import {
  assertUiBuilt,
  haveChromium,
  launchConsoleBrowser,
  newLaptopPage,
  openFromNavigation,
  signInThroughForm,
} from '../support/console-browser.js';
import { type ListsConsole, startListsConsole } from './lists-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('the Lists page in Chromium', {
  skip: haveChromium ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  let t: ListsConsole;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assertUiBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startListsConsole('sqlite');
    await t.compile();
    browser = await launchConsoleBrowser();
    page = await newLaptopPage(browser);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('IT tests a URL and sees the decision for each group, with the list entry', async () => {
    await signInThroughForm(page, t.url, 'it');
    await page.getByRole('heading', { level: 1, name: /dashboard/i }).waitFor();
    await openFromNavigation(page, 'Lists');

    // The categories, with the compiled counts and a gap marked.
    const categories = page.getByRole('table', { name: /^Categories/ });
    const games = categories.getByRole('row', { name: /^Games/ });
    await games.waitFor();
    assert.match(await games.innerText(), /\b2\b/);
    assert.match(await games.innerText(), /lists\/games\.txt/);
    const feed = categories.getByRole('row', { name: /^Phishing/ });
    assert.match(await feed.innerText(), /feeds\.example\/phish\.txt\?key=…/);
    assert.doesNotMatch(await page.locator('main').innerText(), /s3cret|abc123/);

    // Not an address: said beside the field, focus back on it.
    const field = page.getByRole('textbox', { name: 'Web address' });
    await field.fill('ftp://files.test/');
    await field.press('Enter');
    await page.getByText(/only web addresses \(http:\/\/ or https:\/\/\) can be tested/i).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');

    await field.fill('https://www.play.test/level/1');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const results = page.getByRole('table', { name: /Decision for each group/ });
    await results.waitFor();
    // Announced for screen readers (the polite live region, shown as a toast).
    const toast = page.locator('.toast__message');
    assert.equal(await toast.innerText(), 'Tested: Staff allow, Pupils block.');
    const pupils = results.getByRole('row', { name: /^Pupils/ });
    const staff = results.getByRole('row', { name: /^Staff/ });
    assert.equal((await pupils.locator('.action-badge').innerText()).trim(), 'block');
    assert.equal((await staff.locator('.action-badge').innerText()).trim(), 'allow');
    assert.match(await pupils.innerText(), /Blocked: www\.play\.test is in Games/);
    assert.match(
      await pupils.getByRole('cell').last().innerText(),
      /play\.test\s+domain entry in games/,
    );
    assert.match(await staff.innerText(), /Staff has no rule for Games, so it is allowed/);
    await pupils.getByText('The engine’s explanation').click();
    await pupils.getByText(/^Matched: play\.test/).waitFor();

    // The results, the open explanation and the field's error are checked by axe-core (WCAG
    // 2.1 A and AA), as every page is in accessibility-browser.test.ts without a test run.
    await page.addScriptTag({ path: AXE_SCRIPT });
    const violations = await page.evaluate<{ id: string; impact: string | null }[]>(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
        .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact })))`,
    );
    assert.deepEqual(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      [],
    );

    // The toast goes before the screenshot.
    await toast.waitFor({ state: 'detached' });
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 1366, `no sideways scrolling at 1366 wide (${width})`);
    await page.screenshot({ path: join(ARTIFACTS, 'lists.png'), fullPage: true });

    // Sort the categories by entries: the biggest list first.
    await categories.getByRole('button', { name: /Entries/ }).click();
    assert.equal(
      await categories.getByRole('columnheader', { name: /Entries/ }).getAttribute('aria-sort'),
      'descending',
    );
    const firstRow = categories.locator('tbody tr').first();
    assert.match(await firstRow.innerText(), /Social networking/);
    assert.match(await firstRow.innerText(), /1 line not used/);

    // The tested address is in the page's address: a reload (or a link) tests it again.
    assert.match(page.url(), /#\/lists\?url=https%3A%2F%2Fwww\.play\.test%2Flevel%2F1$/);
    await page.reload();
    const again = page.getByRole('table', { name: /Decision for each group/ });
    await again.waitFor();
    assert.equal(
      (
        await again
          .getByRole('row', { name: /^Pupils/ })
          .locator('.action-badge')
          .innerText()
      ).trim(),
      'block',
    );
    assert.equal(
      await page.getByRole('textbox', { name: 'Web address' }).inputValue(),
      'https://www.play.test/level/1',
    );
  });
});
