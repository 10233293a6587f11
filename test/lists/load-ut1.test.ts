import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { create } from 'tar';
import { loadUt1 } from '../../src/lists/load-ut1.js';
import { SHARED_DATA } from '../support/shared-data.js';

/** Writes a small UT1-like tree under `<dir>/tree/blacklists` covering the awkward cases. */
function writeTree(dir: string): string {
  const root = join(dir, 'tree', 'blacklists');
  const files: Record<string, string> = {
    'gambling/domains': 'bet.example\nBET.example.\n192.0.2.10\nbad host.example\n',
    'gambling/urls': 'casino.example/slots/\n',
    'gambling/usage': 'black\n',
    'adult/urls': 'pics.example/a\n',
    'adult/expressions': '(porn|xxx)\n',
    'adult/very_restrictive_expression': '(sex)\n',
    'empty/domains': '',
    'redirector/domains': 'proxy.example\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  writeFileSync(join(root, 'README'), 'not a category\n');
  symlinkSync('adult', join(root, 'porn'));
  symlinkSync('redirector', join(root, 'proxy'));
  symlinkSync('nowhere', join(root, 'dangling'));
  return join(dir, 'tree');
}

test('loadUt1 on fixture trees', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-ut1-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const tree = writeTree(dir);
  const archive = join(dir, 'blacklists.tar.gz');
  await create({ gzip: true, file: archive, cwd: tree, portable: true }, ['blacklists']);
  const bytes = readFileSync(archive);
  writeFileSync(join(dir, 'truncated.tar.gz'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  writeFileSync(
    join(dir, 'garbage.tar.gz'),
    Buffer.concat([bytes.subarray(0, 10), Buffer.alloc(400, 7)]),
  );
  mkdirSync(join(dir, 'other', 'docs'), { recursive: true });
  writeFileSync(join(dir, 'other', 'docs', 'readme.txt'), 'hello\n');
  const otherArchive = join(dir, 'other.tar.gz');
  await create({ gzip: true, file: otherArchive, cwd: join(dir, 'other') }, ['docs']);

  for (const source of [
    { name: 'archive', path: archive },
    { name: 'folder', path: tree },
  ]) {
    await t.test(source.name, async () => {
      let progressCalls = 0;
      const got = await loadUt1(source.path, { onProgress: () => progressCalls++ });
      assert.ok(progressCalls > 0);
      assert.deepEqual(
        got.categories.map((c) => c.name),
        ['adult', 'empty', 'gambling', 'redirector'],
      );
      assert.deepEqual(got.aliases, { porn: 'adult', proxy: 'redirector' });
      assert.ok(got.problems.some((p) => /dangling.*missing category nowhere/.test(p)));
      const byName = new Map(got.categories.map((c) => [c.name, c]));
      const gambling = byName.get('gambling')!;
      assert.equal(gambling.domains!.source, 'ut1/gambling/domains');
      assert.deepEqual(gambling.domains!.entries, [
        { kind: 'domain', host: 'bet.example' },
        { kind: 'ip', host: '192.0.2.10' },
      ]);
      assert.equal(gambling.domains!.rejected.length, 1);
      assert.deepEqual(gambling.urls!.entries, [
        { kind: 'url', host: 'casino.example', path: '/slots' },
      ]);
      const adult = byName.get('adult')!;
      assert.equal(adult.domains, null, 'category with only urls');
      assert.equal(adult.urls!.entries.length, 1);
      assert.equal(adult.expressions, 2);
      assert.deepEqual(adult.aliases, ['porn']);
      assert.equal(got.unsupportedExpressions, 2);
      assert.equal(byName.get('redirector')!.urls, null, 'missing urls file');
      assert.equal(byName.get('empty')!.domains!.entries.length, 0);
      if (source.name === 'archive') {
        assert.match(got.sha256!, /^[0-9a-f]{64}$/);
        assert.equal(got.bytes, bytes.length);
      } else {
        assert.equal(got.sha256, null);
      }
    });
  }

  await t.test('truncated_gzip', async () => {
    await assert.rejects(loadUt1(join(dir, 'truncated.tar.gz')), /truncated\.tar\.gz/);
  });
  await t.test('corrupt_gzip', async () => {
    await assert.rejects(loadUt1(join(dir, 'garbage.tar.gz')), /garbage\.tar\.gz/);
  });
  await t.test('not_ut1', async () => {
    await assert.rejects(loadUt1(otherArchive), /not a UT1 blacklist collection/);
  });
  await t.test('missing_path', async () => {
    await assert.rejects(loadUt1(join(dir, 'absent.tar.gz')), /absent\.tar\.gz: cannot read/);
  });
});

test('loadUt1 on the real UT1 archive', async (t) => {
  const archive = new URL('blocklists/ut1/blacklists.tar.gz', SHARED_DATA);
  const table = new URL('blocklists/ut1/categories.tsv', SHARED_DATA);
  if (!existsSync(fileURLToPath(archive)) || !existsSync(fileURLToPath(table))) {
    t.skip('../shared/data/blocklists/ut1 is absent');
    return;
  }
  const got = await loadUt1(fileURLToPath(archive));
  const rows = readFileSync(table, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  const expected = new Map(rows.map((r) => [r[0]!, { domains: Number(r[1]), urls: Number(r[3]) }]));
  assert.equal(got.categories.length, expected.size);
  assert.equal(got.aliases['porn'], 'adult');
  assert.equal(got.aliases['proxy'], 'redirector');
  assert.equal(got.aliases['violence'], 'agressif');
  const byName = new Map(got.categories.map((c) => [c.name, c]));
  for (const name of ['gambling', 'games', 'redirector', 'drogue', 'agressif']) {
    const category = byName.get(name)!;
    const want = expected.get(name)!;
    const domains = category.domains!;
    // Entries + rejects + duplicates account for every listed domain.
    assert.ok(domains.entries.length <= want.domains, name);
    assert.ok(
      domains.entries.length >= want.domains * 0.98,
      `${name}: ${domains.entries.length} of ${want.domains}`,
    );
    if (want.urls > 0) {
      const urls = category.urls!;
      assert.ok(urls.entries.length + urls.rejected.length <= want.urls, `${name} urls`);
      assert.ok(
        urls.entries.length >= want.urls * 0.8,
        `${name} urls: ${urls.entries.length} of ${want.urls}`,
      );
    }
  }
});
