import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listHolds } from '../../../src/casework/holds/list-holds.js';
import { placeHold } from '../../../src/casework/holds/place-hold.js';
import { ArchiveManifest } from '../../../src/casework/retention/archive-manifest.js';
import { runRetention } from '../../../src/casework/retention/run-retention.js';
import { UtcDay } from '../../../src/casework/retention/utc-day.js';
import type { Store } from '../../../src/store/open-store.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import {
  archiveLines,
  auditRows,
  byDay,
  CONFIG,
  DAY,
  expectedLines,
  fate,
  NOW,
  seed,
  storedIds,
} from './retention-fixture.js';

const run = (store: Store & { dataDir: string }, now: number, dryRun = false) =>
  runRetention(store, CONFIG, {
    now: () => now,
    archiveDir: join(store.dataDir, 'archive'),
    dryRun,
    actor: 'test:retention',
  });

/** Every file under the archive folder with its size and mtime: "nothing changed" means equal. */
function folderState(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${p} ${statSync(p).size} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

async function tableCounts(store: Store) {
  const count = async (
    table: 'events' | 'event_rollups' | 'event_archives' | 'retention_runs' | 'audit_log',
  ) =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    events: await count('events'),
    rollups: await count('event_rollups'),
    archives: await count('event_archives'),
    runs: await count('retention_runs'),
    audit: await count('audit_log'),
  };
}

