import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AUDIT_GENESIS_HASH, auditRowHash } from '../../../src/casework/audit/audit-row-hash.js';
import type { AuditLogTable } from '../../../src/store/schema.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const base: Omit<AuditLogTable, 'hash'> = {
  seq: 1,
  time_ms: 1_756_717_200_000,
  actor: 'cli:root',
  action: 'events.read',
  target_kind: 'person',
  target: 'pupil.one',
  client_address: null,
  reason: 'review 0',
  details: '{}',
  prev_hash: AUDIT_GENESIS_HASH,
};

/** Runs Python's json + hashlib over rows, as an auditor with no Schoolgate would. */
function pythonHashes(rows: readonly Omit<AuditLogTable, 'hash'>[]): string[] | null {
  const script = `
import hashlib, json, sys
for r in json.load(sys.stdin):
    row = [r['seq'], r['time_ms'], r['actor'], r['action'], r['target_kind'], r['target'],
           r['client_address'], r['reason'], r['details'], r['prev_hash']]
    text = json.dumps(row, separators=(',', ':'), ensure_ascii=False)
    print(hashlib.sha256(text.encode('utf-8')).hexdigest())
`;
  const run = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(rows),
    encoding: 'utf8',
  });
  if (run.error !== undefined || run.status !== 0) return null;
  return run.stdout.trim().split('\n');
}

describe('auditRowHash', () => {
  it('matches the worked example in the README (computed with printf | sha256sum)', () => {
    assert.equal(
      auditRowHash(base),
      'c38076932f3093dd3ea343d2985f70d2b89013ab243e2b57fa5ced7f2f7c01f4',
    );
  });

  const changes: { name: string; change: Partial<AuditLogTable> }[] = [
    { name: 'seq', change: { seq: 2 } },
    { name: 'time', change: { time_ms: base.time_ms + 1 } },
    { name: 'actor', change: { actor: 'cli:root2' } },
    { name: 'action', change: { action: 'events.reads' } },
    { name: 'target_kind', change: { target_kind: 'hold' } },
    { name: 'target', change: { target: 'pupil.two' } },
    { name: 'client_address', change: { client_address: '192.0.2.1' } },
    { name: 'reason_null', change: { reason: null } },
    { name: 'reason_text_null', change: { reason: 'null' } },
    { name: 'details', change: { details: '{"a":1}' } },
    { name: 'prev_hash', change: { prev_hash: '1'.repeat(64) } },
    // Moving text between fields must change the hash: the encoding keeps field boundaries.
    { name: 'boundary', change: { actor: 'cli:rootevents.read', action: '' } },
  ];
  for (const c of changes) {
    it(`changes when ${c.name} changes`, () => {
      assert.notEqual(auditRowHash({ ...base, ...c.change }), auditRowHash(base));
    });
  }

  it('gives the same hashes as Python json.dumps + hashlib, for awkward text', (t) => {
    const samples = [
      base,
      { ...base, reason: 'quote " backslash \\ newline \n tab \t bell \u0007 del \u007f' },
      { ...base, target: 'zoë', actor: '名前', reason: 'line\u2028sep 😀', client_address: '::1' },
      { ...base, details: '{"k":"v\\"q","n":[1,2.5,-3e-7]}' },
    ];
    const arbitrary = fc.sample(
      fc.record({
        seq: fc.integer({ min: 1, max: 2 ** 40 }),
        time_ms: fc.integer({ min: 0, max: 2 ** 45 }),
        actor: fc.string({ unit: 'grapheme', minLength: 1 }),
        action: fc.string(),
        target_kind: fc.constantFrom('person', 'hold', 'audit'),
        target: fc.string({ unit: 'binary' }).filter((s) => !/\p{Cs}/u.test(s)),
        client_address: fc.option(fc.string(), { nil: null }),
        reason: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
        details: fc.string(),
        prev_hash: fc.stringMatching(/^[0-9a-f]{64}$/),
      }),
      { numRuns: RUNS, seed: 7 },
    );
    const rows = [...samples, ...arbitrary];
    const python = pythonHashes(rows);
    if (python === null) {
      t.skip('python3 is not installed: the cross-tool check needs it');
      return;
    }
    assert.deepEqual(python, rows.map(auditRowHash));
  });
});
