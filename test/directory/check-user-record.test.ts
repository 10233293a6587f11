import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUserRecord } from '../../src/directory/check-user-record.js';

const COLUMNS = ['username', 'display_name', 'groups', 'classes', 'email', 'role', 'date_of_birth'];
const index = Object.fromEntries(COLUMNS.map((c, i) => [c, i]));
const knownGroups = new Set(['year7', '7a', '7b', 'staff']);
const context = { line: 5, index, width: COLUMNS.length, knownGroups };

/** A record from named cells; the rest empty. */
const record = (cells: Record<string, string>) => COLUMNS.map((c) => cells[c] ?? '');
const pupil = { username: 'p.smith', display_name: 'Paul Smith', groups: 'year7;7a' };

describe('checkUserRecord accepts', () => {
  const cases = [
    {
      name: 'pupil',
      input: record(pupil),
      want: { username: 'p.smith', displayName: 'Paul Smith', groups: ['year7', '7a'], role: null },
    },
    {
      name: 'normalises_username_and_groups',
      input: record({ ...pupil, username: ' P.Smith ', groups: ' Year7 | 7A ;; 7a ' }),
      want: { username: 'p.smith', groups: ['year7', '7a'] },
    },
    {
      name: 'collapses_name_whitespace',
      input: record({ ...pupil, display_name: '  Paul \n  Smith ' }),
      want: { displayName: 'Paul Smith' },
    },
    {
      name: 'nfc_display_name',
      input: record({ ...pupil, display_name: 'Zoe\u0308 Ngozi' }),
      want: { displayName: 'Zo\u00eb Ngozi' },
    },
    {
      name: 'teacher_with_classes',
      input: record({ ...pupil, groups: 'staff', classes: '7a;7b', role: 'Teacher' }),
      want: { role: 'teacher', classes: ['7a', '7b'], groups: ['staff'] },
    },
    {
      name: 'role_with_space_and_hyphen',
      input: record({ ...pupil, groups: '', role: 'Deputy DSL' }),
      want: { role: 'deputy_dsl' },
    },
    {
      name: 'role_hyphen',
      input: record({ ...pupil, role: 'it-admin' }),
      want: { role: 'it_admin' },
    },
    {
      name: 'email_and_date',
      input: record({ ...pupil, email: ' p.smith@school.test ', date_of_birth: '2012-02-29' }),
      want: { email: 'p.smith@school.test', dateOfBirth: '2012-02-29' },
    },
    {
      name: 'empty_optionals_are_null',
      input: record({ ...pupil, groups: '' }),
      want: { groups: [], classes: [], email: null, dateOfBirth: null, role: null },
    },
    {
      name: 'short_record_reads_missing_as_empty',
      input: ['p.smith', 'Paul Smith'],
      want: { username: 'p.smith', groups: [] },
    },
    {
      name: 'trailing_empty_fields_allowed',
      input: [...record(pupil), '', ' '],
      want: { username: 'p.smith' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = checkUserRecord(c.input, context);
      assert.deepEqual(got.errors, []);
      assert.ok(got.user !== null);
      assert.equal(got.user.line, 5);
      for (const [key, value] of Object.entries(c.want)) {
        assert.deepEqual(got.user[key as keyof typeof got.user], value, key);
      }
    });
  }
});