for (const dialect of DIALECTS) {
  describe(`runRetention on ${dialect}`, () => {
    it('archives days past the active period, deletes days past both, keeps held events', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        const archiveDir = join(store.dataDir, 'archive');
        // One held event in a day to archive, one in a day past both periods.
        const heldArchived = events.find((e) => fate(e.time) === 'archive')!;
        const heldExpired = events.find((e) => fate(e.time) === 'delete')!;
        await placeHold(
          store.db,
          {
            kind: 'safeguarding',
            caseRef: 'SG-1',
            reason: 'referral',
            actor: 'test:dsl',
            subjectBirthDate: '2012-01-01',
            eventIds: [heldArchived.id, heldExpired.id],
          },
          CONFIG.holds,
          () => NOW - 400 * DAY,
        );

        const report = await run(store, NOW);

        const toArchive = byDay(events.filter((e) => fate(e.time) === 'archive'));
        const toDelete = events.filter((e) => fate(e.time) === 'delete');
        assert.ok(toArchive.size >= 30 && toDelete.length >= 30, 'the fixture covers both periods');
        assert.deepEqual(
          report.archivedDays.map((d) => d.day),
          [...toArchive.keys()],
        );
        const manifest = ArchiveManifest.read(archiveDir);
        assert.deepEqual(
          manifest.days.map((d) => d.day),
          [...toArchive.keys()],
        );
        for (const entry of manifest.days) {
          const path = join(archiveDir, entry.file);
          assert.equal(entry.file, `events/${entry.day.slice(0, 4)}/${entry.day}.ndjson.gz`);
          assert.deepEqual(
            archiveLines(archiveDir, entry.file),
            expectedLines(toArchive.get(entry.day)!),
            `${entry.day} holds exactly its events, held ones included`,
          );
          assert.equal(createHash('sha256').update(readFileSync(path)).digest('hex'), entry.sha256);
          assert.equal(entry.events, toArchive.get(entry.day)!.length);
          const reported = report.archivedDays.find((d) => d.day === entry.day)!;
          assert.equal(reported.sha256, entry.sha256);
        }
        const rows = await store.db
          .selectFrom('event_archives')
          .selectAll()
          .orderBy('day')
          .execute();
        assert.deepEqual(
          rows.map((r) => [r.day, r.sha256, Number(r.events), r.deleted_ms]),
          manifest.days.map((d) => [d.day, d.sha256, d.events, null]),
        );

        const kept = events
          .filter((e) => fate(e.time) === 'keep' || e === heldArchived || e === heldExpired)
          .map((e) => e.id)
          .sort();
        assert.deepEqual(await storedIds(store), kept);
        assert.equal(report.deletedEvents, events.length - kept.length);
        assert.equal(report.keptUnderHold, 2);
        assert.deepEqual(report.deletedArchives, []);
        assert.deepEqual(report.problems, []);

        const runs = await store.db.selectFrom('retention_runs').selectAll().execute();
        assert.equal(runs.length, 1);
        assert.equal(runs[0]!.dry_run, 0);
        assert.deepEqual(JSON.parse(runs[0]!.report), report);
        const audited = await auditRows(store, 'retention.run');
        assert.equal(audited.length, 1);
        assert.equal(audited[0]!.target, runs[0]!.id);
        assert.equal(audited[0]!.actor, 'test:retention');
        assert.equal(JSON.parse(audited[0]!.details).deletedEvents, report.deletedEvents);
        assert.equal(existsSync(join(archiveDir, '.retention.lock')), false);
      } finally {
        await store.close();
      }
    });

    it('a dry run reports what a real run does and changes nothing', async () => {
      const store = await openTestStore(dialect);
      try {
        await seed(store);
        const archiveDir = join(store.dataDir, 'archive');
        const before = { counts: await tableCounts(store), ids: await storedIds(store) };
        const dry = await run(store, NOW, true);
        assert.deepEqual({ counts: await tableCounts(store), ids: await storedIds(store) }, before);
        assert.deepEqual(folderState(archiveDir), []);
        assert.equal(dry.dryRun, true);
        assert.ok(dry.archivedDays.every((d) => d.sha256 === null));

        const real = await run(store, NOW);
        assert.deepEqual(
          dry.archivedDays.map((d) => [d.day, d.events]),
          real.archivedDays.map((d) => [d.day, d.events]),
        );
        assert.equal(dry.deletedEvents, real.deletedEvents);
        assert.equal(dry.deletedRollupRows, real.deletedRollupRows);
        assert.ok(real.deletedEvents > 0);
      } finally {
        await store.close();
      }
    });

    it('a second run at the same time is a no-op', async () => {
      const store = await openTestStore(dialect);
      try {
        await seed(store);
        const archiveDir = join(store.dataDir, 'archive');
        await run(store, NOW);
        const files = folderState(archiveDir);
        const ids = await storedIds(store);
        const again = await run(store, NOW);
        assert.deepEqual(again.archivedDays, []);
        assert.equal(again.deletedEvents, 0);
        assert.deepEqual(again.deletedArchives, []);
        assert.equal(again.deletedRollupRows, 0);
        assert.deepEqual(await storedIds(store), ids);
        // Only the manifest is rewritten (same content); no archive file changes.
        const manifest = (l: string) => l.includes('manifest.json');
        assert.deepEqual(
          folderState(archiveDir).filter((l) => !manifest(l)),
          files.filter((l) => !manifest(l)),
        );
      } finally {
        await store.close();
      }
    });

    it('deletes archive files at the end of the archive period, keeping held events', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        const archiveDir = join(store.dataDir, 'archive');
        const held = events.find((e) => fate(e.time) === 'archive')!;
        await placeHold(
          store.db,
          {
            kind: 'safeguarding',
            caseRef: 'SG-2',
            reason: 'case',
            actor: 'test:dsl',
            eventIds: [held.id],
          },
          CONFIG.holds,
          () => NOW,
        );
        await run(store, NOW);
        const later = NOW + 400 * DAY;
        const report = await run(store, later);
        const archiveEnd = UtcDay.periodEnd(later, 730);
        const before = byDay(events.filter((e) => fate(e.time) === 'archive'));
        const expired = [...before.keys()].filter((d) => UtcDay.start(d) + DAY <= archiveEnd);
        assert.ok(expired.length > 5);
        assert.deepEqual(report.deletedArchives, expired);
        for (const day of expired) {
          assert.equal(
            existsSync(join(archiveDir, `events/${day.slice(0, 4)}/${day}.ndjson.gz`)),
            false,
          );
        }
        const manifestDays = ArchiveManifest.read(archiveDir).days.map((d) => d.day);
        assert.equal(manifestDays.filter((d) => expired.includes(d)).length, 0);
        const rows = await store.db
          .selectFrom('event_archives')
          .select(['day', 'deleted_ms'])
          .where('deleted_ms', 'is not', null)
          .orderBy('day')
          .execute();
        assert.deepEqual(
          rows.map((r) => [r.day, Number(r.deleted_ms)]),
          expired.map((d) => [d, later]),
        );
        // The held event's archive may be gone; the event itself is still in the table.
        assert.ok((await storedIds(store)).includes(held.id));
      } finally {
        await store.close();
      }
    });

    it('prunes rollups older than rollups.days', async () => {
      const store = await openTestStore(dialect);
      try {
        await seed(store);
        const cut = UtcDay.periodEnd(NOW, CONFIG.rollups.days);
        const hours = async () =>
          (await store.db.selectFrom('event_rollups').select('hour_ms').execute()).map((r) =>
            Number(r.hour_ms),
          );
        const old = (await hours()).filter((h) => h < cut).length;
        assert.ok(old > 0);
        const report = await run(store, NOW);
        assert.equal(report.deletedRollupRows, old);
        const left = await hours();
        assert.ok(left.length > 0);
        assert.ok(left.every((h) => h >= cut));
      } finally {
        await store.close();
      }
    });

    it('releases HR holds when their period ends (audited), then retention deletes their events', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        const target = events.find((e) => fate(e.time) === 'delete')!;
        const placed = NOW - 10 * DAY;
        const hold = await placeHold(
          store.db,
          {
            kind: 'hr',
            caseRef: 'HR-7',
            reason: 'grievance',
            actor: 'test:head',
            eventIds: [target.id],
          },
          CONFIG.holds,
          () => placed,
        );
        const end = Date.UTC(
          new Date(placed).getUTCFullYear() + 7,
          new Date(placed).getUTCMonth(),
          new Date(placed).getUTCDate(),
          12,
        );
        assert.equal(hold.reviewDueMs, end);

        const before = await run(store, end - DAY);
        assert.deepEqual(before.releasedHrHolds, []);
        assert.ok((await storedIds(store)).includes(target.id));

        const after = await run(store, end + DAY);
        assert.deepEqual(
          after.releasedHrHolds.map((h) => h.id),
          [hold.id],
        );
        const [released] = await listHolds(store.db, { includeReleased: true });
        assert.equal(released!.releasedBy, 'system:retention');
        assert.equal(released!.releaseReason, 'HR hold period ended');
        const audit = await auditRows(store, 'hold.release');
        assert.equal(audit.length, 1);
        assert.equal(audit[0]!.target, hold.id);
        assert.equal(audit[0]!.reason, 'HR hold period ended');
        // Released in step 4, so the next run deletes the event.
        await run(store, end + 2 * DAY);
        assert.equal((await storedIds(store)).includes(target.id), false);
      } finally {
        await store.close();
      }
    });

    it('never releases a safeguarding hold: it is listed as due for review instead', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        const target = events.find((e) => fate(e.time) === 'delete')!;
        const hold = await placeHold(
          store.db,
          {
            kind: 'safeguarding',
            caseRef: 'SG-25',
            subject: 'pupil.one',
            reason: 'referral',
            actor: 'test:dsl',
            subjectBirthDate: '2012-05-04',
            eventIds: [target.id],
          },
          CONFIG.holds,
          () => NOW - DAY,
        );
        assert.equal(hold.reviewDueMs, Date.UTC(2037, 4, 4));
        const early = await run(store, Date.UTC(2037, 4, 3));
        assert.deepEqual(early.holdsDueForReview, []);
        for (const at of [Date.UTC(2037, 4, 5), Date.UTC(2060, 0, 1)]) {
          const report = await run(store, at);
          assert.deepEqual(report.releasedHrHolds, []);
          assert.deepEqual(
            report.holdsDueForReview.map((h) => [h.id, h.caseRef, h.reviewDue]),
            [[hold.id, 'SG-25', '2037-05-04T00:00:00.000Z']],
          );
          assert.equal(report.keptUnderHold, 1);
          assert.deepEqual(await storedIds(store), [target.id]);
        }
        const [still] = await listHolds(store.db);
        assert.equal(still!.releasedMs, null);
      } finally {
        await store.close();
      }
    });
  });
}
