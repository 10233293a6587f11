/**
 * The exceptions and inspection exemptions API over real HTTP against a real store, on both
 * dialects: who may read and change them, validation naming each field, the decision log,
 * audit rows and policy version for every change, soft removal, and expiry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/store-dialects.js';
import { signedInClients, startTestConsole, type TestConsole } from './console-fixture.js';

/** Tuesday 24 November 2026, 11:00 UTC (11:00 in London). */
const NOW = Date.UTC(2026, 10, 24, 11);

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

interface ListedException {
  id: string;
  source: 'file' | 'console';
  match: string;
  action: 'allow' | 'block';
  groups: string[] | null;
  reason: string;
  expiresMs: number | null;
  state: 'active' | 'expired';
  createdBy?: string;
}

interface ListedExemption {
  id: string;
  source: 'file' | 'console';
  host: string;
  reason: string;
}

async function problemOf(response: Response): Promise<Problem> {
  assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  return (await response.json()) as Problem;
}

for (const dialect of DIALECTS) {
  describe(`exceptions and exemptions API (${dialect})`, () => {
    let t: TestConsole;
    let now = NOW;
    const as = signedInClients(() => t.url);
    const exceptions = async () => {
      const response = await (await as('governor')).get('/api/policy/exceptions');
      assert.equal(response.status, 200);
      return ((await response.json()) as { exceptions: ListedException[] }).exceptions;
    };
    const exemptions = async () => {
      const response = await (await as('head')).get('/api/policy/exemptions');
      assert.equal(response.status, 200);
      return ((await response.json()) as { exemptions: ListedExemption[] }).exemptions;
    };
    const version = async () =>
      Number(
        (
          await t.console.store.db
            .selectFrom('policy_version')
            .select('version')
            .executeTakeFirstOrThrow()
        ).version,
      );
    /** The decision log's line with this reason (the test clock stands still, so no order). */
    const decisionFor = (reason: string) =>
      t.console.store.db
        .selectFrom('decision_log')
        .selectAll()
        .where('reason', '=', reason)
        .executeTakeFirstOrThrow();
    const audits = (action: string) =>
      t.console.store.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'target_kind', 'target', 'reason'])
        .where('action', '=', action)
        .execute();

    before(async () => {
      t = await startTestConsole(dialect, {}, () => now);
    });
    after(async () => {
      await t?.close();
    });

    it('answers 401 without a session and 403 to roles that may not', async () => {
      for (const [method, path] of [
        ['GET', '/api/policy/exceptions'],
        ['POST', '/api/policy/exceptions'],
        ['DELETE', '/api/policy/exceptions/console-x'],
        ['GET', '/api/policy/exemptions'],
        ['POST', '/api/policy/exemptions'],
        ['DELETE', '/api/policy/exemptions/x'],
      ] as const) {
        const response = await fetch(`${t.url}${path}`, { method });
        assert.equal(response.status, 401, `${method} ${path}`);
        assert.match((await problemOf(response)).type, /unauthenticated$/);
      }
      const smith = await as('smith');
      assert.equal((await smith.get('/api/policy/exceptions')).status, 403, 'teacher reads');
      assert.equal((await smith.get('/api/policy/exemptions')).status, 403, 'teacher reads');
      for (const username of ['dsl', 'smith', 'governor']) {
        const client = await as(username);
        const writes = [
          client.send('POST', '/api/policy/exceptions', {
            match: 'games.example',
            action: 'allow',
            reason: 'not mine to change',
          }),
          client.send('DELETE', '/api/policy/exceptions/console-x', { reason: 'not mine' }),
          client.send('POST', '/api/policy/exemptions', {
            host: 'bank.example',
            reason: 'not mine to change',
          }),
          client.send('DELETE', '/api/policy/exemptions/x', { reason: 'not mine' }),
        ];
        for (const response of await Promise.all(writes)) {
          assert.equal(response.status, 403, username);
          assert.match((await problemOf(response)).type, /forbidden$/);
        }
      }
      const noCsrf = await (await as('it')).send(
        'POST',
        '/api/policy/exceptions',
        { match: 'games.example', action: 'allow', reason: 'no token' },
        { csrf: false },
      );
      assert.equal(noCsrf.status, 403);
      assert.match((await problemOf(noCsrf)).type, /csrf$/);
      assert.deepEqual(await exceptions(), [], 'nothing was written');
      assert.equal(await version(), 0);
    });

    it('refuses bad input with 400 naming the field', async () => {
      const it_ = await as('it');
      const valid = { match: 'games.example', action: 'allow', reason: 'Maths games week' };
      const cases = [
        { name: 'empty_match', body: { ...valid, match: '' }, field: 'match' },
        { name: 'two_sites', body: { ...valid, match: 'a.example b.example' }, field: 'match' },
        { name: 'bare_tld', body: { ...valid, match: 'com' }, field: 'match' },
        { name: 'not_http', body: { ...valid, match: 'ftp://files.example/' }, field: 'match' },
        {
          name: 'query',
          body: { ...valid, match: 'games.example/play?level=2' },
          field: 'match',
        },
        { name: 'warn_is_not_an_exception', body: { ...valid, action: 'warn' }, field: 'action' },
        { name: 'unknown_group', body: { ...valid, groups: ['nobody'] }, field: 'groups' },
        { name: 'short_reason', body: { ...valid, reason: ' x ' }, field: 'reason' },
        { name: 'no_reason', body: { match: 'games.example', action: 'allow' }, field: 'reason' },
        {
          name: 'expiry_past',
          body: { ...valid, expires: new Date(NOW - 60_000).toISOString() },
          field: 'expires',
        },
        { name: 'expiry_today_ended', body: { ...valid, expires: '2026-11-23' }, field: 'expires' },
        { name: 'expiry_words', body: { ...valid, expires: 'next week' }, field: 'expires' },
        { name: 'expiry_no_such_day', body: { ...valid, expires: '2026-02-31' }, field: 'expires' },
      ];
      for (const c of cases) {
        const response = await it_.send('POST', '/api/policy/exceptions', c.body);
        assert.equal(response.status, 400, c.name);
        const problem = await problemOf(response);
        assert.ok(
          problem.errors?.some((e) => e.path === c.field),
          `${c.name}: ${JSON.stringify(problem)}`,
        );
      }
      const exemptionCases = [
        { name: 'a_path', body: { host: 'bank.example/login', reason: 'Banking' }, field: 'host' },
        { name: 'empty_host', body: { host: ' ', reason: 'Banking' }, field: 'host' },
        { name: 'short_reason', body: { host: 'bank.example', reason: 'no' }, field: 'reason' },
      ];
      for (const c of exemptionCases) {
        const response = await it_.send('POST', '/api/policy/exemptions', c.body);
        assert.equal(response.status, 400, c.name);
        const problem = await problemOf(response);
        assert.ok(
          problem.errors?.some((e) => e.path === c.field),
          `${c.name}: ${JSON.stringify(problem)}`,
        );
      }
      assert.deepEqual(await exceptions(), []);
      assert.equal(await version(), 0, 'a refused change moves nothing');
    });

    let added: ListedException;
    it('adds an exception: canonical site, the decision log, the audit trail, a new version', async () => {
      const response = await (await as('it')).send('POST', '/api/policy/exceptions', {
        match: ' HTTPS://Games.Example/Maths/ ',
        action: 'allow',
        groups: ['pupils'],
        reason: 'Maths games week',
        expires: '2026-11-27',
      });
      assert.equal(response.status, 201);
      added = ((await response.json()) as { exception: ListedException }).exception;
      assert.match(added.id, /^console-/);
      assert.equal(added.match, 'games.example/Maths');
      // The end of Friday 27 November in London (GMT: midnight UTC).
      assert.equal(added.expiresMs, Date.UTC(2026, 10, 28));
      const listed = await exceptions();
      assert.deepEqual(listed, [
        {
          id: added.id,
          source: 'console',
          match: 'games.example/Maths',
          action: 'allow',
          groups: ['pupils'],
          reason: 'Maths games week',
          expiresMs: Date.UTC(2026, 10, 28),
          state: 'active',
          createdBy: 'console:it',
          createdMs: NOW,
        },
      ]);
      assert.equal(await version(), 1);
      const line = await decisionFor('Maths games week');
      assert.deepEqual(
        {
          kind: line?.kind,
          subject: line?.subject,
          before: line?.before,
          after: line?.after,
          actor: line?.actor,
          reason: line?.reason,
        },
        {
          kind: 'exception',
          subject: 'games.example/Maths for pupils',
          before: 'no exception',
          after: 'allow until the end of 2026-11-27',
          actor: 'console:it',
          reason: 'Maths games week',
        },
      );
      assert.deepEqual(await audits('policy.exception.add'), [
        {
          actor: 'console:it',
          action: 'policy.exception.add',
          target_kind: 'exception',
          target: added.id,
          reason: 'Maths games week',
        },
      ]);
      const log = (await (await (await as('governor')).get('/api/decisions')).json()) as {
        decisions: { kind: string }[];
      };
      assert.equal(log.decisions[0]?.kind, 'exception', 'the decision log API lists it');
    });

    it('removes an exception with a reason, keeping the record', async () => {
      const it_ = await as('it');
      const noReason = await it_.send('DELETE', `/api/policy/exceptions/${added.id}`, {});
      assert.equal(noReason.status, 400);
      assert.ok((await problemOf(noReason)).errors?.some((e) => e.path === 'reason'));
      const response = await it_.send('DELETE', `/api/policy/exceptions/${added.id}`, {
        reason: 'Games week ended early',
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await exceptions(), []);
      const row = await t.console.store.db
        .selectFrom('policy_exceptions')
        .selectAll()
        .where('id', '=', added.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.removed_by, 'console:it');
      assert.equal(row.removed_reason, 'Games week ended early');
      assert.equal(Number(row.removed_ms), NOW);
      assert.equal(await version(), 2);
      const line = await decisionFor('Games week ended early');
      assert.deepEqual(
        [line.kind, line.before, line.after, line.reason],
        ['exception', 'allow until the end of 2026-11-27', 'removed', 'Games week ended early'],
      );
      assert.equal((await audits('policy.exception.remove')).length, 1);
      const again = await it_.send('DELETE', `/api/policy/exceptions/${added.id}`, {
        reason: 'Games week ended early',
      });
      assert.equal(again.status, 404);
      assert.match((await problemOf(again)).type, /not-found$/);
      assert.equal(await version(), 2, 'a refused removal moves nothing');
    });

    it('adds a block exception for everyone, without expiry', async () => {
      const response = await (await as('it')).send('POST', '/api/policy/exceptions', {
        match: 'Chat.Example',
        action: 'block',
        reason: 'Abused in lessons',
      });
      assert.equal(response.status, 201);
      const [listed] = await exceptions();
      assert.deepEqual(
        [listed?.match, listed?.action, listed?.groups, listed?.expiresMs],
        ['chat.example', 'block', null, null],
      );
      const line = await decisionFor('Abused in lessons');
      assert.deepEqual([line.subject, line.after], ['chat.example for everyone', 'block']);
    });

    it('shows an exception as expired once its time has passed', async () => {
      const response = await (await as('it')).send('POST', '/api/policy/exceptions', {
        match: 'trial.example',
        action: 'allow',
        reason: 'A five-minute trial',
        expires: new Date(NOW + 5 * 60_000).toISOString(),
      });
      assert.equal(response.status, 201);
      const { exception } = (await response.json()) as { exception: ListedException };
      const stateNow = async () => (await exceptions()).find((e) => e.id === exception.id)?.state;
      assert.equal(await stateNow(), 'active');
      assert.equal(
        (await decisionFor('A five-minute trial')).after,
        'allow until 2026-11-24 11:05',
      );
      now = NOW + 5 * 60_000;
      try {
        assert.equal(await stateNow(), 'expired', 'expired at its expiry');
      } finally {
        now = NOW;
      }
    });

    it('exempts a host from inspection and ends it, each with a reason', async () => {
      const it_ = await as('it');
      const before_ = await version();
      const response = await it_.send('POST', '/api/policy/exemptions', {
        host: 'Bank.Example.',
        reason: 'Online banking: never inspected',
      });
      assert.equal(response.status, 201);
      const { exemption } = (await response.json()) as { exemption: ListedExemption };
      assert.equal(exemption.host, 'bank.example');
      assert.deepEqual(
        (await exemptions()).map((e) => [e.source, e.host, e.reason]),
        [['console', 'bank.example', 'Online banking: never inspected']],
      );
      assert.equal(await version(), before_ + 1);
      const duplicate = await it_.send('POST', '/api/policy/exemptions', {
        host: 'bank.example',
        reason: 'twice',
      });
      assert.equal(duplicate.status, 409);
      assert.ok((await problemOf(duplicate)).errors?.some((e) => e.path === 'host'));
      let line = await decisionFor('Online banking: never inspected');
      assert.deepEqual(
        [line.kind, line.subject, line.before, line.after],
        ['inspection-exemption', 'bank.example', 'inspected', 'not inspected (host only logged)'],
      );
      assert.equal((await audits('inspection.exemption.add'))[0]?.target, 'bank.example');

      const removed = await it_.send('DELETE', `/api/policy/exemptions/${exemption.id}`, {
        reason: 'The bank moved to a new site',
      });
      assert.equal(removed.status, 200);
      assert.deepEqual(await exemptions(), []);
      line = await decisionFor('The bank moved to a new site');
      assert.deepEqual(
        [line.kind, line.before, line.after, line.reason],
        [
          'inspection-exemption',
          'not inspected (host only logged)',
          'inspected',
          'The bank moved to a new site',
        ],
      );
      assert.equal((await audits('inspection.exemption.remove')).length, 1);
      assert.equal(await version(), before_ + 2);
      const row = await t.console.store.db
        .selectFrom('inspection_exemptions')
        .select(['removed_by', 'removed_reason'])
        .where('id', '=', exemption.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, {
        removed_by: 'console:it',
        removed_reason: 'The bank moved to a new site',
      });
    });
  });
}
