/**
 * The Users page in Debian's Chromium (playwright-core) at 1366x768: as IT, add a pupil
 * (a refused username first, its message beside the field), edit them, add a teacher's
 * console account and assign classes; as the DSL, the same lists read-only. Screenshots go
 * to test-artifacts/console/ (users.png, users-staff.png and the dialogs). The UI must be
 * built (`npm run build:ui`).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importPeople } from '../../src/directory/directory-store.js';
import type { ImportRow } from '../../src/directory/user-import.js';
import { CHROMIUM_PATH } from '../support/browser-chromium.js';
import {
  assertUiBuilt,
  haveChromium,
  launchConsoleBrowser,
  newLaptopPage,
  openFromNavigation,
  signInThroughForm,
} from '../support/console-browser.js';
import { startTestConsole, type TestConsole } from './console-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) {
    await page.addScriptTag({ path: AXE_SCRIPT });
  }
  const violations = await page.evaluate<
    { id: string; impact: string | null; nodes: { target: string[] }[] }[]
  >(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations)`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Pupils in three classes, so 9x, 10y and 7a are known groups. */
const PUPILS: readonly ImportRow[] = [
  ['a.ahmed', 'Aisha Ahmed', '9x'],
  ['b.brown', 'Ben Brown', '10y'],
  ['c.chen', 'Cai Chen', '7a'],
].map(([username, displayName, group], i) => ({
  line: i + 2,
  username: username!,
  displayName: displayName!,
  groups: ['pupils', group!],
  classes: [],
  email: null,
  role: null,
  dateOfBirth: null,
  action: 'create' as const,
}));

describe('the Users page in Chromium', {
  skip: haveChromium ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  let t: TestConsole;
  let browser: Browser;

  before(async () => {
    assertUiBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestConsole('sqlite');
    await importPeople(t.console.store.db, PUPILS, 'test', Date.now);
    browser = await launchConsoleBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = async (username: string): Promise<Page> => {
    const page = await newLaptopPage(browser);
    await signInThroughForm(page, t.url, username);
    await openFromNavigation(page, 'Users');
    return page;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const person = (username: string) =>
    t.console.store.db
      .selectFrom('directory_people')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();

  it('as IT: adds a pupil (a refused username shown beside its field), then edits them', async () => {
    const page = await signIn('it');
    await page.getByRole('cell', { name: 'a.ahmed' }).waitFor();
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add person' });
    await dialog.waitFor();
    await dialog.getByLabel('Username').fill('n newton');
    await dialog.getByLabel('Display name').fill('Nia Newton');
    const groups = dialog.getByRole('group', { name: 'Groups' });
    await groups.getByLabel('Pupils').check();
    await groups.getByLabel('9x').check();
    await dialog.getByRole('button', { name: 'Add person' }).click();
    const usernameField = dialog.getByLabel('Username');
    await page.waitForFunction(`document.querySelector('dialog[open] input[aria-invalid="true"]')`);
    assert.equal(await usernameField.getAttribute('aria-invalid'), 'true');
    const described = await usernameField.getAttribute('aria-describedby');
    assert.ok(described !== null);
    const message = await page.locator(`[id="${described.split(' ').at(-1)}"]`).innerText();
    assert.match(message, /may use only a-z, 0-9/);
    await shot(page, 'users-person-dialog');
    assert.deepEqual(await axeProblems(page), [], 'the person dialog with an error');
    assert.equal(await person('n newton'), undefined);

    await usernameField.fill('n.newton');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await page.getByText('Added Nia Newton (n.newton): filtered as Pupils.').waitFor();
    await page.getByRole('cell', { name: 'n.newton' }).waitFor();
    const added = await person('n.newton');
    assert.deepEqual(JSON.parse(added!.groups), ['pupils', '9x']);

    await page.getByRole('button', { name: 'Edit Nia Newton' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit n.newton' });
    await edit.getByText(/is filtered as/).waitFor();
    await edit.getByLabel('Display name').fill('Nia Newton-Hall');
    const editGroups = edit.getByRole('group', { name: 'Groups' });
    await editGroups.getByLabel('9x').uncheck();
    await editGroups.getByLabel('10y').check();
    await edit.getByLabel('Date of birth').fill('2013-02-03');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved Nia Newton-Hall (n.newton): filtered as Pupils.').waitFor();
    const edited = await person('n.newton');
    assert.equal(edited!.display_name, 'Nia Newton-Hall');
    assert.deepEqual(JSON.parse(edited!.groups), ['pupils', '10y']);
    assert.equal(edited!.date_of_birth, '2013-02-03');
    await page
      .getByRole('row', { name: /Nia Newton-Hall/ })
      .getByText('Pupils', { exact: true })
      .waitFor();
    await shot(page, 'users');
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 1366, `no sideways scrolling at 1366 wide (${width})`);
    await page.context().close();
  });

  it('as IT: adds a teacher account and assigns their classes', async () => {
    const page = await signIn('it');
    const tab = page.getByRole('tab', { name: 'Console accounts' });
    // Keyboard: the tabs follow the arrow keys.
    await page.getByRole('tab', { name: /directory/ }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    await page.getByRole('cell', { name: 'smith' }).first().waitFor();

    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByLabel('Username').fill('j.jones');
    await dialog.getByLabel('Display name').fill('Jo Jones');
    await dialog.getByLabel('Role').selectOption('teacher');
    await dialog.getByRole('group', { name: 'Classes' }).getByLabel('9x').check();
    await dialog.getByLabel('Initial password').fill('short');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await dialog.getByText(/at least 10 characters \(a short phrase/i).waitFor();
    await dialog.getByLabel('Initial password').fill('a long enough phrase');
    await shot(page, 'users-staff-dialog');
    assert.deepEqual(await axeProblems(page), [], 'the account dialog');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await page.getByText('Added the account Jo Jones (j.jones).').waitFor();

    await page.getByRole('button', { name: "Edit Jo Jones's account" }).click();
    const edit = page.getByRole('dialog', { name: 'Edit j.jones' });
    const classes = edit.getByRole('group', { name: 'Classes' });
    assert.equal(await classes.getByLabel('9x').isChecked(), true);
    await classes.getByLabel('10y').check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved the account of Jo Jones (j.jones).').waitFor();
    await page
      .getByRole('row', { name: /Jo Jones/ })
      .getByRole('cell', { name: '9x, 10y' })
      .waitFor();
    const account = await t.console.store.db
      .selectFrom('console_users')
      .select(['role', 'classes'])
      .where('username', '=', 'j.jones')
      .executeTakeFirstOrThrow();
    assert.equal(account.role, 'teacher');
    assert.deepEqual(JSON.parse(account.classes), ['9x', '10y']);

    // One's own account: the role and "disabled" cannot be changed here.
    await page.getByRole('button', { name: "Edit it's account" }).click();
    const own = page.getByRole('dialog', { name: 'Edit it' });
    assert.equal(await own.getByLabel('Role').isDisabled(), true);
    await own.getByRole('button', { name: 'Cancel' }).click();
    await shot(page, 'users-staff');
    assert.deepEqual(await axeProblems(page), [], 'the console accounts tab');
    await page.context().close();
  });

  it('as the DSL: both lists, read-only', async () => {
    const page = await signIn('dsl');
    await page.getByRole('cell', { name: 'n.newton' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add person' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Edit / }).count(), 0);
    assert.equal(await page.getByLabel('Or paste the CSV text').count(), 0);
    await page.getByRole('tab', { name: 'Console accounts' }).click();
    await page.getByRole('cell', { name: 'j.jones' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add account' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Edit / }).count(), 0);
    await page.context().close();
  });
});
