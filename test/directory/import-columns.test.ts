import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveImportColumns } from '../../src/directory/import-columns.js';

describe('resolveImportColumns', () => {
  const cases = [
    {
      name: 'all_columns',
      input: ['username', 'display_name', 'groups', 'classes', 'email', 'role', 'date_of_birth'],
      index: {
        username: 0,
        display_name: 1,
        groups: 2,
        classes: 3,
        email: 4,
        role: 5,
        date_of_birth: 6,
      },
      errors: [],
      warnings: [],
    },
    {
      name: 'case_spaces_and_hyphens',
      input: [' UserName ', 'Display Name', 'Date-of-Birth', 'EMAIL'],
      index: { username: 0, display_name: 1, date_of_birth: 2, email: 3 },
      errors: [],
      warnings: [],
    },
    {
      name: 'name_alias',
      input: ['name', 'username'],
      index: { display_name: 0, username: 1 },
      errors: [],
      warnings: [],
    },
    {
      name: 'name_beside_display_name',
      input: ['username', 'name', 'display_name'],
      index: { username: 0, display_name: 2 },
      errors: [],
      warnings: [/display_name is used, name is not/],
    },
    {
      name: 'unknown_columns_listed_once',
      input: ['username', 'Year', 'name', 'Reg Group', 'UPN'],
      index: { username: 0, display_name: 2 },
      errors: [],
      warnings: [/^columns not used and ignored: 'Year', 'Reg Group', 'UPN' \(used: username/],
    },
    {
      name: 'empty_header_cells_ignored',
      input: ['username', 'name', '', ' '],
      index: { username: 0, display_name: 1 },
      errors: [],
      warnings: [],
    },
    {
      name: 'missing_username',
      input: ['name', 'groups'],
      index: { display_name: 0, groups: 1 },
      errors: [/missing: username \(found: 'name', 'groups'\)/],
      warnings: [],
    },
    {
      name: 'missing_both_is_one_error',
      input: ['p.smith', 'Paul Smith', '7a'],
      index: {},
      errors: [/missing: username, display_name \(found: 'p\.smith', 'Paul Smith', '7a'\)/],
      warnings: [/columns not used/],
    },
    {
      name: 'repeated_column',
      input: ['username', 'name', 'groups', 'Groups'],
      index: { username: 0, display_name: 1, groups: 2 },
      errors: [/column groups appears more than once \(columns 3 and 4\)/],
      warnings: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = resolveImportColumns(c.input);
      assert.equal(got.kind, 'ImportColumns');
      assert.deepEqual(got.index, c.index);
      assert.equal(got.errors.length, c.errors.length, got.errors.join('; '));
      for (const [i, re] of c.errors.entries()) assert.match(got.errors[i]!, re);
      assert.equal(got.warnings.length, c.warnings.length, got.warnings.join('; '));
      for (const [i, re] of c.warnings.entries()) assert.match(got.warnings[i]!, re);
    });
  }

  it('long_unknown_lists_are_cut', () => {
    const header = ['username', 'name', ...Array.from({ length: 30 }, (_, i) => `extra${i}`)];
    const [warning] = resolveImportColumns(header).warnings;
    assert.match(warning!, /'extra19' and 10 more/);
    assert.doesNotMatch(warning!, /'extra20'/);
  });
});
