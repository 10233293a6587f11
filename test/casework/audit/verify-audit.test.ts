import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../src/casework/audit/append-audit.js';
import type { AuditProblem } from '../../../src/casework/audit/audit-problem.js';
import { auditRowHash } from '../../../src/casework/audit/audit-row-hash.js';
import { verifyAudit } from '../../../src/casework/audit/verify-audit.js';
import type { Database } from '../../../src/store/schema.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { fillTrail, sampleEntry, T0 } from './audit-fixture.js';

type Db = Kysely<Database>;

/** A problem without its sentence, to compare; the sentences are checked for the seqs apart. */
function shape(p: AuditProblem): Record<string, unknown> {
  const { message: _, ...rest } = p;
  return rest;
}

async function row(db: Db, seq: number) {
  return db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

async function setSeq(db: Db, from: number, to: number): Promise<void> {
  await db.updateTable('audit_log').set({ seq: to }).where('seq', '=', from).execute();
}

/** Swaps two rows' seq values the way an UPDATE would (seq is the primary key: via -1). */
async function swapSeqs(db: Db, a: number, b: number): Promise<void> {
  await setSeq(db, a, -1);
  await setSeq(db, b, a);
  await setSeq(db, -1, b);
}

/** Swaps everything but seq between two rows. */
async function swapContent(db: Db, a: number, b: number): Promise<void> {
  const [ra, rb] = [await row(db, a), await row(db, b)];
  await db
    .updateTable('audit_log')
    .set({ ...rb, seq: a })
    .where('seq', '=', a)
    .execute();
  await db
    .updateTable('audit_log')
    .set({ ...ra, seq: b })
    .where('seq', '=', b)
    .execute();
}

async function deleteRows(db: Db, first: number, last = first): Promise<void> {
  await db.deleteFrom('audit_log').where('seq', '>=', first).where('seq', '<=', last).execute();
}

/** Deletes `seq` and moves every later row down one, hiding the gap. */
async function deleteAndRenumber(db: Db, seq: number, lastSeq: number): Promise<void> {
  await deleteRows(db, seq);
  for (let s = seq + 1; s <= lastSeq; s += 1) await setSeq(db, s, s - 1);
}

/** Edits a row's reason and recomputes its hash, as someone who read the README would. */
async function editAndRehash(db: Db, seq: number): Promise<void> {
  const r = await row(db, seq);
  const edited = { ...r, reason: 'nothing to see' };
  const { hash: _, ...unhashed } = edited;
  await db
    .updateTable('audit_log')
    .set({ reason: edited.reason, hash: auditRowHash(unhashed) })
    .where('seq', '=', seq)
    .execute();
}

const N = 8;

const cases: {
  name: string;
  tamper: (db: Db) => Promise<unknown>;
  want: Record<string, unknown>[];
  mentions?: RegExp;
}[] = [
  { name: 'intact', tamper: async () => {}, want: [] },
  {
    name: 'edited_reason',
    tamper: (db) =>
      db.updateTable('audit_log').set({ reason: 'nothing' }).where('seq', '=', 4).execute(),
    want: [{ kind: 'edited', seq: 4 }],
    mentions: /row 4 was edited/,
  },
  {
    name: 'edited_time',
    tamper: (db) =>
      db
        .updateTable('audit_log')
        .set({ time_ms: T0 - 1 })
        .where('seq', '=', 2)
        .execute(),
    want: [{ kind: 'edited', seq: 2 }],
  },
  {
    name: 'edited_prev_hash',
    tamper: (db) =>
      db
        .updateTable('audit_log')
        .set({ prev_hash: 'f'.repeat(64) })
        .where('seq', '=', 6)
        .execute(),
    want: [{ kind: 'edited', seq: 6 }],
  },
  {
    name: 'edited_hash_column_only',
    tamper: (db) =>
      db
        .updateTable('audit_log')
        .set({ hash: 'e'.repeat(64) })
        .where('seq', '=', 4)
        .execute(),
    want: [{ kind: 'edited', seq: 4 }],
  },
  {
    name: 'edited_and_rehashed',
    tamper: (db) => editAndRehash(db, 4),
    want: [{ kind: 'broken-link', prevSeq: 4, seq: 5 }],
    mentions: /row 5 does not follow row 4/,
  },
  {
    name: 'deleted_middle_row',
    tamper: (db) => deleteRows(db, 4),
    want: [{ kind: 'missing', afterSeq: 3, beforeSeq: 5 }],
    mentions: /row 4 is missing \(between rows 3 and 5\)/,
  },
  {
    name: 'deleted_three_rows',
    tamper: (db) => deleteRows(db, 3, 5),
    want: [{ kind: 'missing', afterSeq: 2, beforeSeq: 6 }],
    mentions: /rows 3-5 \(3 rows\) are missing/,
  },
  {
    name: 'deleted_first_row',
    tamper: (db) => deleteRows(db, 1),
    want: [{ kind: 'missing', afterSeq: 0, beforeSeq: 2 }],
    mentions: /row 1 is missing \(before row 2\)/,
  },
  {
    name: 'deleted_last_row',
    tamper: (db) => deleteRows(db, N),
    want: [{ kind: 'tail-missing', headSeq: N, lastSeq: N - 1 }],
    mentions: /newest row \(row 8\) is missing/,
  },
  {
    name: 'deleted_last_two_rows',
    tamper: (db) => deleteRows(db, N - 1, N),
    want: [{ kind: 'tail-missing', headSeq: N, lastSeq: N - 2 }],
  },
  {
    name: 'deleted_every_row',
    tamper: (db) => deleteRows(db, 1, N),
    want: [{ kind: 'tail-missing', headSeq: N, lastSeq: 0 }],
  },
  {
    name: 'swapped_seq_values',
    tamper: (db) => swapSeqs(db, 3, 6),
    want: [
      { kind: 'reordered', seq: 3, count: 1, writtenAs: 6 },
      { kind: 'reordered', seq: 6, count: 1, writtenAs: 3 },
    ],
    mentions: /row 3 holds what was written as row 6/,
  },
  {
    name: 'swapped_adjacent_content',
    tamper: (db) => swapContent(db, 2, 3),
    want: [
      { kind: 'reordered', seq: 2, count: 1, writtenAs: 3 },
      { kind: 'reordered', seq: 3, count: 1, writtenAs: 2 },
    ],
  },
  {
    name: 'deleted_and_renumbered',
    tamper: (db) => deleteAndRenumber(db, 4, N),
    want: [
      { kind: 'missing', afterSeq: 3, beforeSeq: 5 },
      { kind: 'reordered', seq: 4, count: N - 4, writtenAs: 5 },
    ],
    mentions: /rows 4-7 hold what was written as rows 5-8: rows were renumbered/,
  },
  {
    name: 'deleted_renumbered_and_head_fixed',
    tamper: async (db) => {
      await deleteAndRenumber(db, 4, N);
      const last = await row(db, N - 1);
      await db
        .updateTable('audit_head')
        .set({ seq: N - 1, hash: last.hash })
        .execute();
    },
    want: [
      { kind: 'missing', afterSeq: 3, beforeSeq: 5 },
      { kind: 'reordered', seq: 4, count: N - 4, writtenAs: 5 },
      { kind: 'head-mismatch', headSeq: N - 1, lastSeq: N },
    ],
  },
  {
    name: 'head_deleted',
    tamper: (db) => db.deleteFrom('audit_head').execute(),
    want: [{ kind: 'head-mismatch', headSeq: null, lastSeq: N }],
    mentions: /audit head was deleted/,
  },
  {
    name: 'forged_row_after_head',
    tamper: async (db) => {
      const last = await row(db, N);
      const forged = { ...last, seq: N + 1, reason: 'forged', prev_hash: last.hash };
      const { hash: _, ...unhashed } = forged;
      await db
        .insertInto('audit_log')
        .values({ ...forged, hash: auditRowHash(unhashed) })
        .execute();
    },
    want: [{ kind: 'head-mismatch', headSeq: N, lastSeq: N + 1 }],
    mentions: /row 9 exists/,
  },
  {
    name: 'last_row_replaced_and_rehashed',
    tamper: (db) => editAndRehash(db, N),
    want: [{ kind: 'head-mismatch', headSeq: N, lastSeq: N }],
    mentions: /row 8 is not the row the head recorded/,
  },
];

for (const dialect of DIALECTS) {
  describe(`verifyAudit on ${dialect}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const store = await openTestStore(dialect);
        try {
          await fillTrail(store, N);
          await c.tamper(store.db);
          const result = await verifyAudit(store.db, { pageSize: 3 });
          assert.deepEqual(result.problems.map(shape), c.want);
          assert.equal(result.ok, c.want.length === 0);
          assert.equal(result.omitted, 0);
          if (c.mentions) {
            assert.match(result.problems.map((p) => p.message).join('\n'), c.mentions);
          }
        } finally {
          await store.close();
        }
      });
    }

    it('finds rows swapped further apart than its search window, across pages', async () => {
      const store = await openTestStore(dialect);
      try {
        await fillTrail(store, 300);
        await swapSeqs(store.db, 10, 290);
        const result = await verifyAudit(store.db, { pageSize: 64 });
        assert.deepEqual(result.problems.map(shape), [
          { kind: 'reordered', seq: 10, count: 1, writtenAs: 290 },
          { kind: 'reordered', seq: 290, count: 1, writtenAs: 10 },
        ]);
        assert.equal(result.rows, 300);
      } finally {
        await store.close();
      }
    });

    it('names a large deletion hidden by renumbering, from the head', async () => {
      const store = await openTestStore(dialect);
      try {
        await fillTrail(store, 320);
        await deleteRows(store.db, 11, 310);
        for (let s = 311; s <= 320; s += 1) await setSeq(store.db, s, s - 300);
        const result = await verifyAudit(store.db);
        assert.deepEqual(result.problems.map(shape), [
          { kind: 'missing', afterSeq: 10, beforeSeq: 311 },
          { kind: 'reordered', seq: 11, count: 10, writtenAs: 311 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('reports progress, the head, and a row count on an intact trail', async () => {
      const store = await openTestStore(dialect);
      try {
        await fillTrail(store, 25);
        const calls: [number, number][] = [];
        const result = await verifyAudit(store.db, {
          pageSize: 10,
          onProgress: (done, total) => calls.push([done, total]),
        });
        assert.deepEqual(calls, [
          [10, 25],
          [20, 25],
          [25, 25],
        ]);
        const last = await row(store.db, 25);
        assert.deepEqual(result.head, { seq: 25, hash: last.hash });
        assert.equal(result.rows, 25);
        assert.ok(result.ok);
      } finally {
        await store.close();
      }
    });

    it('an empty trail is intact; so is one verified again after more appends', async () => {
      const store = await openTestStore(dialect);
      try {
        const empty = await verifyAudit(store.db);
        assert.deepEqual(empty, { ok: true, rows: 0, head: null, problems: [], omitted: 0 });
        await appendAudit(store.db, sampleEntry(0), () => T0);
        assert.ok((await verifyAudit(store.db)).ok);
        await fillTrail(store, 4);
        const again = await verifyAudit(store.db);
        assert.equal(again.rows, 5);
        assert.ok(again.ok, JSON.stringify(again.problems));
      } finally {
        await store.close();
      }
    });

    it('checks a head recorded outside the database (--expect), catching a rewrite', async () => {
      const store = await openTestStore(dialect);
      try {
        await fillTrail(store, N);
        const recorded = (await verifyAudit(store.db)).head!;
        assert.ok((await verifyAudit(store.db, { expect: recorded })).ok);
        const prefix = { seq: recorded.seq, hash: recorded.hash.slice(0, 12).toUpperCase() };
        assert.ok((await verifyAudit(store.db, { expect: prefix })).ok);
        // The whole tail rewritten consistently: row 8 deleted, head moved back to row 7.
        await deleteRows(store.db, N);
        const seventh = await row(store.db, N - 1);
        await store.db
          .updateTable('audit_head')
          .set({ seq: N - 1, hash: seventh.hash })
          .execute();
        assert.ok((await verifyAudit(store.db)).ok, 'undetectable without a recorded head');
        const result = await verifyAudit(store.db, { expect: recorded });
        assert.deepEqual(result.problems.map(shape), [{ kind: 'rewritten', seq: N }]);
        assert.match(result.problems[0]!.message, /row 8 was recorded with hash .* but it is gone/);
        await assert.rejects(verifyAudit(store.db, { expect: { seq: 1, hash: 'abc' } }), /hex/);
      } finally {
        await store.close();
      }
    });
  });
}
