/**
 * The console API's permission boundaries and input checks, over real HTTP against a real
 * store: who may see and change what, sign-in, lock-out, CSRF, and problem+json errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enrolTotp } from '../../src/console/auth/enrol-totp.js';
import { totpCode } from '../../src/console/auth/totp/totp.js';
import { DIALECTS } from '../support/store-dialects.js';
import {
  PASSWORD,
  signedInClients,
  signInAs,
  startTestConsole,
  type TestConsole,
} from './console-fixture.js';

async function problemOf(response: Response) {
  assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  return (await response.json()) as {
    type: string;
    status: number;
    detail: string;
    errors?: { path: string; message: string }[];
    retryAfterSeconds?: number;
  };
}

for (const dialect of DIALECTS) {
  describe(`console API (${dialect})`, () => {
    let t: TestConsole;
    const as = signedInClients(() => t.url);
    before(async () => {
      t = await startTestConsole(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it('answers 401 problem+json to a call without a session, on every API', async () => {
      for (const path of [
        '/api/session',
        '/api/alerts',
        '/api/dashboard',
        '/api/audit',
        `/api/alerts/${t.alerts.nineX}`,
      ]) {
        const response = await fetch(`${t.url}${path}`);
        assert.equal(response.status, 401, path);
        const problem = await problemOf(response);
        assert.match(problem.type, /unauthenticated$/);
      }
    });

    it('signs in with an HttpOnly, SameSite=Strict cookie and says who and what is allowed', async () => {
      const response = await fetch(`${t.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'DSL', password: PASSWORD }),
      });
      assert.equal(response.status, 200);
      const cookie = response.headers.get('set-cookie') ?? '';
      assert.match(cookie, /sg_session=/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Strict/i);
      assert.doesNotMatch(cookie, /Secure/i, 'not Secure over plain HTTP');
      const body = (await response.json()) as { user: { role: string }; permissions: string[] };
      assert.equal(body.user.role, 'dsl');
      assert.ok(body.permissions.includes('alerts.change'));
      assert.ok(!JSON.stringify(body).includes('argon2'), 'no password hash served');
    });

    it('refuses a write without the CSRF token', async () => {
      const dsl = await as('dsl');
      const response = await dsl.send(
        'POST',
        `/api/alerts/${t.alerts.nineX}/acknowledge`,
        {},
        { csrf: false },
      );
      assert.equal(response.status, 403);
      assert.match((await problemOf(response)).type, /csrf$/);
      const other = await as('deputy');
      const forged = await fetch(`${t.url}/api/alerts/${t.alerts.nineX}/acknowledge`, {
        method: 'POST',
        headers: {
          cookie: dsl.cookie,
          'content-type': 'application/json',
          'x-csrf-token': other.csrfToken,
        },
        body: '{}',
      });
      assert.equal(forged.status, 403, "another session's token does not do");
    });

    it('shows a teacher only their class’s alerts, and hides the rest as absent', async () => {
      const smith = await as('smith');
      const list = (await (await smith.get('/api/alerts?state=all')).json()) as {
        alerts: { id: string; subject: { user: string } }[];
      };
      assert.deepEqual(
        list.alerts.map((a) => a.subject.user),
        ['pupil.one'],
      );
      const other = await smith.get(`/api/alerts/${t.alerts.tenY}`);
      assert.equal(other.status, 404);
      const change = await smith.send('POST', `/api/alerts/${t.alerts.tenY}/acknowledge`, {});
      assert.equal(change.status, 404);
      const byClass = (await (await smith.get('/api/alerts?class=10y')).json()) as {
        alerts: unknown[];
      };
      assert.deepEqual(byClass.alerts, [], 'asking for another class gives nothing');
      const own = await smith.get(`/api/alerts/${t.alerts.nineX}`);
      assert.equal(own.status, 200);
      const dashboard = (await (await smith.get('/api/dashboard')).json()) as {
        openAlerts: number;
        topUsers: unknown;
      };
      assert.equal(dashboard.openAlerts, 1, "the class's open alerts, not the school's");
      assert.equal(dashboard.topUsers, null, 'no school-wide names for a teacher');
    });

    it('never gives a governor or the bursar a pupil’s name', async () => {
      for (const username of ['governor', 'bursar']) {
        const client = await as(username);
        assert.equal((await client.get('/api/alerts')).status, 403, `${username}: alerts`);
        assert.equal((await client.get(`/api/alerts/${t.alerts.nineX}`)).status, 403);
        assert.equal((await client.get('/api/audit')).status, 403, `${username}: audit`);
        const dashboard = await client.get('/api/dashboard');
        assert.equal(dashboard.status, 200);
        const text = await dashboard.text();
        assert.doesNotMatch(text, /pupil\./, `${username}: no names on the dashboard`);
        assert.equal((JSON.parse(text) as { topUsers: unknown }).topUsers, null);
      }
    });

    it('keeps the alert queue from IT, who sees health and the audit trail', async () => {
      const it_ = await as('it');
      assert.equal((await it_.get('/api/alerts')).status, 403);
      assert.equal((await it_.get('/api/audit')).status, 200);
      const dashboard = (await (await it_.get('/api/dashboard')).json()) as {
        health: { status: string } | null;
        openAlerts: number;
      };
      assert.equal(dashboard.health?.status, 'degraded', 'the gateway is not running here');
      assert.equal(dashboard.openAlerts, 0, 'no alert counts for IT');
    });

    it('audits every read of an alert’s evidence, with who', async () => {
      const head = await as('head');
      const response = await head.get(`/api/alerts/${t.alerts.nineX}`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as { evidence: { searchTerms: string }[] };
      assert.equal(body.evidence[0]?.searchTerms, 'how to kill myself');
      const dsl = await as('dsl');
      const audit = (await (
        await dsl.get(`/api/audit?kind=alert&target=${t.alerts.nineX}`)
      ).json()) as {
        records: { actor: string; action: string }[];
      };
      assert.ok(audit.records.some((r) => r.actor === 'console:head' && r.action === 'alert.read'));
    });

    it('validates every input and says which field is wrong', async () => {
      const dsl = await as('dsl');
      const cases = [
        {
          path: `/api/alerts/${t.alerts.nineX}/close`,
          body: { outcome: 'no-concern' },
          field: 'reason',
        },
        {
          path: `/api/alerts/${t.alerts.nineX}/close`,
          body: { outcome: 'maybe', reason: 'ok then' },
          field: 'outcome',
        },
        {
          path: `/api/alerts/${t.alerts.nineX}/escalate`,
          body: { reason: 'serious' },
          field: 'caseRef',
        },
        { path: `/api/alerts/${t.alerts.nineX}/acknowledge`, body: { extra: 1 }, field: 'request' },
        { path: '/api/alerts/not-a-uuid/acknowledge', body: {}, field: 'id' },
      ];
      for (const c of cases) {
        const response = await dsl.send('POST', c.path, c.body);
        assert.equal(response.status, 400, JSON.stringify(c));
        const problem = await problemOf(response);
        assert.ok(
          problem.errors?.some((e) => e.path === c.field),
          `${c.field}: ${JSON.stringify(problem.errors)}`,
        );
      }
      for (const query of ['?minLevel=9', '?state=open', '?limit=0', '?nonsense=1']) {
        assert.equal((await dsl.get(`/api/alerts${query}`)).status, 400, query);
      }
      const notJson = await fetch(`${t.url}/api/alerts/${t.alerts.nineX}/acknowledge`, {
        method: 'POST',
        headers: {
          cookie: dsl.cookie,
          'x-csrf-token': dsl.csrfToken,
          'content-type': 'text/plain',
        },
        body: 'hello',
      });
      assert.equal(notJson.status, 400);
      await problemOf(notJson);
    });

    it('works an alert: acknowledge, close with an outcome, and refuses a second close', async () => {
      const dsl = await as('dsl');
      const ack = await dsl.send('POST', `/api/alerts/${t.alerts.tenY}/acknowledge`, {});
      assert.equal(ack.status, 200);
      const close = await dsl.send('POST', `/api/alerts/${t.alerts.tenY}/close`, {
        outcome: 'handled-in-school',
        reason: 'spoke to the pupil',
      });
      assert.equal(close.status, 200);
      const closed = (await close.json()) as { alert: { state: { kind: string; by: string } } };
      assert.deepEqual([closed.alert.state.kind, closed.alert.state.by], ['closed', 'console:dsl']);
      const again = await dsl.send('POST', `/api/alerts/${t.alerts.tenY}/close`, {
        outcome: 'duplicate',
        reason: 'again',
      });
      assert.equal(again.status, 409);
    });

    it('locks an account after repeated wrong passwords, even for the right one', async () => {
      const attempt = (password: string) =>
        fetch(`${t.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'bursar', password }),
        });
      assert.equal((await attempt('wrong one')).status, 401);
      assert.equal((await attempt('wrong two')).status, 401);
      const locked = await attempt('wrong three');
      assert.equal(locked.status, 423);
      assert.ok(((await problemOf(locked)).retryAfterSeconds ?? 0) > 0);
      assert.equal((await attempt(PASSWORD)).status, 423, 'the right password waits too');
      const unknown = await fetch(`${t.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'x' }),
      });
      assert.equal(unknown.status, 401, 'an unknown user looks like a wrong password');
    });

    it('signs out: the session no longer works', async () => {
      const client = await signInAs(t.url, 'head');
      assert.equal((await client.send('DELETE', '/api/session')).status, 204);
      assert.equal((await client.get('/api/session')).status, 401);
    });
  });
}

describe('console sign-in with a second factor', () => {
  it('asks for the code, accepts the right one once, and refuses a replay', async () => {
    let nowMs = Date.parse('2026-11-24T10:00:00Z');
    const t = await startTestConsole('sqlite', { requireTotpFor: ['dsl'] }, () => nowMs);
    try {
      const signIn = (username: string, totp?: string) =>
        fetch(`${t.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            username,
            password: PASSWORD,
            ...(totp === undefined ? {} : { totp }),
          }),
        });
      const setup = await signIn('dsl');
      assert.equal(setup.status, 403, 'the role needs a second factor that is not set up');
      assert.match((await problemOf(setup)).detail, /schoolgate users totp/);
      const { secret } = await enrolTotp(
        t.console.store.db,
        'dsl',
        'Test School',
        'test',
        () => nowMs,
      );
      const asked = await signIn('dsl');
      assert.equal(asked.status, 401);
      assert.match((await problemOf(asked)).type, /totp-required$/);
      const wrong = await signIn('dsl', '000000' === totpCode(secret, nowMs) ? '111111' : '000000');
      assert.equal(wrong.status, 401);
      const code = totpCode(secret, nowMs);
      const ok = await signIn('dsl', `${code.slice(0, 3)} ${code.slice(3)}`);
      assert.equal(ok.status, 200);
      const replay = await signIn('dsl', code);
      assert.equal(replay.status, 401, 'a code works once');
      nowMs += 30_000;
      assert.equal((await signIn('dsl', totpCode(secret, nowMs))).status, 200);
      const audit = await t.console.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('target', '=', 'dsl')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        [
          'console-user.add',
          'console-user.totp',
          'session.sign-in-failed',
          'session.sign-in',
          'session.sign-in-failed',
          'session.sign-in',
        ],
      );
    } finally {
      await t.close();
    }
  });
});
