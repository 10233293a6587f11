import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { describeRowError } from '../../src/directory/describe-row-error.js';
import { formatCsv } from '../../src/directory/format-csv.js';
import { previewUserImport, USER_IMPORT_LIMITS } from '../../src/directory/user-import.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/directory/${name}`, import.meta.url), 'utf8');
const options = {
  knownGroups: new Set(['year7', '7a', '7b', 'staff']),
  existingUsernames: new Set(['b.brown', 'a.patel']),
};

describe('previewUserImport with good files', () => {
  const cases = [
    {
      name: 'minimal',
      input: 'username,name\np.smith,Paul Smith\n',
      summary: { total: 1, valid: 1, invalid: 0, new: 1, updated: 0 },
      usernames: ['p.smith'],
      columns: ['username', 'display_name'],
    },
    {
      name: 'existing_user_is_update',
      input: 'username,display_name,groups\nB.Brown,Ben Brown,7a\nc.chen,Chloe Chen,7b\n',
      summary: { total: 2, valid: 2, invalid: 0, new: 1, updated: 1 },
      usernames: ['b.brown', 'c.chen'],
      columns: ['username', 'display_name', 'groups'],
    },
    {
      name: 'bom_crlf_quoted_multiline_name',
      input: '\uFEFFusername,display_name\r\np.smith,"Smith,\r\nPaul"\r\n',
      summary: { total: 1, valid: 1, invalid: 0, new: 1, updated: 0 },
      usernames: ['p.smith'],
      columns: ['username', 'display_name'],
    },
    {
      name: 'semicolon_separated_export',
      input: 'username;display_name;groups\np.smith;"Smith; Paul";"7a|year7"\n',
      summary: { total: 1, valid: 1, invalid: 0, new: 1, updated: 0 },
      usernames: ['p.smith'],
      columns: ['username', 'display_name', 'groups'],
    },
    {
      name: 'tab_separated_export',
      input: 'groups\tusername\tname\n7a;7b\tp.smith\tPaul Smith\n',
      summary: { total: 1, valid: 1, invalid: 0, new: 1, updated: 0 },
      usernames: ['p.smith'],
      columns: ['groups', 'username', 'display_name'],
    },
    {
      name: 'blank_lines_not_counted',
      input: 'username,name\n\np.smith,Paul Smith\n\n\nj.jones,Jade Jones\n',
      summary: { total: 2, valid: 2, invalid: 0, new: 2, updated: 0 },
      usernames: ['p.smith', 'j.jones'],
      columns: ['username', 'display_name'],
    },
    {
      name: 'staff_fixture',
      input: fixture('staff.csv'),
      summary: { total: 5, valid: 5, invalid: 0, new: 4, updated: 1 },
      usernames: ['a.patel', 't.okafor', 'm.wright', 'r.singh', 's.lee'],
      columns: ['username', 'display_name', 'role', 'classes', 'email', 'groups'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = previewUserImport(c.input, options);
      assert.deepEqual(got.errors, []);
      assert.deepEqual(got.summary, c.summary);
      assert.deepEqual(
        got.rows.map((r) => r.username),
        c.usernames,
      );
      assert.deepEqual(got.columns, c.columns);
    });
  }

  it('staff_fixture_rows', () => {
    const got = previewUserImport(fixture('staff.csv'), options);
    assert.deepEqual(got.rows[1], {
      line: 3,
      username: 't.okafor',
      displayName: 'Tunde Okafor',
      groups: ['staff'],
      classes: ['7a', '7b'],
      email: 't.okafor@school.test',
      role: 'teacher',
      dateOfBirth: null,
      action: 'create',
    });
    assert.deepEqual(
      got.rows.map((r) => [r.role, r.action]),
      [
        ['dsl', 'update'],
        ['teacher', 'create'],
        ['deputy_dsl', 'create'],
        ['it_admin', 'create'],
        ['governor', 'create'],
      ],
    );
    assert.equal(got.rows[2]!.displayName, 'Wright, Mary');
    assert.equal(got.warnings.length, 1);
    assert.match(got.warnings[0]!.message, /columns not used and ignored: 'Staff Code'/);
    assert.equal(got.warnings[0]!.line, 1);
  });
});

