import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AccessLogOptions, createAccessLog } from '../../src/events/ndjson-access-log.js';
import { serialiseEvent } from '../../src/events/serialise-event.js';
import type { WebEvent } from '../../src/events/web-event.js';
import { webEventSchema } from '../../src/events/web-event-schema.js';
import { LESSON_TIME, sampleEvent } from './event-fixture.js';

const DAY = 86_400_000;
const root = mkdtempSync(join(tmpdir(), 'schoolgate-events-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const freshDir = () => join(root, `log-${++folders}`);

/** A log in a new folder with a clock the test moves, errors collected. */
function setup(options: Partial<AccessLogOptions> = {}) {
  const clock = { now: LESSON_TIME };
  const errors: Error[] = [];
  const dir = options.dir ?? freshDir();
  const log = createAccessLog({
    dir,
    now: () => clock.now,
    onError: (error) => errors.push(error),
    flushIntervalMs: 60_000, // tests flush explicitly unless they test the timer
    retryDelayMs: 60_000,
    ...options,
  });
  return { log, dir, clock, errors };
}

const events = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => sampleEvent(from + i));
const readLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as WebEvent);
/** Every event in the folder's files, rotated ones first (oldest first), then the current file. */
function allLogged(dir: string): WebEvent[] {
  const rotated = readdirSync(dir)
    .filter((name) => /^access-\d{4}-\d{2}-\d{2}-\d+\.ndjson$/.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const files = [...rotated, ...(existsSync(join(dir, 'access.ndjson')) ? ['access.ndjson'] : [])];
  return files.flatMap((name) => readLines(join(dir, name)));
}
const lineBytes = (event: WebEvent) => Buffer.byteLength(`${serialiseEvent(event)}\n`);

describe('createAccessLog', () => {
  it('writes_ndjson_that_parses_back_to_the_same_events', async () => {
    const { log, dir, errors } = setup();
    const sent = events(2500);
    for (const event of sent) log.add(event);
    await log.close();
    const logged = readLines(join(dir, 'access.ndjson'));
    assert.deepEqual(logged, sent);
    for (const event of logged) assert.ok(webEventSchema.safeParse(event).success);
    assert.equal(log.written, 2500);
    assert.deepEqual(errors, []);
  });

  it('batches_many_adds_into_few_writes', async () => {
    const { log } = setup({ batchSize: 1000 });
    for (const event of events(999)) log.add(event);
    await sleep(20);
    assert.equal(log.writes, 0, 'below the batch size nothing is written before the timer');
    log.add(sampleEvent(999));
    await log.flush();
    assert.equal(log.writes, 1);
    for (const event of events(10_000, 1000)) log.add(event);
    await log.close();
    assert.equal(log.written, 11_000);
    assert.ok(log.writes <= 12, `${log.writes} writes for 11,000 events`);
  });

  it('writes_after_the_flush_interval_without_being_asked', async () => {
    const { log, dir } = setup({ flushIntervalMs: 20 });
    for (const event of events(5)) log.add(event);
    assert.equal(log.written, 0);
    for (let waited = 0; log.written < 5 && waited < 2000; waited += 10) await sleep(10);
    assert.equal(log.written, 5);
    assert.equal(log.writes, 1);
    assert.equal(readLines(join(dir, 'access.ndjson')).length, 5);
    await log.close();
  });

  it('rotates_by_size_keeping_order_and_the_limit', async () => {
    const sent = events(40);
    const maxBytes = Math.max(...sent.map(lineBytes)) * 3;
    const { log, dir } = setup({ maxBytes });
    for (const event of sent.slice(0, 25)) log.add(event);
    await log.flush();
    for (const event of sent.slice(25)) log.add(event);
    await log.close();
    const names = readdirSync(dir).sort();
    assert.ok(names.length >= 14, `${names.length} files`);
    for (const name of names) {
      assert.ok(readFileSync(join(dir, name)).length <= maxBytes, `${name} is over the limit`);
      if (name !== 'access.ndjson') assert.match(name, /^access-2026-11-24-\d+\.ndjson$/);
    }
    assert.deepEqual(allLogged(dir), sent);
  });

  it('rotates_on_a_new_day_and_after_a_restart', async () => {
    const { log, dir, clock } = setup();
    // Events carry the time they happened: three today, two tomorrow.
    const sent = [...events(3), ...events(2, DAY)];
    for (const event of sent.slice(0, 3)) log.add(event);
    await log.flush();
    clock.now += DAY;
    for (const event of sent.slice(3)) log.add(event);
    await log.close();
    assert.deepEqual(readLines(join(dir, 'access-2026-11-24-1.ndjson')), sent.slice(0, 3));
    assert.deepEqual(readLines(join(dir, 'access.ndjson')), sent.slice(3));

    // A new process two days later finds yesterday's file and rotates it under its own day.
    const restarted = setup({ dir });
    restarted.clock.now = LESSON_TIME + 2 * DAY;
    restarted.log.add(sampleEvent(0, LESSON_TIME + 2 * DAY));
    await restarted.log.close();
    assert.deepEqual(readLines(join(dir, 'access-2026-11-25-1.ndjson')), sent.slice(3));
    assert.equal(readLines(join(dir, 'access.ndjson')).length, 1);
  });

  it('keeps_only_max_files_rotated_files', async () => {
    const sent = events(12);
    const { log, dir } = setup({ maxBytes: lineBytes(sent[0]!) + 1, maxFiles: 3 });
    for (const event of sent.slice(0, 1)) log.add(event);
    await log.flush();
    writeFileSync(join(dir, 'notes.txt'), 'kept');
    writeFileSync(join(dir, 'access-w2-2026-11-01-1.ndjson'), '');
    for (const event of sent.slice(1)) log.add(event);
    await log.close();
    const rotated = readdirSync(dir).filter((n) => /^access-2026/.test(n));
    assert.equal(rotated.length, 3);
    assert.ok(existsSync(join(dir, 'notes.txt')));
    assert.ok(existsSync(join(dir, 'access-w2-2026-11-01-1.ndjson')));
    // The newest survive: the last four events (three rotated files and the current one).
    assert.deepEqual(
      allLogged(dir).map((e) => e.id),
      sent.slice(-4).map((e) => e.id),
    );
  });

  it('reports_a_removed_folder_once_and_recovers', async () => {
    const { log, dir, errors } = setup();
    log.add(sampleEvent(0));
    await log.flush();
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'a file where the folder was'); // so it cannot simply be re-created
    const sent = events(10, 1);
    assert.doesNotThrow(() => {
      for (const event of sent) log.add(event);
    });
    await log.flush();
    await log.flush();
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /cannot write/);
    assert.equal(log.pending, 10);
    assert.equal(log.dropped, 0);

    rmSync(dir);
    await log.flush();
    assert.equal(log.pending, 0);
    assert.deepEqual(readLines(join(dir, 'access.ndjson')), sent);
    assert.equal(errors.length, 1);
    await log.close();
  });

  it('retries_a_failed_write_by_itself', async () => {
    const dir = freshDir();
    writeFileSync(dir, 'not a folder');
    const { log, errors } = setup({ dir, flushIntervalMs: 5, retryDelayMs: 10 });
    const sent = events(3);
    for (const event of sent) log.add(event);
    for (let waited = 0; errors.length === 0 && waited < 2000; waited += 5) await sleep(5);
    assert.equal(errors.length, 1);
    rmSync(dir);
    for (let waited = 0; log.written < 3 && waited < 2000; waited += 5) await sleep(5);
    assert.deepEqual(readLines(join(dir, 'access.ndjson')), sent);
    assert.equal(errors.length, 1);
    await log.close();
  });

  it('drops_the_oldest_beyond_max_pending_and_counts_them', async () => {
    const dir = freshDir();
    writeFileSync(dir, 'not a folder');
    const { log, errors } = setup({
      dir,
      maxPending: 5,
      onError: () => {
        throw new Error('a broken reporter must not reach add()');
      },
    });
    const sent = events(8);
    for (const event of sent) log.add(event);
    await log.flush();
    assert.equal(log.dropped, 3);
    assert.equal(log.pending, 5);
    assert.deepEqual(errors, []);
    rmSync(dir);
    await log.close();
    assert.deepEqual(
      readLines(join(dir, 'access.ndjson')).map((e) => e.id),
      sent.slice(3).map((e) => e.id),
    );
  });

  it('cuts_a_torn_line_left_by_a_crash_or_failed_write', async () => {
    const { log, dir } = setup();
    const sent = events(4);
    for (const event of sent.slice(0, 2)) log.add(event);
    await log.flush();
    // The folder goes; when it is back, the file ends in part of a line, as a write that
    // failed half-way leaves it. The log must cut that before appending.
    rmSync(dir, { recursive: true });
    writeFileSync(dir, '');
    log.add(sent[2]!);
    await log.flush();
    assert.equal(log.pending, 1);
    rmSync(dir);
    mkdirSync(dir);
    const whole = sent
      .slice(0, 2)
      .map((e) => `${serialiseEvent(e)}\n`)
      .join('');
    writeFileSync(join(dir, 'access.ndjson'), `${whole}{"kind":"web-requ`);
    await log.close();
    assert.deepEqual(readLines(join(dir, 'access.ndjson')), sent.slice(0, 3));

    // A new process finds a torn last line (a crash) and cuts it before appending.
    appendFileSync(join(dir, 'access.ndjson'), '{"kind":"web');
    const restarted = setup({ dir });
    restarted.log.add(sent[3]!);
    await restarted.log.close();
    assert.deepEqual(readLines(join(dir, 'access.ndjson')), sent);
  });

  it('close_flushes_and_later_adds_are_dropped', async () => {
    const { log, dir } = setup();
    for (const event of events(7)) log.add(event);
    await log.close();
    assert.equal(readLines(join(dir, 'access.ndjson')).length, 7);
    assert.doesNotThrow(() => log.add(sampleEvent(7)));
    assert.equal(log.dropped, 1);
    await log.flush();
    assert.equal(readLines(join(dir, 'access.ndjson')).length, 7);
  });
});
