import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EventPages, PAGE_ROWS } from '../../../src/casework/retention/event-pages.js';
import { UtcDay } from '../../../src/casework/retention/utc-day.js';
import { writeDayArchive } from '../../../src/casework/retention/write-day-archive.js';
import { createEventId } from '../../../src/events/create-event-id.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import { StoreError } from '../../../src/store/store-error.js';
import { sampleEvent } from '../../events/event-fixture.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { archiveLines, byDay, expectedLines } from './retention-fixture.js';

const DAY_START = UtcDay.start('2025-06-01');
const BASES = Array.from({ length: 10 }, (_, i) => sampleEvent(i));

/** `n` events in one day, three to a millisecond, so pages end inside a millisecond. */
function busyDay(n: number, offsetMs = 0): WebEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const t = DAY_START + offsetMs + Math.floor(i / 3) * 7;
    return {
      ...BASES[i % 10]!,
      id: createEventId(t),
      time: new Date(t).toISOString(),
      user: `pupil.${i % 40}`,
    };
  });
}

for (const dialect of DIALECTS) {
  describe(`day archives on ${dialect}`, () => {
    it('pages through a day in (time, id) order without gaps or repeats', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = busyDay(PAGE_ROWS * 2 + 301);
        await createEventInserter(store).insert(events);
        const ids: string[] = [];
        let pages = 0;
        for await (const page of EventPages.keys(store.db, DAY_START, DAY_START + UtcDay.DAY_MS)) {
          pages += 1;
          ids.push(...page.map((k) => k.id));
        }
        assert.equal(pages, 3);
        assert.deepEqual(
          ids,
          [...byDay(events).values()].flat().map((e) => e.id),
        );
      } finally {
        await store.close();
      }
    });

    it('writes a busy day exactly, and widens an existing archive with only what it lacks', async () => {
      const store = await openTestStore(dialect);
      try {
        const archiveDir = join(store.dataDir, 'archive');
        const events = busyDay(PAGE_ROWS + 1000);
        await createEventInserter(store).insert(events);
        const first = await writeDayArchive(store.db, archiveDir, DAY_START, null, 'one');
        assert.equal(first.events, events.length);
        assert.equal(first.added, events.length);
        assert.equal(first.fingerprint.total(), events.length);
        const file = 'events/2025/2025-06-01.ndjson.gz';
        await rename(first.tempPath, join(archiveDir, file));
        const ordered = [...byDay(events).values()].flat();
        assert.deepEqual(archiveLines(archiveDir, file), expectedLines(ordered));

        // Half the day deleted from the table (as retention does), and late events added,
        // some in the same milliseconds as archived ones.
        await store.db
          .deleteFrom('events')
          .where('time_ms', '<', DAY_START + 5000)
          .execute();
        const late = busyDay(12).map((e, i) => ({ ...e, user: `late.${i}` }));
        await createEventInserter(store).insert(late);
        const second = await writeDayArchive(
          store.db,
          archiveDir,
          DAY_START,
          { file, sha256: first.sha256 },
          'two',
        );
        assert.equal(second.added, late.length);
        assert.equal(second.events, events.length + late.length);
        await rename(second.tempPath, join(archiveDir, file));
        const union = [...ordered, ...late].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
        const lines = archiveLines(archiveDir, file);
        assert.deepEqual([...lines].sort(), expectedLines(union).sort());
        const times = lines.map((l) => Date.parse((JSON.parse(l) as WebEvent).time));
        assert.ok(
          times.every((t, i) => i === 0 || t >= times[i - 1]!),
          'still in time order',
        );

        // The recorded checksum no longer matches the file: refused, nothing left behind.
        await assert.rejects(
          writeDayArchive(store.db, archiveDir, DAY_START, { file, sha256: first.sha256 }, 'three'),
          (e: unknown) => StoreError.is(e, 'SG_ERR_ARCHIVE_DAMAGED') && /SHA-256/.test(e.message),
        );
        assert.deepEqual(readdirSync(join(archiveDir, 'events/2025')), ['2025-06-01.ndjson.gz']);
      } finally {
        await store.close();
      }
    });
  });
}
