import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineError, type EngineErrorCode } from '../../../src/engine/engine-error.js';
import { buildCategoryIndex } from '../../../src/engine/index/build-category-index.js';
import { INDEX_FORMAT } from '../../../src/engine/index/index-format.js';
import { loadCategoryIndex } from '../../../src/engine/index/load-category-index.js';
import { list } from './index-fixture.js';

const bytes = buildCategoryIndex({
  builtAt: 1_790_000_000_000,
  lists: [
    list('adult', 'ut1/adult', ['blocked.example', 'host.example/a', '192.0.2.10']),
    list('gambling', 'ut1/gambling', ['bet.example']),
  ],
});

function withByte(at: number, change: (b: number) => number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = change(copy[at]!);
  return copy;
}

function withVersion(version: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint16(4, version, true);
  return copy;
}

function codeOf(input: Uint8Array, verify = true): EngineErrorCode | 'ok' | 'other' {
  try {
    loadCategoryIndex(input, { verify });
    return 'ok';
  } catch (error) {
    return EngineError.is(error) ? error.code : 'other';
  }
}

describe('loadCategoryIndex: damaged input throws coded errors', () => {
  const last = bytes.length - 1;
  const cases: { name: string; input: Uint8Array; want: EngineErrorCode | 'ok' }[] = [
    { name: 'intact', input: bytes, want: 'ok' },
    { name: 'bad_magic', input: withByte(0, (b) => b ^ 1), want: 'SG_ERR_INDEX_MAGIC' },
    {
      name: 'newer_version',
      input: withVersion(INDEX_FORMAT.version + 1),
      want: 'SG_ERR_INDEX_VERSION',
    },
    { name: 'version_zero', input: withVersion(0), want: 'SG_ERR_INDEX_VERSION' },
    { name: 'flipped_builtAt', input: withByte(9, (b) => b ^ 0x10), want: 'SG_ERR_INDEX_CORRUPT' },
    {
      name: 'flipped_name',
      input: withByte(INDEX_FORMAT.headerBytes + 7, (b) => b ^ 1),
      want: 'SG_ERR_INDEX_CORRUPT',
    },
    {
      name: 'flipped_slot',
      input: withByte(last - 10, (b) => b ^ 0x80),
      want: 'SG_ERR_INDEX_CORRUPT',
    },
    { name: 'flipped_crc', input: withByte(last, (b) => b ^ 1), want: 'SG_ERR_INDEX_CORRUPT' },
    { name: 'empty', input: new Uint8Array(0), want: 'SG_ERR_INDEX_CORRUPT' },
    { name: 'extra_byte', input: Uint8Array.from([...bytes, 0]), want: 'SG_ERR_INDEX_CORRUPT' },
    {
      name: 'text_file',
      input: new TextEncoder().encode('blocked.example\n'),
      want: 'SG_ERR_INDEX_MAGIC',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(codeOf(c.input), c.want));

  it('every truncation is a coded error, never a RangeError', () => {
    for (let length = 0; length < bytes.length; length++) {
      const code = codeOf(bytes.slice(0, length));
      assert.ok(code === 'SG_ERR_INDEX_CORRUPT', `length ${length}: ${code}`);
    }
  });

  it('every single-byte flip is detected', () => {
    for (let at = 0; at < bytes.length; at++) {
      const code = codeOf(withByte(at, (b) => b ^ 0x04));
      assert.ok(code !== 'ok' && code !== 'other', `byte ${at}: ${code}`);
    }
  });

  it('verify: false skips only the checksum', () => {
    assert.equal(
      codeOf(
        withByte(bytes.length - 10, (b) => b ^ 0x80),
        false,
      ),
      'ok',
    );
    assert.equal(codeOf(withVersion(99), false), 'SG_ERR_INDEX_VERSION');
    assert.equal(codeOf(bytes.slice(0, bytes.length - 4), false), 'SG_ERR_INDEX_CORRUPT');
  });
});

describe('loadCategoryIndex: shared memory', () => {
  it('loads over a SharedArrayBuffer and looks up through it', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const main = loadCategoryIndex(shared);
    const worker = loadCategoryIndex(shared, { verify: false });
    for (const index of [main, worker]) {
      assert.deepEqual(index.lookup('www.blocked.example', '/')?.categories, ['adult']);
      assert.deepEqual(index.lookup('host.example', '/a/b')?.entries[0]?.key, 'host.example/a');
      assert.equal(index.lookup('school.test', '/'), null);
    }
  });

  it('reads the header', () => {
    const { header } = loadCategoryIndex(bytes);
    assert.equal(header.formatVersion, INDEX_FORMAT.version);
    assert.equal(header.builtAt, 1_790_000_000_000);
    assert.equal(header.entryCount, 4);
    assert.deepEqual(header.categoryCounts, { adult: 3, gambling: 1 });
    assert.deepEqual(
      header.sources.map((s) => s.name),
      ['ut1/adult', 'ut1/gambling'],
    );
  });
});
