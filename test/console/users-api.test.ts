/**
 * The Users API over real HTTP against a real store, on both dialects: the directory list
 * with each person's effective policy group, the CSV import's preview (nothing written),
 * and the import, refused while the file has errors unless the invalid rows are skipped;
 * creating and editing one person by the same rules, audited without personal data.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { importPeople } from '../../src/directory/directory-store.js';
import type { ImportRow, UserImportPreview } from '../../src/directory/user-import.js';
import { DIALECTS } from '../support/store-dialects.js';
import { signedInClients, startTestConsole, type TestConsole } from './console-fixture.js';

const ONE_BAD_ROW = readFileSync(
  new URL('../fixtures/directory/pupils-one-bad-row.csv', import.meta.url),
  'utf8',
);
const NOW = Date.UTC(2026, 10, 24, 11);

/** A teacher already in the directory, teaching the classes the fixture's pupils are in. */
const TEACHER: ImportRow = {
  line: 2,
  username: 't.okafor',
  displayName: 'Tunde Okafor',
  groups: ['staff'],
  classes: ['year7', '7a', '7b'],
  email: 't.okafor@school.test',
  role: 'teacher',
  dateOfBirth: null,
  action: 'create',
};

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string; line: number; column: string | null }[];
}

async function problemOf(response: Response): Promise<Problem> {
  assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  return (await response.json()) as Problem;
}

interface Person {
  username: string;
  displayName: string;
  groups: string[];
  classes: string[];
  effectiveGroup: { id: string; label: string };
}