describe('checkUserRecord refuses', () => {
  const cases = [
    {
      name: 'empty_username',
      input: record({ ...pupil, username: '  ' }),
      want: [{ column: 'username', message: /^username is empty$/ }],
    },
    {
      name: 'username_with_space',
      input: record({ ...pupil, username: 'p smith' }),
      want: [{ column: 'username', value: 'p smith', message: /may use only a-z, 0-9/ }],
    },
    {
      name: 'username_non_ascii',
      input: record({ ...pupil, username: 'zoë.n' }),
      want: [{ column: 'username', message: /'zoë\.n' may use only/ }],
    },
    {
      name: 'username_too_long',
      input: record({ ...pupil, username: 'a'.repeat(65) }),
      want: [{ column: 'username', message: /over 64 characters/ }],
    },
    {
      name: 'empty_display_name',
      input: record({ ...pupil, display_name: ' ' }),
      want: [{ column: 'display_name', message: /^display_name is empty$/ }],
    },
    {
      name: 'control_char_in_name',
      input: record({ ...pupil, display_name: 'Paul\u0000Smith' }),
      want: [{ column: 'display_name', message: /control characters/ }],
    },
    {
      name: 'name_too_long',
      input: record({ ...pupil, display_name: 'x'.repeat(201) }),
      want: [{ column: 'display_name', message: /over 200 characters/ }],
    },
    {
      name: 'unknown_group',
      input: record({ ...pupil, groups: 'year7;yr7b' }),
      want: [
        {
          column: 'groups',
          value: 'yr7b',
          message: /^'yr7b' is not a known group \(known: 7a, 7b, staff, year7\)$/,
        },
      ],
    },
    {
      name: 'each_unknown_group_reported',
      input: record({ ...pupil, groups: 'yr7b|7C' }),
      want: [
        { column: 'groups', value: 'yr7b', message: /'yr7b'/ },
        { column: 'groups', value: '7C', message: /'7C'/ },
      ],
    },
    {
      name: 'comma_separated_groups_are_one_unknown_group',
      input: record({ ...pupil, groups: '7a, year7' }),
      want: [{ column: 'groups', value: '7a, year7', message: /not a known group/ }],
    },
    {
      name: 'unknown_class',
      input: record({ ...pupil, classes: '8c', role: 'teacher' }),
      want: [{ column: 'classes', value: '8c', message: /not a known group/ }],
    },
    {
      name: 'pupil_with_classes',
      input: record({ ...pupil, classes: '7a' }),
      want: [{ column: 'classes', message: /a pupil's own class goes in groups/ }],
    },
    {
      name: 'bad_email',
      input: record({ ...pupil, email: 'x@' }),
      want: [{ column: 'email', value: 'x@', message: /^email 'x@' is not an address/ }],
    },
    {
      name: 'email_without_dot',
      input: record({ ...pupil, email: 'x@localhost' }),
      want: [{ column: 'email', message: /not an address/ }],
    },
    {
      name: 'email_with_space',
      input: record({ ...pupil, email: 'p smith@school.test' }),
      want: [{ column: 'email', message: /not an address/ }],
    },
    {
      name: 'unknown_role',
      input: record({ ...pupil, role: 'caretaker' }),
      want: [
        {
          column: 'role',
          value: 'caretaker',
          message:
            /^role 'caretaker' is not one of dsl, deputy_dsl, head, bursar, it_admin, teacher, governor/,
        },
      ],
    },
    {
      name: 'uk_date_order',
      input: record({ ...pupil, date_of_birth: '03/09/2012' }),
      want: [{ column: 'date_of_birth', message: /not in YYYY-MM-DD form \(like 2012-09-03/ }],
    },
    {
      name: 'not_a_leap_year',
      input: record({ ...pupil, date_of_birth: '2013-02-29' }),
      want: [{ column: 'date_of_birth', message: /not a real date/ }],
    },
    {
      name: 'month_13',
      input: record({ ...pupil, date_of_birth: '2013-13-01' }),
      want: [{ column: 'date_of_birth', message: /not a real date/ }],
    },
    {
      name: 'day_zero',
      input: record({ ...pupil, date_of_birth: '2013-04-00' }),
      want: [{ column: 'date_of_birth', message: /not a real date/ }],
    },
    {
      name: 'year_out_of_range',
      input: record({ ...pupil, date_of_birth: '1850-01-01' }),
      want: [{ column: 'date_of_birth', message: /between 1900 and 2100/ }],
    },
    {
      name: 'extra_non_empty_field',
      input: [...record(pupil), 'Smith'],
      want: [{ column: null, value: 'Smith', message: /8 fields but the header names 7/ }],
    },
    {
      name: 'every_problem_at_once',
      input: record({
        username: 'P Smith',
        display_name: '',
        groups: 'x',
        email: 'no',
        role: 'boss',
      }),
      want: [
        { column: 'username', message: /may use only/ },
        { column: 'display_name', message: /empty/ },
        { column: 'role', message: /boss/ },
        { column: 'groups', message: /'x'/ },
        { column: 'email', message: /'no'/ },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = checkUserRecord(c.input, context);
      assert.equal(got.user, null);
      assert.equal(got.errors.length, c.want.length, JSON.stringify(got.errors));
      c.want.forEach((want, i) => {
        const error = got.errors[i]!;
        assert.equal(error.line, 5);
        assert.equal(error.column, want.column);
        if ('value' in want) assert.equal(error.value, want.value);
        assert.match(error.message, want.message);
      });
    });
  }

  it('no_groups_set_up_says_so', () => {
    const got = checkUserRecord(record(pupil), { ...context, knownGroups: new Set() });
    assert.match(got.errors[0]!.message, /no groups are set up yet/);
  });

  it('long_group_lists_are_cut', () => {
    const many = new Set(Array.from({ length: 30 }, (_, i) => `g${String(i).padStart(2, '0')}`));
    const got = checkUserRecord(record({ ...pupil, groups: 'nope' }), {
      ...context,
      knownGroups: many,
    });
    assert.match(got.errors[0]!.message, /g11, and 18 more\)$/);
  });

  it('huge_values_are_clipped', () => {
    const got = checkUserRecord(record({ ...pupil, email: 'x'.repeat(100_000) }), context);
    assert.ok(got.errors[0]!.value.length <= 200);
    assert.ok(got.errors[0]!.message.length < 200);
  });
});
