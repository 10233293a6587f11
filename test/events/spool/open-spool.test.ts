import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { serialiseEvent } from '../../../src/events/serialise-event.js';
import { openSpool } from '../../../src/events/spool/open-spool.js';
import { SPOOL_FORMAT } from '../../../src/events/spool/spool-format.js';
import { sampleEvent } from '../event-fixture.js';
import { events, freshDir, readAll, segmentFiles, setup } from './spool-fixture.js';

const HEADER = SPOOL_FORMAT.headerBytes;
const recordBytes = (i: number) => 8 + Buffer.byteLength(serialiseEvent(sampleEvent(i)));

describe('openSpool', () => {
  const policies = [
    { name: 'fsync_always', fsync: 'always' },
    { name: 'fsync_interval', fsync: 'interval' },
    { name: 'fsync_never', fsync: 'never' },
  ] as const;
  for (const { name, fsync } of policies) {
    it(`round_trips_in_order_and_commits_${name}`, async () => {
      const { spool, dir, errors } = await setup({ fsync, fsyncIntervalMs: 5 });
      const sent = events(2500);
      for (const event of sent) spool.add(event);
      await spool.flush();
      assert.equal(spool.stats().pending, 2500);
      assert.equal(spool.stats().queued, 0);

      const got = [];
      for (;;) {
        const batch = await spool.read(300);
        if (batch.events.length === 0) break;
        assert.ok(batch.events.length <= 300);
        got.push(...batch.events);
        await spool.commit(batch.end);
        assert.equal(spool.stats().pending, 2500 - got.length);
      }
      assert.deepEqual(got, sent);
      assert.deepEqual((await spool.read(10)).events, [], 'nothing after the commit');
      assert.equal(spool.stats().pending, 0);
      assert.deepEqual(errors, []);
      await spool.close();
      assert.ok(!existsSync(join(dir, 'spool.lock')), 'close releases the lock');
    });
  }

  it('rolls_over_small_segments_and_deletes_them_once_committed', async () => {
    const sent = events(40);
    const segmentBytes = HEADER + recordBytes(0) * 3;
    const { spool, dir, errors } = await setup({ segmentBytes, batchSize: 7 });
    for (const event of sent) spool.add(event);
    await spool.flush();
    const files = segmentFiles(dir);
    assert.ok(files.length >= 12, `${files.length} segments`);
    assert.equal(spool.stats().segments, files.length);
    let onDisk = 0;
    for (const file of files) {
      const size = statSync(join(dir, file)).size;
      onDisk += size;
      // Only a segment's first record may take it past the limit.
      assert.ok(
        size <= segmentBytes || size <= HEADER + Math.max(...sent.map((_, i) => recordBytes(i))),
      );
    }
    assert.equal(spool.stats().bytes, onDisk);

    const first = await spool.read(20);
    assert.deepEqual(first.events, sent.slice(0, 20));
    await spool.commit(first.end);
    const left = segmentFiles(dir);
    assert.ok(left.length < files.length, 'segments wholly before the commit are deleted');
    assert.ok(left[0]! >= `${String(first.end.segment).padStart(8, '0')}.seg`);

    const rest = await readAll(spool, 6);
    assert.deepEqual(rest.events, sent.slice(20));
    await spool.commit(rest.end);
    assert.ok(segmentFiles(dir).length <= 1, 'at most the segment being written remains');
    assert.deepEqual(errors, []);
    await spool.close();
  });

  it('reads_everything_again_after_reopen_without_commit_and_only_the_rest_after_one', async () => {
    const sent = events(30);
    const first = await setup({ segmentBytes: HEADER + recordBytes(0) * 4 });
    for (const event of sent) first.spool.add(event);
    await first.spool.flush();
    assert.equal((await first.spool.read(12)).events.length, 12); // read, not committed
    await first.spool.close();

    const second = await setup({ dir: first.dir });
    const estimate = second.spool.stats().pending;
    assert.ok(Math.abs(estimate - 30) <= 3, `${estimate}: estimated from the bytes on disk`);
    const again = await second.spool.read(12);
    assert.deepEqual(again.events, sent.slice(0, 12));
    await second.spool.commit(again.end);
    await second.spool.close();

    const third = await setup({ dir: first.dir });
    assert.deepEqual((await readAll(third.spool, 5)).events, sent.slice(12));
    assert.equal(
      third.spool.stats().pending,
      18,
      'exact once the reader has passed the old segments',
    );
    const late = sampleEvent(100);
    third.spool.add(late);
    await third.spool.flush();
    assert.equal(third.spool.stats().pending, 19);
    assert.deepEqual((await third.spool.read(10)).events, [late]);
    assert.deepEqual([...first.errors, ...second.errors, ...third.errors], []);
    await third.spool.close();
  });

  it('rewinds_to_the_last_commit_so_a_failed_insert_is_retried_in_order', async () => {
    const { spool } = await setup();
    const sent = events(10);
    for (const event of sent) spool.add(event);
    await spool.flush();
    const a = await spool.read(4);
    await spool.commit(a.end);
    const b = await spool.read(3);
    const c = await spool.read(2); // reads run ahead of commits
    assert.deepEqual([...b.events, ...c.events], sent.slice(4, 9));
    spool.rewind(); // the insert of b failed
    assert.deepEqual((await spool.read(5)).events, sent.slice(4, 9));
    await spool.commit(c.end); // an end read before the rewind is still a valid commit
    assert.deepEqual((await spool.read(5)).events, sent.slice(9));
    await spool.close();
  });

  const badCommits = [
    { name: 'a_position_never_read', position: { segment: 1, offset: 17 }, want: RangeError },
    { name: 'past_what_was_read', position: { segment: 99, offset: 16 }, want: RangeError },
  ];
  for (const { name, position, want } of badCommits) {
    it(`rejects_a_commit_of_${name}`, async () => {
      const { spool } = await setup();
      spool.add(sampleEvent(0));
      spool.add(sampleEvent(1));
      await spool.flush();
      await spool.read(1);
      await assert.rejects(spool.commit(position), want);
      await spool.close();
    });
  }

  it('serves_reads_called_together_one_after_the_other', async () => {
    const { spool } = await setup();
    const sent = events(7);
    for (const event of sent) spool.add(event);
    await spool.flush();
    const [a, b, c] = await Promise.all([spool.read(3), spool.read(3), spool.read(3)]);
    assert.deepEqual(
      [a.events, b.events, c.events],
      [sent.slice(0, 3), sent.slice(3, 6), sent.slice(6)],
    );
    await spool.commit(c.end);
    assert.equal(spool.stats().pending, 0);
    await spool.close();
  });

  it('treats_a_stale_commit_as_a_no_op', async () => {
    const { spool, dir } = await setup();
    const sent = events(3);
    for (const event of sent) spool.add(event);
    await spool.flush();
    const a = await spool.read(1);
    const b = await spool.read(1);
    await spool.commit(b.end);
    await spool.commit(a.end);
    const checkpoint = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8'));
    assert.equal(checkpoint.offset, b.end.offset);
    assert.deepEqual((await spool.read(5)).events, sent.slice(2));
    await spool.close();
  });

  it('never_returns_events_before_they_are_acknowledged', async () => {
    const { spool } = await setup({ flushIntervalMs: 60_000 });
    spool.add(sampleEvent(0));
    assert.equal(spool.stats().queued, 1);
    assert.deepEqual((await spool.read(10)).events, [], 'queued in memory, not yet written');
    await spool.flush();
    assert.equal((await spool.read(10)).events.length, 1);
    await spool.close();
  });

  const racingReads = [
    { name: 'first_segment', segmentBytes: 64 * 1024 * 1024, before: 0 },
    { name: 'next_segment', segmentBytes: 1, before: 2 },
  ];
  for (const { name, segmentBytes, before } of racingReads) {
    it(`reads_while_the_${name}_is_being_created_without_skipping_it`, async () => {
      const { spool } = await setup({ segmentBytes });
      const sent = events(before + 5);
      for (const event of sent.slice(0, before)) spool.add(event);
      await spool.flush();
      const early = await readAll(spool);
      for (const event of sent.slice(before)) spool.add(event);
      // The read runs while the flush is creating the segment the new events go to.
      const flushed = spool.flush();
      const during = await spool.read(100);
      await flushed;
      const after = await readAll(spool);
      assert.deepEqual([...early.events, ...during.events, ...after.events], sent);
      await spool.close();
    });
  }

  it('writes_after_the_group_commit_delay_without_being_asked', async () => {
    const { spool } = await setup({ flushIntervalMs: 10 });
    for (const event of events(5)) spool.add(event);
    for (let waited = 0; spool.stats().queued > 0 && waited < 2000; waited += 5) await sleep(5);
    assert.equal(spool.stats().queued, 0);
    assert.equal((await spool.read(10)).events.length, 5);
    await spool.close();
  });

  it('drops_and_counts_events_beyond_max_bytes_reporting_once', async () => {
    const sent = events(30);
    let fit = 0;
    let bytes = HEADER;
    while (fit < sent.length && bytes + recordBytes(fit) <= HEADER + recordBytes(0) * 10) {
      bytes += recordBytes(fit);
      fit++;
    }
    const { spool, dir, errors } = await setup({ maxBytes: bytes });
    for (const event of sent.slice(0, 20)) spool.add(event);
    await spool.flush();
    for (const event of sent.slice(20)) spool.add(event);
    await spool.flush();
    assert.equal(spool.stats().dropped, 30 - fit);
    assert.ok(spool.stats().bytes <= bytes);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /full \(maxBytes/);
    const got = await readAll(spool);
    assert.deepEqual(got.events, sent.slice(0, fit));

    // Once all of it is committed the full segment is deleted to make room; a new overflow
    // is a new report.
    const fullSegment = segmentFiles(dir);
    await spool.commit(got.end);
    const later = events(20, 50);
    for (const event of later) spool.add(event);
    await spool.flush();
    const droppedLater = spool.stats().dropped - (30 - fit);
    assert.ok(droppedLater > 0 && droppedLater < 20, `${droppedLater} of 20 dropped`);
    assert.notDeepEqual(segmentFiles(dir), fullSegment);
    assert.deepEqual((await readAll(spool)).events, later.slice(0, 20 - droppedLater));
    assert.equal(errors.length, 2);
    await spool.close();
  });

  it('takes_a_lock_and_refuses_a_second_open_of_the_same_folder', async () => {
    const { spool, dir } = await setup();
    assert.equal(readFileSync(join(dir, 'spool.lock'), 'utf8'), `${process.pid}\n`);
    await assert.rejects(openSpool({ dir }), /already open in this process/);
    await spool.close();
    const again = await openSpool({ dir });
    await again.close();
  });

  it('never_throws_from_add_and_counts_adds_after_close', async () => {
    const { spool, errors } = await setup();
    spool.add(sampleEvent(0));
    await spool.close();
    assert.doesNotThrow(() => spool.add(sampleEvent(1)));
    assert.doesNotThrow(() => spool.add({} as never));
    assert.equal(spool.stats().dropped, 2);
    await assert.rejects(spool.read(1), /after close/);
    await spool.close(); // twice is fine
    assert.deepEqual(errors, []);
  });

  it('drops_an_unserialisable_event_and_keeps_the_rest', async () => {
    const { spool, errors } = await setup();
    const [first, second, third] = events(3);
    spool.add(first!);
    spool.add({ ...second!, reasonDetail: null } as never); // serialiseEvent throws
    spool.add(third!);
    await spool.flush();
    assert.equal(spool.stats().dropped, 1);
    assert.equal(errors.length, 1);
    assert.deepEqual((await spool.read(10)).events, [first, third]);
    await spool.close();
  });

  it('reports_a_failed_write_once_keeps_the_events_and_retries', async () => {
    // segmentBytes 1: every batch needs a new segment file, which fails while the folder is gone.
    const { spool, dir, errors } = await setup({ segmentBytes: 1 });
    const before = sampleEvent(0);
    spool.add(before);
    await spool.flush();
    renameSync(dir, `${dir}.away`);
    writeFileSync(dir, 'a file where the folder was');
    const sent = events(3, 1);
    for (const event of sent) spool.add(event);
    await spool.flush();
    await spool.flush();
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /cannot write/);
    assert.equal(spool.stats().queued, 3);
    assert.equal(spool.stats().dropped, 0);

    rmSync(dir);
    renameSync(`${dir}.away`, dir);
    await spool.flush();
    assert.equal(spool.stats().queued, 0);
    assert.deepEqual((await readAll(spool)).events, [before, ...sent]);
    assert.equal(errors.length, 1);
    await spool.close();
  });

  const badOptions = [
    { name: 'empty_dir', options: { dir: '' } },
    { name: 'unknown_fsync', options: { fsync: 'sometimes' } },
    { name: 'zero_batch', options: { batchSize: 0 } },
    { name: 'negative_max_bytes', options: { maxBytes: -1 } },
    { name: 'fractional_segment', options: { segmentBytes: 1.5 } },
  ];
  for (const { name, options } of badOptions) {
    it(`rejects_bad_options_${name}`, async () => {
      await assert.rejects(openSpool({ dir: freshDir(), ...options } as never), RangeError);
    });
  }

  it('rejects_a_read_of_no_events', async () => {
    const { spool } = await setup();
    await assert.rejects(spool.read(0), RangeError);
    await spool.close();
  });
});
