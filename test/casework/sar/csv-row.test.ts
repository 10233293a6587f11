import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type CsvCell, csvRow } from '../../../src/casework/sar/csv-row.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** A strict RFC 4180 reader for one record, to check what csvRow writes. */
function parseRecord(line: string): string[] {
  assert.ok(line.endsWith('\r\n'), 'a record ends with CRLF');
  const body = line.slice(0, -2);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (body[i] === '"') {
      i++;
      for (;;) {
        const quote = body.indexOf('"', i);
        assert.ok(quote >= 0, 'quoted cell is closed');
        cell += body.slice(i, quote);
        i = quote + 1;
        if (body[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const end = body.indexOf(',', i);
      cell = body.slice(i, end < 0 ? body.length : end);
      assert.ok(!/["\r\n]/.test(cell), `unquoted cell ${JSON.stringify(cell)} is plain`);
      i = end < 0 ? body.length : end;
    }
    cells.push(cell);
    if (i >= body.length) return cells;
    assert.equal(body[i], ',');
    i++;
  }
}

describe('csvRow', () => {
  const cases: { name: string; input: CsvCell[]; want: string }[] = [
    { name: 'plain', input: ['a', 'b'], want: 'a,b\r\n' },
    { name: 'comma', input: ['a,b'], want: '"a,b"\r\n' },
    { name: 'quote', input: ['say "hi"'], want: '"say ""hi"""\r\n' },
    { name: 'line_breaks', input: ['a\nb', 'c\r\nd'], want: '"a\nb","c\r\nd"\r\n' },
    { name: 'null_is_empty', input: [null, 'x', null], want: ',x,\r\n' },
    { name: 'numbers_and_booleans', input: [3, -1, true, false], want: '3,-1,true,false\r\n' },
    {
      name: 'formula_equals',
      input: ['=HYPERLINK("http://bad.example","click")'],
      want: `"'=HYPERLINK(""http://bad.example"",""click"")"\r\n`,
    },
    { name: 'formula_plus', input: ['+1+2'], want: "'+1+2\r\n" },
    { name: 'formula_minus_text', input: ['-2+3'], want: "'-2+3\r\n" },
    { name: 'formula_at', input: ['@SUM(A1:A2)'], want: "'@SUM(A1:A2)\r\n" },
    { name: 'formula_tab', input: ['\t=1'], want: "'\t=1\r\n" },
    { name: 'formula_cr', input: ['\r=1'], want: `"'\r=1"\r\n` },
    { name: 'equals_later_is_fine', input: ['a=b'], want: 'a=b\r\n' },
    { name: 'empty_text', input: [''], want: '\r\n' },
  ];
  for (const c of cases) {
    it(`writes ${c.name}`, () => {
      assert.equal(csvRow(c.input), c.want);
    });
  }

  it('reads back as the same text, defused formulas aside, for any cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 8 }),
        (cells) => {
          const read = parseRecord(csvRow(cells));
          assert.equal(read.length, cells.length);
          for (let i = 0; i < cells.length; i++) {
            const want = /^[=+\-@\t\r]/.test(cells[i]!) ? `'${cells[i]}` : cells[i];
            assert.equal(read[i], want);
            assert.ok(!/^[=+\-@\t\r]/.test(read[i]!), 'no cell starts a formula');
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
