import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { createZipWriter } from '../../../src/casework/sar/zip-writer.js';
import { crc32 } from '../../../src/engine/index/crc32.js';
import { readZip, readZips, UNZIP, unzipTest } from './read-zip.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'sg-zip-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const nextFile = () => join(dir, `t${++files}.zip`);

/** 2026-07-01 12:30:04 in London (BST): DOS fields hold local time in 2-second steps. */
const MODIFIED = Date.UTC(2026, 6, 1, 11, 30, 4);

type Chunk = Uint8Array | string;
interface EntrySpec {
  readonly name: string;
  readonly chunks: readonly Chunk[];
}

const bytesOf = (chunks: readonly Chunk[]) =>
  Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));

async function* streamOf(chunks: readonly Chunk[]): AsyncGenerator<Chunk> {
  for (const chunk of chunks) yield chunk;
}

async function writeArchive(file: string, entries: readonly EntrySpec[]) {
  const zip = createZipWriter(createWriteStream(file), {
    modifiedMs: MODIFIED,
    timezone: 'Europe/London',
  });
  const summaries = [];
  for (const entry of entries) {
    summaries.push(
      entry.chunks.length === 1
        ? await zip.addFile(entry.name, entry.chunks[0]!)
        : await zip.addStream(entry.name, streamOf(entry.chunks)),
    );
  }
  return { summaries, finished: await zip.finish() };
}

const random = randomBytes(1 << 20);
const cases: readonly { name: string; entries: readonly EntrySpec[] }[] = [
  { name: 'an_archive_with_no_entries', entries: [] },
  { name: 'one_small_text_file', entries: [{ name: 'README.txt', chunks: ['hello, world\r\n'] }] },
  { name: 'an_empty_file', entries: [{ name: 'alerts.json', chunks: [''] }] },
  {
    name: 'incompressible_bytes_in_uneven_chunks',
    entries: [
      {
        name: 'random.bin',
        chunks: [random.subarray(0, 7), random.subarray(7, 70_000), random.subarray(70_000)],
      },
    ],
  },
  {
    name: 'a_compressible_stream_of_many_chunks',
    entries: [
      { name: 'events.csv', chunks: Array.from({ length: 5000 }, (_, i) => `row ${i},"x"\r\n`) },
    ],
  },
  {
    name: 'utf8_names_and_folders',
    entries: [
      { name: 'naïve/ünïcode £.json', chunks: ['[]'] },
      { name: 'a/b/c.txt', chunks: ['c', '', 'd'] },
    ],
  },
];

