import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recentAudit } from '../../../src/casework/audit/recent-audit.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { fillTrail } from './audit-fixture.js';

const cases = [
  { name: 'newest_first_default_limit', options: {}, want: [9, 8, 7, 6, 5, 4, 3, 2, 1] },
  { name: 'limit', options: { limit: 3 }, want: [9, 8, 7] },
  { name: 'kind', options: { targetKind: 'hold' }, want: [9, 6, 3] },
  { name: 'target_any_kind', options: { target: 'pupil.two' }, want: [8, 4, 2] },
  {
    name: 'kind_and_target',
    options: { targetKind: 'person', target: 'pupil.one', limit: 2 },
    want: [7, 5],
  },
] as const;

for (const dialect of DIALECTS) {
  describe(`recentAudit on ${dialect}`, () => {
    it('lists the newest rows, filtered', async () => {
      const store = await openTestStore(dialect);
      try {
        await fillTrail(store, 9);
        for (const c of cases) {
          const got = await recentAudit(store.db, c.options);
          assert.deepEqual(
            got.map((r) => r.seq),
            c.want,
            c.name,
          );
        }
      } finally {
        await store.close();
      }
    });
  });
}
