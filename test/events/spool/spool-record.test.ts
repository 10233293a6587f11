import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SPOOL_FORMAT } from '../../../src/events/spool/spool-format.js';
import { SpoolRecord } from '../../../src/events/spool/spool-record.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const PROBLEMS: readonly number[] = [
  SpoolRecord.SHORT,
  SpoolRecord.BAD_LENGTH,
  SpoolRecord.BAD_CRC,
];

function frame(line: string): Buffer {
  const bytes = Buffer.byteLength(line);
  const out = Buffer.alloc(SpoolRecord.size(bytes));
  assert.equal(SpoolRecord.encode(line, bytes, out, 0), out.length);
  return out;
}

describe('SpoolRecord', () => {
  const lines = [
    { name: 'ascii', line: '{"kind":"web-request"}' },
    { name: 'utf8', line: '{"searchTerms":"café – 東京"}' },
    { name: 'one_byte', line: '{' },
  ];
  for (const { name, line } of lines) {
    it(`frames_and_checks_${name}`, () => {
      const record = frame(line);
      assert.equal(record.readUInt32LE(4), Buffer.byteLength(line));
      assert.equal(SpoolRecord.check(record, 0, record.length), record.length);
      assert.equal(record.subarray(8).toString('utf8'), line);
    });
  }

  const damaged = [
    { name: 'empty', bytes: () => Buffer.alloc(0), want: SpoolRecord.SHORT },
    { name: 'header_only', bytes: () => frame('{"a":1}').subarray(0, 8), want: SpoolRecord.SHORT },
    {
      name: 'one_byte_short',
      bytes: () => frame('{"a":1}').subarray(0, 14),
      want: SpoolRecord.SHORT,
    },
    { name: 'zero_length', bytes: () => Buffer.alloc(16), want: SpoolRecord.BAD_LENGTH },
    {
      name: 'length_over_the_maximum',
      bytes: () => {
        const record = frame('{"a":1}');
        record.writeUInt32LE(SPOOL_FORMAT.maxRecordBytes + 1, 4);
        return record;
      },
      want: SpoolRecord.BAD_LENGTH,
    },
    {
      name: 'flipped_payload_bit',
      bytes: () => {
        const record = frame('{"a":1}');
        record[10]! ^= 1;
        return record;
      },
      want: SpoolRecord.BAD_CRC,
    },
    {
      name: 'zeros_where_a_record_should_be',
      bytes: () => Buffer.alloc(64).fill(0, 0, 4).fill(1, 4, 5),
      want: SpoolRecord.BAD_CRC,
    },
  ];
  for (const { name, bytes, want } of damaged) {
    it(`reports_${name}`, () => {
      const buffer = bytes();
      assert.equal(SpoolRecord.check(buffer, 0, buffer.length), want);
    });
  }

  it('checks_at_an_offset_inside_a_larger_buffer', () => {
    const record = frame('{"b":2}');
    const buffer = Buffer.concat([Buffer.from('xyz'), record, Buffer.from('tail')]);
    assert.equal(SpoolRecord.check(buffer, 3, buffer.length), 3 + record.length);
    assert.equal(SpoolRecord.check(buffer, 3, 3 + record.length - 1), SpoolRecord.SHORT);
  });

  it('never_throws_and_only_accepts_records_whose_crc_holds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(70), (bytes, at) => {
        const result = SpoolRecord.check(bytes, at, bytes.length);
        if (result > 0) {
          // Random bytes all but never frame a record; if they do, the frame must be consistent.
          assert.equal(result - at - 8, SpoolRecord.lengthAt(bytes, at));
          assert.ok(result <= bytes.length);
        } else {
          assert.ok(PROBLEMS.includes(result), `unknown result ${result}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('round_trips_any_json_line', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 30 }), {
          maxKeys: 4,
        }),
        (value) => {
          const line = JSON.stringify(value);
          const record = frame(line);
          assert.equal(SpoolRecord.check(record, 0, record.length), record.length);
          assert.equal(record.subarray(8).toString('utf8'), line);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
