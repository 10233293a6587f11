import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatCsv } from '../../src/directory/format-csv.js';
import { parseCsv } from '../../src/directory/parse-csv.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('formatCsv', () => {
  const cases = [
    {
      name: 'plain',
      input: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      want: 'a,b\r\nc,d\r\n',
    },
    { name: 'comma_quoted', input: [['Smith, Paul']], want: '"Smith, Paul"\r\n' },
    { name: 'quote_doubled', input: [['say "hi"']], want: '"say ""hi"""\r\n' },
    { name: 'newline_quoted', input: [['a\nb', 'c\rd']], want: '"a\nb","c\rd"\r\n' },
    { name: 'leading_bom_quoted', input: [['\uFEFFx']], want: '"\uFEFFx"\r\n' },
    { name: 'single_empty_field', input: [['']], want: '""\r\n' },
    { name: 'empty_fields_unquoted', input: [['', '']], want: ',\r\n' },
    { name: 'spaces_unquoted', input: [[' a ']], want: ' a \r\n' },
    { name: 'no_records', input: [], want: '' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(formatCsv(c.input), c.want));
  }

  it('semicolon_quotes_semicolons_not_commas', () => {
    assert.equal(formatCsv([['a,b', 'c;d']], ';'), 'a,b;"c;d"\r\n');
  });
});

describe('formatCsv round trip', () => {
  const field = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ' ', ',', ';', '\t', '"', '\r', '\n', '\uFEFF', 'é') }),
    fc.string({ unit: 'binary' }),
  );
  const records = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 8 });
  for (const delimiter of [',', ';', '\t'] as const) {
    it(`parse_gives_back_what_format_wrote_${JSON.stringify(delimiter)}`, () => {
      fc.assert(
        fc.property(records, (input) => {
          const rows = parseCsv(formatCsv(input, delimiter), { delimiter });
          assert.deepEqual(
            rows.map((r) => (r.kind === 'CsvRecord' ? r.fields : r.message)),
            input,
          );
        }),
        { numRuns: RUNS },
      );
    });
  }
});
