import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SegmentHeader } from '../../../src/events/spool/segment-header.js';
import { SPOOL_FORMAT } from '../../../src/events/spool/spool-format.js';

const headerOf = (segment: number): Buffer => {
  const head = Buffer.alloc(SPOOL_FORMAT.headerBytes);
  assert.equal(SegmentHeader.encode(segment, head, 0), SPOOL_FORMAT.headerBytes);
  return head;
};

describe('SegmentHeader', () => {
  it('writes_magic_version_and_number', () => {
    const head = headerOf(42);
    assert.equal(head.subarray(0, 7).toString('latin1'), 'SGSPOOL');
    assert.equal(head.readUInt32LE(8), SPOOL_FORMAT.version);
    assert.equal(head.readUInt32LE(12), 42);
    assert.equal(SegmentHeader.check(head, 42), null);
  });

  const cases = [
    {
      name: 'short',
      bytes: () => headerOf(1).subarray(0, 10),
      segment: 1,
      want: /10 bytes, not 16/,
    },
    { name: 'bad_magic', bytes: () => Buffer.alloc(16), segment: 1, want: /bad magic/ },
    {
      name: 'newer_version',
      bytes: () => {
        const head = headerOf(1);
        head.writeUInt32LE(2, 8);
        return head;
      },
      segment: 1,
      want: /format version 2, this build reads 1/,
    },
    { name: 'other_segment', bytes: () => headerOf(7), segment: 8, want: /names segment 7/ },
  ];
  for (const { name, bytes, segment, want } of cases) {
    it(`rejects_${name}`, () => {
      assert.match(SegmentHeader.check(bytes(), segment) ?? '', want);
    });
  }
});