describe('previewUserImport with bad files', () => {
  const header = 'username,display_name,groups,email,role,date_of_birth\n';
  const cases = [
    {
      name: 'duplicate_username_every_line',
      input: `${header}p.smith,Paul Smith,,,,\nj.jones,Jade Jones,,,,\nP.Smith,Peter Smith,,,,\n`,
      errors: [
        "line 2, username: duplicate username 'p.smith' (also on line 4)",
        "line 4, username: duplicate username 'p.smith' (also on line 2)",
      ],
      summary: { total: 3, valid: 1, invalid: 2, new: 1, updated: 0 },
    },
    {
      name: 'duplicate_on_three_lines',
      input: `${header}a,A,,,,\na,A,,,,\na,A,,,,\n`,
      errors: [
        "line 2, username: duplicate username 'a' (also on lines 3, 4)",
        "line 3, username: duplicate username 'a' (also on lines 2, 4)",
        "line 4, username: duplicate username 'a' (also on lines 2, 3)",
      ],
      summary: { total: 3, valid: 0, invalid: 3, new: 0, updated: 0 },
    },
    {
      name: 'duplicate_of_an_invalid_row',
      input: `${header}p.smith,Paul Smith,,,,\np.smith,,,,,\n`,
      errors: [
        "line 2, username: duplicate username 'p.smith' (also on line 3)",
        'line 3, display_name: display_name is empty',
      ],
      summary: { total: 2, valid: 0, invalid: 2, new: 0, updated: 0 },
    },
    {
      name: 'errors_sorted_by_line_then_column',
      input: `${header}x y,,7c,bad,,\nok,Fine,,,caretaker,2012-13-01\n`,
      errors: [
        "line 2, username: username 'x y' may use only a-z, 0-9, '.', '_' and '-', and must start with a letter or digit",
        'line 2, display_name: display_name is empty',
        "line 2, groups: '7c' is not a known group (known: 7a, 7b, staff, year7)",
        "line 2, email: email 'bad' is not an address (like name@school.test)",
        "line 3, role: role 'caretaker' is not one of dsl, deputy_dsl, head, bursar, it_admin, teacher, governor (leave it empty for a pupil)",
        "line 3, date_of_birth: date_of_birth '2012-13-01' is not a real date (like 2012-09-03 for 3 September 2012)",
      ],
      summary: { total: 2, valid: 0, invalid: 2, new: 0, updated: 0 },
    },
    {
      name: 'unterminated_quote_is_a_row_error',
      input: `${header}a,"Ann,,,,\nb,Bob,,,,\n`,
      errors: [
        `line 2: a quoted field is never closed: add the missing '"' or remove the stray one`,
      ],
      summary: { total: 2, valid: 1, invalid: 1, new: 1, updated: 0 },
    },
    {
      name: 'unquoted_comma_makes_extra_field',
      input: 'username,display_name\np.smith,Smith, Paul\n',
      errors: [
        `line 2: 3 fields but the header names 2: a value with a comma in it needs "quotes"`,
      ],
      summary: { total: 1, valid: 0, invalid: 1, new: 0, updated: 0 },
    },
    {
      name: 'missing_required_column_one_error',
      input: 'user,groups\np.smith,7a\nj.jones,7b\n',
      errors: [
        "line 1: the first line must name the columns; missing: username, display_name (found: 'user', 'groups')",
      ],
      summary: { total: 2, valid: 0, invalid: 2, new: 0, updated: 0 },
    },
    {
      name: 'no_header_row',
      input: 'p.smith,Paul Smith\n',
      errors: [
        "line 1: the first line must name the columns; missing: username, display_name (found: 'p.smith', 'Paul Smith')",
      ],
      summary: { total: 0, valid: 0, invalid: 0, new: 0, updated: 0 },
    },
    {
      name: 'repeated_known_column',
      input: 'username,name,email,Email\np.smith,Paul,,\n',
      errors: ['line 1: column email appears more than once (columns 3 and 4): keep one'],
      summary: { total: 1, valid: 0, invalid: 1, new: 0, updated: 0 },
    },
    {
      name: 'empty_file',
      input: '',
      errors: ['the file is empty: its first line must name the columns'],
      summary: { total: 0, valid: 0, invalid: 0, new: 0, updated: 0 },
    },
    {
      name: 'only_bom_and_newlines',
      input: '\uFEFF\r\n\r\n',
      errors: ['the file is empty: its first line must name the columns'],
      summary: { total: 0, valid: 0, invalid: 0, new: 0, updated: 0 },
    },
    {
      name: 'header_only',
      input: 'username,display_name\r\n',
      errors: ['line 1: the file names its columns but has no users'],
      summary: { total: 0, valid: 0, invalid: 0, new: 0, updated: 0 },
    },
    {
      name: 'header_unterminated',
      input: '"username,display_name\np,P\n',
      errors: [
        `line 1: a quoted field is never closed: add the missing '"' or remove the stray one`,
      ],
      summary: { total: 0, valid: 0, invalid: 0, new: 0, updated: 0 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = previewUserImport(c.input, options);
      assert.deepEqual(got.errors.map(describeRowError), c.errors);
      assert.deepEqual(got.summary, c.summary);
      assert.equal(got.rows.length, c.summary.valid);
    });
  }
  it('e_mail_header_is_an_ignored_column', () => {
    // `E-mail` reads as `e_mail`, which is no column: a warning, not a second email column.
    const got = previewUserImport('username,name,email,E-mail\np.smith,Paul,,x\n', options);
    assert.deepEqual(got.errors, []);
    assert.match(got.warnings[0]!.message, /'E-mail'/);
  });
});

