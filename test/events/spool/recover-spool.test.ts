import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { GatewayEvent } from '../../../src/events/gateway-event.js';
import { serialiseEvent } from '../../../src/events/serialise-event.js';
import { SPOOL_FORMAT } from '../../../src/events/spool/spool-format.js';
import { SpoolRecord } from '../../../src/events/spool/spool-record.js';
import { events, freshDir, readAll, segmentFiles, setup } from './spool-fixture.js';

const HEADER = SPOOL_FORMAT.headerBytes;
const SEGMENT_1 = '00000001.seg';

/** A closed spool holding `count` events in one segment, with each record's offset. */
async function written(count: number, options: { segmentBytes?: number } = {}) {
  const { spool, dir } = await setup(options);
  const sent = events(count);
  for (const event of sent) spool.add(event);
  await spool.close();
  const offsets: number[] = [];
  let at = HEADER;
  for (const event of sent) {
    offsets.push(at);
    at += SpoolRecord.size(Buffer.byteLength(serialiseEvent(event)));
  }
  return { dir, sent, offsets, path: join(dir, SEGMENT_1) };
}

/** Reopens `dir`, reads everything, and closes again. */
async function reopenAndRead(dir: string) {
  const { spool, errors } = await setup({ dir });
  const read = await readAll(spool, 7);
  const stats = spool.stats();
  await spool.close();
  return { read: read.events, errors: errors.map((error) => error.message), stats };
}

function flip(path: string, at: number, mask = 0x20): void {
  const bytes = readFileSync(path);
  bytes[at]! ^= mask;
  writeFileSync(path, bytes);
}

