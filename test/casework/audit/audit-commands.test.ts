/**
 * The `schoolgate audit` command handlers, run in-process with stdout captured (the lead
 * wires them into main.ts; a child-process test follows there).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { auditShowCommand, auditVerifyCommand } from '../../../src/cli/commands/audit-commands.js';
import { openStore } from '../../../src/store/open-store.js';
import { DIALECTS, freshDatabase } from '../../support/store-dialects.js';
import { fillTrail } from './audit-fixture.js';

interface Captured {
  stdout: string;
  stderr: string;
  exitCode: typeof process.exitCode;
}

/** Runs a command handler with stdout/stderr captured and process.exitCode restored after. */
async function capture(run: () => Promise<void>): Promise<Captured> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  const before = process.exitCode;
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    await run();
    return { stdout, stderr, exitCode: process.exitCode };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = before;
  }
}

/** A config file pointing at a fresh database holding `rows` sample audit rows. */
async function configured(dialect: (typeof DIALECTS)[number], rows: number) {
  const { url, dataDir } = await freshDatabase(dialect);
  const config = join(dataDir, 'schoolgate.yaml');
  writeFileSync(
    config,
    [
      'dataDir: ./data',
      'database:',
      `  url: ${JSON.stringify(url)}`,
      'lists:',
      '  sources: []',
      'policy:',
      '  defaultGroup: pupils',
      '  groups:',
      '    - { id: pupils, label: Pupils, categories: {} }',
      '',
    ].join('\n'),
  );
  const store = await openStore({ url, dataDir: join(dataDir, 'data') });
  await fillTrail(store, rows);
  return { config, store };
}

for (const dialect of DIALECTS) {
  describe(`audit commands on ${dialect}`, () => {
    it('verify: prints the row count and head, exit code untouched', async () => {
      const { config, store } = await configured(dialect, 5);
      try {
        const head = await store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
        const got = await capture(() => auditVerifyCommand({ config }));
        assert.equal(
          got.stdout,
          `audit trail intact: 5 rows, head ${head.hash.slice(0, 16)}\nhead: row 5 ${head.hash}\n`,
        );
        assert.notEqual(got.exitCode, 1);
        assert.match(got.stderr, /audit verify: 100%/);
        const expected = await capture(() =>
          auditVerifyCommand({ config, expect: `5:${head.hash.slice(0, 10)}` }),
        );
        assert.match(expected.stdout, /^audit trail intact/);
        const printedForm = await capture(() =>
          auditVerifyCommand({ config, expect: `row 5 ${head.hash}` }),
        );
        assert.match(printedForm.stdout, /^audit trail intact/);
      } finally {
        await store.close();
      }
    });

    it('verify: lists each problem and sets exit code 1', async () => {
      const { config, store } = await configured(dialect, 6);
      try {
        await store.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
        await store.db.updateTable('audit_log').set({ reason: 'x' }).where('seq', '=', 5).execute();
        const got = await capture(() => auditVerifyCommand({ config }));
        assert.equal(got.exitCode, 1);
        assert.equal(
          got.stdout,
          [
            'audit trail damaged: 2 problems in 5 rows',
            '  row 3 is missing (between rows 2 and 4)',
            '  row 5 was edited: its content no longer matches its hash',
            '',
          ].join('\n'),
        );
        const wrong = await capture(() => auditVerifyCommand({ config, expect: '6:00000000' }));
        assert.equal(wrong.exitCode, 1);
        assert.match(wrong.stdout, /row 6 was recorded with hash 00000000 but it now has/);
      } finally {
        await store.close();
      }
    });

    it('verify: an empty trail is intact', async () => {
      const { config, store } = await configured(dialect, 0);
      try {
        const got = await capture(() => auditVerifyCommand({ config }));
        assert.match(got.stdout, /^audit trail intact: 0 rows, head 0{16}\n/);
      } finally {
        await store.close();
      }
    });

    it('show: the newest rows as a table, filtered', async () => {
      const { config, store } = await configured(dialect, 6);
      try {
        const got = await capture(() => auditShowCommand({ config, kind: 'hold', limit: '5' }));
        const lines = got.stdout.trimEnd().split('\n');
        assert.equal(lines.length, 3);
        assert.match(lines[0]!, /^SEQ\s+TIME \(UTC\)\s+ACTOR\s+ACTION\s+TARGET\s+CLIENT\s+REASON$/);
        assert.match(
          lines[1]!,
          /^6\s+2025-09-01 09:00:05\s+console:jane\.dsl\s+hold\.place\s+hold:hold-5\s+192\.0\.2\.10\s+case 5$/,
        );
        assert.match(lines[2]!, /^3\s+2025-09-01 09:00:02 .*hold:hold-2/);
        const one = await capture(() =>
          auditShowCommand({ config, target: 'pupil.two', limit: 1 }),
        );
        assert.match(
          one.stdout.split('\n')[1]!,
          /^4\s.*cli:root\s+events\.read\s+person:pupil\.two\s+-\s+review 3$/,
        );
        const none = await capture(() => auditShowCommand({ config, target: 'nobody' }));
        assert.equal(none.stdout, 'no audit rows\n');
      } finally {
        await store.close();
      }
    });
  });
}

describe('audit command arguments', () => {
  const bad = [
    {
      name: 'unknown_kind',
      run: () => auditShowCommand({ kind: 'pupil' }),
      want: /unknown kind 'pupil'/,
    },
    { name: 'zero_limit', run: () => auditShowCommand({ limit: '0' }), want: /--limit/ },
    { name: 'word_limit', run: () => auditShowCommand({ limit: 'ten' }), want: /--limit/ },
    {
      name: 'expect_no_seq',
      run: () => auditVerifyCommand({ expect: 'abcdef12' }),
      want: /--expect/,
    },
    { name: 'expect_short', run: () => auditVerifyCommand({ expect: '3:abc' }), want: /--expect/ },
  ];
  for (const c of bad) {
    it(`refuses ${c.name} before opening anything`, async () => {
      await assert.rejects(c.run(), c.want);
    });
  }
});
