import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ArchiveManifest } from '../../../src/casework/retention/archive-manifest.js';
import { restoreArchives } from '../../../src/casework/retention/restore-archives.js';
import { runRetention } from '../../../src/casework/retention/run-retention.js';
import { searchArchives } from '../../../src/casework/retention/search-archives.js';
import { verifyArchives } from '../../../src/casework/retention/verify-archives.js';
import { serialiseEvent } from '../../../src/events/serialise-event.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { StoreError } from '../../../src/store/store-error.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import {
  archiveLines,
  auditRows,
  byDay,
  CONFIG,
  fate,
  NOW,
  seed,
  storedIds,
} from './retention-fixture.js';

async function collect(iterable: AsyncIterable<WebEvent>): Promise<WebEvent[]> {
  const out: WebEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

/** A store with the fixture archived at NOW, and what was archived, by day. */
async function archivedStore(dialect: (typeof DIALECTS)[number]) {
  const store = await openTestStore(dialect);
  const events = await seed(store);
  const archiveDir = join(store.dataDir, 'archive');
  await runRetention(store, CONFIG, { now: () => NOW, archiveDir, actor: 'test:retention' });
  const archived = byDay(events.filter((e) => fate(e.time) === 'archive'));
  return { store, archiveDir, archived, all: [...archived.values()].flat() };
}

/** Rewrites an archive with `lines` and records its new checksum in the manifest. */
function rewriteArchive(archiveDir: string, day: string, lines: string[]): void {
  const manifest = ArchiveManifest.read(archiveDir);
  const entry = manifest.days.find((d) => d.day === day)!;
  const bytes = gzipSync(`${lines.join('\n')}\n`);
  writeFileSync(join(archiveDir, entry.file), bytes);
  const days = manifest.days.map((d) =>
    d.day === day
      ? { ...d, events: lines.length, sha256: createHash('sha256').update(bytes).digest('hex') }
      : d,
  );
  writeFileSync(join(archiveDir, 'events/manifest.json'), JSON.stringify({ ...manifest, days }));
}

describe('searchArchives', () => {
  const cases = [
    {
      name: 'by_user',
      query: { user: 'pupil.two' },
      want: (e: WebEvent) => e.user === 'pupil.two',
    },
    {
      name: 'by_host_and_subdomains',
      query: { host: 'google.co.uk' },
      want: (e: WebEvent) => e.host.endsWith('google.co.uk'),
    },
    {
      name: 'by_exact_host',
      query: { host: 'bad.example' },
      want: (e: WebEvent) => e.host === 'bad.example',
    },
    {
      name: 'by_text_in_search_terms_any_case',
      query: { text: 'VOLCANO' },
      want: (e: WebEvent) => e.searchTerms?.includes('volcano') === true,
    },
    {
      name: 'by_text_in_path',
      query: { text: '/fractions' },
      want: (e: WebEvent) => e.path === '/fractions',
    },
    {
      name: 'user_and_host_together',
      query: { user: 'pupil.one', host: 'school.test' },
      want: (e: WebEvent) => e.user === 'pupil.one' && e.host === 'school.test',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { store, archiveDir, all } = await archivedStore('sqlite');
      try {
        const days = all.map((e) => e.time.slice(0, 10)).sort();
        const range = { fromDay: days[0]!, toDay: days[days.length - 1]! };
        const found = await collect(searchArchives(archiveDir, { ...range, ...c.query }));
        const want = all.filter(c.want);
        assert.ok(want.length > 0, 'the fixture has matches');
        assert.deepEqual(found, want);
      } finally {
        await store.close();
      }
    });
  }

  it('searches only the days asked for, with progress per file', async () => {
    const { store, archiveDir, archived } = await archivedStore('sqlite');
    try {
      const [first, second, third] = [...archived.keys()];
      const progress: number[] = [];
      const found = await collect(
        searchArchives(
          archiveDir,
          { fromDay: first!, toDay: second! },
          { onProgress: (d) => progress.push(d) },
        ),
      );
      assert.deepEqual(found, [...archived.get(first!)!, ...archived.get(second!)!]);
      assert.deepEqual(progress, [0, 1, 2]);
      assert.equal(
        found.some((e) => e.time.startsWith(third!)),
        false,
      );
      await assert.rejects(
        searchArchives(archiveDir, { fromDay: second!, toDay: first! }).next(),
        RangeError,
      );
    } finally {
      await store.close();
    }
  });

  it('refuses a file whose checksum is not the manifest one, naming it', async () => {
    const { store, archiveDir, archived } = await archivedStore('sqlite');
    try {
      const [, day] = [...archived.keys()];
      const entry = ArchiveManifest.read(archiveDir).days.find((d) => d.day === day)!;
      const path = join(archiveDir, entry.file);
      const bytes = readFileSync(path);
      bytes[20] = bytes[20]! ^ 1;
      writeFileSync(path, bytes);
      await assert.rejects(
        collect(searchArchives(archiveDir, { fromDay: day!, toDay: day! })),
        (error: unknown) =>
          StoreError.is(error, 'SG_ERR_ARCHIVE_DAMAGED') && error.message.includes(path),
      );
      rmSync(path);
      await assert.rejects(
        collect(searchArchives(archiveDir, { fromDay: day!, toDay: day! })),
        /is damaged: the file is missing/,
      );
    } finally {
      await store.close();
    }
  });

  it('reports a corrupt line with its file and line number, and skips it', async () => {
    const { store, archiveDir, archived } = await archivedStore('sqlite');
    try {
      const [day] = [...archived.keys()];
      const good = archived.get(day!)!.map(serialiseEvent);
      rewriteArchive(archiveDir, day!, [
        good[0]!,
        '{"kind":"web-request","id":',
        good[1]!,
        '{"kind":"nope"}',
        good[2]!,
      ]);
      const bad: string[] = [];
      const found = await collect(
        searchArchives(
          archiveDir,
          { fromDay: day!, toDay: day! },
          {
            onBadLine: (file, line, problem) => bad.push(`${file}:${line}:${problem.slice(0, 8)}`),
          },
        ),
      );
      assert.deepEqual(found, archived.get(day!));
      const file = join(archiveDir, `events/${day!.slice(0, 4)}/${day}.ndjson.gz`);
      assert.deepEqual(
        bad.map((b) => b.replace(/:[^:]*$/, '')),
        [`${file}:2`, `${file}:4`],
      );
      const verified = await verifyArchives(archiveDir);
      assert.deepEqual(
        verified.damaged.map((d) => [d.day, d.problem]),
        [[day, 'line 2 is not a JSON event']],
      );
    } finally {
      await store.close();
    }
  });
});

