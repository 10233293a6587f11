/**
 * The Reports API over real HTTP against a real store, on both dialects: digests with names
 * for the DSL (audited) and without them for governors, the bursar and IT; the CSV and PDF
 * files; on-demand activity reports within a teacher's classes and with IT's reason; and
 * every input checked. Also `withoutNames` and the no-names document, as pure functions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { digestDocumentWithoutNames } from '../../src/console/routes/digest-document-without-names.js';
import { withoutNames } from '../../src/console/routes/without-names.js';
import type { Digest } from '../../src/monitor/digest/digest.js';
import { digestPeriod } from '../../src/monitor/digest/digest-period.js';
import { reportCsv } from '../../src/monitor/digest/render/report-csv.js';
import { T0 } from '../monitor/monitor-fixture.js';
import { DIALECTS } from '../support/store-dialects.js';
import { signedInClients, startTestConsole, type TestConsole } from './console-fixture.js';

/** Everyone the fixture's events and alerts name. */
const PUPILS = ['pupil.one', 'pupil.two'];
const HOUR = 3_600_000;
/** The fixture's events are at T0 = 2026-11-24 10:00 UTC (10:00 in London). */
const DAY = '2026-11-24';

async function problemOf(response: Response) {
  assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  return (await response.json()) as {
    type: string;
    status: number;
    detail: string;
    errors?: { path: string; message: string }[];
  };
}

/** A CSV download's text, after checking it starts with the byte-order mark Excel needs. */
async function csvOf(response: Response): Promise<string> {
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
  return bytes.subarray(3).toString('utf8');
}

