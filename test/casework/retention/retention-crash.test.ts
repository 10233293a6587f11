import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { ArchiveLayout } from '../../../src/casework/retention/archive-layout.js';
import { ArchiveManifest } from '../../../src/casework/retention/archive-manifest.js';
import { runRetention } from '../../../src/casework/retention/run-retention.js';
import { UtcDay } from '../../../src/casework/retention/utc-day.js';
import { writeDayArchive } from '../../../src/casework/retention/write-day-archive.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import type { Store } from '../../../src/store/open-store.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import {
  archiveLines,
  byDay,
  CONFIG,
  eventAt,
  expectedLines,
  fate,
  NOW,
  seed,
  storedIds,
} from './retention-fixture.js';

type TestStore = Store & { dataDir: string };
const archiveDirOf = (store: TestStore) => join(store.dataDir, 'archive');
const run = (store: TestStore, hooks?: { afterArchive?: (day: string) => void | Promise<void> }) =>
  runRetention(store, CONFIG, {
    now: () => NOW,
    archiveDir: archiveDirOf(store),
    actor: 'test:retention',
    hooks,
  });

/** Checks the state a complete run at NOW leaves: every archive exact, the table trimmed. */
async function assertFinished(
  store: TestStore,
  events: ReturnType<typeof seed> extends Promise<infer T> ? T : never,
) {
  const archiveDir = archiveDirOf(store);
  const days = byDay(events.filter((e) => fate(e.time) === 'archive'));
  const manifest = ArchiveManifest.read(archiveDir);
  assert.deepEqual(
    manifest.days.map((d) => d.day),
    [...days.keys()],
  );
  for (const entry of manifest.days) {
    assert.deepEqual(archiveLines(archiveDir, entry.file), expectedLines(days.get(entry.day)!));
  }
  assert.deepEqual(
    await storedIds(store),
    events
      .filter((e) => fate(e.time) === 'keep')
      .map((e) => e.id)
      .sort(),
  );
  const temps = readdirSync(join(archiveDir, 'events'), { recursive: true }).filter((f) =>
    String(f).endsWith('.tmp'),
  );
  assert.deepEqual(temps, []);
}

for (const dialect of DIALECTS) {
  describe(`retention after a crash on ${dialect}`, () => {
    it('finishes a day whose archive was committed but whose events were not deleted', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        let crashedOn: string | undefined;
        await assert.rejects(
          run(store, {
            afterArchive: (day) => {
              crashedOn = day;
              throw new Error('power cut');
            },
          }),
          /power cut/,
        );
        // The archive is in place and recorded, the day's events are all still there.
        const [entry] = ArchiveManifest.read(archiveDirOf(store)).days;
        assert.equal(entry!.day, crashedOn);
        const dayIds = events.filter((e) => e.time.startsWith(crashedOn!)).map((e) => e.id);
        const stored = await storedIds(store);
        assert.ok(dayIds.every((id) => stored.includes(id)));
        assert.equal(existsSync(join(archiveDirOf(store), '.retention.lock')), false);

        const report = await run(store);
        assert.deepEqual(report.problems, []);
        // The crashed day's archive already had every event: not rewritten, only its rows deleted.
        assert.equal(
          report.archivedDays.some((d) => d.day === crashedOn),
          false,
        );
        assert.equal(report.archivedDays[0]?.day > crashedOn!, true);
        await assertFinished(store, events);
      } finally {
        await store.close();
      }
    });

    it('renames an archive committed under its temporary name, and removes uncommitted ones', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        const archiveDir = archiveDirOf(store);
        const [first, second] = [...byDay(events.filter((e) => fate(e.time) === 'archive')).keys()];
        // Day 1: written and recorded (the commit point), then the crash before the rename.
        const written = await writeDayArchive(
          store.db,
          archiveDir,
          UtcDay.start(first!),
          null,
          'crashed1',
        );
        await store.db
          .insertInto('event_archives')
          .values({
            day: first!,
            file: ArchiveLayout.dayFile(first!),
            events: written.events,
            sha256: written.sha256,
            created_ms: NOW,
            deleted_ms: null,
          })
          .execute();
        // Day 2: written, never recorded.
        const stale = await writeDayArchive(
          store.db,
          archiveDir,
          UtcDay.start(second!),
          null,
          'crashed2',
        );
        assert.ok(existsSync(written.tempPath) && existsSync(stale.tempPath));

        const report = await run(store);
        assert.deepEqual(report.problems, []);
        assert.equal(existsSync(written.tempPath), false);
        assert.equal(existsSync(stale.tempPath), false);
        const entry = ArchiveManifest.read(archiveDir).days.find((d) => d.day === first)!;
        assert.equal(
          entry.sha256,
          written.sha256,
          'the committed file was renamed into place, not rewritten',
        );
        await assertFinished(store, events);
      } finally {
        await store.close();
      }
    });

    it('archives again, without losing it, an event that arrives between archive and delete', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        const target = [...byDay(events.filter((e) => fate(e.time) === 'archive')).keys()][3]!;
        const late = eventAt(UtcDay.start(target) + 4 * 3_600_000, 7, 'pupil.late');
        let injected = false;
        const report = await run(store, {
          afterArchive: async (day) => {
            if (day !== target || injected) return;
            injected = true;
            await createEventInserter(store).insert([late]);
          },
        });
        assert.ok(injected);
        const day = report.archivedDays.filter((d) => d.day === target);
        assert.deepEqual(
          day.map((d) => [d.added, d.events]),
          [[1, 4]],
          'the second pass added only the late event',
        );
        await assertFinished(store, [...events, late]);
      } finally {
        await store.close();
      }
    });

    it('leaves a day alone when its archive is damaged, and says so', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seed(store);
        const archiveDir = archiveDirOf(store);
        await run(store);
        const [entry] = ArchiveManifest.read(archiveDir).days;
        // Bring the day back, then damage its archive.
        const dayEvents = events.filter((e) => e.time.startsWith(entry!.day));
        await createEventInserter(store).insert(dayEvents);
        const path = join(archiveDir, entry!.file);
        const bytes = readFileSync(path);
        bytes[bytes.length - 12] = bytes[bytes.length - 12]! ^ 0xff;
        writeFileSync(path, bytes);

        const report = await run(store);
        assert.equal(report.problems.length, 1);
        assert.match(
          report.problems[0]!,
          new RegExp(`^${entry!.day}: archive .*${entry!.day}\\.ndjson\\.gz is damaged`),
        );
        const stored = await storedIds(store);
        assert.ok(
          dayEvents.every((e) => stored.includes(e.id)),
          'nothing deleted',
        );
        assert.deepEqual(
          readFileSync(path),
          bytes,
          'the damaged file is left for a person to look at',
        );
      } finally {
        await store.close();
      }
    });

    it('refuses to run while another run holds the lock', async () => {
      const store = await openTestStore(dialect);
      try {
        await seed(store);
        if (dialect === 'sqlite') {
          const lock = join(archiveDirOf(store), '.retention.lock');
          await run(store); // creates the folder
          writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
          await assert.rejects(run(store), /another retention run is in progress/);
          // A lock left by a process that no longer exists is taken over.
          writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
          await run(store);
          assert.equal(existsSync(lock), false);
        } else {
          // Another session of the same database (another gateway node) holds the lock.
          await store.db.connection().execute(async (other) => {
            await sql`select pg_advisory_lock(1397183060)`.execute(other);
            await assert.rejects(run(store), /another retention run is in progress/);
            await sql`select pg_advisory_unlock(1397183060)`.execute(other);
          });
          await run(store);
        }
      } finally {
        await store.close();
      }
    });
  });
}
