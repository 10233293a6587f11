/**
 * The console accounts API (`/api/staff`) over real HTTP against a real store, on both
 * dialects: who may list and change accounts, validation naming each field, a teacher's
 * classes deciding what they see from the next request on, disabling and unlocking, a new
 * password, the last IT administrator kept, audit rows, and never a hash or secret served.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changeStaff } from '../../src/console/auth/change-staff.js';
import { StaffChangeError } from '../../src/console/auth/check-staff-classes.js';
import { enrolTotp } from '../../src/console/auth/enrol-totp.js';
import { importPeople } from '../../src/directory/directory-store.js';
import type { ImportRow } from '../../src/directory/user-import.js';
import { DIALECTS } from '../support/store-dialects.js';
import {
  type Client,
  PASSWORD,
  signedInClients,
  signInAs,
  startTestConsole,
  type TestConsole,
} from './console-fixture.js';

const NOW = Date.UTC(2026, 10, 24, 11);
const NEW_PASSWORD = 'a new long passphrase';

/** Pupils in 9x and 10y, so both are known groups a teacher's classes may name. */
const PUPILS: readonly ImportRow[] = [
  { username: 'pupil.one', groups: ['pupils', '9x'] },
  { username: 'pupil.two', groups: ['pupils', '10y'] },
].map((p, i) => ({
  line: i + 2,
  username: p.username,
  displayName: p.username,
  groups: p.groups,
  classes: [],
  email: null,
  role: null,
  dateOfBirth: null,
  action: 'create' as const,
}));

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

interface Account {
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  classes: string[];
  totpEnabled: boolean;
  disabled: boolean;
  lockedUntilMs: number | null;
  lastSignInMs: number | null;
}

async function problemOf(response: Response): Promise<Problem> {
  assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  return (await response.json()) as Problem;
}

