/**
 * mapFileReadOnly: the bytes equal readFileSync's, the file really is mapped (shared and
 * read-only, per /proc/self/smaps), a file replaced by rename keeps its old contents in
 * an existing mapping, errors carry the errno text, and without the addon it falls back to
 * reading, saying so once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadMmapAddon } from '../../../src/gateway/cluster/load-mmap-addon.js';
import { mapFileReadOnly, releaseFileMapping } from '../../../src/gateway/cluster/map-file.js';

let dir: string;
const addon = loadMmapAddon();
const notBuilt = addon instanceof Error ? addon.message : null;

/** The permission field of this process's mapping of `path`, or null when it is not mapped. */
function mappingPermissions(path: string): string | null {
  for (const line of readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length >= 6 && fields.slice(5).join(' ') === path) return fields[1] ?? null;
  }
  return null;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-map-file-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const sizes = [
  { name: 'empty', size: 0 },
  { name: 'one_byte', size: 1 },
  { name: 'exactly_one_page', size: 4096 },
  { name: 'one_past_a_page', size: 4097 },
  { name: 'several_pages', size: 300_001 },
];

describe('mapFileReadOnly with the addon', () => {
  for (const { name, size } of sizes) {
    it(`maps_${name}`, (t) => {
      if (notBuilt !== null) return t.skip(notBuilt);
      const path = join(dir, `${name}.bin`);
      writeFileSync(path, randomBytes(size));
      const mapped = mapFileReadOnly(path, { log: () => assert.fail('must not fall back') });
      assert.equal(mapped.byteLength, size);
      assert.deepEqual(Buffer.from(mapped), readFileSync(path));
      // A non-empty file must be a shared read-only mapping, not a copy on the heap.
      assert.equal(mappingPermissions(path), size === 0 ? null : 'r--s');
    });
  }

  it('keeps_the_old_contents_when_the_file_is_replaced_by_rename', (t) => {
    if (notBuilt !== null) return t.skip(notBuilt);
    const path = join(dir, 'index.sgx');
    const before = randomBytes(10_000);
    writeFileSync(path, before);
    const mapped = mapFileReadOnly(path);
    writeFileSync(`${path}.tmp`, randomBytes(12_000));
    renameSync(`${path}.tmp`, path);
    assert.deepEqual(Buffer.from(mapped), before);
    assert.equal(mapFileReadOnly(path).byteLength, 12_000, 'a new mapping sees the new file');
  });

  it('releases_a_mapping_on_request', async (t) => {
    if (notBuilt !== null) return t.skip(notBuilt);
    const path = join(dir, 'released.bin');
    writeFileSync(path, randomBytes(20_000));
    const mapped = mapFileReadOnly(path);
    assert.equal(mappingPermissions(path), 'r--s');
    releaseFileMapping(mapped);
    assert.equal(mapped.byteLength, 0, 'views of a released mapping are empty');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(mappingPermissions(path), null, 'munmapped');
  });

  const errors = [
    {
      name: 'missing_file',
      make: () => join(dir, 'absent.sgx'),
      want: /absent\.sgx: No such file/,
    },
    {
      name: 'directory',
      make: () => {
        const path = join(dir, 'a-directory');
        mkdirSync(path, { recursive: true });
        return path;
      },
      want: /a-directory: Is a directory/,
    },
  ];
  for (const { name, make, want } of errors) {
    it(`throws_for_${name}`, (t) => {
      if (notBuilt !== null) return t.skip(notBuilt);
      assert.throws(() => mapFileReadOnly(make()), want);
    });
  }
});

describe('mapFileReadOnly without the addon', () => {
  it('reads_the_file_and_says_so_once', () => {
    const path = join(dir, 'fallback.bin');
    const bytes = randomBytes(5000);
    writeFileSync(path, bytes);
    const said: string[] = [];
    const options = { addon: join(dir, 'no-such-addon.node'), log: (m: string) => said.push(m) };
    assert.deepEqual(Buffer.from(mapFileReadOnly(path, options)), bytes);
    assert.deepEqual(Buffer.from(mapFileReadOnly(path, options)), bytes);
    assert.equal(said.length, 1);
    assert.match(said[0] ?? '', /not built.*each worker keeps its own copy/);
    assert.equal(mappingPermissions(path), null, 'read, not mapped');
    const read = mapFileReadOnly(path, options);
    releaseFileMapping(read);
    assert.deepEqual(Buffer.from(read), bytes, 'bytes that were read are left alone');
  });

  it('reports_an_addon_that_cannot_be_loaded', () => {
    const broken = join(dir, 'broken.node');
    writeFileSync(broken, 'not a shared object');
    const result = loadMmapAddon(broken);
    assert.ok(result instanceof Error);
    assert.match(result.message, /cannot be loaded/);
  });
});
