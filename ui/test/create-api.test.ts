import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiProblem } from '../src/api/api-problem.js';
import { createApi } from '../src/api/create-api.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  body: string | undefined;
}

const SESSION = {
  user: { username: 'dsl', displayName: 'Dana', role: 'dsl', classes: [] },
  csrfToken: 'token-123',
  permissions: ['alerts.read'],
  school: { name: 'School', timezone: 'Europe/London' },
};

function problem(code: string, status: number, extra: Record<string, unknown> = {}): Response {
  return new Response(
    JSON.stringify({
      type: `https://schoolgate.example/problems/${code}`,
      title: `title ${code}`,
      status,
      detail: `detail ${code}`,
      ...extra,
    }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/** A client over a fake fetch that answers from `respond` and records every request. */
function harness(respond: (url: string, method: string) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const api = createApi({
    fetch: async (input, init) => {
      const method = init?.method ?? 'GET';
      seen.push({
        url: String(input),
        method,
        headers: { ...(init?.headers as Record<string, string>) },
        credentials: init?.credentials,
        body: init?.body === undefined ? undefined : String(init.body),
      });
      return respond(String(input), method);
    },
  });
  return { api, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

test('csrf token only on writes, cookie always', async () => {
  const { api, seen } = harness((url, method) => {
    if (url === '/api/session' && method === 'POST') return json(SESSION);
    if (url.endsWith('/acknowledge')) return json({ alert: { id: 'a1' } });
    return json({ alerts: [] });
  });
  await api.signIn({ username: 'dsl', password: 'pw' });
  await api.alerts({ states: ['new'] });
  await api.acknowledge('a1');
  assert.equal(seen.length, 3);
  for (const request of seen) assert.equal(request.credentials, 'same-origin');
  assert.equal(seen[0]?.headers['x-csrf-token'], undefined, 'no token before there is a session');
  assert.equal(seen[1]?.headers['x-csrf-token'], undefined, 'GET carries no token');
  assert.equal(seen[2]?.headers['x-csrf-token'], 'token-123');
  assert.equal(seen[2]?.body, '{}');
});

test('queries', async (t) => {
  const cases = [
    {
      name: 'open_alerts',
      call: (api: ReturnType<typeof createApi>) =>
        api.alerts({ states: ['new', 'acknowledged'], limit: 50 }),
      want: '/api/alerts?state=new%2Cacknowledged&limit=50',
    },
    {
      name: 'all_states_with_filters',
      call: (api: ReturnType<typeof createApi>) =>
        api.alerts({ states: [], minLevel: 3, category: 'self-harm', className: '9x' }),
      want: '/api/alerts?state=all&minLevel=3&category=self-harm&class=9x',
    },
    {
      name: 'audit_filters',
      call: (api: ReturnType<typeof createApi>) =>
        api.audit({ kind: 'alert', target: 'a/b', limit: 10 }),
      want: '/api/audit?kind=alert&target=a%2Fb&limit=10',
    },
    {
      name: 'alert_id_is_encoded',
      call: (api: ReturnType<typeof createApi>) => api.alert('a/../b'),
      want: '/api/alerts/a%2F..%2Fb',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const { api, seen } = harness(() =>
        json({ alerts: [], records: [], alert: {}, evidence: [] }),
      );
      await c.call(api);
      assert.equal(seen[0]?.url, c.want);
    });
  }
});

test('problems', async (t) => {
  const cases = [
    {
      name: 'invalid_with_fields',
      response: () => problem('invalid', 400, { errors: [{ path: 'reason', message: 'say why' }] }),
      want: { code: 'invalid', status: 400, field: 'say why', retry: null },
    },
    {
      name: 'locked_with_retry',
      response: () => problem('locked', 423, { retryAfterSeconds: 840 }),
      want: { code: 'locked', status: 423, field: undefined, retry: 840 },
    },
    {
      name: 'not_problem_json',
      response: () =>
        new Response('<h1>Bad gateway</h1>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
      want: { code: 'unavailable', status: 502, field: undefined, retry: null },
    },
    {
      name: 'network_failure',
      response: () => Promise.reject(new TypeError('fetch failed')),
      want: { code: 'network', status: 0, field: undefined, retry: null },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const { api } = harness(c.response);
      const error = await api.close('a1', { outcome: 'no-concern', reason: '' }).then(
        () => assert.fail('expected a problem'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ApiProblem);
      assert.equal(error.code, c.want.code);
      assert.equal(error.status, c.want.status);
      assert.equal(error.fieldMessage('reason'), c.want.field);
      assert.equal(error.retryAfterSeconds, c.want.retry);
      assert.notEqual(error.detail, '', 'every problem says what to do');
    });
  }
});

test('a lost session signs out, except on the session calls', async () => {
  const { api } = harness(() => problem('unauthenticated', 401));
  let signedOut = 0;
  const stop = api.onSignedOut(() => {
    signedOut += 1;
  });
  assert.equal(await api.session(), null, 'GET /session 401 means nobody is signed in');
  await assert.rejects(api.signIn({ username: 'x', password: 'y' }), ApiProblem);
  assert.equal(signedOut, 0);
  await assert.rejects(api.dashboard(), ApiProblem);
  assert.equal(signedOut, 1);
  stop();
  await assert.rejects(api.dashboard(), ApiProblem);
  assert.equal(signedOut, 1, 'a removed listener is not called');
});
