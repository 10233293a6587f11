import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rotatedLogName } from '../../src/events/rotated-log-name.js';

describe('rotatedLogName', () => {
  const names = rotatedLogName('access.ndjson');
  const cases = [
    { name: 'first_of_the_day', input: 'access-2026-11-24-1.ndjson', want: ['2026-11-24', 1] },
    { name: 'double_digit', input: 'access-2026-11-24-12.ndjson', want: ['2026-11-24', 12] },
    { name: 'the_current_file', input: 'access.ndjson', want: null },
    { name: 'another_logs_file', input: 'access-w2-2026-11-24-1.ndjson', want: null },
    { name: 'sequence_zero', input: 'access-2026-11-24-0.ndjson', want: null },
    { name: 'other_extension', input: 'access-2026-11-24-1.ndjson.gz', want: null },
    { name: 'regex_characters_are_literal', input: 'accessX2026-11-24-1.ndjson', want: null },
  ];
  for (const { name, input, want } of cases) {
    it(name, () => {
      const parsed = names.parse(input);
      assert.deepEqual(parsed === null ? null : [parsed.day, parsed.sequence], want);
    });
  }

  it('formats_what_it_parses', () => {
    const name = names.format('2026-11-24', 3);
    assert.equal(name, 'access-2026-11-24-3.ndjson');
    assert.deepEqual(names.parse(name), { name, day: '2026-11-24', sequence: 3 });
  });

  it('orders_by_day_then_number', () => {
    const files = [
      'access-2026-11-24-10.ndjson',
      'access-2026-11-23-2.ndjson',
      'access-2026-11-24-9.ndjson',
    ]
      .map((name) => names.parse(name)!)
      .sort(names.compare)
      .map((file) => file.name);
    assert.deepEqual(files, [
      'access-2026-11-23-2.ndjson',
      'access-2026-11-24-9.ndjson',
      'access-2026-11-24-10.ndjson',
    ]);
  });

  it('handles_a_name_with_regex_characters', () => {
    const odd = rotatedLogName('a+b.log');
    assert.equal(odd.parse('a+b-2026-01-01-1.log')?.sequence, 1);
    assert.equal(odd.parse('aab-2026-01-01-1.log'), null);
  });
});
