import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadE2guardianList } from '../../src/lists/load-e2guardian-list.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lists/e2guardian/', import.meta.url));

test('loadE2guardianList: relative include, cycle, blanket lines', async () => {
  const got = await loadE2guardianList(join(FIXTURES, 'bannedsitelist'), {
    source: 'e2g',
    format: 'e2guardian-sites',
  });
  assert.deepEqual(
    got.entries.map((e) => e.host),
    ['banned.example', 'extra.example'],
  );
  assert.equal(got.files.length, 2);
  const problems = got.rejected.map((r) => r.problem);
  assert.ok(
    problems.some((p) => /cycle/.test(p)),
    'cycle reported',
  );
  assert.equal(problems.filter((p) => /blanket/.test(p)).length, 2);
  assert.deepEqual(got.includes, []);
});

test('loadE2guardianList: depth limit and missing include', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-e2g-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'deep'));
  for (let i = 0; i < 12; i++) {
    writeFileSync(join(dir, 'deep', `l${i}`), `.Include<l${i + 1}>\nlevel${i}.example\n`);
  }
  writeFileSync(join(dir, 'missing'), '.Include<does-not-exist>\nok.example\n');
  const deep = await loadE2guardianList(join(dir, 'deep', 'l0'), {
    source: 'd',
    format: 'e2guardian-sites',
  });
  assert.equal(deep.files.length, 9, 'top file plus 8 levels');
  assert.ok(deep.rejected.some((r) => /deeper than 8/.test(r.problem)));
  const missing = await loadE2guardianList(join(dir, 'missing'), {
    source: 'm',
    format: 'e2guardian-sites',
  });
  assert.deepEqual(missing.entries, [{ kind: 'domain', host: 'ok.example' }]);
  assert.match(missing.rejected[0]!.problem, /cannot be read/);
  assert.equal(missing.rejected[0]!.line, 1);
});
