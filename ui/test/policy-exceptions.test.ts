import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiProblem } from '../src/api/api-problem.js';
import { createPolicyApi } from '../src/api/policy-api.js';
import { describeSubject } from '../src/policy/describe-subject.js';
import { expiryWords } from '../src/policy/expiry-words.js';
import { groupNames } from '../src/policy/group-names.js';

const NOW = Date.UTC(2026, 10, 24, 11);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const GROUPS = [
  { id: 'pupils', label: 'Pupils' },
  { id: 'staff', label: 'Staff' },
  { id: 'sixth', label: 'Sixth form' },
];

test('expiryWords: when an exception ends, in words, rounded down', async (t) => {
  const cases = [
    { name: 'no_expiry', at: null, want: 'no expiry' },
    { name: 'days', at: NOW + 3 * DAY + 5 * HOUR, want: 'in 3 days' },
    { name: 'one_day', at: NOW + DAY, want: 'in 1 day' },
    { name: 'tonight_is_hours', at: NOW + 23 * HOUR + 59 * MINUTE, want: 'in 23 hours' },
    { name: 'minutes', at: NOW + 20 * MINUTE + 30_000, want: 'in 20 minutes' },
    { name: 'seconds', at: NOW + 30_000, want: 'in less than a minute' },
    { name: 'at_expiry', at: NOW, want: 'expired just now' },
    { name: 'expired_hours', at: NOW - HOUR, want: 'expired 1 hour ago' },
    { name: 'expired_days', at: NOW - 2 * DAY - HOUR, want: 'expired 2 days ago' },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(expiryWords(c.at, NOW), c.want));
  }
});

test('groupNames: everyone, one, two and more groups by label', async (t) => {
  const cases = [
    { name: 'null_is_everyone', groups: null, want: 'Everyone' },
    { name: 'empty_is_everyone', groups: [], want: 'Everyone' },
    { name: 'one', groups: ['sixth'], want: 'Sixth form' },
    { name: 'two', groups: ['pupils', 'staff'], want: 'Pupils and Staff' },
    { name: 'three', groups: ['pupils', 'staff', 'sixth'], want: 'Pupils, Staff and Sixth form' },
    { name: 'gone_as_id', groups: ['year13'], want: 'year13' },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(groupNames(c.groups, GROUPS), c.want));
  }
});

test('describeSubject: exceptions and exemptions in the log', async (t) => {
  const matrix = { groups: GROUPS, categories: [] };
  const cases = [
    {
      name: 'exception_for_groups',
      input: { kind: 'exception', subject: 'games.example/maths for pupils, sixth' },
      want: 'Exception: games.example/maths for Pupils and Sixth form',
    },
    {
      name: 'exception_for_everyone',
      input: { kind: 'exception', subject: 'chat.example for everyone' },
      want: 'Exception: chat.example for Everyone',
    },
    {
      name: 'exemption',
      input: { kind: 'inspection-exemption', subject: 'bank.example' },
      want: 'HTTPS inspection of bank.example',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(describeSubject(c.input, matrix), c.want));
  }
});

test('the exceptions client: paths, bodies, CSRF on writes, problems', async () => {
  const seen: {
    url: string;
    method: string;
    body: string | undefined;
    csrf: string | undefined;
  }[] = [];
  const policy = createPolicyApi({
    csrfToken: () => 'token-1',
    fetch: async (input, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const method = init?.method ?? 'GET';
      const url = String(input);
      seen.push({
        url,
        method,
        body: init?.body === undefined ? undefined : String(init.body),
        csrf: headers['x-csrf-token'],
      });
      if (method === 'POST' && url.endsWith('/exemptions')) {
        return new Response(
          JSON.stringify({
            type: 'https://schoolgate.example/problems/conflict',
            title: 'That is in force already',
            status: 409,
            detail: 'bank.example is exempt from inspection already',
            errors: [{ path: 'host', message: 'bank.example is exempt from inspection already' }],
          }),
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        );
      }
      const body =
        method === 'GET'
          ? url.endsWith('/exceptions')
            ? { exceptions: [] }
            : { inspection: true, exemptCategories: [], exemptions: [] }
          : { exception: { id: 'console-1' } };
      return new Response(JSON.stringify(body), {
        status: method === 'POST' ? 201 : 200,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  assert.deepEqual(await policy.exceptions(), []);
  assert.deepEqual((await policy.exemptions()).exemptions, []);
  assert.equal(
    (await policy.addException({ match: 'games.example', action: 'allow', reason: 'Maths' })).id,
    'console-1',
  );
  await policy.removeException('console-1/x', 'Games week is over');
  const refused = await policy
    .addExemption({ host: 'bank.example', reason: 'Banking' })
    .catch((error: unknown) => error);
  assert.ok(refused instanceof ApiProblem);
  assert.equal(refused.code, 'conflict');
  assert.equal(refused.fieldMessage('host'), 'bank.example is exempt from inspection already');
  assert.deepEqual(
    seen.map((s) => [s.method, s.url, s.csrf ?? null]),
    [
      ['GET', '/api/policy/exceptions', null],
      ['GET', '/api/policy/exemptions', null],
      ['POST', '/api/policy/exceptions', 'token-1'],
      ['DELETE', '/api/policy/exceptions/console-1%2Fx', 'token-1'],
      ['POST', '/api/policy/exemptions', 'token-1'],
    ],
  );
  assert.deepEqual(JSON.parse(seen[3]!.body!), { reason: 'Games week is over' });
});
