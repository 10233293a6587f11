import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { userKey } from '../../src/identity/user-key.js';
import { loadUsersFile, parseUsersFile, UsersFileError } from '../../src/identity/users-file.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'identity', 'users.json');
const HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$66DC08dExQNybkhMov0S3w$QqEoTwRJY8SR46VmyjLnhZEmj5R2WlPOLK/wlbrW5hA';
const ok = { username: 'jdoe', displayName: 'J Doe', groups: ['default'], passwordHash: HASH };

function problemsOf(text: string): string[] {
  try {
    parseUsersFile(text, 'users.json');
  } catch (error) {
    assert.ok(error instanceof UsersFileError, String(error));
    assert.ok(!error.message.includes(HASH), 'errors must never quote a hash');
    return error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
  }
  assert.fail('users file was accepted');
}

describe('loadUsersFile', () => {
  it('reads the fixture, with case-insensitive lookup', () => {
    const file = loadUsersFile(FIXTURE);
    assert.equal(file.exists, true);
    assert.deepEqual(
      file.users.map((u) => [u.username, u.disabled]),
      [
        ['jdoe', false],
        ['zoë.pupil', false],
        ['gone', true],
      ],
    );
    assert.equal(file.get(userKey('JDOE'))?.displayName, 'J Doe');
    assert.equal(file.get(userKey('ZOË.PUPIL'))?.groups[0], 'default');
    assert.equal(file.get(userKey('nobody')), undefined);
  });

  it('treats a missing file as no users', () => {
    const file = loadUsersFile(join(tmpdir(), 'schoolgate-no-such-dir', 'users.json'));
    assert.equal(file.exists, false);
    assert.equal(file.users.length, 0);
    assert.equal(file.get('jdoe'), undefined);
  });
});

describe('parseUsersFile validation errors name the entry and field', () => {
  const cases = [
    { name: 'valid', input: [ok], want: [] },
    {
      name: 'not_json',
      text: '[{"username": }]',
      want: [/^not valid JSON \(Unexpected token '\}'\)$/],
    },
    {
      name: 'not_json_hash_not_quoted',
      text: `[{"username": "jdoe", "passwordHash": "${HASH}" ]`,
      want: [/^not valid JSON \([^$]*\)$/],
    },
    { name: 'not_array', input: { users: [ok] }, want: [/^must be a JSON array of users$/] },
    {
      name: 'missing_display_name',
      input: [ok, { ...ok, username: 'b', displayName: undefined }],
      want: [/^entry 1 \("b"\) displayName: /],
    },
    {
      name: 'bad_hash_not_quoted',
      input: [{ ...ok, passwordHash: 'plaintext-password' }],
      want: [/^entry 0 \("jdoe"\) passwordHash: not an argon2id PHC string/],
    },
    {
      name: 'bcrypt_hash',
      input: [{ ...ok, passwordHash: '$2b$12$abcdefghijklmnopqrstuuLoremIpsumDolorSitAmetConse' }],
      want: [/^entry 0 \("jdoe"\) passwordHash: not an argon2id/],
    },
    {
      name: 'colon_in_username',
      input: [{ ...ok, username: 'a:b' }],
      want: [/^entry 0 \("a:b"\) username: must not contain ":"/],
    },
    {
      name: 'username_with_spaces_around',
      input: [{ ...ok, username: ' jdoe' }],
      want: [/^entry 0 \(" jdoe"\) username: must not start or end with spaces/],
    },
    {
      name: 'username_not_nfc',
      input: [{ ...ok, username: 'zoe\u0308' }],
      want: [/username: must be in Unicode NFC form/],
    },
    {
      name: 'bad_group_id',
      input: [{ ...ok, groups: ['default', 'Teaching Staff'] }],
      want: [/^entry 0 \("jdoe"\) groups\.1: use a group id/],
    },
    {
      name: 'disabled_not_boolean',
      input: [{ ...ok, disabled: 'yes' }],
      want: [/^entry 0 \("jdoe"\) disabled: /],
    },
    {
      name: 'unknown_key_typo',
      input: [{ ...ok, disable: true }],
      want: [/^entry 0 \("jdoe"\) disable: .*[Uu]nrecognized/],
    },
    {
      name: 'entry_not_object',
      input: [ok, 'jdoe'],
      want: [/^entry 1: /],
    },
    {
      name: 'duplicate_in_other_case',
      input: [ok, { ...ok, username: 'JDoe' }],
      want: [/^entry 1 \("JDoe"\) username: same user as entry 0/],
    },
    {
      name: 'every_problem_listed',
      input: [{ ...ok, groups: 'default' }, ok, { ...ok, displayName: '' }],
      want: [/^entry 0 \("jdoe"\) groups: /, /^entry 2 \("jdoe"\) displayName: must not be empty/],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const text = c.text ?? JSON.stringify(c.input);
      if (c.want.length === 0) {
        assert.equal(parseUsersFile(text, 'users.json').users.length, 1);
        return;
      }
      const problems = problemsOf(text);
      assert.equal(problems.length, c.want.length, problems.join('\n'));
      for (const [i, pattern] of c.want.entries()) assert.match(problems[i]!, pattern);
    });
  }
});
