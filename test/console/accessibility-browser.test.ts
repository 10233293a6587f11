/**
 * Every console page, for each kind of role, checked in Debian's Chromium at a 1366x768
 * laptop's size by axe-core (the WCAG 2.1 A and AA rules a screen-reader user depends on:
 * names for fields and buttons, landmarks, headings, contrast, ARIA used correctly), and
 * for fitting the width without sideways scrolling. The pages are found from the main
 * navigation, so a new page is checked without touching this test. A screenshot of each
 * page for each role goes to test-artifacts/console/pages/.
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
  signInThroughForm,
} from '../support/console-browser.js';
import { startTestConsole, type TestConsole } from './console-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console', 'pages');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** The WCAG 2.1 A and AA rules. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One of each kind of role: safeguarding, IT, a teacher (class scope), a governor (aggregates). */
const ROLES = ['dsl', 'it', 'smith', 'governor'] as const;

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

describe('every console page is accessible', {
  skip: haveChromium ? false : `no ${CHROMIUM_PATH}`,
}, () => {
  let t: TestConsole;
  let browser: Browser;

  before(async () => {
    assertUiBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestConsole('sqlite');
    browser = await launchConsoleBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the check itself finds a field without a label (so a clean page means something)', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent('<main><h1>Form</h1><input type="text"></main>');
      const found = (await seriousViolations(page)).map((v) => v.id);
      assert.ok(found.includes('label'), `axe found: ${found.join(', ')}`);
    } finally {
      await page.close();
    }
  });

  for (const username of ROLES) {
    it(`has no serious axe violations and fits 1366 px, for ${username}`, async () => {
      const page = await newLaptopPage(browser);
      try {
        await signInThroughForm(page, t.url, username);
        const paths = await navPaths(page);
        assert.ok(paths.includes('/'), 'the dashboard is in the navigation');
        const problems: string[] = [];
        for (const path of paths) {
          await openPage(page, t.url, path);
          const slug = path === '/' ? 'dashboard' : path.slice(1).replaceAll('/', '-');
          await page.screenshot({
            path: join(ARTIFACTS, `${username}-${slug}.png`),
            fullPage: true,
          });
          for (const v of await seriousViolations(page)) {
            problems.push(
              `${path}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
          }
          // Strings, not functions: the tests are typed without the DOM's globals.
          const overflow = await page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          if (overflow > 0) problems.push(`${path}: ${overflow} px wider than the window`);
        }
        assert.deepEqual(problems, [], problems.join('\n'));
      } finally {
        await page.context().close();
      }
    });
  }
});

/** The pages this role's navigation offers, as hash paths (`/`, `/alerts`, ...). */
async function navPaths(page: Page): Promise<string[]> {
  const hrefs = await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.filter((href) => href.startsWith('#/')).map((href) => href.slice(1));
}

/** Opens a page and waits until its data has loaded (no "Loading…" status left). */
async function openPage(page: Page, url: string, path: string): Promise<void> {
  await page.goto(`${url}/#${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(
    "![...document.querySelectorAll('.loading')].some((el) => el.textContent.includes('Loading'))",
    undefined,
    { timeout: 15_000 },
  );
}

async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) {
    await page.addScriptTag({ path: AXE_SCRIPT });
  }
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })
      .then((result) => result.violations)`,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
