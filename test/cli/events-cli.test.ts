import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditTrailFor } from '../../src/casework/audit/read-audit.js';
import { createEventId } from '../../src/events/create-event-id.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import { openStore } from '../../src/store/open-store.js';
import { sampleEvent } from '../events/event-fixture.js';
import { runCli } from '../support/run-cli.js';
import { DIALECTS, freshStoreConfig } from '../support/store-dialects.js';

const DAY = '2026-11-24';
const START = Date.parse(`${DAY}T09:00:00Z`);

for (const dialect of DIALECTS) {
  describe(`schoolgate events list on ${dialect}`, () => {
    it("shows a person's events, pages on, and audits every read with its reason", async () => {
      const { url, dataDir, config } = await freshStoreConfig(dialect);
      const store = await openStore({ url, dataDir });
      const events = Array.from({ length: 30 }, (_, i) => {
        const time = START + i * 1000;
        const user = i % 3 === 0 ? 'pupil.two' : 'pupil.one';
        return {
          ...sampleEvent(i),
          id: createEventId(time),
          time: new Date(time).toISOString(),
          user,
        };
      });
      await createEventInserter(store).insert(events);

      const base = [
        'events',
        'list',
        '--user',
        'pupil.one',
        '--from',
        DAY,
        '--to',
        DAY,
        '--config',
        config,
      ];
      const refused = await runCli([...base, '--json']);
      assert.equal(refused.code, 1, 'no reason, no records');
      assert.equal(refused.stdout, '');

      const first = await runCli([
        ...base,
        '--json',
        '--limit',
        '15',
        '--reason',
        'concern raised by form tutor',
      ]);
      assert.equal(first.code, 0, first.stderr);
      const page1 = first.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; user: string });
      assert.equal(page1.length, 15);
      assert.ok(page1.every((e) => e.user === 'pupil.one'));
      const cursor = /--after (\S+)/.exec(first.stderr)?.[1];
      assert.ok(cursor !== undefined, first.stderr);
      const second = await runCli([
        ...base,
        '--json',
        '--limit',
        '15',
        '--after',
        cursor,
        '--reason',
        'concern raised by form tutor',
      ]);
      const page2 = second.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string });
      const mine = events
        .filter((e) => e.user === 'pupil.one')
        .map((e) => e.id)
        .sort()
        .reverse();
      assert.deepEqual(
        [...page1, ...page2].map((e) => e.id),
        mine,
      );

      const trail = await auditTrailFor(store.db, 'person', 'pupil.one');
      await store.close();
      assert.equal(trail.length, 2, 'each page read is one audit row');
      assert.ok(
        trail.every(
          (r) => r.action === 'events.read' && r.reason === 'concern raised by form tutor',
        ),
      );
    });

    it('lists a class that is not a policy group with --group, audited as the group', async () => {
      const { url, dataDir, config } = await freshStoreConfig(dialect);
      const store = await openStore({ url, dataDir });
      const events = Array.from({ length: 12 }, (_, i) => {
        const time = START + i * 1000;
        return {
          ...sampleEvent(i),
          id: createEventId(time),
          time: new Date(time).toISOString(),
          user: `pupil.${i % 4}`,
          // pupil.0 and pupil.1 are in class 9x; all are in policy group pupils.
          groups: i % 4 < 2 ? ['pupils', '9x'] : ['pupils', '10y'],
          policyGroup: 'pupils',
        };
      });
      await createEventInserter(store).insert(events);
      const run = await runCli([
        'events',
        'list',
        '--group',
        '9x',
        '--from',
        DAY,
        '--to',
        DAY,
        '--json',
        '--reason',
        'class review',
        '--config',
        config,
      ]);
      assert.equal(run.code, 0, run.stderr);
      const listed = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; user: string });
      assert.deepEqual(
        listed.map((e) => e.id),
        events
          .filter((e) => e.groups.includes('9x'))
          .map((e) => e.id)
          .reverse(),
      );
      const trail = await auditTrailFor(store.db, 'group', '9x');
      await store.close();
      assert.equal(trail.length, 1);
      assert.equal(trail[0]!.action, 'group-events.read');
    });
  });
}