for (const dialect of DIALECTS) {
  describe(`users API (${dialect})`, () => {
    let t: TestConsole;
    const as = signedInClients(() => t.url);
    const people = async (query = '') => {
      const response = await (await as('it')).get(`/api/people${query}`);
      assert.equal(response.status, 200);
      return ((await response.json()) as { people: Person[] }).people;
    };
    const auditOf = async (action: string, target: string) =>
      t.console.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .where('target', '=', target)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
    before(async () => {
      t = await startTestConsole(dialect, {}, () => NOW);
      await importPeople(t.console.store.db, [TEACHER], 'test', () => NOW);
    });
    after(async () => {
      await t?.close();
    });

    it('previews the one-bad-row file: 1 error on line 6, 9 valid rows, nothing written', async () => {
      const response = await (await as('it')).send('POST', '/api/people/import/preview', {
        csv: ONE_BAD_ROW,
      });
      assert.equal(response.status, 200);
      const preview = (await response.json()) as UserImportPreview;
      assert.equal(preview.errors.length, 1);
      assert.equal(preview.errors[0]!.line, 6);
      assert.equal(preview.errors[0]!.column, 'groups');
      assert.equal(preview.errors[0]!.value, 'yr7b');
      assert.deepEqual(preview.summary, { total: 10, valid: 9, invalid: 1, new: 9, updated: 0 });
      assert.ok(!preview.rows.some((r) => r.username === 'e.evans'));
      assert.deepEqual(
        (await people()).map((p) => p.username),
        ['t.okafor'],
      );
    });

    it('refuses the import while the file has errors, naming the line', async () => {
      const response = await (await as('it')).send('POST', '/api/people/import', {
        csv: ONE_BAD_ROW,
      });
      assert.equal(response.status, 400);
      const problem = await problemOf(response);
      assert.match(problem.type, /invalid$/);
      assert.match(problem.detail, /1 of 10 rows/);
      assert.deepEqual(
        problem.errors?.map((e) => [e.path, e.line, e.column]),
        [['line 6, groups', 6, 'groups']],
      );
      assert.equal((await people()).length, 1, 'nothing written');
    });

    it('answers 403 to the teacher and the governor, and to the DSL (who reads only)', async () => {
      for (const username of ['smith', 'governor', 'dsl']) {
        for (const path of ['/api/people/import', '/api/people/import/preview']) {
          const response = await (await as(username)).send('POST', path, {
            csv: ONE_BAD_ROW,
            ...(path.endsWith('import') ? { skipInvalid: true } : {}),
          });
          assert.equal(response.status, 403, `${username} ${path}`);
          assert.match((await problemOf(response)).type, /forbidden$/);
        }
      }
      for (const username of ['smith', 'governor', 'bursar']) {
        const response = await (await as(username)).get('/api/people');
        assert.equal(response.status, 403, username);
      }
      assert.equal((await as('dsl').then((c) => c.get('/api/people'))).status, 200);
    });

    it('imports the 9 valid rows with skipInvalid, with one audit row of counts', async () => {
      const response = await (await as('it')).send('POST', '/api/people/import', {
        csv: ONE_BAD_ROW,
        skipInvalid: true,
      });
      assert.equal(response.status, 200);
      const result = (await response.json()) as Record<string, unknown>;
      assert.equal(result['imported'], 9);
      assert.equal(result['created'], 9);
      assert.equal(result['skipped'], 1);
      const listed = await people();
      assert.equal(listed.length, 10);
      assert.ok(!listed.some((p) => p.username === 'e.evans'));
      const audit = await t.console.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'directory.import')
        .execute();
      const fromConsole = audit.filter((a) => a.actor === 'console:it');
      assert.equal(fromConsole.length, 1);
      assert.equal(fromConsole[0]!.target_kind, 'group');
      assert.equal(fromConsole[0]!.target, 'directory');
      assert.equal(JSON.parse(fromConsole[0]!.details).imported, 9);
    });

    it('lists people with their groups and effective policy group, filtered', async () => {
      const cases = [
        { name: 'all', query: '', want: 10 },
        { name: 'by group 7a', query: '?group=7a', want: 6 },
        { name: 'by name, any case', query: '?q=GRACE', want: 1 },
        { name: 'by username part', query: '?q=a.ah', want: 1 },
        { name: 'LIKE wildcards taken literally', query: '?q=%25', want: 0 },
        { name: 'limit', query: '?limit=3', want: 3 },
      ];
      for (const c of cases) {
        assert.equal((await people(c.query)).length, c.want, c.name);
      }
      const grace = (await people('?q=grace'))[0]!;
      assert.equal(grace.displayName, 'Green, Grace');
      assert.deepEqual(grace.groups, ['year7', '7b']);
      assert.deepEqual(grace.effectiveGroup, { id: 'pupils', label: 'Pupils' });
    });

    it('previews again as updates; an update changes only the columns the file has', async () => {
      const it = await as('it');
      const csv = 'username,display_name\na.ahmed,Aisha Ahmed-Khan\nz.zed,Zara Zed\n';
      const preview = (await (
        await it.send('POST', '/api/people/import/preview', { csv })
      ).json()) as UserImportPreview;
      assert.deepEqual(preview.summary, { total: 2, valid: 2, invalid: 0, new: 1, updated: 1 });
      assert.equal((await it.send('POST', '/api/people/import', { csv })).status, 200);
      const aisha = (await people('?q=a.ahmed'))[0]!;
      assert.equal(aisha.displayName, 'Aisha Ahmed-Khan');
      assert.deepEqual(aisha.groups, ['year7', '7a'], 'groups kept: not in the file');
    });

    it('rejects bad input with problem+json', async () => {
      const it = await as('it');
      const cases = [
        { name: 'unknown field', path: '/api/people/import/preview', body: { csv: 'x', y: 1 } },
        { name: 'empty csv', path: '/api/people/import/preview', body: { csv: '' } },
        { name: 'no valid rows', path: '/api/people/import', body: { csv: 'username\n' } },
        {
          name: 'unknown group',
          path: '/api/people/import',
          body: { csv: 'username,name,groups\nq.q,Q Q,nosuch\n', skipInvalid: true },
        },
      ];
      for (const c of cases) {
        const response = await it.send('POST', c.path, c.body);
        assert.equal(response.status, 400, c.name);
        assert.match((await problemOf(response)).type, /invalid$/, c.name);
      }
      const bad = await it.get('/api/people?group=Not%20A%20Group');
      assert.equal(bad.status, 400);
    });

    it('creates a person by the import rules, with their effective group, audited without personal data', async () => {
      const it = await as('it');
      const response = await it.send('POST', '/api/people', {
        username: ' N.Newton ',
        displayName: 'Nia  Newton',
        groups: ['Year7', '7a'],
        email: 'n.newton@school.test',
        dateOfBirth: '2013-02-03',
      });
      assert.equal(response.status, 201);
      const { person } = (await response.json()) as { person: Person };
      assert.equal(person.username, 'n.newton');
      assert.equal(person.displayName, 'Nia Newton');
      assert.deepEqual(person.groups, ['year7', '7a']);
      assert.deepEqual(person.effectiveGroup, { id: 'pupils', label: 'Pupils' });
      assert.equal((await people('?q=newton')).length, 1);
      const row = await auditOf('person.create', 'n.newton');
      assert.equal(row.actor, 'console:it');
      assert.equal(row.target_kind, 'person');
      const details = JSON.parse(row.details) as Record<string, unknown>;
      assert.deepEqual(details['fields'], ['displayName', 'groups', 'email', 'dateOfBirth']);
      assert.deepEqual(details['groups'], ['year7', '7a']);
      for (const personal of ['Nia', 'newton@', '2013']) {
        assert.ok(!row.details.includes(personal), `no ${personal} on the trail`);
      }
    });

    it('edits a person: only what changed, and the answer carries the effective group', async () => {
      const it = await as('it');
      const response = await it.send('PATCH', '/api/people/N.Newton', {
        groups: ['year7', '7b'],
        dateOfBirth: null,
      });
      assert.equal(response.status, 200);
      const { person } = (await response.json()) as { person: Person };
      assert.deepEqual(person.groups, ['year7', '7b']);
      assert.equal(person.displayName, 'Nia Newton', 'kept');
      assert.deepEqual(person.effectiveGroup, { id: 'pupils', label: 'Pupils' });
      const read = await it.get('/api/people/n.newton');
      assert.equal(read.status, 200);
      const details_ = ((await read.json()) as { person: Record<string, unknown> }).person;
      assert.equal(details_['email'], 'n.newton@school.test', 'the edit form gets the e-mail');
      assert.equal(details_['dateOfBirth'], null);
      assert.equal((await (await as('dsl')).get('/api/people/n.newton')).status, 403);
      const listed = (await people('?q=newton'))[0] as unknown as Record<string, unknown>;
      assert.ok(!('email' in listed) && !('dateOfBirth' in listed), 'the list leaves them out');
      const details = JSON.parse((await auditOf('person.change', 'n.newton')).details);
      assert.deepEqual(details, { fields: ['groups', 'dateOfBirth'], groups: ['year7', '7b'] });
      // A staff member in the directory: a role, and the classes they teach.
      const teacher = await it.send('PATCH', '/api/people/t.okafor', { classes: ['7a'] });
      assert.equal(teacher.status, 200);
      assert.deepEqual(((await teacher.json()) as { person: Person }).person.classes, ['7a']);
    });

    it('names the field of each invalid person, as the import would', async () => {
      const it = await as('it');
      const base = { username: 'v.valid', displayName: 'V Valid' };
      const cases = [
        {
          name: 'unknown group',
          body: { ...base, groups: ['nosuch'] },
          path: 'groups',
          status: 400,
        },
        {
          name: 'bad username',
          body: { ...base, username: 'not valid' },
          path: 'username',
          status: 400,
        },
        {
          name: 'empty name',
          body: { ...base, displayName: '  ' },
          path: 'displayName',
          status: 400,
        },
        {
          name: 'pupil with classes',
          body: { ...base, classes: ['7a'] },
          path: 'classes',
          status: 400,
        },
        { name: 'unknown role', body: { ...base, role: 'caretaker' }, path: 'role', status: 400 },
        { name: 'bad email', body: { ...base, email: 'nope' }, path: 'email', status: 400 },
        {
          name: 'bad date',
          body: { ...base, dateOfBirth: '03/02/2013' },
          path: 'dateOfBirth',
          status: 400,
        },
        {
          name: 'separator in a group',
          body: { ...base, groups: ['7a;7b'] },
          path: 'groups.0',
          status: 400,
        },
        { name: 'unknown field', body: { ...base, age: 12 }, path: 'person', status: 400 },
        {
          name: 'username taken',
          body: { ...base, username: 'A.Ahmed' },
          path: 'username',
          status: 409,
        },
      ];
      for (const c of cases) {
        const response = await it.send('POST', '/api/people', c.body);
        assert.equal(response.status, c.status, c.name);
        const problem = await problemOf(response);
        assert.ok(
          problem.errors?.some((e) => e.path === c.path),
          `${c.name}: ${JSON.stringify(problem.errors)}`,
        );
      }
      const unknown = await it.send('PATCH', '/api/people/a.ahmed', { groups: ['yr7b'] });
      assert.equal(unknown.status, 400);
      assert.equal((await problemOf(unknown)).errors?.[0]?.path, 'groups');
      assert.equal((await it.send('PATCH', '/api/people/a.ahmed', {})).status, 400);
      assert.equal(
        (await it.send('PATCH', '/api/people/no.one', { displayName: 'X' })).status,
        404,
      );
      assert.equal((await people('?q=v.valid')).length, 0);
    });

    it('refuses people changes without a session, without users.change, or without CSRF', async () => {
      const body = { username: 'q.quiet', displayName: 'Q Quiet', groups: ['7a'] };
      const anonymous = await fetch(`${t.url}/api/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(anonymous.status, 401);
      for (const username of ['dsl', 'smith', 'governor']) {
        const client = await as(username);
        assert.equal((await client.send('POST', '/api/people', body)).status, 403, username);
        const edit = await client.send('PATCH', '/api/people/a.ahmed', { displayName: 'X' });
        assert.equal(edit.status, 403, username);
      }
      const noCsrf = await (await as('it')).send('POST', '/api/people', body, { csrf: false });
      assert.equal(noCsrf.status, 403);
      assert.match((await problemOf(noCsrf)).type, /csrf$/);
      assert.equal((await people('?q=q.quiet')).length, 0);
      assert.notEqual((await people('?q=a.ahmed'))[0]!.displayName, 'X');
    });
  });
}
