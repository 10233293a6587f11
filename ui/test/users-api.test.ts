import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiProblem } from '../src/api/api-problem.js';
import { createUsersApi } from '../src/api/users-api.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A users client over a fake fetch that answers from `respond` and records every request. */
function harness(respond: (url: string, method: string) => Response) {
  const seen: Seen[] = [];
  let signedOut = 0;
  const users = createUsersApi({
    csrfToken: () => 'token-1',
    onSignedOut: () => {
      signedOut += 1;
    },
    fetch: async (input, init) => {
      const method = init?.method ?? 'GET';
      seen.push({
        url: String(input),
        method,
        headers: { ...(init?.headers as Record<string, string>) },
        body: init?.body === undefined ? undefined : String(init.body),
      });
      return respond(String(input), method);
    },
  });
  return { users, seen, signedOut: () => signedOut };
}

test('people: builds the query from the filters, leaving empty ones out', async () => {
  const cases = [
    { name: 'all', query: { limit: 50 }, want: '/api/people?limit=50' },
    { name: 'search', query: { q: ' ahmed ', limit: 10 }, want: '/api/people?q=ahmed&limit=10' },
    {
      name: 'blank search',
      query: { q: '  ', group: '', limit: 10 },
      want: '/api/people?limit=10',
    },
    { name: 'group', query: { group: '7a', limit: 10 }, want: '/api/people?group=7a&limit=10' },
  ];
  for (const c of cases) {
    const h = harness(() => json({ people: [] }));
    assert.deepEqual(await h.users.people(c.query), [], c.name);
    assert.equal(h.seen[0]!.url, c.want, c.name);
    assert.equal(h.seen[0]!.headers['x-csrf-token'], undefined, `${c.name}: no token on GET`);
  }
});

test('preview and import: POST the CSV with the token; skipInvalid sent as given', async () => {
  const h = harness(() => json({ imported: 1, created: 1, updated: 0, skipped: 0 }));
  await h.users.preview('username,name\na,A\n');
  await h.users.importCsv('username,name\na,A\n', true);
  assert.deepEqual(
    h.seen.map((s) => [s.method, s.url, s.headers['x-csrf-token'], JSON.parse(s.body!)]),
    [
      ['POST', '/api/people/import/preview', 'token-1', { csv: 'username,name\na,A\n' }],
      ['POST', '/api/people/import', 'token-1', { csv: 'username,name\na,A\n', skipInvalid: true }],
    ],
  );
});

test('a refused import is an ApiProblem with the lines; a 401 signs out', async () => {
  const h = harness((url) =>
    url.endsWith('/import')
      ? new Response(
          JSON.stringify({
            type: 'https://schoolgate.example/problems/invalid',
            title: 'The file has errors',
            status: 400,
            detail: '1 of 10 rows have problems.',
            errors: [{ path: 'line 6, groups', message: "'yr7b' is not a known group" }],
          }),
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        )
      : new Response(
          JSON.stringify({
            type: 'https://schoolgate.example/problems/unauthenticated',
            title: 't',
            status: 401,
            detail: 'd',
          }),
          { status: 401, headers: { 'content-type': 'application/problem+json' } },
        ),
  );
  await assert.rejects(h.users.importCsv('x', false), (error: unknown) => {
    assert.ok(error instanceof ApiProblem);
    assert.equal(error.code, 'invalid');
    assert.equal(error.errors[0]?.path, 'line 6, groups');
    return true;
  });
  assert.equal(h.signedOut(), 0);
  await assert.rejects(h.users.preview('x'), ApiProblem);
  assert.equal(h.signedOut(), 1);
});
