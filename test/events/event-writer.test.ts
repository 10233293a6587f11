import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { databaseConfigSchema } from '../../src/config/store-config.js';
import { createEventId } from '../../src/events/create-event-id.js';
import { type EventDestination, startEventWriter } from '../../src/events/event-writer.js';
import { openSpool } from '../../src/events/spool/open-spool.js';
import { startEventRecording } from '../../src/events/start-event-recording.js';
import type { WebEvent } from '../../src/events/web-event.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { startPostgresServer } from '../support/postgres-server.js';
import { DIALECTS, freshDatabase } from '../support/store-dialects.js';
import { sampleEvent } from './event-fixture.js';

const START = Date.parse('2026-11-24T09:00:00Z');
const CHILD = new URL('./recording-child.ts', import.meta.url).pathname;
const folders: string[] = [];
after(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function events(from: number, count: number, node = 'gw-test'): WebEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const time = START + from + i;
    return {
      ...sampleEvent(from + i),
      id: createEventId(time),
      time: new Date(time).toISOString(),
      node,
    };
  });
}

/** Event ids in the store, how many rows, and the rollups' total (which double counting would inflate). */
async function census(store: Store) {
  const rows = await store.db.selectFrom('events').select('id').execute();
  const total = await store.db
    .selectFrom('event_rollups')
    .where('dimension', '=', 'total')
    .select((eb) => eb.fn.sum<number>('events').as('n'))
    .executeTakeFirst();
  return {
    ids: new Set(rows.map((r) => r.id)),
    rows: rows.length,
    rolledUp: Number(total?.n ?? 0),
  };
}

describe('event writer', () => {
  it('keeps events in the spool while PostgreSQL is down and drains them in order when it returns', async () => {
    const server = await startPostgresServer({ settings: { fsync: 'off' } });
    const dir = mkdtempSync(join(tmpdir(), 'sg-writer-'));
    folders.push(dir);
    try {
      const url = await server.createDatabase('outage');
      const spool = await openSpool({ dir: join(dir, 'spool') });
      const messages: string[] = [];
      const writer = startEventWriter({
        spool,
        batchSize: 100,
        retryMs: 50,
        maxRetryMs: 200,
        connect: async () => {
          const store = await openStore({ url, dataDir: dir });
          return { ...createEventInserter(store), close: () => store.close() };
        },
        log: (m) => messages.push(m),
      });
      const before = events(0, 250);
      const during = events(250, 400);
      for (const e of before) spool.add(e);
      await writer.drained();

      server.stop();
      for (const e of during) spool.add(e);
      await spool.flush();
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(writer.stats().state, 'waiting-for-database');
      assert.ok(spool.stats().pending >= 400, `pending ${spool.stats().pending}`);
      assert.equal(messages.filter((m) => /unavailable/.test(m)).length, 1, 'said once');

      server.start();
      await writer.drained();
      await writer.stop();
      await spool.close();
      assert.ok(messages.some((m) => /available again/.test(m)));
      const check = await openStore({ url, dataDir: dir });
      const seen = await census(check);
      const order = await check.db.selectFrom('events').select('id').orderBy('time_ms').execute();
      await check.close();
      assert.equal(seen.rows, 650);
      assert.equal(seen.ids.size, 650);
      assert.equal(seen.rolledUp, 650);
      assert.deepEqual(
        order.map((r) => r.id),
        [...before, ...during].map((e) => e.id),
      );
    } finally {
      server.destroy();
    }
  });

  it('retries a failing SQLite destination without losing or repeating events', async () => {
    const { url, dataDir } = await freshDatabase('sqlite');
    const spool = await openSpool({ dir: join(dataDir, 'spool') });
    const store = await openStore({ url, dataDir });
    const real = createEventInserter(store);
    let failNext = 3;
    const flaky: EventDestination = {
      insert: async (batch) => {
        if (failNext > 0) {
          failNext -= 1;
          // Fails after writing, the worst moment: the batch is in, but the spool was not committed.
          await real.insert(batch);
          throw new Error('connection reset');
        }
        return real.insert(batch);
      },
    };
    const writer = startEventWriter({
      spool,
      connect: async () => flaky,
      batchSize: 64,
      retryMs: 10,
    });
    const batch = events(0, 500);
    for (const e of batch) spool.add(e);
    await writer.drained();
    await writer.stop();
    await spool.close();
    const seen = await census(store);
    await store.close();
    assert.equal(writer.stats().failures, 3);
    assert.ok(writer.stats().duplicates > 0, 'the failed batches came round again');
    assert.deepEqual(seen, {
      ids: new Set(batch.map((e) => e.id)),
      rows: 500,
      rolledUp: 500,
    });
  });
});

for (const dialect of DIALECTS) {
  describe(`kill -9 while recording, on ${dialect}`, () => {
    it('loses no acknowledged event and stores none twice', async () => {
      const { url, dataDir } = await freshDatabase(dialect);
      const acknowledged = new Set<string>();
      for (let round = 0; round < 4; round++) {
        const child = spawnChild(dataDir, url, 'run', `round-${round}`);
        await child.ready;
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
        child.process.kill('SIGKILL');
        await child.exited;
        for (const id of child.acked) acknowledged.add(id);
      }
      assert.ok(acknowledged.size > 0, 'the children acknowledged events');
      const drain = spawnChild(dataDir, url, 'drain', 'drain');
      await drain.exited;
      assert.match(drain.stdout(), /DRAINED/, drain.stderr());

      const store = await openStore({ url, dataDir });
      const seen = await census(store);
      const duplicates = await sql<{
        n: number;
      }>`select count(*) - count(distinct id) as n from events`.execute(store.db);
      await store.close();
      for (const id of acknowledged)
        assert.ok(seen.ids.has(id), `acknowledged event ${id} was lost`);
      assert.equal(Number(duplicates.rows[0]?.n), 0);
      assert.equal(seen.rolledUp, seen.rows, 'each stored event counted once in the rollups');
    });
  });
}

describe('event recording', () => {
  it('starts while the database is unreachable and records once it is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-recording-'));
    folders.push(dir);
    const url = `sqlite:${join(dir, 'later', 'events.db')}`;
    const recording = await startEventRecording({
      dataDir: dir,
      database: databaseConfigSchema.parse({ url: 'postgres://nobody@127.0.0.1:1/none' }),
      log: () => {},
    });
    for (const e of events(0, 10)) recording.add(e);
    await recording.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(recording.stats().writer.state, 'waiting-for-database');
    assert.equal(recording.stats().spool.pending, 10);
    await recording.close();
    // The same spool, now with a database that works: the ten events arrive.
    const again = await startEventRecording({
      dataDir: dir,
      database: databaseConfigSchema.parse({ url }),
      log: () => {},
    });
    await again.drained();
    await again.close();
    const store = await openStore({ url, dataDir: dir });
    assert.equal((await census(store)).rows, 10);
    await store.close();
  });
});

function spawnChild(dataDir: string, url: string, mode: 'run' | 'drain', label: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dataDir, url, mode, label],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const acked: string[] = [];
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    // Only whole lines count: a line cut by the kill was not acknowledged to us.
    const lines = out.split('\n');
    out = lines.pop()!;
    for (const line of lines) {
      if (line === 'READY' || line === 'DRAINED') {
        markReady();
        all += `${line}\n`;
      }
      if (line.startsWith('ACK ')) acked.push(...line.slice(4).split(','));
    }
  });
  let all = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  void exited.then(() => markReady());
  return { process: child, ready, exited, acked, stdout: () => all, stderr: () => err };
}
