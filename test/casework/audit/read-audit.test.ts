import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditTrailFor } from '../../../src/casework/audit/read-audit.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { fillTrail, T0 } from './audit-fixture.js';

// fillTrail(12): seq i+1 at T0 + i s; i%3==2 holds (hold-2, hold-5, ...), the rest reads of
// pupil.one (even i) and pupil.two (odd i).
const cases = [
  {
    name: 'all_reads_of_one_pupil',
    kind: 'person',
    target: 'pupil.one',
    options: {},
    want: [1, 5, 7, 11],
  },
  { name: 'other_pupil', kind: 'person', target: 'pupil.two', options: {}, want: [2, 4, 8, 10] },
  { name: 'one_hold', kind: 'hold', target: 'hold-5', options: {}, want: [6] },
  {
    name: 'from_inclusive',
    kind: 'person',
    target: 'pupil.one',
    options: { fromMs: T0 + 4000 },
    want: [5, 7, 11],
  },
  {
    name: 'to_exclusive',
    kind: 'person',
    target: 'pupil.one',
    options: { toMs: T0 + 6000 },
    want: [1, 5],
  },
  { name: 'limit', kind: 'person', target: 'pupil.two', options: { limit: 2 }, want: [2, 4] },
  {
    name: 'newest_first',
    kind: 'person',
    target: 'pupil.two',
    options: { limit: 2, newestFirst: true },
    want: [10, 8],
  },
  { name: 'kind_matters', kind: 'hold', target: 'pupil.one', options: {}, want: [] },
  { name: 'unknown_target', kind: 'person', target: 'nobody', options: {}, want: [] },
] as const;

for (const dialect of DIALECTS) {
  describe(`auditTrailFor on ${dialect}`, () => {
    it('answers each question from one trail', async () => {
      const store = await openTestStore(dialect);
      try {
        await fillTrail(store, 12);
        for (const c of cases) {
          const got = await auditTrailFor(store.db, c.kind, c.target, c.options);
          assert.deepEqual(
            got.map((r) => r.seq),
            c.want,
            c.name,
          );
          for (const r of got) assert.equal(r.target, c.target, c.name);
        }
        const [hold] = await auditTrailFor(store.db, 'hold', 'hold-5');
        assert.deepEqual(hold, {
          seq: 6,
          timeMs: T0 + 5000,
          actor: 'console:jane.dsl',
          action: 'hold.place',
          targetKind: 'hold',
          target: 'hold-5',
          clientAddress: '192.0.2.10',
          reason: 'case 5',
          details: { caseRef: 'SG-5', events: 5 },
          prevHash: hold!.prevHash,
          hash: hold!.hash,
        });
        assert.match(hold!.hash, /^[0-9a-f]{64}$/);
      } finally {
        await store.close();
      }
    });

    it('shows rows whose details were vandalised instead of failing', async () => {
      const store = await openTestStore(dialect);
      try {
        await fillTrail(store, 1);
        await store.db.updateTable('audit_log').set({ details: '[not json' }).execute();
        const [r] = await auditTrailFor(store.db, 'person', 'pupil.one');
        assert.deepEqual(r!.details, { unreadable: '[not json' });
      } finally {
        await store.close();
      }
    });
  });
}
