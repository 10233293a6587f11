import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry } from '../../../src/casework/audit/append-audit.js';
import { withAuditedRead } from '../../../src/casework/audit/audited.js';
import { StoreError } from '../../../src/store/store-error.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { T0 } from './audit-fixture.js';

const entry: AuditEntry = {
  actor: 'console:jane.dsl',
  action: 'events.read',
  targetKind: 'person',
  target: 'pupil.one',
  clientAddress: '192.0.2.10',
  reason: 'concern raised by form tutor',
};

for (const dialect of DIALECTS) {
  describe(`withAuditedRead on ${dialect}`, () => {
    it('writes the audit row before the read runs, then returns the data', async () => {
      const store = await openTestStore(dialect);
      try {
        const data = await withAuditedRead(
          store.db,
          entry,
          () => T0,
          async () => {
            const rows = await store.db.selectFrom('audit_log').selectAll().execute();
            assert.equal(rows.length, 1, 'the row is committed before the read');
            return ['event-1', 'event-2'];
          },
        );
        assert.deepEqual(data, ['event-1', 'event-2']);
        const [row] = await store.db.selectFrom('audit_log').selectAll().execute();
        assert.equal(row!.target, 'pupil.one');
        assert.equal(row!.reason, 'concern raised by form tutor');
        assert.equal(row!.time_ms, T0);
      } finally {
        await store.close();
      }
    });

    it('does not read when the audit append fails', async () => {
      const store = await openTestStore(dialect);
      try {
        let read = false;
        await assert.rejects(
          withAuditedRead(
            store.db,
            { ...entry, actor: '' },
            () => T0,
            async () => {
              read = true;
              return 'secret';
            },
          ),
          (error: unknown) => StoreError.is(error, 'SG_ERR_AUDIT_INPUT'),
        );
        assert.equal(read, false);
        await store.close();
        await assert.rejects(
          withAuditedRead(
            store.db,
            entry,
            () => T0,
            async () => {
              read = true;
              return 'secret';
            },
          ),
        );
        assert.equal(read, false, 'database gone: no data either');
      } finally {
        await store.close().catch(() => {});
      }
    });

    it('keeps the row when the read itself fails: the attempt is recorded', async () => {
      const store = await openTestStore(dialect);
      try {
        await assert.rejects(
          withAuditedRead(
            store.db,
            entry,
            () => T0,
            async () => {
              throw new Error('events table unavailable');
            },
          ),
          /unavailable/,
        );
        const rows = await store.db.selectFrom('audit_log').select('seq').execute();
        assert.equal(rows.length, 1);
      } finally {
        await store.close();
      }
    });
  });
}
