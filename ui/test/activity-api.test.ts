import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createActivityApi } from '../src/api/activity-api.js';
import { ApiProblem } from '../src/api/api-problem.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

function harness(respond: () => Response | Promise<Response>) {
  const seen: Seen[] = [];
  let signedOut = 0;
  const activity = createActivityApi({
    baseUrl: 'http://console.school.test',
    onSignedOut: () => {
      signedOut += 1;
    },
    fetch: async (input, init) => {
      seen.push({
        url: String(input),
        method: init?.method ?? 'GET',
        headers: { ...(init?.headers as Record<string, string>) },
        credentials: init?.credentials,
      });
      return respond();
    },
  });
  return { activity, seen, signedOut: () => signedOut };
}

const PERIOD = { fromMs: 1_700_000_000_000, toMs: 1_700_604_800_000 };

test('page: the query string has what is set, the cookie goes, no CSRF token on a read', async (t) => {
  const cases = [
    {
      name: 'a_person',
      filter: { user: 'j.smith', ...PERIOD },
      paging: {},
      want: 'user=j.smith&from=1700000000000&to=1700604800000',
    },
    {
      name: 'a_group_filtered_next_page',
      filter: { group: '9x', ...PERIOD, searchesOnly: true, q: 'a&b', reason: 'ticket 12' },
      paging: { after: '1700000000000:019a', limit: 100 },
      want: 'group=9x&from=1700000000000&to=1700604800000&searchesOnly=true&q=a%26b&reason=ticket+12&after=1700000000000%3A019a&limit=100',
    },
    {
      name: 'empty_and_false_left_out',
      filter: { user: 'a', ...PERIOD, searchesOnly: false, q: '' },
      paging: { after: null },
      want: 'user=a&from=1700000000000&to=1700604800000',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const { activity, seen } = harness(() => json({ events: [], next: null }));
      const page = await activity.page(c.filter, c.paging);
      assert.deepEqual(page, { events: [], next: null });
      assert.equal(seen[0]!.url, `http://console.school.test/api/activity?${c.want}`);
      assert.equal(seen[0]!.method, 'GET');
      assert.equal(seen[0]!.credentials, 'same-origin');
      assert.equal(seen[0]!.headers['x-csrf-token'], undefined);
    });
  }
});

test('csvHref: the same query on the CSV endpoint, without paging', () => {
  const { activity } = harness(() => json({}));
  assert.equal(
    activity.csvHref({ user: 'j smith', ...PERIOD, reason: 'why' }),
    'http://console.school.test/api/activity.csv?user=j+smith&from=1700000000000&to=1700604800000&reason=why',
  );
});

test('page: failures become problems; a lost session calls onSignedOut', async (t) => {
  const problem = (code: string, status: number) =>
    json(
      {
        type: `https://schoolgate.example/problems/${code}`,
        title: `title ${code}`,
        status,
        detail: `detail ${code}`,
        errors: code === 'invalid' ? [{ path: 'reason', message: 'say why' }] : undefined,
      },
      status,
      'application/problem+json',
    );
  const cases = [
    {
      name: 'invalid_reason',
      respond: () => problem('invalid', 400),
      code: 'invalid',
      signedOut: 0,
    },
    {
      name: 'forbidden',
      respond: () => problem('forbidden', 403),
      code: 'forbidden',
      signedOut: 0,
    },
    {
      name: 'signed_out',
      respond: () => problem('unauthenticated', 401),
      code: 'unauthenticated',
      signedOut: 1,
    },
    {
      name: 'proxy_error_page',
      respond: () => new Response('<html>bad gateway</html>', { status: 502 }),
      code: 'unavailable',
      signedOut: 0,
    },
    {
      name: 'no_network',
      respond: () => Promise.reject(new TypeError('fetch failed')),
      code: 'network',
      signedOut: 0,
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const { activity, signedOut } = harness(c.respond);
      const error = await activity.page({ user: 'a', ...PERIOD }).then(
        () => assert.fail('should fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ApiProblem);
      assert.equal(error.code, c.code);
      assert.equal(signedOut(), c.signedOut);
      if (c.code === 'invalid') assert.equal(error.fieldMessage('reason'), 'say why');
    });
  }
});

test('page: an abort is passed through, not turned into a problem', async () => {
  const { activity } = harness(() => Promise.reject(new DOMException('aborted', 'AbortError')));
  await assert.rejects(activity.page({ user: 'a', ...PERIOD }), { name: 'AbortError' });
});
