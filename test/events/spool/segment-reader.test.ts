import assert from 'node:assert/strict';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SegmentReader } from '../../../src/events/spool/segment-reader.js';
import { SpoolRecord } from '../../../src/events/spool/spool-record.js';
import { freshDir } from './spool-fixture.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const START = 16; // where records start in a segment, after its header
const dir = freshDir();
let files = 0;

/** Frames `lines` after a 16-byte stand-in header; returns the bytes and each record's offset. */
function segmentOf(lines: readonly string[]) {
  const offsets: number[] = [];
  const parts = [Buffer.alloc(START, 0xee)];
  let at = START;
  for (const line of lines) {
    const bytes = Buffer.byteLength(line);
    const record = Buffer.alloc(SpoolRecord.size(bytes));
    SpoolRecord.encode(line, bytes, record, 0);
    offsets.push(at);
    parts.push(record);
    at += record.length;
  }
  return { bytes: Buffer.concat(parts), offsets };
}

/** Writes `bytes` to a new file and scans it from the first record to the end. */
async function scanBytes(bytes: Buffer, max = Number.POSITIVE_INFINITY, from = START) {
  if (files === 0)
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const path = join(dir, `segment-${++files}`);
  await writeFile(path, bytes);
  const handle = await open(path, 'r');
  try {
    const got: { line: string; offset: number }[] = [];
    const scan = await new SegmentReader(handle).scan(
      from,
      bytes.length,
      max,
      (payload, offset) => {
        got.push({ line: payload.toString('utf8'), offset });
      },
    );
    return { ...scan, got };
  } finally {
    await handle.close();
  }
}

const jsonLine = fc
  .dictionary(
    fc.string({ maxLength: 12 }),
    fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer()),
    {
      maxKeys: 5,
    },
  )
  .map((value) => JSON.stringify(value));

describe('SegmentReader', () => {
  it('reads_every_record_in_order_and_stops_at_max', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ i }));
    const { bytes, offsets } = segmentOf(lines);
    const all = await scanBytes(bytes);
    assert.deepEqual(
      all.got.map((r) => r.line),
      lines,
    );
    assert.deepEqual(
      all.got.map((r) => r.offset),
      offsets,
    );
    assert.equal(all.end, bytes.length);
    const some = await scanBytes(bytes, 7, offsets[10]);
    assert.deepEqual(
      some.got.map((r) => r.line),
      lines.slice(10, 17),
    );
    assert.equal(some.end, offsets[17]);
    assert.deepEqual(some.problems, []);
  });

  it('reads_records_larger_than_its_window', async () => {
    const lines = [
      JSON.stringify({ big: 'x'.repeat(900_000) }),
      JSON.stringify({ big: 'y'.repeat(900_000) }),
    ];
    const { bytes } = segmentOf(lines);
    assert.deepEqual(
      (await scanBytes(bytes)).got.map((r) => r.line),
      lines,
    );
  });

  it('resyncs_past_a_flipped_byte_losing_only_that_record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonLine, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (lines, pick, mask) => {
          const { bytes, offsets } = segmentOf(lines);
          const at = START + (pick % (bytes.length - START));
          bytes[at]! ^= mask;
          const hit = offsets.findLastIndex((offset) => offset <= at);
          const scan = await scanBytes(bytes);
          assert.deepEqual(
            scan.got.map((r) => r.line),
            lines.filter((_, i) => i !== hit),
          );
          assert.equal(scan.problems.length, 1);
          assert.equal(scan.problems[0]!.offset, offsets[hit]);
          assert.equal(scan.problems[0]!.next, offsets[hit + 1] ?? bytes.length);
          assert.equal(scan.end, bytes.length);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reports_a_cut_as_one_problem_reaching_the_end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonLine, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        async (lines, pick) => {
          const { bytes, offsets } = segmentOf(lines);
          const cut = START + (pick % (bytes.length - START));
          const whole = offsets.filter(
            (offset, i) => (offsets[i + 1] ?? bytes.length) <= cut && offset >= START,
          );
          const scan = await scanBytes(bytes.subarray(0, cut));
          assert.deepEqual(
            scan.got.map((r) => r.line),
            lines.slice(0, whole.length),
          );
          const boundary = cut === START || offsets.includes(cut);
          assert.equal(scan.problems.length, boundary ? 0 : 1);
          if (!boundary)
            assert.deepEqual(
              [scan.problems[0]!.offset, scan.problems[0]!.next],
              [offsets[whole.length], cut],
            );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('finds_every_record_around_inserted_garbage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonLine, { minLength: 2, maxLength: 10 }),
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        async (lines, pick, garbage) => {
          const { bytes, offsets } = segmentOf(lines);
          const where = offsets[1 + (pick % (offsets.length - 1))]!;
          const spliced = Buffer.concat([bytes.subarray(0, where), garbage, bytes.subarray(where)]);
          const scan = await scanBytes(spliced);
          assert.deepEqual(
            scan.got.map((r) => r.line),
            lines,
          );
          assert.deepEqual(
            scan.problems.map((p) => [p.offset, p.next]),
            [[where, where + garbage.length]],
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never_throws_on_random_bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: START, maxLength: 600 }), async (bytes) => {
        const scan = await scanBytes(Buffer.from(bytes));
        assert.equal(scan.end, bytes.length);
      }),
      { numRuns: RUNS },
    );
  });
});
