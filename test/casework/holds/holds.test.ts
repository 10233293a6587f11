import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachToHold } from '../../../src/casework/holds/attach-to-hold.js';
import { holdsDueForReview } from '../../../src/casework/holds/holds-due-for-review.js';
import { listHolds } from '../../../src/casework/holds/list-holds.js';
import { placeHold } from '../../../src/casework/holds/place-hold.js';
import { releaseHold } from '../../../src/casework/holds/release-hold.js';
import { createEventId } from '../../../src/events/create-event-id.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import type { Store } from '../../../src/store/open-store.js';
import { StoreError } from '../../../src/store/store-error.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { CONFIG, DAY, eventAt } from '../retention/retention-fixture.js';

const T0 = Date.parse('2026-11-02T08:00:00.000Z');
const now = () => T0 + 30 * DAY;

/** Ten events a day for three days: pupil.one and pupil.two alternating. */
async function seedEvents(store: Store): Promise<WebEvent[]> {
  const events: WebEvent[] = [];
  for (let i = 0; i < 30; i++) {
    events.push(
      eventAt(
        T0 + Math.floor(i / 10) * DAY + (i % 10) * 60_000,
        i,
        i % 2 === 0 ? 'pupil.one' : 'pupil.two',
      ),
    );
  }
  await createEventInserter(store).insert(events);
  return events;
}

async function heldIds(store: Store, holdId: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom('legal_hold_events')
    .selectAll()
    .where('hold_id', '=', holdId)
    .execute();
  return rows.map((r) => r.event_id).sort();
}

const audit = (store: Store, action: string) =>
  store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

