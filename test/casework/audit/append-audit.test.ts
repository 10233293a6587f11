import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type AuditEntry, appendAudit } from '../../../src/casework/audit/append-audit.js';
import { AUDIT_GENESIS_HASH, auditRowHash } from '../../../src/casework/audit/audit-row-hash.js';
import { verifyAudit } from '../../../src/casework/audit/verify-audit.js';
import { openStore, type Store } from '../../../src/store/open-store.js';
import { StoreError } from '../../../src/store/store-error.js';
import { DIALECTS, freshDatabase, openTestStore } from '../../support/store-dialects.js';
import { sampleEntry, T0 } from './audit-fixture.js';

const WORKER = join(import.meta.dirname, 'append-worker.ts');

const valid: AuditEntry = {
  actor: 'console:jane.dsl',
  action: 'events.read',
  targetKind: 'person',
  target: 'pupil.one',
};

const invalid: { name: string; entry: unknown; field: RegExp }[] = [
  { name: 'empty_actor', entry: { ...valid, actor: '' }, field: /actor/ },
  { name: 'blank_actor', entry: { ...valid, actor: '   ' }, field: /actor/ },
  { name: 'two_line_actor', entry: { ...valid, actor: 'cli:root\nforged' }, field: /actor/ },
  { name: 'long_actor', entry: { ...valid, actor: 'a'.repeat(201) }, field: /actor/ },
  { name: 'missing_action', entry: { ...valid, action: undefined }, field: /action/ },
  { name: 'undotted_action', entry: { ...valid, action: 'read' }, field: /action/ },
  { name: 'spaced_action', entry: { ...valid, action: 'events. read' }, field: /action/ },
  { name: 'unknown_kind', entry: { ...valid, targetKind: 'pupil' }, field: /targetKind/ },
  { name: 'empty_target', entry: { ...valid, target: '' }, field: /target/ },
  { name: 'long_target', entry: { ...valid, target: 'x'.repeat(501) }, field: /target/ },
  { name: 'long_reason', entry: { ...valid, reason: 'r'.repeat(2001) }, field: /reason/ },
  { name: 'nul_in_reason', entry: { ...valid, reason: 'a\0b' }, field: /reason/ },
  { name: 'lone_surrogate', entry: { ...valid, target: 'pupil\ud800' }, field: /target/ },
  { name: 'client_newline', entry: { ...valid, clientAddress: '1.2.3.4\n' }, field: /client/ },
  { name: 'details_array', entry: { ...valid, details: [1, 2] }, field: /details/ },
  { name: 'details_nan', entry: { ...valid, details: { n: Number.NaN } }, field: /details/ },
  { name: 'details_undefined', entry: { ...valid, details: { u: undefined } }, field: /details/ },
  { name: 'details_nul_key', entry: { ...valid, details: { 'a\0': 1 } }, field: /details/ },
  {
    name: 'details_surrogate_deep',
    entry: { ...valid, details: { list: [{ s: '\udc00' }] } },
    field: /details/,
  },
  {
    name: 'details_too_big',
    entry: { ...valid, details: { page: 'x'.repeat(5000) } },
    field: /details.*4096/,
  },
];

async function count(store: Store): Promise<number> {
  const rows = await store.db.selectFrom('audit_log').select('seq').execute();
  return rows.length;
}

function runWorker(
  url: string,
  dataDir: string,
  n: number,
  actor: string,
  startMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [WORKER, url, dataDir, String(n), actor, String(startMs)];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`worker exit ${code}: ${stderr}`)),
    );
  });
}