describe('openSpool recovery', () => {
  const tornTails = [
    {
      name: 'truncated_mid_record',
      damage: (path: string) => truncateSync(path, statSync(path).size - 10),
      whole: 9,
    },
    {
      name: 'truncated_inside_a_record_header',
      damage: (path: string, last: number) => truncateSync(path, last + 3),
      whole: 9,
    },
    {
      name: 'garbage_appended',
      damage: (path: string) => appendFileSync(path, 'garbage \u0000\u0001 not a record at all'),
      whole: 10,
    },
    {
      name: 'zeros_appended_as_after_a_power_cut',
      damage: (path: string) => appendFileSync(path, Buffer.alloc(4096)),
      whole: 10,
    },
  ];
  for (const { name, damage, whole } of tornTails) {
    it(`cuts_and_reports_a_torn_tail_${name}`, async () => {
      const { dir, sent, offsets, path } = await written(10);
      const cleanSize = statSync(path).size;
      damage(path, offsets[9]!);
      const tornAt = whole === 10 ? cleanSize : offsets[9]!;

      const { read, errors, stats } = await reopenAndRead(dir);
      assert.deepEqual(read, sent.slice(0, whole));
      assert.equal(errors.length, 1);
      assert.match(
        errors[0]!,
        new RegExp(`segment ${SEGMENT_1} offset ${tornAt}: .* at the end of the last segment`),
      );
      assert.equal(stats.corrupt, 1);
      assert.equal(statSync(path).size, tornAt, 'the torn bytes are cut off');

      // Cut once: the next open has nothing to say, and new events follow the old ones.
      const { spool, errors: later } = await setup({ dir });
      const more = events(3, 10);
      for (const event of more) spool.add(event);
      await spool.flush();
      assert.deepEqual((await readAll(spool)).events, [...sent.slice(0, whole), ...more]);
      assert.deepEqual(later, []);
      await spool.close();
    });
  }

  const corruptMiddles = [
    { name: 'flipped_payload_byte', at: (offset: number) => offset + 8 + 30, what: /CRC mismatch/ },
    { name: 'flipped_crc_byte', at: (offset: number) => offset + 1, what: /CRC mismatch/ },
    { name: 'flipped_low_length_byte', at: (offset: number) => offset + 4, what: /CRC mismatch/ },
    {
      name: 'flipped_high_length_byte',
      at: (offset: number) => offset + 7,
      what: /impossible record length/,
    },
  ];
  for (const { name, at, what } of corruptMiddles) {
    it(`reports_and_skips_a_corrupt_middle_record_${name}`, async () => {
      const { dir, sent, offsets, path } = await written(10);
      flip(path, at(offsets[4]!));
      const { read, errors, stats } = await reopenAndRead(dir);
      assert.deepEqual(read, [...sent.slice(0, 4), ...sent.slice(5)]);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, new RegExp(`segment ${SEGMENT_1} offset ${offsets[4]}: `));
      assert.match(errors[0]!, what);
      assert.match(errors[0]!, new RegExp(`skipped to offset ${offsets[5]}`));
      assert.equal(stats.corrupt, 1);
    });
  }

  const invalidRecords = [
    { name: 'not_an_event', payload: '{"kind":"web-request"}', what: /not a valid event/ },
    { name: 'not_json', payload: '{"kind":', what: /not JSON/ },
  ];
  for (const { name, payload, what } of invalidRecords) {
    it(`reports_a_crc_valid_record_that_is_${name}`, async () => {
      const { dir, sent, path } = await written(3);
      const record = Buffer.alloc(SpoolRecord.size(Buffer.byteLength(payload)));
      SpoolRecord.encode(payload, record.length - 8, record, 0);
      const at = statSync(path).size;
      appendFileSync(path, record);
      const { read, errors, stats } = await reopenAndRead(dir);
      assert.deepEqual(read, sent);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, new RegExp(`segment ${SEGMENT_1} offset ${at}: `));
      assert.match(errors[0]!, what);
      assert.equal(stats.corrupt, 1);
    });
  }

  const badHeaders = [
    { name: 'bad_magic', damage: (path: string) => flip(path, 0), what: /bad magic/ },
    {
      name: 'wrong_version',
      damage: (path: string) => flip(path, 8, 0x02),
      what: /format version 3/,
    },
  ];
  for (const { name, damage, what } of badHeaders) {
    it(`skips_a_whole_segment_with_a_${name}_header`, async () => {
      const sent: GatewayEvent[] = events(8);
      const { spool, dir } = await setup({ segmentBytes: 1 }); // one event per segment
      for (const event of sent) spool.add(event);
      await spool.close();
      damage(join(dir, '00000002.seg'));
      const { read, errors, stats } = await reopenAndRead(dir);
      assert.deepEqual(read, [sent[0], ...sent.slice(2)]);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, /segment 00000002\.seg offset 0: /);
      assert.match(errors[0]!, what);
      assert.equal(stats.corrupt, 1);
    });
  }

  it('skips_a_segment_renamed_to_another_number', async () => {
    const { dir, path } = await written(3);
    renameSync(path, join(dir, '00000007.seg'));
    const { read, errors } = await reopenAndRead(dir);
    assert.deepEqual(read, []);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /segment 00000007\.seg offset 0: header names segment 1/);
  });

  it('reads_everything_again_when_the_checkpoint_is_unreadable', async () => {
    const { spool, dir } = await setup();
    const sent = events(5);
    for (const event of sent) spool.add(event);
    await spool.flush();
    await spool.commit((await spool.read(3)).end);
    await spool.close();
    writeFileSync(join(dir, 'checkpoint.json'), '{"format":"schoolgate-spool-che');
    const { read, errors } = await reopenAndRead(dir);
    assert.deepEqual(read, sent);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /checkpoint\.json is not JSON; reading from the first segment/);
  });

  it('deletes_committed_segments_a_crash_left_behind', async () => {
    const { dir, sent } = await written(6, { segmentBytes: 1 });
    writeFileSync(
      join(dir, 'checkpoint.json'),
      JSON.stringify({
        format: 'schoolgate-spool-checkpoint',
        version: 1,
        segment: 4,
        offset: HEADER,
      }),
    );
    writeFileSync(join(dir, 'checkpoint.json.tmp'), 'half a checkpoint');
    const { read, errors } = await reopenAndRead(dir);
    assert.deepEqual(read, sent.slice(3));
    assert.deepEqual(errors, []);
    assert.deepEqual(segmentFiles(dir).slice(0, 1), ['00000004.seg']);
    assert.ok(!existsSync(join(dir, 'checkpoint.json.tmp')));
  });

  const brokenLastSegments = [
    { name: 'empty', bytes: Buffer.alloc(0), reported: false },
    { name: 'torn_header', bytes: Buffer.from('SGSP'), reported: true },
  ];
  for (const { name, bytes, reported } of brokenLastSegments) {
    it(`removes_a_last_segment_that_is_${name}`, async () => {
      const { dir, sent } = await written(4);
      writeFileSync(join(dir, '00000002.seg'), bytes);
      const { read, errors } = await reopenAndRead(dir);
      assert.deepEqual(read, sent);
      assert.equal(errors.length, reported ? 1 : 0);
      if (reported) assert.match(errors[0]!, /segment 00000002\.seg offset 0: torn segment header/);
      assert.ok(!existsSync(join(dir, '00000002.seg')));
    });
  }

  it('never_reuses_a_segment_number', async () => {
    const dir = freshDir();
    const first = await setup({ dir });
    first.spool.add(events(1)[0]!);
    await first.spool.flush();
    await first.spool.commit((await first.spool.read(5)).end);
    await first.spool.close();
    const second = await setup({ dir });
    const more = events(2, 1);
    for (const event of more) second.spool.add(event);
    await second.spool.flush();
    assert.deepEqual(segmentFiles(dir), [SEGMENT_1, '00000002.seg']);
    const rest = await readAll(second.spool);
    assert.deepEqual(rest.events, more);
    await second.spool.commit(rest.end);
    assert.deepEqual(segmentFiles(dir), ['00000002.seg']);
    await second.spool.close();
  });
});