/** Signs in with any password; the status and, on success, a client. */
async function trySignIn(base: string, username: string, password: string) {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

for (const dialect of DIALECTS) {
  describe(`staff API (${dialect})`, () => {
    let t: TestConsole;
    const as = signedInClients(() => t.url);
    /** Every body the API sends in this file, to check that none holds a hash or secret. */
    const seen: string[] = [];
    const json = async <T>(response: Response): Promise<T> => {
      const text = await response.text();
      seen.push(text);
      return JSON.parse(text) as T;
    };
    const staffList = async () => {
      const response = await (await as('it')).get('/api/staff');
      assert.equal(response.status, 200);
      return (await json<{ staff: Account[] }>(response)).staff;
    };
    const audit = (action: string) =>
      t.console.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    before(async () => {
      t = await startTestConsole(dialect, {}, () => NOW);
      await importPeople(t.console.store.db, PUPILS, 'test', () => NOW);
    });
    after(async () => {
      await t?.close();
    });

    it('answers 401 without a session, on reads and writes', async () => {
      const cases = [
        { method: 'GET', path: '/api/staff' },
        { method: 'POST', path: '/api/staff' },
        { method: 'PATCH', path: '/api/staff/smith' },
        { method: 'GET', path: '/api/groups' },
      ];
      for (const c of cases) {
        const response = await fetch(`${t.url}${c.path}`, {
          method: c.method,
          ...(c.method === 'GET'
            ? {}
            : { headers: { 'content-type': 'application/json' }, body: '{}' }),
        });
        assert.equal(response.status, 401, `${c.method} ${c.path}`);
        assert.match((await problemOf(response)).type, /unauthenticated$/);
      }
    });

    it('answers 403 to roles without users.change (DSL, teacher, governor) and changes nothing', async () => {
      for (const username of ['dsl', 'smith', 'governor', 'head']) {
        const client = await as(username);
        const created = await client.send('POST', '/api/staff', {
          username: 'x.new',
          displayName: 'X',
          role: 'teacher',
          password: NEW_PASSWORD,
        });
        assert.equal(created.status, 403, `${username} POST`);
        assert.match((await problemOf(created)).type, /forbidden$/);
        const changed = await client.send('PATCH', '/api/staff/smith', { classes: ['10y'] });
        assert.equal(changed.status, 403, `${username} PATCH`);
      }
      for (const username of ['smith', 'governor', 'bursar']) {
        assert.equal((await (await as(username)).get('/api/staff')).status, 403, username);
      }
      assert.equal((await (await as('dsl')).get('/api/staff')).status, 200, 'the DSL reads');
      const smith = (await staffList()).find((s) => s.username === 'smith')!;
      assert.deepEqual(smith.classes, ['9x']);
      assert.ok(!(await staffList()).some((s) => s.username === 'x.new'));
    });

    it('refuses a write without the CSRF token', async () => {
      const it = await as('it');
      const response = await it.send(
        'POST',
        '/api/staff',
        { username: 'no.csrf', displayName: 'N', role: 'governor', password: NEW_PASSWORD },
        { csrf: false },
      );
      assert.equal(response.status, 403);
      assert.match((await problemOf(response)).type, /csrf$/);
      const patch = await it.send('PATCH', '/api/staff/smith', { disabled: true }, { csrf: false });
      assert.equal(patch.status, 403);
      assert.ok(!(await staffList()).some((s) => s.username === 'no.csrf'));
      assert.equal((await staffList()).find((s) => s.username === 'smith')!.disabled, false);
    });

    it('names the field of every validation error', async () => {
      const it = await as('it');
      const base = {
        username: 'v.valid',
        displayName: 'V',
        role: 'teacher',
        password: NEW_PASSWORD,
      };
      const cases = [
        {
          name: 'short password',
          body: { ...base, password: 'short' },
          status: 400,
          path: 'password',
        },
        {
          name: 'bad username',
          body: { ...base, username: 'Not Valid!' },
          status: 400,
          path: 'username',
        },
        {
          name: 'empty name',
          body: { ...base, displayName: ' ' },
          status: 400,
          path: 'displayName',
        },
        { name: 'unknown role', body: { ...base, role: 'caretaker' }, status: 400, path: 'role' },
        { name: 'bad email', body: { ...base, email: 'nope' }, status: 400, path: 'email' },
        { name: 'unknown field', body: { ...base, admin: true }, status: 400, path: 'account' },
        {
          name: 'classes for a governor',
          body: { ...base, role: 'governor', classes: ['9x'] },
          status: 400,
          path: 'classes',
        },
        {
          name: 'unknown class',
          body: { ...base, classes: ['11z'] },
          status: 400,
          path: 'classes',
        },
        {
          name: 'username taken',
          body: { ...base, username: 'Smith' },
          status: 409,
          path: 'username',
        },
      ];
      for (const c of cases) {
        const response = await it.send('POST', '/api/staff', c.body);
        assert.equal(response.status, c.status, c.name);
        const problem = await problemOf(response);
        assert.ok(
          problem.errors?.some((e) => e.path === c.path),
          `${c.name}: ${JSON.stringify(problem.errors)}`,
        );
      }
      const patches = [
        { name: 'empty change', body: {}, status: 400, path: 'change' },
        { name: 'short password', body: { password: 'short' }, status: 400, path: 'password' },
        {
          name: 'classes for the DSL',
          body: { classes: ['9x'] },
          target: 'dsl',
          status: 400,
          path: 'classes',
        },
        { name: 'unknown class', body: { classes: ['11z'] }, status: 400, path: 'classes' },
        { name: 'unlock: false', body: { unlock: false }, status: 400, path: 'unlock' },
      ];
      for (const c of patches) {
        const response = await it.send('PATCH', `/api/staff/${c.target ?? 'smith'}`, c.body);
        assert.equal(response.status, c.status, c.name);
        const problem = await problemOf(response);
        assert.ok(
          problem.errors?.some((e) => e.path === c.path),
          `${c.name}: ${JSON.stringify(problem.errors)}`,
        );
      }
      const missing = await it.send('PATCH', '/api/staff/nobody', { displayName: 'N' });
      assert.equal(missing.status, 404);
      assert.ok(!(await staffList()).some((s) => s.username === 'v.valid'));
    });

    it('creates a teacher with classes; their session and alert scope follow a change of classes', async () => {
      const it = await as('it');
      const created = await it.send('POST', '/api/staff', {
        username: 'J.Jones',
        displayName: 'Jo Jones',
        email: 'j.jones@school.test',
        role: 'teacher',
        classes: ['9x'],
        password: NEW_PASSWORD,
      });
      assert.equal(created.status, 201);
      const { account } = await json<{ account: Account }>(created);
      assert.equal(account.username, 'j.jones');
      assert.deepEqual(account.classes, ['9x']);
      assert.equal(account.totpEnabled, false);
      assert.equal(account.disabled, false);

      const jones = await signInWith('j.jones', NEW_PASSWORD);
      const session = (await (await jones.get('/api/session')).json()) as {
        user: { role: string; classes: string[] };
      };
      assert.equal(session.user.role, 'teacher');
      assert.deepEqual(session.user.classes, ['9x']);
      const alertIds = async () =>
        (
          (await (await jones.get('/api/alerts?state=all')).json()) as { alerts: { id: string }[] }
        ).alerts
          .map((a) => a.id)
          .sort();
      assert.deepEqual(await alertIds(), [t.alerts.nineX]);
      assert.equal((await jones.get(`/api/alerts/${t.alerts.tenY}`)).status, 404);

      const changed = await it.send('PATCH', '/api/staff/j.jones', { classes: ['9x', '10y'] });
      assert.equal(changed.status, 200);
      assert.deepEqual((await json<{ account: Account }>(changed)).account.classes, ['9x', '10y']);
      // The same session, the next request: the newly assigned class's alert is visible.
      const after = (await (await jones.get('/api/session')).json()) as {
        user: { classes: string[] };
      };
      assert.deepEqual(after.user.classes, ['9x', '10y']);
      assert.deepEqual(await alertIds(), [t.alerts.nineX, t.alerts.tenY].sort());
      assert.equal((await jones.get(`/api/alerts/${t.alerts.tenY}`)).status, 200);

      const rows = await audit('staff.create');
      const row = rows.find((r) => r.target === 'j.jones')!;
      assert.equal(row.actor, 'console:it');
      assert.deepEqual(JSON.parse(row.details), { classes: ['9x'], role: 'teacher' });
      const change = (await audit('staff.change')).find((r) => r.target === 'j.jones')!;
      assert.deepEqual(JSON.parse(change.details), { classes: ['9x', '10y'], fields: ['classes'] });

      // A role that is not teacher loses its classes.
      const promoted = await it.send('PATCH', '/api/staff/j.jones', { role: 'deputy_dsl' });
      assert.equal(promoted.status, 200);
      const promotedAccount = (await json<{ account: Account }>(promoted)).account;
      assert.equal(promotedAccount.role, 'deputy_dsl');
      assert.deepEqual(promotedAccount.classes, []);
    });

    it('disables an account (no sign-in, its sessions end) and enables it again', async () => {
      const it = await as('it');
      const governor = await signInAs(t.url, 'governor');
      assert.equal((await governor.get('/api/session')).status, 200);
      const off = await it.send('PATCH', '/api/staff/governor', { disabled: true });
      assert.equal(off.status, 200);
      assert.equal((await json<{ account: Account }>(off)).account.disabled, true);
      assert.equal((await governor.get('/api/session')).status, 401, 'session ended');
      assert.equal(await trySignIn(t.url, 'governor', PASSWORD), 401, 'cannot sign in');
      const on = await it.send('PATCH', '/api/staff/governor', { disabled: false });
      assert.equal((await json<{ account: Account }>(on)).account.disabled, false);
      assert.equal(await trySignIn(t.url, 'governor', PASSWORD), 200);
      assert.ok((await audit('staff.disable')).some((r) => r.target === 'governor'));
      assert.ok((await audit('staff.enable')).some((r) => r.target === 'governor'));
    });

    it('unlocks a locked account', async () => {
      for (let i = 0; i < 3; i++) await trySignIn(t.url, 'bursar', 'wrong password');
      assert.equal(await trySignIn(t.url, 'bursar', PASSWORD), 423, 'locked');
      const locked = (await staffList()).find((s) => s.username === 'bursar')!;
      assert.ok(locked.lockedUntilMs !== null && locked.lockedUntilMs > NOW);
      const response = await (await as('it')).send('PATCH', '/api/staff/bursar', { unlock: true });
      assert.equal(response.status, 200);
      assert.equal((await json<{ account: Account }>(response)).account.lockedUntilMs, null);
      assert.equal(await trySignIn(t.url, 'bursar', PASSWORD), 200);
      assert.ok((await audit('staff.unlock')).some((r) => r.target === 'bursar'));
    });

    it('resets a password: the old one stops working and the sessions end', async () => {
      const head = await signInAs(t.url, 'head');
      const response = await (await as('it')).send('PATCH', '/api/staff/head', {
        password: NEW_PASSWORD,
      });
      assert.equal(response.status, 200);
      assert.equal((await head.get('/api/session')).status, 401);
      assert.equal(await trySignIn(t.url, 'head', PASSWORD), 401);
      assert.equal(await trySignIn(t.url, 'head', NEW_PASSWORD), 200);
      const rows = await audit('staff.password-reset');
      assert.equal(rows.filter((r) => r.target === 'head').length, 1);
      const all = await t.console.store.db.selectFrom('audit_log').select('details').execute();
      assert.ok(!all.some((r) => r.details.includes(NEW_PASSWORD)), 'no password on the trail');
    });

    it('keeps one’s own role and account, and the last IT administrator', async () => {
      const it = await as('it');
      const own = await it.send('PATCH', '/api/staff/it', { role: 'dsl' });
      assert.equal(own.status, 403);
      assert.equal((await problemOf(own)).errors?.[0]?.path, 'role');
      const disable = await it.send('PATCH', '/api/staff/it', { disabled: true });
      assert.equal(disable.status, 403);
      assert.equal((await problemOf(disable)).errors?.[0]?.path, 'disabled');
      // Anyone else (the CLI, a future role) still cannot remove the last it_admin.
      const context = {
        actor: 'cli:root',
        actorUsername: 'root',
        actorSessionHash: null,
        knownGroups: new Set<string>(),
      };
      for (const change of [{ role: 'dsl' as const }, { disabled: true }]) {
        await assert.rejects(
          changeStaff(t.console.store.db, 'it', change, context, () => NOW),
          (error) => error instanceof StaffChangeError && error.code === 'conflict',
        );
      }
      const me = (await staffList()).find((s) => s.username === 'it')!;
      assert.equal(me.role, 'it_admin');
      assert.equal(me.disabled, false);
      // With a second administrator, the first may be demoted by them.
      const second = await it.send('POST', '/api/staff', {
        username: 'it.two',
        displayName: 'IT Two',
        role: 'it_admin',
        password: NEW_PASSWORD,
      });
      assert.equal(second.status, 201);
      const two = await signInWith('it.two', NEW_PASSWORD);
      const demoted = await two.send('PATCH', '/api/staff/it', { role: 'dsl' });
      assert.equal(demoted.status, 200);
      await assert.rejects(
        changeStaff(t.console.store.db, 'it.two', { disabled: true }, context, () => NOW),
        (error) => error instanceof StaffChangeError && error.field === 'disabled',
      );
      const back = await two.send('PATCH', '/api/staff/it', { role: 'it_admin' });
      assert.equal(back.status, 200);
    });

    it('lists accounts with 2FA and last sign-in, and never a hash or secret', async () => {
      await enrolTotp(t.console.store.db, 'dsl', 'Test School', 'test', () => NOW);
      const secret = (await t.console.store.db
        .selectFrom('console_users')
        .select(['totp_secret', 'password_hash'])
        .where('username', '=', 'dsl')
        .executeTakeFirstOrThrow()) as { totp_secret: string; password_hash: string };
      const staff = await staffList();
      const dsl = staff.find((s) => s.username === 'dsl')!;
      assert.equal(dsl.totpEnabled, true);
      assert.equal(dsl.lastSignInMs, NOW, 'signed in during the 403 test');
      assert.equal(staff.find((s) => s.username === 'deputy')!.lastSignInMs, null);
      const groups = await json<{ groups: { id: string; policy: boolean }[] }>(
        await (await as('it')).get('/api/groups'),
      );
      assert.deepEqual(
        groups.groups.map((g) => g.id),
        ['pupils', '10y', '9x'],
      );
      assert.ok(seen.length > 5);
      for (const body of seen) {
        assert.ok(!body.includes('$argon2'), 'no argon2 hash');
        assert.ok(!body.includes(secret.totp_secret), 'no TOTP secret');
        assert.ok(
          !/password|secret/i.test(body),
          `no password or secret field: ${body.slice(0, 200)}`,
        );
      }
    });

    /** A client signed in with a password other than the fixture's. */
    async function signInWith(username: string, password: string): Promise<Client> {
      const response = await fetch(`${t.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      assert.equal(response.status, 200, `sign-in as ${username}`);
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return {
        csrfToken,
        cookie,
        get: (path) => fetch(`${t.url}${path}`, { headers: { cookie } }),
        send: (method, path, body) =>
          fetch(`${t.url}${path}`, {
            method,
            headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
            body: JSON.stringify(body),
          }),
      };
    }
  });
}