describe('createZipWriter', () => {
  for (const c of cases) {
    it(`reads back unchanged with Python and unzip: ${c.name}`, async (t) => {
      const file = nextFile();
      const { summaries, finished } = await writeArchive(file, c.entries);
      assert.equal(finished.entries, c.entries.length);
      assert.equal(finished.bytes, readFileSync(file).length);
      const read = readZip(file);
      assert.deepEqual(
        read.map((e) => e.name),
        c.entries.map((e) => e.name),
      );
      for (let i = 0; i < read.length; i++) {
        const want = bytesOf(c.entries[i]!.chunks);
        assert.equal(read[i]!.hex, want.toString('hex'));
        assert.equal(read[i]!.size, want.length);
        assert.equal(read[i]!.compressType, 8, 'deflated');
        assert.equal(read[i]!.mode, 0o100600, 'a regular file, owner-only');
        assert.deepEqual(read[i]!.dateTime, [2026, 7, 1, 12, 30, 4]);
        assert.equal(summaries[i]!.crc32, crc32(want));
        assert.equal(summaries[i]!.size, want.length);
      }
      if (UNZIP === undefined) {
        t.diagnostic('unzip is not installed here: checked with Python zipfile only');
      } else {
        const verdict = unzipTest(file);
        // unzip calls an archive with no files a warning (exit 1), and says so.
        assert.equal(verdict.code, c.entries.length === 0 ? 1 : 0, verdict.output);
        assert.match(
          verdict.output,
          c.entries.length === 0 ? /zipfile is empty/ : /No errors detected/,
        );
      }
    });
  }

  it('writes whatever fast-check makes readable by Python, byte for byte', async () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9 ._£é-]{1,12}$/).filter((s) => !/^\.+$/.test(s));
    const entry = fc.record({
      name: fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
      chunks: fc.array(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
        ),
        { maxLength: 6 },
      ),
    });
    const archives = fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 5 });
    const written: { file: string; entries: EntrySpec[] }[] = [];
    await fc.assert(
      fc.asyncProperty(archives, async (entries) => {
        const file = nextFile();
        const specs = entries.map((e) => ({
          name: e.name,
          chunks: e.chunks.length ? e.chunks : [''],
        }));
        await writeArchive(file, specs);
        written.push({ file, entries: specs });
      }),
      { numRuns: FUZZ_RUNS },
    );
    // One Python per archive would take minutes; read them all back now, each against its spec.
    const read = readZips(written.map((w) => w.file));
    for (let i = 0; i < written.length; i++) {
      const { file, entries } = written[i]!;
      assert.deepEqual(
        read[i]!.map((e) => [e.name, e.hex]),
        entries.map((e) => [e.name, bytesOf(e.chunks).toString('hex')]),
        file,
      );
    }
  });

  const badNames = [
    { name: 'parent_segment', input: '../etc/passwd' },
    { name: 'inner_parent_segment', input: 'a/../../b' },
    { name: 'absolute', input: '/etc/passwd' },
    { name: 'dot_segment', input: 'a/./b' },
    { name: 'empty_segment', input: 'a//b' },
    { name: 'trailing_slash', input: 'a/' },
    { name: 'empty', input: '' },
    { name: 'backslash', input: 'a\\..\\..\\b' },
    { name: 'drive_letter', input: 'C:x' },
    { name: 'nul', input: 'a\0.txt' },
    { name: 'newline', input: 'a\n.txt' },
    { name: 'lone_surrogate', input: 'a\uD800.txt' },
  ];
  for (const c of badNames) {
    it(`refuses an unsafe entry name: ${c.name}`, async () => {
      const sink = collect();
      const zip = createZipWriter(sink.stream);
      await assert.rejects(zip.addFile(c.input, 'x'), TypeError);
      assert.equal(sink.bytes().length, 0, 'nothing written for a refused name');
    });
  }

  it('refuses a second entry of the same name', async () => {
    const zip = createZipWriter(collect().stream);
    await zip.addFile('a.txt', '1');
    await assert.rejects(zip.addFile('a.txt', '2'), /already in/);
  });

  it('refuses overlapping calls and any work after a failure or finish', async () => {
    const zip = createZipWriter(collect().stream);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = zip.addStream(
      'slow.txt',
      (async function* () {
        await gate;
        yield 'done';
      })(),
    );
    await assert.rejects(zip.addFile('other.txt', 'x'), /one at a time/);
    release();
    await slow;
    await zip.finish();
    await assert.rejects(zip.addFile('late.txt', 'x'), /already finished/);
  });

  it('passes on an error from the source and then refuses to go on', async () => {
    const zip = createZipWriter(collect().stream);
    const failing = (async function* () {
      yield 'part';
      throw new Error('source broke');
    })();
    await assert.rejects(zip.addStream('a.txt', failing), /source broke/);
    await assert.rejects(zip.finish(), /failed earlier/);
  });

  it("passes on the output's error (disk full) instead of hanging", async () => {
    const full = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      },
    });
    const zip = createZipWriter(full);
    await assert.rejects(zip.addStream('big.bin', streamOf([random, random])), /ENOSPC/);
  });

  it('waits for a slow output (backpressure) and still writes a whole archive', async () => {
    const sink = collect(8, 1);
    const zip = createZipWriter(sink.stream);
    await zip.addStream('r.bin', streamOf([random.subarray(0, 200_000), random.subarray(200_000)]));
    await zip.finish();
    const file = nextFile();
    await new Promise<void>((resolve, reject) =>
      createWriteStream(file).on('error', reject).end(sink.bytes(), resolve),
    );
    const [entry] = readZip(file);
    assert.equal(entry?.hex, random.toString('hex'));
  });
});

/** A Writable that keeps what it is given, optionally slowly (delay ms per chunk). */
function collect(highWaterMark = 16_384, delay = 0) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (delay > 0) setTimeout(callback, delay);
      else callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}