describe('previewUserImport, the one-bad-row fixture', () => {
  const got = previewUserImport(fixture('pupils-one-bad-row.csv'), {
    knownGroups: new Set(['year7', '7a', '7b']),
    existingUsernames: new Set(['b.brown']),
  });
  it('one_error_on_line_6', () => {
    assert.deepEqual(got.errors.map(describeRowError), [
      "line 6, groups: 'yr7b' is not a known group (known: 7a, 7b, year7)",
    ]);
    assert.deepEqual(got.errors[0], {
      line: 6,
      column: 'groups',
      value: 'yr7b',
      message: "'yr7b' is not a known group (known: 7a, 7b, year7)",
    });
  });
  it('nine_valid_rows', () => {
    assert.deepEqual(got.summary, { total: 10, valid: 9, invalid: 1, new: 8, updated: 1 });
    assert.ok(!got.rows.some((r) => r.line === 6));
    assert.deepEqual(got.warnings, []);
  });
  it('rows_keep_their_lines_and_values', () => {
    assert.deepEqual(got.rows[0], {
      line: 2,
      username: 'a.ahmed',
      displayName: 'Aisha Ahmed',
      groups: ['year7', '7a'],
      classes: [],
      email: 'a.ahmed@school.test',
      role: null,
      dateOfBirth: '2013-01-14',
      action: 'create',
    });
    const grace = got.rows.find((r) => r.username === 'g.green');
    assert.equal(grace?.displayName, 'Green, Grace');
    assert.equal(grace?.line, 8);
    assert.deepEqual(got.rows.find((r) => r.username === 'f.fraser')?.groups, ['year7', '7a']);
    assert.equal(got.rows.find((r) => r.username === 'b.brown')?.action, 'update');
  });
});

