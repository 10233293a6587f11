import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadListFile } from '../../src/lists/load-list-file.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lists/', import.meta.url));

test('loadListFile', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-lists-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const hostsBytes = readFileSync(join(FIXTURES, 'sample-hosts.txt'));
  const gz = gzipSync(hostsBytes);
  // Named .txt on purpose: gzip is detected by its magic bytes, not the name.
  writeFileSync(join(dir, 'hosts.txt'), gz);
  writeFileSync(join(dir, 'broken.gz'), gz.subarray(0, gz.length - 12));

  await t.test('plain_utf8', async () => {
    const got = await loadListFile(join(FIXTURES, 'sample-hosts.txt'), {
      source: 'h',
      format: 'hosts',
    });
    assert.equal(got.encoding, 'utf-8');
    assert.equal(got.gzipped, false);
    assert.equal(got.bytes, hostsBytes.length);
    assert.equal(got.sha256, createHash('sha256').update(hostsBytes).digest('hex'));
    assert.equal(got.entries.length, 5);
  });

  await t.test('gzip_by_magic_hash_of_compressed_bytes', async () => {
    const got = await loadListFile(join(dir, 'hosts.txt'), { source: 'h', format: 'auto' });
    assert.equal(got.gzipped, true);
    assert.equal(got.format, 'hosts');
    assert.equal(got.bytes, gz.length);
    assert.equal(got.sha256, createHash('sha256').update(gz).digest('hex'));
    assert.equal(got.entries.length, 5);
  });

  await t.test('windows_1252_fallback', async () => {
    const got = await loadListFile(join(FIXTURES, 'latin1-domains.txt'), {
      source: 'l',
      format: 'domains',
    });
    assert.equal(got.encoding, 'windows-1252');
    assert.deepEqual(got.entries, [
      { kind: 'domain', host: 'ok.example' },
      { kind: 'domain', host: 'xn--t-9fab.example' },
    ]);
  });

  await t.test('truncated_gzip_names_the_file', async () => {
    await assert.rejects(
      loadListFile(join(dir, 'broken.gz'), { source: 'b', format: 'domains' }),
      /broken\.gz.*corrupt or truncated/,
    );
  });

  await t.test('missing_file_names_the_file', async () => {
    await assert.rejects(
      loadListFile(join(dir, 'nope'), { source: 'n', format: 'domains' }),
      /nope: cannot read/,
    );
  });
});
