import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityCsv } from '../../../src/monitor/report/activity-csv.js';
import { activityPdf } from '../../../src/monitor/report/activity-pdf.js';
import type { ActivityReport } from '../../../src/monitor/report/activity-report.js';
import { renderActivityHtml } from '../../../src/monitor/report/render-activity-html.js';
import { renderActivityText } from '../../../src/monitor/report/render-activity-text.js';
import { FORMULA, HOSTILE_TERMS, parseCsv, pdfShownText } from '../digest/sample-digest.js';

const t = (iso: string) => Date.parse(iso);

/** A hand-made report: one person's Tuesday, or a group's when `group` is set. */
function sampleReport(group = false): ActivityReport {
  const entry = (id: string, iso: string, terms: string | null, inAlert: boolean) => ({
    id,
    timeMs: t(iso),
    time: `Tue 24 Nov 2026 ${iso.slice(11, 16)}`,
    user: 'pupil.one',
    host: terms === null ? 'adult.blocked.example' : 'www.google.co.uk',
    path: '/',
    categories: terms === null ? ['adult', 'porn'] : [],
    searchTerms: terms,
    inAlert,
  });
  return {
    kind: 'activity-report',
    subject: group ? { kind: 'group', name: 'year7' } : { kind: 'user', name: 'pupil.one' },
    period: {
      fromMs: t('2026-11-24T00:00:00Z'),
      toMs: t('2026-11-25T00:00:00Z'),
      timezone: 'Europe/London',
      label: 'Tue 24 Nov 2026 00:00 to Wed 25 Nov 2026 00:00',
    },
    totals: {
      requests: 1500,
      allowed: 1490,
      blocked: 8,
      warned: 1,
      alerted: 1,
      searches: 3,
      alerts: 1,
    },
    series: [
      {
        startMs: t('2026-11-24T00:00:00Z'),
        key: '2026-11-24',
        label: 'Tue 24 Nov',
        requests: 1500,
        blocked: 8,
      },
    ],
    topHosts: [{ host: 'school.test', requests: 1400, blocked: 0 }],
    topCategories: [{ key: 'education', count: 1400 }],
    blocked: [entry('019e0000-0000-7000-8000-00000000000b', '2026-11-24T09:10:00Z', null, true)],
    blockedMore: true,
    searches: [
      entry('019e0000-0000-7000-8000-00000000000c', '2026-11-24T11:00:00Z', HOSTILE_TERMS, true),
      entry('019e0000-0000-7000-8000-00000000000d', '2026-11-24T11:05:00Z', FORMULA, false),
    ],
    searchesMore: false,
    alerts: [
      {
        id: 'a2',
        level: 3,
        category: 'gambling',
        user: 'pupil.one',
        title: 'Repeated attempts at gambling sites',
        count: 5,
        state: 'acknowledged',
        firstMs: t('2026-11-24T10:00:00Z'),
        lastMs: t('2026-11-24T10:30:00Z'),
        last: 'Tue 24 Nov 2026 10:30',
      },
    ],
  };
}

describe('activity report renderers', () => {
  it('HTML escapes search terms and hides event ids', () => {
    const html = renderActivityHtml(sampleReport());
    assert.ok(!html.includes(HOSTILE_TERMS));
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes('019e0000-0000-7000-8000-00000000000c'), 'ids are for the CSV');
    assert.match(html, /<caption[^>]*>Searches<\/caption>/);
    assert.match(html, /Only the newest 1 are listed/);
  });

  const textCases = [
    { name: 'the title', want: /^Activity report: pupil\.one$/m },
    {
      name: 'the period',
      want: /^Tue 24 Nov 2026 00:00 to Wed 25 Nov 2026 00:00 \(Europe\/London\)\.$/m,
    },
    { name: 'requests', want: /^ {2}Requests +1,500$/m },
    { name: 'blocked attempts', want: /^ {2}Blocked attempts +8$/m },
    {
      name: 'a search in an alert',
      want: /^ {2}Tue 24 Nov 2026 11:00 {2}"><img src=x onerror=alert\(1\)> +www\.google\.co\.uk {2}yes$/m,
    },
  ];
  for (const { name, want } of textCases) {
    it(`text has ${name}`, () => assert.match(renderActivityText(sampleReport()), want));
  }

  it("names the person on each row of a group's report", () => {
    const text = renderActivityText(sampleReport(true));
    assert.match(text, /^Activity report: group year7$/m);
    assert.match(text, /^ {2}Time +Person +Site +Path/m);
    assert.doesNotMatch(renderActivityText(sampleReport()), /Person/);
  });

  it('CSV round-trips the lists with event ids, formulas neutralised', () => {
    const rows = parseCsv(activityCsv(sampleReport()));
    const header = rows[0]!;
    assert.deepEqual(header.slice(0, 3), ['section', 'key', 'count']);
    const searches = rows.filter((r) => r[0] === 'searches');
    const cell = (r: string[], name: string) => r[header.indexOf(name)];
    assert.deepEqual(
      searches.map((r) => [r[1], cell(r, 'terms'), cell(r, 'in_alert')]),
      [
        ['019e0000-0000-7000-8000-00000000000c', HOSTILE_TERMS, 'yes'],
        ['019e0000-0000-7000-8000-00000000000d', `'${FORMULA}`, ''],
      ],
    );
    assert.deepEqual(
      rows.filter((r) => r[0] === 'blocked').map((r) => cell(r, 'categories')),
      ['adult, porn'],
    );
    assert.deepEqual(
      rows.filter((r) => r[0] === 'totals').map((r) => [r[1], r[2]]),
      [
        ['requests', '1500'],
        ['allowed', '1490'],
        ['blocked', '8'],
        ['warned', '1'],
        ['alerted', '1'],
        ['searches', '3'],
        ['alerts', '1'],
      ],
    );
  });

  it('PDF is deterministic and shows the title', async () => {
    const a = await activityPdf(sampleReport());
    const b = await activityPdf(sampleReport());
    assert.equal(a.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(a.equals(b));
    const plain = await activityPdf(sampleReport(), { fontPath: null, compress: false });
    const shown = pdfShownText(plain);
    assert.ok(shown.includes('Activity report: pupil.one'));
    assert.ok(shown.includes('1,500'));
  });
});