for (const dialect of DIALECTS) {
  describe(`legal holds on ${dialect}`, () => {
    it('places a hold on events by id and by person and period, audited', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seedEvents(store);
        const typo = createEventId(T0 + 5);
        const hold = await placeHold(
          store.db,
          {
            kind: 'safeguarding',
            caseRef: 'SG-2026-014',
            subject: 'pupil.one',
            reason: 'DSL referral',
            actor: 'test:dsl',
            subjectBirthDate: '2013-04-02',
            eventIds: [events[1]!.id, events[3]!.id, typo, 'nonsense'],
            eventFilter: { user: 'pupil.one', fromMs: T0 + DAY, toMs: T0 + 2 * DAY },
            clientAddress: '10.0.0.5',
          },
          CONFIG.holds,
          now,
        );
        const byFilter = events.filter(
          (e) =>
            e.user === 'pupil.one' &&
            Date.parse(e.time) >= T0 + DAY &&
            Date.parse(e.time) < T0 + 2 * DAY,
        );
        assert.equal(byFilter.length, 5);
        const want = [events[1]!.id, events[3]!.id, ...byFilter.map((e) => e.id)].sort();
        assert.deepEqual(await heldIds(store, hold.id), want);
        assert.equal(hold.events, want.length);
        assert.deepEqual([...hold.missing].sort(), [typo, 'nonsense'].sort());
        assert.equal(hold.reviewDueMs, Date.UTC(2038, 3, 2));
        assert.equal(hold.reviewDueFallback, false);
        assert.equal(hold.createdMs, now());
        const rows = await store.db.selectFrom('legal_hold_events').selectAll().execute();
        for (const row of rows) {
          const event = events.find((e) => e.id === row.event_id)!;
          assert.equal(Number(row.event_time_ms), Date.parse(event.time));
        }
        const [entry] = await audit(store, 'hold.place');
        assert.equal(entry!.target, hold.id);
        assert.equal(entry!.target_kind, 'hold');
        assert.equal(entry!.actor, 'test:dsl');
        assert.equal(entry!.reason, 'DSL referral');
        assert.equal(entry!.client_address, '10.0.0.5');
        assert.deepEqual(JSON.parse(entry!.details), {
          caseRef: 'SG-2026-014',
          events: want.length,
          kind: 'safeguarding',
          missingEvents: 2,
          reviewDue: '2038-04-02T00:00:00.000Z',
          reviewDueBasis: 'birth-date',
          reviewDueFallback: false,
          subject: 'pupil.one',
        });
      } finally {
        await store.close();
      }
    });

    it('records and shows a fallback review date when no date of birth is given', async () => {
      const store = await openTestStore(dialect);
      try {
        await seedEvents(store);
        const hold = await placeHold(
          store.db,
          { kind: 'safeguarding', caseRef: 'SG-9', reason: 'concern', actor: 'test:dsl' },
          CONFIG.holds,
          now,
        );
        assert.equal(hold.reviewDueFallback, true);
        assert.equal(hold.reviewDueMs, Date.UTC(2051, 11, 2, 8));
        const [listed] = await listHolds(store.db);
        assert.equal(listed!.reviewDueFallback, true);
        assert.equal(listed!.id, hold.id);
      } finally {
        await store.close();
      }
    });

    it('refuses a hold without a reason or case, and writes nothing', async () => {
      const store = await openTestStore(dialect);
      try {
        const base = { kind: 'hr', caseRef: 'HR-1', reason: 'x', actor: 'test:head' } as const;
        for (const input of [
          { ...base, reason: '  ' },
          { ...base, caseRef: '' },
        ]) {
          await assert.rejects(placeHold(store.db, input, CONFIG.holds, now), (e: unknown) =>
            StoreError.is(e, 'SG_ERR_AUDIT_INPUT'),
          );
        }
        await assert.rejects(
          placeHold(
            store.db,
            { ...base, kind: 'safeguarding', subjectBirthDate: '2013-02-29' },
            CONFIG.holds,
            now,
          ),
          RangeError,
        );
        assert.deepEqual(await listHolds(store.db, { includeReleased: true }), []);
        assert.deepEqual(await audit(store, 'hold.place'), []);
      } finally {
        await store.close();
      }
    });

    it('attaches more events to a hold in force, audited; not to a released or unknown one', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seedEvents(store);
        const hold = await placeHold(
          store.db,
          {
            kind: 'hr',
            caseRef: 'HR-3',
            reason: 'grievance',
            actor: 'test:head',
            eventIds: [events[0]!.id],
          },
          CONFIG.holds,
          now,
        );
        const result = await attachToHold(
          store.db,
          hold.id,
          [events[0]!.id, events[2]!.id],
          'test:head',
          now,
        );
        assert.deepEqual(result, { attached: 1, missing: [] });
        const byPeriod = await attachToHold(
          store.db,
          hold.id,
          { user: 'pupil.two', fromMs: T0, toMs: T0 + DAY },
          'test:head',
          now,
        );
        assert.equal(byPeriod.attached, 5);
        assert.equal((await heldIds(store, hold.id)).length, 7);
        assert.equal((await audit(store, 'hold.attach')).length, 2);

        await releaseHold(store.db, hold.id, { actor: 'test:head', reason: 'case closed' }, now);
        await assert.rejects(
          attachToHold(store.db, hold.id, [events[4]!.id], 'test:head', now),
          (e: unknown) => StoreError.is(e, 'SG_ERR_HOLD_RELEASED'),
        );
        await assert.rejects(
          attachToHold(store.db, 'no-such-hold', [events[4]!.id], 'test:head', now),
          (e: unknown) => StoreError.is(e, 'SG_ERR_HOLD_NOT_FOUND'),
        );
      } finally {
        await store.close();
      }
    });

    it('releasing needs a reason, is audited, and happens once', async () => {
      const store = await openTestStore(dialect);
      try {
        const hold = await placeHold(
          store.db,
          { kind: 'safeguarding', caseRef: 'SG-4', reason: 'referral', actor: 'test:dsl' },
          CONFIG.holds,
          now,
        );
        for (const reason of ['', '   ']) {
          await assert.rejects(
            releaseHold(store.db, hold.id, { actor: 'test:dsl', reason }, now),
            (e: unknown) => StoreError.is(e, 'SG_ERR_AUDIT_INPUT'),
          );
        }
        assert.equal((await listHolds(store.db)).length, 1, 'still in force');
        const released = await releaseHold(
          store.db,
          hold.id,
          { actor: 'test:dsl', reason: ' Review: case closed ', clientAddress: '10.0.0.9' },
          () => now() + DAY,
        );
        assert.equal(released.releasedMs, now() + DAY);
        assert.equal(released.releasedBy, 'test:dsl');
        assert.equal(released.releaseReason, 'Review: case closed');
        const entries = await audit(store, 'hold.release');
        assert.deepEqual(
          entries.map((e) => [e.target, e.actor, e.reason, e.client_address, Number(e.time_ms)]),
          [[hold.id, 'test:dsl', 'Review: case closed', '10.0.0.9', now() + DAY]],
        );
        await assert.rejects(
          releaseHold(store.db, hold.id, { actor: 'test:dsl', reason: 'again' }, now),
          (e: unknown) => StoreError.is(e, 'SG_ERR_HOLD_RELEASED'),
        );
        await assert.rejects(
          releaseHold(store.db, 'nope', { actor: 'test:dsl', reason: 'x' }, now),
          (e: unknown) => StoreError.is(e, 'SG_ERR_HOLD_NOT_FOUND'),
        );
        assert.equal((await audit(store, 'hold.release')).length, 1);
      } finally {
        await store.close();
      }
    });

    it('lists holds by review date, with released ones on request, and those due for review', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = await seedEvents(store);
        const place = (
          kind: 'hr' | 'safeguarding',
          caseRef: string,
          birth?: string,
          ids: string[] = [],
        ) =>
          placeHold(
            store.db,
            {
              kind,
              caseRef,
              reason: 'r',
              actor: 'test:dsl',
              subjectBirthDate: birth,
              eventIds: ids,
            },
            CONFIG.holds,
            now,
          );
        const hr = await place('hr', 'HR-1', undefined, [events[0]!.id, events[1]!.id]); // due 2033-12-02
        const young = await place('safeguarding', 'SG-young', '2015-06-01'); // due 2040-06-01
        const old = await place('safeguarding', 'SG-old', '2009-01-20'); // due 2034-01-20
        const gone = await place('safeguarding', 'SG-gone', '2010-01-01'); // due 2035-01-01
        await releaseHold(store.db, gone.id, { actor: 'test:dsl', reason: 'reviewed' }, now);

        assert.deepEqual(
          (await listHolds(store.db)).map((h) => [h.caseRef, h.events]),
          [
            ['HR-1', 2],
            ['SG-old', 0],
            ['SG-young', 0],
          ],
        );
        assert.deepEqual(
          (await listHolds(store.db, { includeReleased: true })).map((h) => h.caseRef),
          ['HR-1', 'SG-old', 'SG-gone', 'SG-young'],
        );
        assert.deepEqual(
          (await listHolds(store.db, { dueBy: Date.UTC(2034, 0, 20) })).map((h) => h.id),
          [hr.id, old.id],
        );
        assert.deepEqual(await holdsDueForReview(store.db, Date.UTC(2034, 0, 19)), []);
        assert.deepEqual(
          (await holdsDueForReview(store.db, Date.UTC(2040, 5, 1))).map((h) => h.id),
          [old.id, young.id],
          'only safeguarding holds in force; HR holds end on their own',
        );
      } finally {
        await store.close();
      }
    });
  });
}
