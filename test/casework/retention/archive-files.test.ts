import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ArchiveLayout } from '../../../src/casework/retention/archive-layout.js';
import { ArchiveManifest } from '../../../src/casework/retention/archive-manifest.js';
import { createDayFingerprint } from '../../../src/casework/retention/day-fingerprint.js';
import { readArchiveLines } from '../../../src/casework/retention/read-archive-lines.js';
import { UtcDay } from '../../../src/casework/retention/utc-day.js';
import { createEventId } from '../../../src/events/create-event-id.js';
import { StoreError } from '../../../src/store/store-error.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const root = mkdtempSync(join(tmpdir(), 'sg-archive-files-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(root, String(folders++));
  mkdirSync(join(dir, 'events'), { recursive: true });
  return dir;
};

describe('UtcDay', () => {
  const cases = [
    {
      name: 'key_of_last_ms',
      input: () => UtcDay.key(Date.parse('2026-11-24T23:59:59.999Z')),
      want: '2026-11-24',
    },
    {
      name: 'start_of_key',
      input: () => UtcDay.start('2026-11-24'),
      want: Date.parse('2026-11-24T00:00:00Z'),
    },
    // 365 days before 2027-03-15T12:00 is 2026-03-15T12:00: days ending by 2026-03-15T00:00 are past.
    {
      name: 'period_end_midday',
      input: () => UtcDay.periodEnd(Date.parse('2027-03-15T12:00:00Z'), 365),
      want: Date.parse('2026-03-15T00:00:00Z'),
    },
    // At exactly midnight the day that ends then has not ended *more than* 365 days ago.
    {
      name: 'period_end_at_midnight',
      input: () => UtcDay.periodEnd(Date.parse('2027-03-15T00:00:00Z'), 365),
      want: Date.parse('2026-03-14T00:00:00Z'),
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(c.input(), c.want));
  for (const bad of ['2026-02-30', '2026-1-01', '', '2026-11-24T00:00']) {
    it(`rejects '${bad}'`, () => assert.throws(() => UtcDay.start(bad), RangeError));
  }
});

describe('ArchiveManifest', () => {
  it('round-trips the live rows, oldest first, leaving deleted ones out', async () => {
    const dir = folder();
    const row = (day: string, deleted: number | null) => ({
      day,
      file: ArchiveLayout.dayFile(day),
      events: 3,
      sha256: 'a'.repeat(64),
      created_ms: Date.parse('2026-01-01T02:30:00Z'),
      deleted_ms: deleted,
    });
    await ArchiveManifest.write(
      dir,
      [row('2025-02-01', null), row('2025-01-01', null), row('2024-12-01', 1)],
      't',
    );
    const read = ArchiveManifest.read(dir);
    assert.deepEqual(read, {
      format: 'schoolgate-event-archives',
      version: 1,
      days: ['2025-01-01', '2025-02-01'].map((day) => ({
        day,
        file: `events/2025/${day}.ndjson.gz`,
        events: 3,
        sha256: 'a'.repeat(64),
        created: '2026-01-01T02:30:00.000Z',
      })),
    });
  });

  it('reads a missing manifest as empty', () => {
    assert.deepEqual(ArchiveManifest.read(join(root, 'nowhere')).days, []);
  });

  it('throws SG_ERR_ARCHIVE_DAMAGED, and nothing else, for any other text', () => {
    const dir = folder();
    const path = join(dir, 'events', 'manifest.json');
    const entry = fc.record({
      day: fc.oneof(fc.constant('2025-01-01'), fc.string()),
      file: fc.oneof(
        fc.constant('events/2025/2025-01-01.ndjson.gz'),
        fc.constant('../../etc/passwd'),
        fc.string(),
      ),
      events: fc.oneof(fc.nat(), fc.string()),
      sha256: fc.oneof(fc.constant('b'.repeat(64)), fc.string()),
      created: fc.string(),
    });
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          format: fc.constant('schoolgate-event-archives'),
          version: fc.constant(1),
          days: fc.array(entry),
        })
        .map((m) => JSON.stringify(m)),
    );
    fc.assert(
      fc.property(text, (t) => {
        writeFileSync(path, t);
        try {
          const manifest = ArchiveManifest.read(dir);
          return manifest.days.every(
            (d) => /^[0-9a-f]{64}$/.test(d.sha256) && !d.file.includes('..'),
          );
        } catch (error) {
          return StoreError.is(error, 'SG_ERR_ARCHIVE_DAMAGED') && error.message.includes(path);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('readArchiveLines', () => {
  it('gives back every line with its number, and the file checksum', async () => {
    const dir = folder();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\n/g, ' ')),
          { maxLength: 50 },
        ),
        async (lines) => {
          const path = join(dir, `f${n++}.gz`);
          const bytes = gzipSync(lines.map((l) => `${l}\n`).join(''));
          writeFileSync(path, bytes);
          const reader = readArchiveLines(path);
          const got: string[] = [];
          for await (const { text, line } of reader.lines) {
            assert.equal(line, got.length + 1);
            got.push(text);
          }
          assert.deepEqual(got, lines);
          const { createHash } = await import('node:crypto');
          assert.equal(reader.sha256(), createHash('sha256').update(bytes).digest('hex'));
        },
      ),
      { numRuns: Math.min(RUNS, 50) },
    );
  });

  it('throws on a truncated file', async () => {
    const path = join(folder(), 'cut.gz');
    const bytes = gzipSync('a\nb\nc\n'.repeat(1000));
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    await assert.rejects(async () => {
      for await (const _ of readArchiveLines(path).lines) {
        // read to the end
      }
    });
  });
});

describe('createDayFingerprint', () => {
  const day = UtcDay.start('2026-11-24');
  const ids = Array.from({ length: 50 }, (_, i) => ({
    t: day + i * 997_000,
    id: createEventId(day + i * 997_000),
  }));
  it('is the same whatever the order rows come in', () => {
    const a = createDayFingerprint(day);
    const b = createDayFingerprint(day);
    for (const { t, id } of ids) a.add(t, id);
    for (const { t, id } of [...ids].reverse()) b.add(t, id);
    assert.ok(a.equals(b));
    assert.equal(a.total(), 50);
  });
  it('differs when one event is swapped for another in the same chunk', () => {
    const a = createDayFingerprint(day);
    const b = createDayFingerprint(day);
    for (const { t, id } of ids) a.add(t, id);
    for (const { t, id } of ids.slice(1)) b.add(t, id);
    b.add(ids[0]!.t, createEventId(ids[0]!.t));
    assert.equal(a.equals(b), false);
    assert.equal(a.chunkEquals(b, 0), false);
    assert.equal(a.chunkEquals(b, 1), true);
  });
  it('refuses an event of another day', () => {
    assert.throws(() => createDayFingerprint(day).add(day - 1, 'x'), RangeError);
  });
});
