/**
 * Writes sample gateway pages to `.tmp/pages/` (block page for every reason code, the IWF
 * and CTIRU variants, a hostile-input block page, the warn page, the CA page and the PAC
 * file) so they can be looked at or screenshotted with Chromium, e.g.
 * `chromium --headless --screenshot=block.png --window-size=320,1200 .tmp/pages/block-category.html`.
 * Usage: `npx tsx tools/render-pages.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Decision } from '../src/engine/decision/decision.js';
import type { PageResponse } from '../src/gateway/proxy/pages/page-response.js';
import { renderBlockPage } from '../src/gateway/proxy/pages/render-block-page.js';
import { renderCaPage } from '../src/gateway/proxy/pages/render-ca-page.js';
import { renderPac } from '../src/gateway/proxy/pages/render-pac.js';
import { renderWarnPage } from '../src/gateway/proxy/pages/render-warn-page.js';
import { signLink } from '../src/gateway/proxy/pages/signed-link.js';
import {
  CTIRU_DECISION,
  SAMPLE_DECISIONS,
  WARN_DECISION,
} from '../test/gateway/proxy/pages/sample-decisions.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.tmp', 'pages');
/** A fixed moment, so the pages are the same on every run. */
const AT = new Date('2026-11-24T10:00:00Z');
const SECRET = 'render-pages-sample-secret-not-for-production';
const SCHOOL = 'Widford Lodge School';

function unblockLink(decision: Decision, user: string): string {
  const token = signLink(
    {
      kind: 'unblock',
      url: decision.url ?? '',
      user,
      reason: decision.reason.code,
      category: 'category' in decision.reason ? decision.reason.category : null,
    },
    SECRET,
    AT.getTime() + 7 * 86_400_000,
  );
  return `https://console.school.test/unblock?t=${token}`;
}

function block(decision: Decision, user: string | null = 'amy.pupil', requestUrl?: string) {
  return renderBlockPage({
    decision,
    schoolName: SCHOOL,
    at: AT,
    user,
    requestUrl: requestUrl ?? decision.url ?? 'http://exa mple/',
    requestUnblockUrl: unblockLink(decision, user ?? ''),
    reportConcernUrl: 'https://console.school.test/concern',
  });
}

const pages: [string, PageResponse][] = [
  ...Object.entries(SAMPLE_DECISIONS).map(([code, d]): [string, PageResponse] => [
    `block-${code}.html`,
    block(d),
  ]),
  ['block-ctiru.html', block(CTIRU_DECISION)],
  [
    'block-hostile.html',
    block(
      { ...SAMPLE_DECISIONS.category, group: '<b>"pupils"</b>' },
      '\u202Eأحمد <script>alert(1)</script>',
      `https://games.example/${'very-long-path/'.repeat(60)}?q="<script>"&x=1`,
    ),
  ],
  ['block-not-signed-in.html', block(SAMPLE_DECISIONS.uncategorised, null)],
  [
    'warn.html',
    renderWarnPage({
      decision: WARN_DECISION,
      schoolName: SCHOOL,
      at: AT,
      user: 'amy.pupil',
      requestUrl: 'https://chat.example/rooms',
      continueAction: '/.schoolgate/continue',
      continueToken: signLink(
        {
          kind: 'continue',
          url: 'https://chat.example/rooms',
          user: 'amy.pupil',
          reason: 'category',
          category: 'chat',
        },
        SECRET,
        AT.getTime() + 600_000,
      ),
      backUrl: 'https://school.test/',
      overrideMinutes: 15,
    }),
  ],
  [
    'ca.html',
    renderCaPage({
      schoolName: SCHOOL,
      fingerprintSha256: '3f'.repeat(32),
      downloadPemUrl: '/schoolgate-ca.pem',
      downloadDerUrl: '/schoolgate-ca.der',
      notAfter: new Date('2036-09-01T00:00:00Z'),
    }),
  ],
  [
    'proxy.pac',
    renderPac({ proxyHost: 'gateway.school.test', proxyPort: 3128, bypass: ['school.test'] }),
  ],
];

mkdirSync(out, { recursive: true });
for (const [name, page] of pages) {
  writeFileSync(join(out, name), page.body);
  process.stdout.write(
    `${join('.tmp', 'pages', name)}  ${page.status}  ${page.body.length} chars\n`,
  );
}