describe('verifyArchives', () => {
  it('passes good archives and reports damaged, missing and unlisted files', async () => {
    const { store, archiveDir, archived, all } = await archivedStore('sqlite');
    try {
      const ok = await verifyArchives(archiveDir);
      assert.deepEqual(ok, {
        checked: archived.size,
        events: all.length,
        damaged: [],
        unlisted: [],
      });

      const [a, b, c] = ArchiveManifest.read(archiveDir).days;
      rmSync(join(archiveDir, a!.file));
      writeFileSync(join(archiveDir, b!.file), gzipSync('{}\n'));
      // A file the manifest does not list, and one whose line count differs from the manifest's.
      writeFileSync(join(archiveDir, 'events/2020-stray.ndjson.gz'), '');
      writeFileSync(join(archiveDir, `events/${c!.day.slice(0, 4)}/1999-01-01.ndjson.gz`), '');
      const lines = archiveLines(archiveDir, c!.file);
      rewriteArchive(archiveDir, c!.day, lines);
      const manifestPath = join(archiveDir, 'events/manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      manifest.days.find((d: { day: string }) => d.day === c!.day).events += 1;
      writeFileSync(manifestPath, JSON.stringify(manifest));

      const result = await verifyArchives(archiveDir);
      assert.deepEqual(
        result.damaged.map((d) => d.day),
        [a!.day, b!.day, c!.day],
      );
      const [missing, changed, miscounted] = result.damaged.map((d) => d.problem);
      assert.match(missing!, /is damaged: the file is missing$/);
      assert.match(
        changed!,
        new RegExp(`its SHA-256 is [0-9a-f]{64}, the manifest says ${b!.sha256}$`),
      );
      assert.equal(miscounted, `${lines.length} lines, the manifest says ${lines.length + 1}`);
      assert.equal(result.events, all.length - [a, b, c].reduce((n, e) => n + e!.events, 0));
      assert.deepEqual(result.unlisted, [`events/${c!.day.slice(0, 4)}/1999-01-01.ndjson.gz`]);
    } finally {
      await store.close();
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`restoreArchives on ${dialect}`, () => {
    it('brings a day back (audited); the next run deletes it again, archive unchanged', async () => {
      const { store, archiveDir, archived } = await archivedStore(dialect);
      try {
        const [, day] = [...archived.keys()];
        const before = await storedIds(store);
        const manifestBefore = ArchiveManifest.read(archiveDir);
        const result = await restoreArchives(
          store,
          archiveDir,
          { fromDay: day!, toDay: day! },
          'test:dsl',
          () => NOW,
        );
        const dayIds = archived.get(day!)!.map((e) => e.id);
        assert.deepEqual(result, { inserted: dayIds.length, duplicates: 0, badLines: 0 });
        assert.deepEqual(await storedIds(store), [...before, ...dayIds].sort());
        const again = await restoreArchives(
          store,
          archiveDir,
          { fromDay: day!, toDay: day! },
          'test:dsl',
          () => NOW,
        );
        assert.deepEqual(again, { inserted: 0, duplicates: dayIds.length, badLines: 0 });
        const audit = await auditRows(store, 'archive.restore');
        assert.equal(audit.length, 2);
        assert.equal(audit[0]!.actor, 'test:dsl');
        assert.equal(audit[0]!.target, `${day}..${day}`);
        assert.equal(JSON.parse(audit[0]!.details).inserted, dayIds.length);

        const report = await runRetention(store, CONFIG, {
          now: () => NOW,
          archiveDir,
          actor: 'test:retention',
        });
        assert.deepEqual(report.archivedDays, []);
        assert.equal(report.deletedEvents, dayIds.length);
        assert.deepEqual(await storedIds(store), before);
        assert.deepEqual(ArchiveManifest.read(archiveDir), manifestBefore);
      } finally {
        await store.close();
      }
    });
  });
}
