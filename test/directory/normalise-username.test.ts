import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseUsername, USERNAME_PATTERN } from '../../src/directory/normalise-username.js';

describe('normaliseUsername', () => {
  const cases = [
    { name: 'trims_and_lowers', input: '  P.Smith ', want: 'p.smith', valid: true },
    { name: 'nfc', input: 'Zoe\u0308', want: 'zo\u00eb', valid: false },
    { name: 'digits_first', input: '2019Smith_J', want: '2019smith_j', valid: true },
    { name: 'leading_dot', input: '.smith', want: '.smith', valid: false },
    { name: 'space_inside', input: 'p smith', want: 'p smith', valid: false },
    { name: 'cyrillic_a', input: 'p.smаth', want: 'p.smаth', valid: false },
    { name: 'at_sign', input: 'p.smith@school.test', want: 'p.smith@school.test', valid: false },
    { name: 'max_length', input: 'a'.repeat(64), want: 'a'.repeat(64), valid: true },
    { name: 'over_max_length', input: 'a'.repeat(65), want: 'a'.repeat(65), valid: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = normaliseUsername(c.input);
      assert.equal(got, c.want);
      assert.equal(USERNAME_PATTERN.test(got), c.valid);
    });
  }
});