for (const dialect of DIALECTS) {
  describe(`appendAudit on ${dialect}`, () => {
    it('stores the entry, chains it to the row before and moves the head', async () => {
      const store = await openTestStore(dialect);
      try {
        const first = await appendAudit(store.db, valid, () => T0);
        const second = await appendAudit(
          store.db,
          { ...sampleEntry(2), details: { z: [1, { b: true, a: null }], a: 'first' } },
          () => T0 + 5,
        );
        assert.equal(first.seq, 1);
        assert.equal(first.prevHash, AUDIT_GENESIS_HASH);
        assert.equal(second.seq, 2);
        assert.equal(second.prevHash, first.hash);
        assert.equal(second.timeMs, T0 + 5);
        assert.equal(second.clientAddress, '192.0.2.10');
        assert.deepEqual(second.details, { a: 'first', z: [1, { a: null, b: true }] });
        const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
        assert.equal(rows[1]!.details, '{"a":"first","z":[1,{"a":null,"b":true}]}');
        assert.equal(rows[0]!.client_address, null);
        assert.equal(rows[0]!.reason, null);
        assert.equal(rows[0]!.details, '{}');
        for (const r of rows) {
          const { hash, ...unhashed } = r;
          assert.equal(auditRowHash(unhashed), hash);
        }
        const head = await store.db.selectFrom('audit_head').selectAll().execute();
        assert.deepEqual(head, [{ id: 1, seq: 2, hash: second.hash }]);
      } finally {
        await store.close();
      }
    });

    for (const c of invalid) {
      it(`rejects ${c.name} with SG_ERR_AUDIT_INPUT and writes nothing`, async () => {
        const store = await openTestStore(dialect);
        try {
          await assert.rejects(
            appendAudit(store.db, c.entry as AuditEntry, () => T0),
            (error: unknown) => {
              assert.ok(StoreError.is(error, 'SG_ERR_AUDIT_INPUT'), String(error));
              assert.match(error.message, c.field);
              return true;
            },
          );
          assert.equal(await count(store), 0);
        } finally {
          await store.close();
        }
      });
    }

    it('accepts multi-line reasons and unicode, and they verify', async () => {
      const store = await openTestStore(dialect);
      try {
        await appendAudit(
          store.db,
          {
            ...valid,
            target: 'zoë.ångström',
            reason: 'line one\nline two\t"quoted" \\ \u2028 😀',
            details: { ключ: 'значение', emoji: '😀' },
          },
          () => T0,
        );
        assert.ok((await verifyAudit(store.db)).ok);
      } finally {
        await store.close();
      }
    });

    it("joins the caller's transaction: rolled back with it, committed with it", async () => {
      const store = await openTestStore(dialect);
      try {
        await appendAudit(store.db, valid, () => T0);
        await assert.rejects(
          store.db.transaction().execute(async (trx) => {
            await appendAudit(
              trx,
              { ...valid, action: 'hold.place', targetKind: 'hold' },
              () => T0,
            );
            throw new Error('the hold could not be placed');
          }),
          /could not be placed/,
        );
        assert.equal(await count(store), 1);
        const inside = await store.db
          .transaction()
          .execute((trx) => appendAudit(trx, valid, () => T0 + 1));
        assert.equal(inside.seq, 2);
        assert.ok((await verifyAudit(store.db)).ok);
      } finally {
        await store.close();
      }
    });

    it('carries the chain on from the last row when the head row was deleted', async () => {
      const store = await openTestStore(dialect);
      try {
        const before = await appendAudit(store.db, valid, () => T0);
        await store.db.deleteFrom('audit_head').execute();
        const after = await appendAudit(store.db, valid, () => T0 + 1);
        assert.equal(after.seq, 2);
        assert.equal(after.prevHash, before.hash);
        assert.ok((await verifyAudit(store.db)).ok);
      } finally {
        await store.close();
      }
    });

    it('serialises 50 concurrent appends into one valid chain (fresh store: head race too)', async () => {
      const store = await openTestStore(dialect);
      try {
        const records = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            appendAudit(store.db, { ...valid, target: `pupil.${i}` }, () => T0 + i),
          ),
        );
        assert.deepEqual(
          records.map((r) => r.seq).sort((a, b) => a - b),
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        const result = await verifyAudit(store.db);
        assert.ok(result.ok, JSON.stringify(result.problems));
        assert.equal(result.rows, 50);
      } finally {
        await store.close();
      }
    });

    it('serialises appends from several processes into one valid chain', async () => {
      const { url, dataDir } = await freshDatabase(dialect);
      // Migrate once here; the workers open without migrating, so they race only on appends.
      await (await openStore({ url, dataDir })).close();
      const actors = ['cli:worker.one', 'cli:worker.two', 'cli:worker.three'];
      const startMs = Date.now() + 3000; // after every worker has started up
      await Promise.all(actors.map((actor) => runWorker(url, dataDir, 100, actor, startMs)));
      const store = await openStore({ url, dataDir });
      try {
        const result = await verifyAudit(store.db);
        assert.ok(result.ok, JSON.stringify(result.problems));
        assert.equal(result.rows, 300);
        for (const actor of actors) {
          const mine = await store.db
            .selectFrom('audit_log')
            .select('seq')
            .where('actor', '=', actor)
            .execute();
          assert.equal(mine.length, 100, actor);
        }
      } finally {
        await store.close();
      }
    });

    it('two stores open on the same database share one chain', async () => {
      const { url, dataDir } = await freshDatabase(dialect);
      const one = await openStore({ url, dataDir });
      const two = await openStore({ url, dataDir });
      try {
        // In turn, not at once: two better-sqlite3 connections in one process would block
        // each other's event loop on SQLite's lock (see README); processes are tested above.
        for (let i = 0; i < 10; i += 1) {
          await appendAudit((i % 2 === 0 ? one : two).db, sampleEntry(i), () => T0 + i);
        }
        const result = await verifyAudit(one.db);
        assert.ok(result.ok, JSON.stringify(result.problems));
        assert.equal(result.head?.seq, 10);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });
}