async function auditRows(t: TestConsole, action: string) {
  return t.console.store.db
    .selectFrom('audit_log')
    .select(['actor', 'target_kind', 'target', 'reason'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

for (const dialect of DIALECTS) {
  describe(`reports API (${dialect})`, () => {
    let t: TestConsole;
    const as = signedInClients(() => t.url);
    const activity = (params: Readonly<Record<string, string | number | undefined>>) =>
      `/api/reports/activity?${new URLSearchParams(
        Object.entries(params).flatMap(([k, v]): [string, string][] =>
          v === undefined ? [] : [[k, String(v)]],
        ),
      )}`;
    const around = { from: T0 - HOUR, to: T0 + HOUR };

    before(async () => {
      t = await startTestConsole(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it('answers 401 without a session and 403 to roles with no reports', async () => {
      for (const path of [`/api/reports/digest?day=${DAY}`, activity({ user: 'pupil.one' })]) {
        const response = await fetch(`${t.url}${path}`);
        assert.equal(response.status, 401, path);
        assert.match((await problemOf(response)).type, /unauthenticated$/);
      }
      const smith = await as('smith');
      const digest = await smith.get(`/api/reports/digest?day=${DAY}`);
      assert.equal(digest.status, 403, 'a teacher has no digests');
      const governor = await as('governor');
      const report = await governor.get(activity({ user: 'pupil.one', ...around, reason: 'x1' }));
      assert.equal(report.status, 403, 'a governor has no activity reports');
      assert.match((await problemOf(report)).type, /forbidden$/);
    });

    it('gives governors, the bursar and IT the digest without anyone’s name', async () => {
      const dsl = (await (
        await (await as('dsl')).get(`/api/reports/digest?day=${DAY}`)
      ).json()) as {
        totals: { blocked: number };
        alerts: unknown[];
      };
      for (const username of ['governor', 'bursar', 'it']) {
        const client = await as(username);
        const response = await client.get(`/api/reports/digest?day=${DAY}`);
        assert.equal(response.status, 200, username);
        const text = await response.text();
        for (const pupil of PUPILS) assert.ok(!text.includes(pupil), `${username}: ${pupil}`);
        assert.ok(!text.includes('how to kill myself'), `${username}: no search terms`);
        const digest = JSON.parse(text) as Record<string, unknown> & {
          totals: { blocked: number };
          alerts: Record<string, unknown>[];
        };
        assert.equal(digest['namesLeftOut'], true);
        assert.ok(!('blockedByUser' in digest) && !('searchTerms' in digest), username);
        assert.equal(digest.totals.blocked, dsl.totals.blocked, 'the same counts');
        assert.equal(digest.alerts.length, dsl.alerts.length, 'the same alerts');
        assert.ok(digest.alerts.length > 0 && digest.alerts.every((a) => !('user' in a)));

        const csv = await client.get(`/api/reports/digest?day=${DAY}&format=csv`);
        assert.equal(csv.status, 200);
        assert.match(
          csv.headers.get('content-disposition') ?? '',
          /^attachment; filename="digest-daily-2026-11-24-without-names\.csv"$/,
        );
        const csvText = await csvOf(csv);
        assert.match(csvText, /^section,key,count/);
        assert.match(csvText, /^totals,blocked,1,/m, 'the counts are there');
        for (const pupil of PUPILS)
          assert.ok(!csvText.includes(pupil), `${username} CSV: ${pupil}`);
        assert.ok(!csvText.includes('how to kill myself'), `${username} CSV: no search terms`);
      }
      const audited = await auditRows(t, 'digest.read');
      assert.ok(
        audited.every(
          (r) => !['console:governor', 'console:bursar', 'console:it'].includes(r.actor),
        ),
        'a digest without names is not a read of anyone’s records',
      );
    });

    it('gives the DSL the digest with names, and audits the read', async () => {
      const dsl = await as('dsl');
      const response = await dsl.get(`/api/reports/digest?kind=daily&day=${DAY}`);
      assert.equal(response.status, 200);
      const digest = (await response.json()) as Digest & { namesLeftOut: boolean };
      assert.equal(digest.namesLeftOut, false);
      assert.equal(digest.period.id, `daily:${DAY}`);
      assert.deepEqual(digest.blockedByUser, [{ key: 'pupil.one', count: 1 }]);
      assert.deepEqual(digest.blockedByCategory, [{ key: 'games', count: 1 }]);
      assert.ok(digest.searchTerms.some((s) => s.key === 'how to kill myself'));
      assert.ok(digest.alerts.some((a) => a.user === 'pupil.one'));
      const rows = await auditRows(t, 'digest.read');
      assert.ok(
        rows.some(
          (r) =>
            r.actor === 'console:dsl' && r.target_kind === 'report' && r.target === `daily:${DAY}`,
        ),
        JSON.stringify(rows),
      );
    });

    it('serves the digest as a PDF and a CSV download', async () => {
      const head = await as('head');
      const pdf = await head.get(`/api/reports/digest?kind=weekly&day=${DAY}&format=pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(
        pdf.headers.get('content-disposition'),
        'attachment; filename="digest-weekly-2026-11-23.pdf"',
        'a week is named by its Monday',
      );
      assert.equal(pdf.headers.get('cache-control'), 'no-store');
      const bytes = Buffer.from(await pdf.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const governorPdf = await (await as('governor')).get(
        `/api/reports/digest?day=${DAY}&format=pdf`,
      );
      assert.equal(
        Buffer.from(await governorPdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
      const csv = await head.get(`/api/reports/digest?day=${DAY}&format=csv`);
      assert.equal(
        csv.headers.get('content-disposition'),
        'attachment; filename="digest-daily-2026-11-24.csv"',
      );
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(await csvOf(csv), /^blocked-by-user,pupil\.one,1,/m);
    });

    it('defaults to yesterday in school time', async () => {
      const response = await (await as('dsl')).get('/api/reports/digest');
      const digest = (await response.json()) as Digest;
      assert.equal(digest.period.id, 'daily:2026-11-23', 'the clock is 2026-11-24 11:00');
    });

    it('checks every digest input and names the field', async () => {
      const dsl = await as('dsl');
      const cases = [
        { query: 'day=2026-02-30', field: 'day' },
        { query: 'day=24/11/2026', field: 'day' },
        { query: 'day=yesterday', field: 'day' },
        { query: 'kind=monthly', field: 'kind' },
        { query: 'format=xlsx', field: 'format' },
        { query: 'nonsense=1', field: 'digest request' },
      ];
      for (const c of cases) {
        const response = await dsl.get(`/api/reports/digest?${c.query}`);
        assert.equal(response.status, 400, c.query);
        const problem = await problemOf(response);
        assert.match(problem.type, /invalid$/);
        assert.ok(
          problem.errors?.some((e) => e.path === c.field),
          `${c.query}: ${JSON.stringify(problem.errors)}`,
        );
      }
    });

    it('reports on a pupil for the DSL, audited, in every format', async () => {
      const dsl = await as('dsl');
      const query = { user: 'pupil.one', ...around, reason: 'case 2026-17' };
      const response = await dsl.get(activity(query));
      assert.equal(response.status, 200);
      const report = (await response.json()) as {
        subject: { kind: string; name: string };
        totals: { requests: number; blocked: number; searches: number };
        blocked: { host: string }[];
      };
      assert.deepEqual(report.subject, { kind: 'user', name: 'pupil.one' });
      assert.deepEqual(
        [report.totals.requests, report.totals.blocked, report.totals.searches],
        [2, 1, 1],
      );
      assert.equal(report.blocked[0]?.host, 'games.example');
      const rows = await auditRows(t, 'activity-report.read');
      assert.ok(
        rows.some(
          (r) =>
            r.actor === 'console:dsl' &&
            r.target_kind === 'person' &&
            r.target === 'pupil.one' &&
            r.reason === 'case 2026-17',
        ),
      );

      const csv = await dsl.get(activity({ ...query, format: 'csv' }));
      assert.equal(
        csv.headers.get('content-disposition'),
        'attachment; filename="activity-user-pupil.one-2026-11-24-to-2026-11-24.csv"',
      );
      assert.match(await csvOf(csv), /^section,key,count/);
      const pdf = await dsl.get(activity({ ...query, format: 'pdf' }));
      assert.equal(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
      const html = await dsl.get(activity({ ...query, format: 'html' }));
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(await html.text(), /games\.example/);
    });

    it('keeps a teacher to their own classes’ reports', async () => {
      const smith = await as('smith');
      const before = (await auditRows(t, 'activity-report.read')).length;
      const refused = [
        { user: 'pupil.two', ...around, reason: 'worried' },
        { group: '10y', ...around, reason: 'worried' },
        { user: 'pupil.one', from: T0 - 48 * HOUR, to: T0 - 24 * HOUR, reason: 'worried' },
      ];
      for (const query of refused) {
        const response = await smith.get(activity(query));
        assert.equal(response.status, 403, JSON.stringify(query));
        const text = await response.text();
        assert.ok(!text.includes('self harm') && !text.includes('10y,'), 'nothing of theirs');
      }
      assert.equal(
        (await auditRows(t, 'activity-report.read')).length,
        before,
        'a refused report reads nothing and records nothing',
      );
      const own = await smith.get(activity({ user: 'pupil.one', ...around, reason: 'worried' }));
      assert.equal(own.status, 200, 'a pupil in 9x');
      const rows = await auditRows(t, 'activity-report.read');
      assert.equal(rows.at(-1)?.actor, 'console:smith');
    });

    it('makes IT give a reason, and records it', async () => {
      const it_ = await as('it');
      const without = await it_.get(activity({ user: 'pupil.one', ...around }));
      assert.equal(without.status, 400);
      assert.ok((await problemOf(without)).errors?.some((e) => e.path === 'reason'));
      const blank = await it_.get(activity({ user: 'pupil.one', ...around, reason: '   ' }));
      assert.equal(blank.status, 400);
      const withReason = await it_.get(
        activity({ group: 'pupils', ...around, reason: 'ticket 4411: proxy errors' }),
      );
      assert.equal(withReason.status, 200);
      const rows = await auditRows(t, 'activity-report.read');
      assert.deepEqual(rows.at(-1), {
        actor: 'console:it',
        target_kind: 'group',
        target: 'pupils',
        reason: 'ticket 4411: proxy errors',
      });
    });

    it('checks every activity-report input and names the field', async () => {
      const dsl = await as('dsl');
      const reason = 'case 2026-17';
      const cases: { query: Record<string, string | number>; field: string }[] = [
        { query: { ...around, reason }, field: 'user' },
        { query: { user: 'pupil.one', group: 'pupils', ...around, reason }, field: 'group' },
        { query: { user: 'pupil.one', from: T0, to: T0, reason }, field: 'to' },
        { query: { user: 'pupil.one', from: T0, to: T0 + 32 * 24 * HOUR, reason }, field: 'to' },
        { query: { user: 'pupil.one', from: 'monday', to: T0, reason }, field: 'from' },
        { query: { user: 'pupil.one', to: T0, reason }, field: 'from' },
        { query: { user: 'pupil.one', ...around, reason, format: 'docx' }, field: 'format' },
        { query: { group: 'year99', ...around, reason }, field: 'group' },
        { query: { user: 'pupil.one', ...around, reason, extra: 1 }, field: 'report request' },
      ];
      for (const c of cases) {
        const response = await dsl.get(activity(c.query));
        assert.equal(response.status, 400, JSON.stringify(c.query));
        const problem = await problemOf(response);
        assert.ok(
          problem.errors?.some((e) => e.path === c.field),
          `${JSON.stringify(c.query)}: ${JSON.stringify(problem.errors)}`,
        );
      }
    });
  });
}

describe('withoutNames', () => {
  const period = digestPeriod('daily', DAY, 'Europe/London');
  const alert = {
    id: '0b7c1a52-5a8e-4c53-9d1c-0d7d2a4a1f00',
    level: 4 as const,
    category: 'self-harm',
    user: 'pupil.one',
    title: 'Searches about self-harm',
    count: 2,
    state: 'new' as const,
    lastMs: T0,
    last: 'Tue 24 Nov 2026 10:00',
  };
  const digest: Digest = {
    kind: 'digest',
    period,
    totals: { requests: 9, blocked: 3, warned: 0, alerted: 1, searches: 2, people: 2, alerts: 2 },
    blockedByCategory: [{ key: 'games', count: 3 }],
    blockedByGroup: [{ key: '9x', count: 3 }],
    blockedByUser: [
      { key: 'pupil.one', count: 2 },
      { key: 'pupil.two', count: 1 },
    ],
    blockedSeries: [{ startMs: T0, key: '2026-11-24 10:00 GMT', label: '10:00', blocked: 3 }],
    alertsByLevel: [{ level: 4, count: 1 }],
    alertsByState: [{ state: 'new', count: 1 }],
    alerts: [alert, { ...alert, id: '0b7c1a52-5a8e-4c53-9d1c-0d7d2a4a1f01', user: 'pupil.two' }],
    moreAlerts: 0,
    searchTerms: [{ key: 'pupil.two is sad', count: 1 }],
  };

  const cases = [
    { name: 'leaves out the people blocked most', want: (d: object) => !('blockedByUser' in d) },
    { name: 'leaves out the search terms', want: (d: object) => !('searchTerms' in d) },
    {
      name: 'keeps each alert but not its person',
      want: (d: { alerts: readonly object[] }) =>
        d.alerts.length === 2 && d.alerts.every((a) => !('user' in a)),
    },
    {
      name: 'keeps every count',
      want: (d: Pick<Digest, 'totals' | 'blockedByCategory' | 'blockedByGroup'>) =>
        d.totals === digest.totals &&
        d.blockedByCategory === digest.blockedByCategory &&
        d.blockedByGroup === digest.blockedByGroup,
    },
    {
      name: 'names nobody anywhere',
      want: (d: object) => PUPILS.every((p) => !JSON.stringify(d).includes(p)),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.ok(c.want(withoutNames(digest)));
    });
  }

  it('does not change the digest it is given', () => {
    const copy = structuredClone(digest);
    withoutNames(digest);
    assert.deepEqual(digest, copy);
  });

  it('makes a document whose CSV names nobody and still has the counts', () => {
    const doc = digestDocumentWithoutNames(withoutNames(digest));
    const ids = doc.sections.map((s) => s.id);
    assert.ok(!ids.includes('blocked-by-user') && !ids.includes('search-terms'), ids.join());
    const table = doc.sections.find((s) => s.id === 'alerts');
    assert.ok(table?.kind === 'table');
    assert.ok(!table.columns.some((c) => c.id === 'user'));
    assert.ok(table.rows.every((r) => r.length === table.columns.length));
    assert.match(doc.notes.join(' '), /left out/);
    const csv = reportCsv(doc);
    for (const pupil of PUPILS) assert.ok(!csv.includes(pupil), pupil);
    assert.match(csv, /^blocked-by-group,9x,3,/m);
  });
});