describe('previewUserImport limits', () => {
  const sized = (bytes: number) => {
    // A header and 300-byte rows (padded in an ignored column), the last one sized to
    // make `bytes` exactly.
    const head = 'username,name,notes\n';
    const rows = Math.floor((bytes - head.length) / 300);
    const row = (i: number, width: number) => `${`u${i},U,`.padEnd(width - 1, 'x')}\n`;
    const body = Array.from({ length: rows - 1 }, (_, i) => row(i, 300)).join('');
    return head + body + row(rows, bytes - head.length - body.length);
  };

  it('accepts_exactly_5_mb', () => {
    const text = sized(USER_IMPORT_LIMITS.maxBytes);
    assert.equal(Buffer.byteLength(text), USER_IMPORT_LIMITS.maxBytes);
    const got = previewUserImport(text, options);
    assert.deepEqual(got.errors, []);
    assert.match(got.warnings[0]!.message, /'notes'/);
    assert.equal(got.summary.valid, got.summary.total);
    assert.ok(got.summary.total > 17_000);
  });

  it('refuses_one_byte_over_5_mb', () => {
    const text = sized(USER_IMPORT_LIMITS.maxBytes + 1);
    assert.equal(Buffer.byteLength(text), USER_IMPORT_LIMITS.maxBytes + 1);
    const got = previewUserImport(text, options);
    assert.equal(got.rows.length, 0);
    assert.deepEqual(got.errors.map(describeRowError), [
      'the file is 5.1 MB; import at most 5 MB at a time (split it into several files)',
    ]);
  });

  it('counts_bytes_not_characters', () => {
    // 2 MB characters, but each '€' is 3 bytes in UTF-8.
    const text = `username,name\np,${'€'.repeat(2_000_000)}\n`;
    assert.match(previewUserImport(text, options).errors[0]!.message, /the file is 5\.8 MB/);
  });

  it('refuses_over_20000_rows', () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => `u${i},U`).join('\n');
    const got = previewUserImport(`username,name\n${rows}\n`, options);
    assert.deepEqual(got.errors.map(describeRowError), [
      'the file has 20,001 rows; import at most 20,000 at a time (split it into several files)',
    ]);
    assert.deepEqual(got.summary, { total: 20_001, valid: 0, invalid: 20_001, new: 0, updated: 0 });
  });

  it('accepts_exactly_20000_rows_quickly', () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) =>
        `pupil.${i},"Pupil ${i}",year7;7${i % 2 ? 'a' : 'b'},pupil.${i}@school.test,,2013-01-14`,
    );
    const text = `username,display_name,groups,email,role,date_of_birth\n${rows.join('\n')}\n`;
    const started = process.hrtime.bigint();
    const got = previewUserImport(text, options);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.deepEqual(got.summary, {
      total: 20_000,
      valid: 20_000,
      invalid: 0,
      new: 20_000,
      updated: 0,
    });
    assert.ok(ms < 5_000, `took ${ms} ms`);
  });

  it('one_username_on_every_line_stays_quick', () => {
    const rows = Array.from({ length: 20_000 }, () => 'same,Same').join('\n');
    const started = process.hrtime.bigint();
    const got = previewUserImport(`username,name\n${rows}\n`, options);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(got.summary.invalid, 20_000);
    assert.equal(
      got.errors[1]!.message,
      "duplicate username 'same' (also on lines 2, 4, 5, 6, 7 and 19994 more)",
    );
    assert.ok(ms < 5_000, `took ${ms} ms`);
  });

  it('lists_at_most_1000_errors', () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `u${i},U,nope`).join('\n');
    const got = previewUserImport(`username,name,groups\n${rows}\n`, options);
    assert.equal(got.errors.length, USER_IMPORT_LIMITS.maxErrors + 1);
    assert.equal(got.errors.at(-2)!.line, 1_001);
    assert.deepEqual(got.errors.at(-1), {
      line: 0,
      column: null,
      value: '',
      message: '500 more errors are not listed: fix the ones above and preview again',
    });
    assert.equal(got.summary.invalid, 1_500);
  });
});

describe('previewUserImport properties', () => {
  const cell = fc.string({
    unit: fc.constantFrom('a', 'B', '7', '.', ' ', ',', ';', '|', '"', '\n', '@', '-', 'é'),
    maxLength: 12,
  });
  const records = fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { maxLength: 12 });

  it('never_throws_and_summary_adds_up', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), records, (noise, data) => {
        for (const text of [
          noise,
          formatCsv([['username', 'display_name', 'groups', 'role', 'classes'], ...data]),
        ]) {
          const got = previewUserImport(text, options);
          const s = got.summary;
          assert.equal(s.valid, got.rows.length);
          assert.equal(s.valid + s.invalid, s.total);
          assert.equal(s.new + s.updated, s.valid);
          const errorLines = new Set(got.errors.map((e) => e.line));
          for (const row of got.rows) {
            assert.ok(!errorLines.has(row.line), `valid row ${row.line} also has an error`);
            assert.match(row.username, /^[a-z0-9][a-z0-9._-]{0,63}$/);
            for (const g of [...row.groups, ...row.classes]) assert.ok(options.knownGroups.has(g));
          }
          const usernames = got.rows.map((r) => r.username);
          assert.equal(new Set(usernames).size, usernames.length);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
