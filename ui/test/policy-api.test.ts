import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiProblem } from '../src/api/api-problem.js';
import { createPolicyApi } from '../src/api/policy-api.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  body: string | undefined;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

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

/** A policy client over a fake fetch that answers from `respond` and records every request. */
function harness(respond: (url: string, method: string) => Response) {
  const seen: Seen[] = [];
  let signedOut = 0;
  let token: string | null = 'token-1';
  const policy = createPolicyApi({
    csrfToken: () => token,
    onSignedOut: () => {
      signedOut += 1;
    },
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
  return {
    policy,
    seen,
    signedOut: () => signedOut,
    setToken: (value: string | null) => {
      token = value;
    },
  };
}

const MATRIX = {
  version: 3,
  groups: [{ id: 'pupils', label: 'Pupils' }],
  categories: [{ id: 'games', label: 'Games', mandatory: false }],
  cells: [
    {
      group: 'pupils',
      rules: [{ category: 'games', action: 'block', rule: 'block', source: 'file' }],
    },
  ],
};

test('calls: paths, methods, csrf only on the write, cookie always', async (t) => {
  const cases = [
    {
      name: 'policy',
      call: (h: ReturnType<typeof harness>) => h.policy.policy(),
      answer: json(MATRIX),
      want: { url: '/api/policy', method: 'GET', csrf: undefined, body: undefined },
      result: MATRIX,
    },
    {
      name: 'decisions_with_limit',
      call: (h: ReturnType<typeof harness>) => h.policy.decisions(200),
      answer: json({ decisions: [{ id: 'd1' }] }),
      want: { url: '/api/decisions?limit=200', method: 'GET', csrf: undefined, body: undefined },
      result: [{ id: 'd1' }],
    },
    {
      name: 'set_cell',
      call: (h: ReturnType<typeof harness>) =>
        h.policy.setCell({
          group: 'pupils',
          category: 'games',
          action: 'allow',
          reason: 'Games week',
        }),
      answer: json({ before: 'block', after: 'allow', version: 4 }),
      want: {
        url: '/api/policy/cells',
        method: 'PUT',
        csrf: 'token-1',
        body: '{"group":"pupils","category":"games","action":"allow","reason":"Games week"}',
      },
      result: { before: 'block', after: 'allow', version: 4 },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const h = harness(() => c.answer);
      assert.deepEqual(await c.call(h), c.result);
      assert.equal(h.seen.length, 1);
      const [request] = h.seen;
      assert.equal(request?.url, c.want.url);
      assert.equal(request?.method, c.want.method);
      assert.equal(request?.credentials, 'same-origin');
      assert.equal(request?.headers['x-csrf-token'], c.want.csrf);
      assert.equal(request?.body, c.want.body);
      assert.equal(
        request?.headers['content-type'],
        c.want.body === undefined ? undefined : 'application/json',
      );
    });
  }
});

test('the write reads the token at call time', async () => {
  const h = harness(() => json({ before: 'block', after: 'warn', version: 2 }));
  h.setToken('token-2');
  await h.policy.setCell({ group: 'pupils', category: 'games', action: 'warn', reason: 'why' });
  assert.equal(h.seen[0]?.headers['x-csrf-token'], 'token-2');
});

test('failures are problems; only unauthenticated signs out', async (t) => {
  const cases = [
    {
      name: 'invalid_with_fields',
      answer: () => problem('invalid', 400, { errors: [{ path: 'reason', message: 'say why' }] }),
      want: { code: 'invalid', status: 400, field: ['reason', 'say why'] as const },
      signedOut: 0,
    },
    {
      name: 'mandatory_category',
      answer: () =>
        problem('invalid', 400, { errors: [{ path: 'category', message: 'is mandatory' }] }),
      want: { code: 'invalid', status: 400, field: ['category', 'is mandatory'] as const },
      signedOut: 0,
    },
    {
      name: 'forbidden',
      answer: () => problem('forbidden', 403),
      want: { code: 'forbidden', status: 403, field: null },
      signedOut: 0,
    },
    {
      name: 'csrf',
      answer: () => problem('csrf', 403),
      want: { code: 'csrf', status: 403, field: null },
      signedOut: 0,
    },
    {
      name: 'unauthenticated',
      answer: () => problem('unauthenticated', 401),
      want: { code: 'unauthenticated', status: 401, field: null },
      signedOut: 1,
    },
    {
      name: 'proxy_error_page',
      answer: () => new Response('<h1>Bad gateway</h1>', { status: 502 }),
      want: { code: 'unavailable', status: 502, field: null },
      signedOut: 0,
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const h = harness(c.answer);
      const error = await h.policy
        .setCell({ group: 'pupils', category: 'games', action: 'allow', reason: 'x' })
        .then(
          () => null,
          (e: unknown) => e,
        );
      assert.ok(error instanceof ApiProblem, 'a failure is an ApiProblem');
      assert.equal(error.code, c.want.code);
      assert.equal(error.status, c.want.status);
      assert.deepEqual(
        error.errors.map((e) => [e.path, e.message]),
        c.want.field === null ? [] : [c.want.field],
      );
      assert.equal(h.signedOut(), c.signedOut);
    });
  }
});

test('no network is a network problem; an abort stays an abort', async (t) => {
  await t.test('network', async () => {
    const policy = createPolicyApi({
      csrfToken: () => null,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await assert.rejects(policy.policy(), (e: unknown) => {
      assert.ok(e instanceof ApiProblem);
      assert.equal(e.code, 'network');
      return true;
    });
  });
  await t.test('abort', async () => {
    const policy = createPolicyApi({
      csrfToken: () => null,
      fetch: async () => {
        throw new DOMException('aborted', 'AbortError');
      },
    });
    await assert.rejects(policy.decisions(10), (e: unknown) => {
      assert.ok(e instanceof DOMException);
      assert.equal(e.name, 'AbortError');
      return true;
    });
  });
});
