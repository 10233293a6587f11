import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRowError } from '../../src/directory/describe-row-error.js';

describe('describeRowError', () => {
  const cases = [
    {
      name: 'with_column',
      input: { line: 7, column: 'groups', value: 'yr7b', message: "'yr7b' is not a known group" },
      want: "line 7, groups: 'yr7b' is not a known group",
    },
    {
      name: 'record_wide',
      input: { line: 3, column: null, value: '', message: 'a quoted field is never closed' },
      want: 'line 3: a quoted field is never closed',
    },
    {
      name: 'whole_file',
      input: { line: 0, column: null, value: '', message: 'the file is empty' },
      want: 'the file is empty',
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(describeRowError(c.input), c.want));
  }
});
