import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addUser } from '../../src/identity/add-user.js';
import { verifyPassword } from '../../src/identity/password-hash.js';
import { loadUsersFile, UsersFileError } from '../../src/identity/users-file.js';

const HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$66DC08dExQNybkhMov0S3w$QqEoTwRJY8SR46VmyjLnhZEmj5R2WlPOLK/wlbrW5hA';
const ok = { username: 'jdoe', displayName: 'J Doe', groups: ['default'], passwordHash: HASH };

describe('addUser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schoolgate-users-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file with mode 0600, and the hash verifies', async () => {
    const file = join(dir, 'data', 'users.json');
    const added = await addUser(file, {
      username: 'zoë',
      displayName: 'Zoë',
      groups: ['default'],
      password: 'pässwörd',
    });
    assert.deepEqual(added, { username: 'zoë', displayName: 'Zoë', groups: ['default'] });
    assert.ok(!('passwordHash' in added), 'the hash is not returned');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const loaded = loadUsersFile(file);
    assert.equal(loaded.users.length, 1);
    assert.equal(await verifyPassword(loaded.users[0]!.passwordHash, 'pässwörd'), true);
  });

  it('appends, keeps earlier users, and refuses a name already present in any case', async () => {
    const file = join(dir, 'users.json');
    writeFileSync(file, JSON.stringify([ok]));
    await addUser(file, { username: 'asmith', displayName: 'A Smith', groups: [], password: 'x1' });
    assert.deepEqual(
      loadUsersFile(file).users.map((u) => u.username),
      ['jdoe', 'asmith'],
    );
    await assert.rejects(
      addUser(file, { username: 'JDOE', displayName: 'X', groups: [], password: 'y' }),
      /username: a user with this name exists/,
    );
  });

  const rejected = [
    { name: 'bad_group', input: { groups: ['Staff'] }, want: /groups\.0: use a group id/ },
    { name: 'colon_in_name', input: { username: 'a:b' }, want: /username: must not contain ":"/ },
    { name: 'empty_password', input: { password: '' }, want: /password: must be 1 to 1024/ },
  ];
  for (const { name, input, want } of rejected) {
    it(`refuses ${name} and leaves the file unchanged`, async () => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify([ok]));
      const before = readFileSync(file, 'utf8');
      const user = { username: 'new', displayName: 'New', groups: ['default'], password: 'pw' };
      await assert.rejects(addUser(file, { ...user, ...input }), want);
      assert.equal(readFileSync(file, 'utf8'), before);
    });
  }

  it('refuses to add to an invalid file', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{');
    chmodSync(file, 0o600);
    await assert.rejects(
      addUser(file, { username: 'n', displayName: 'N', groups: [], password: 'pw' }),
      UsersFileError,
    );
    assert.equal(readFileSync(file, 'utf8'), '{');
  });
});
