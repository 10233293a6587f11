/**
 * The Settings API over real HTTP against a real store, on both dialects: what the config
 * says (never a secret), the school CA's certificate to download (never its key), renewing
 * the CA (the old pair kept, audited), and a test e-mail through a real SMTP server that
 * asks for a sign-in; who may do each; bad bodies named by field.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { configSchema } from '../../src/config/config-schema.js';
import { type RunningConsole, startConsole } from '../../src/console/start-console.js';
import { loadOrCreateSchoolCa } from '../../src/gateway/proxy/tls/school-ca.js';
import { DIALECTS, freshDatabase } from '../support/store-dialects.js';
import { type Client, createStaffAccounts, STAFF, signInAs } from './console-fixture.js';

const NOW = Date.UTC(2026, 11, 7, 9);
const SMTP_USER = 'mailer';
const SMTP_PASS = 'smtp-pass-Zq8#never-served';
const WEBHOOK_SECRET = 'webhook-secret-Kx7-never-served';
const WEBHOOK_TOKEN = 'T0KEN-in-the-webhook-path';

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

interface Settings {
  email: {
    smtp: { host: string; port: number; authSet: boolean } | null;
    from: string;
    configKey: string;
  };
  alerts: {
    staff: { id: string; name: string }[];
    routes: {
      minLevel: number;
      categories: { id: string; label: string }[] | null;
      to: { ref: string; members: { id: string }[] }[];
      immediate: boolean;
    }[];
    quietHours: { from: string; to: string } | null;
    perRecipientPerHour: number;
    webhooks: { name: string; origin: string; minLevel: number }[];
  };
  digests: { dailyAt: string; weeklyOn: string; to: { ref: string }[] };
  retention: { activeDays: number; archiveDays: number; holdsInForce: number };
  inspection: {
    enabled: boolean;
    exemptCategories: { id: string; label: string }[];
    exemptHosts: string[];
  };
  certificate: {
    subject: string;
    fingerprintSha256: string;
    notBefore: string;
    notAfter: string;
    daysLeft: number;
  } | null;
}

/** A real SMTP server that wants a sign-in (as a school's relay does), keeping what arrives. */
async function startAuthSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) {
        callback(null, { user: SMTP_USER });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        raw += chunk;
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function problemOf(response: Response): Promise<Problem> {
  assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  return (await response.json()) as Problem;
}

for (const dialect of DIALECTS) {
  describe(`settings API (${dialect})`, () => {
    let smtp: Awaited<ReturnType<typeof startAuthSmtp>>;
    let dataDir: string;
    let main: RunningConsole;
    let noSmtp: RunningConsole;
    let wrongPass: RunningConsole;
    const base = (c: RunningConsole) => `http://127.0.0.1:${c.address.port}`;
    /** Every body the main console answered with, for the no-secrets check. */
    const bodies: string[] = [];
    const clients = new Map<string, Client>();
    const as = async (username: string, c: RunningConsole = main) => {
      const key = `${username}@${c.address.port}`;
      if (!clients.has(key)) clients.set(key, await signInAs(base(c), username));
      return clients.get(key)!;
    };
    const keep = async (response: Response) => {
      bodies.push(await response.clone().text());
      return response;
    };

    before(async () => {
      smtp = await startAuthSmtp();
      const database = await freshDatabase(dialect);
      dataDir = database.dataDir;
      await loadOrCreateSchoolCa({
        dir: join(dataDir, 'ca'),
        schoolName: 'Widford Lodge',
        now: () => new Date(NOW),
      });
      const configOf = (email: Record<string, unknown>) =>
        configSchema.parse({
          school: { name: 'Widford Lodge' },
          dataDir,
          database: { url: database.url },
          lists: {},
          gateway: { inspection: { exemptHosts: ['nhs.uk'] } },
          monitor: {
            staff: [
              { id: 'j.dsl', name: 'Jo DSL', email: 'dsl@school.test', roles: ['dsl'] },
              {
                id: 'm.smith',
                name: 'Mo Smith',
                email: 'smith@school.test',
                roles: ['teacher'],
                classes: ['9x'],
              },
            ],
            routes: [
              { minLevel: 4, to: ['role:dsl'], immediate: true },
              { minLevel: 2, categories: ['self-harm'], to: ['m.smith'] },
            ],
            quietHours: { from: '18:00', to: '07:30' },
            webhooks: [
              {
                name: 'teams',
                url: `https://hooks.school.test/${WEBHOOK_TOKEN}?key=abc`,
                secret: WEBHOOK_SECRET,
              },
            ],
            email,
          },
          policy: { defaultGroup: 'pupils', groups: [{ id: 'pupils', label: 'Pupils' }] },
        });
      const start = (email: Record<string, unknown>) =>
        startConsole({
          config: configOf(email),
          dataDir,
          gatewayPort: 9,
          log: () => {},
          port: 0,
          host: '127.0.0.1',
          now: () => NOW,
        });
      const from = 'Schoolgate <schoolgate@school.test>';
      main = await start({
        from,
        smtp: { host: '127.0.0.1', port: smtp.port, user: SMTP_USER, pass: SMTP_PASS },
      });
      await createStaffAccounts(main.store.db, STAFF, () => NOW);
      noSmtp = await start({ from });
      wrongPass = await start({
        from,
        smtp: { host: '127.0.0.1', port: smtp.port, user: SMTP_USER, pass: 'wrong-pass-Yy4' },
      });
    });

    after(async () => {
      await wrongPass?.close();
      await noSmtp?.close();
      await main?.close();
      await smtp?.stop();
    });

    it('answers 401 without a session, for reads and changes', async () => {
      for (const path of ['/api/settings', '/api/settings/ca.pem', '/api/settings/ca.crt']) {
        const response = await fetch(`${base(main)}${path}`);
        assert.equal(response.status, 401, path);
        assert.equal((await problemOf(response)).type.endsWith('/unauthenticated'), true);
      }
      for (const path of ['/api/settings/ca/renew', '/api/settings/test-email']) {
        const response = await fetch(`${base(main)}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        assert.equal(response.status, 401, path);
      }
    });

    it('answers 403 to every role without settings.read, and dsl cannot renew or send', async () => {
      for (const member of STAFF.filter((s) => s.role !== 'it_admin')) {
        const client = await as(member.username);
        for (const path of ['/api/settings', '/api/settings/ca.pem', '/api/settings/ca.crt']) {
          const response = await keep(await client.get(path));
          assert.equal(response.status, 403, `${member.role} ${path}`);
        }
      }
      const dsl = await as('dsl');
      const renew = await keep(
        await dsl.send('POST', '/api/settings/ca/renew', { reason: 'I would like to' }),
      );
      assert.equal(renew.status, 403);
      assert.match((await problemOf(renew)).detail, /dsl/);
      const mail = await dsl.send('POST', '/api/settings/test-email', { to: 'dsl@school.test' });
      assert.equal(mail.status, 403);
      const rows = await main.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['ca.renew', 'settings.test-email'])
        .execute();
      assert.deepEqual(rows, [], 'nothing refused reached the trail');
    });

    it('refuses a write without the CSRF token', async () => {
      const it_ = await as('it');
      const response = await it_.send(
        'POST',
        '/api/settings/ca/renew',
        { reason: 'no token' },
        { csrf: false },
      );
      assert.equal(response.status, 403);
      assert.equal((await problemOf(response)).type.endsWith('/csrf'), true);
    });

    it('shows what the config says: SMTP without the password, routing, retention, inspection, the CA', async () => {
      const response = await keep(await (await as('it')).get('/api/settings'));
      assert.equal(response.status, 200);
      const settings = (await response.json()) as Settings;
      assert.deepEqual(
        { ...settings.email.smtp },
        {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          requireTls: false,
          authSet: true,
        },
      );
      assert.equal(settings.email.configKey, 'monitor.email');
      assert.deepEqual(
        settings.alerts.routes.map((r) => ({
          minLevel: r.minLevel,
          categories: r.categories?.map((c) => c.id) ?? null,
          to: r.to.map((t) => [t.ref, t.members.map((m) => m.id)]),
          immediate: r.immediate,
        })),
        [
          { minLevel: 4, categories: null, to: [['role:dsl', ['j.dsl']]], immediate: true },
          {
            minLevel: 2,
            categories: ['self-harm'],
            to: [['m.smith', ['m.smith']]],
            immediate: false,
          },
        ],
      );
      assert.deepEqual(settings.alerts.quietHours, { from: '18:00', to: '07:30' });
      assert.deepEqual(settings.alerts.webhooks, [
        { name: 'teams', origin: 'https://hooks.school.test', minLevel: 4, signed: true },
      ]);
      assert.deepEqual(
        settings.digests.to.map((t) => t.ref),
        ['role:head', 'role:dsl'],
      );
      assert.deepEqual(
        { ...settings.retention },
        {
          configKey: 'retention',
          activeDays: 365,
          archiveDays: 365,
          rollupDays: 730,
          safeguardingReviewYearsAfterBirth: 25,
          hrYears: 7,
          dailyAt: '02:30',
          holdsInForce: 0,
        },
      );
      assert.equal(settings.inspection.enabled, true);
      assert.deepEqual(
        settings.inspection.exemptCategories.map((c) => c.id),
        ['banking', 'health'],
      );
      assert.deepEqual(settings.inspection.exemptHosts, ['nhs.uk']);
      const onDisk = new X509Certificate(readFileSync(join(dataDir, 'ca', 'ca-cert.pem')));
      assert.equal(settings.certificate?.fingerprintSha256, onDisk.fingerprint256);
      assert.match(settings.certificate?.subject ?? '', /CN=Widford Lodge Schoolgate CA/);
      assert.equal(settings.certificate?.daysLeft, 3653);
    });

    it('serves the CA certificate as PEM and DER, the same as the file, never the key', async () => {
      const it_ = await as('it');
      const pem = await keep(await it_.get('/api/settings/ca.pem'));
      assert.equal(pem.status, 200);
      assert.match(
        pem.headers.get('content-disposition') ?? '',
        /attachment; filename="school-ca.pem"/,
      );
      const text = await pem.text();
      assert.doesNotMatch(text, /PRIVATE KEY/);
      const served = new X509Certificate(text);
      const onDisk = new X509Certificate(readFileSync(join(dataDir, 'ca', 'ca-cert.pem')));
      assert.equal(served.fingerprint256, onDisk.fingerprint256);
      assert.equal(served.ca, true);
      const der = await it_.get('/api/settings/ca.crt');
      assert.equal(der.status, 200);
      assert.equal(der.headers.get('content-type'), 'application/x-x509-ca-cert');
      const bytes = Buffer.from(await der.arrayBuffer());
      assert.deepEqual(bytes, onDisk.raw);
    });

    it('refuses bad bodies, naming the field', async () => {
      const it_ = await as('it');
      const cases = [
        { path: '/api/settings/ca/renew', body: {}, field: 'reason' },
        { path: '/api/settings/ca/renew', body: { reason: ' x ' }, field: 'reason' },
        { path: '/api/settings/ca/renew', body: { reason: 42 }, field: 'reason' },
        { path: '/api/settings/test-email', body: {}, field: 'to' },
        { path: '/api/settings/test-email', body: { to: 'not an address' }, field: 'to' },
        { path: '/api/settings/test-email', body: { to: 'it@school.test', cc: 'x' }, field: '' },
      ];
      for (const c of cases) {
        const response = await keep(await it_.send('POST', c.path, c.body));
        assert.equal(response.status, 400, JSON.stringify(c));
        const problem = await problemOf(response);
        assert.equal(problem.type.endsWith('/invalid'), true);
        if (c.field !== '') {
          assert.deepEqual(
            problem.errors?.map((e) => e.path),
            [c.field],
            JSON.stringify(c),
          );
        } else {
          assert.match(problem.detail, /cc/);
        }
      }
    });

    it('sends a test e-mail through the configured SMTP (signing in) and says so; audited', async () => {
      const response = await keep(
        await (await as('it')).send('POST', '/api/settings/test-email', { to: 'it@school.test' }),
      );
      assert.equal(response.status, 200);
      const result = (await response.json()) as { outcome: string; message: string };
      assert.equal(result.outcome, 'sent', result.message);
      assert.match(result.message, /accepted the test e-mail to it@school\.test/);
      const mail = smtp.received.at(-1);
      assert.deepEqual(mail?.to, ['it@school.test']);
      assert.match(mail?.raw ?? '', /Subject: Schoolgate test e-mail \(Widford Lodge\)/);
      const row = await main.store.db
        .selectFrom('audit_log')
        .select(['actor', 'target_kind', 'target', 'details'])
        .where('action', '=', 'settings.test-email')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...row, details: JSON.parse(row.details) },
        {
          actor: 'console:it',
          target_kind: 'settings',
          target: 'monitor.email',
          details: { to: 'it@school.test', outcome: 'sent' },
        },
      );
    });

    it('says what went wrong when the SMTP server refuses, and when SMTP is not set', async () => {
      const before = smtp.received.length;
      const refused = await (await as('it', wrongPass)).send('POST', '/api/settings/test-email', {
        to: 'it@school.test',
      });
      assert.equal(refused.status, 200);
      const failure = (await refused.json()) as { outcome: string; message: string };
      assert.equal(failure.outcome, 'smtp-error');
      assert.match(failure.message, /^Not sent: the SMTP server at 127\.0\.0\.1:\d+ answered/);
      assert.match(failure.message, /monitor\.email\.smtp\.user and pass/);
      assert.doesNotMatch(failure.message, /wrong-pass/);
      assert.equal(smtp.received.length, before);

      const unset = await (await as('it', noSmtp)).send('POST', '/api/settings/test-email', {
        to: 'it@school.test',
      });
      assert.deepEqual(await unset.json(), {
        outcome: 'not-configured',
        message:
          'SMTP is not set: add monitor.email.smtp to schoolgate.yaml, then restart Schoolgate.',
      });
      const settings = (await (
        await (await as('it', noSmtp)).get('/api/settings')
      ).json()) as Settings;
      assert.equal(settings.email.smtp, null);
    });

    it('renews the CA: a new fingerprint, the old pair kept beside it, audited without key material', async () => {
      const it_ = await as('it');
      const caDir = join(dataDir, 'ca');
      const oldCert = new X509Certificate(readFileSync(join(caDir, 'ca-cert.pem')));
      const oldKey = readFileSync(join(caDir, 'ca-key.pem'), 'utf8');
      const response = await keep(
        await it_.send('POST', '/api/settings/ca/renew', {
          reason: 'Key may have been copied with the old server image',
        }),
      );
      assert.equal(response.status, 200);
      const result = (await response.json()) as {
        certificate: { fingerprintSha256: string; daysLeft: number };
        previousFingerprint: string;
        previousFolder: string;
        message: string;
      };
      assert.equal(result.previousFingerprint, oldCert.fingerprint256);
      assert.notEqual(result.certificate.fingerprintSha256, oldCert.fingerprint256);
      assert.match(result.message, /Every device must install it/);
      const newCert = new X509Certificate(readFileSync(join(caDir, 'ca-cert.pem')));
      assert.equal(newCert.fingerprint256, result.certificate.fingerprintSha256);
      const newKey = readFileSync(join(caDir, 'ca-key.pem'), 'utf8');
      assert.notEqual(newKey, oldKey);
      assert.equal(statSync(join(caDir, 'ca-key.pem')).mode & 0o777, 0o600);

      const kept = join(dataDir, result.previousFolder);
      assert.match(result.previousFolder, /^ca\/previous-2026-12-07T09-00-00-000Z$/);
      assert.equal(
        new X509Certificate(readFileSync(join(kept, 'ca-cert.pem'))).fingerprint256,
        oldCert.fingerprint256,
      );
      assert.equal(readFileSync(join(kept, 'ca-key.pem'), 'utf8'), oldKey);
      assert.equal(statSync(join(kept, 'ca-key.pem')).mode & 0o777, 0o600);
      assert.equal(statSync(kept).mode & 0o777, 0o700);

      const settings = (await (await it_.get('/api/settings')).json()) as Settings;
      assert.equal(settings.certificate?.fingerprintSha256, newCert.fingerprint256);
      const pem = await (await it_.get('/api/settings/ca.pem')).text();
      assert.equal(new X509Certificate(pem).fingerprint256, newCert.fingerprint256);

      const row = await main.store.db
        .selectFrom('audit_log')
        .select(['actor', 'target_kind', 'target', 'reason', 'details'])
        .where('action', '=', 'ca.renew')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...row, details: JSON.parse(row.details) },
        {
          actor: 'console:it',
          target_kind: 'settings',
          target: 'school-ca',
          reason: 'Key may have been copied with the old server image',
          details: {
            oldFingerprint: oldCert.fingerprint256,
            newFingerprint: newCert.fingerprint256,
            newNotAfter: new Date(Date.parse(newCert.validTo)).toISOString(),
            previousFolder: result.previousFolder,
          },
        },
      );
      assert.doesNotMatch(row.details, /PRIVATE|BEGIN/);

      // A second renewal in the same second keeps the first one's folder too.
      const again = await it_.send('POST', '/api/settings/ca/renew', { reason: 'Once more' });
      assert.equal(again.status, 200);
      const second = (await again.json()) as {
        previousFolder: string;
        previousFingerprint: string;
      };
      assert.equal(second.previousFolder, `${result.previousFolder}-2`);
      assert.equal(second.previousFingerprint, newCert.fingerprint256);
    });

    it('never answers with a password, secret or key', () => {
      const keys = ['ca-key.pem', 'previous-2026-12-07T09-00-00-000Z/ca-key.pem'].map((f) =>
        readFileSync(join(dataDir, 'ca', f), 'utf8'),
      );
      assert.ok(bodies.length >= 20, `${bodies.length} bodies checked`);
      for (const body of bodies) {
        for (const secret of [SMTP_PASS, WEBHOOK_SECRET, WEBHOOK_TOKEN, 'PRIVATE KEY']) {
          assert.equal(body.includes(secret), false, `a response held ${secret}`);
        }
        for (const key of keys) {
          const base64 = key.split('\n').filter((line) => !line.startsWith('-----'));
          for (const line of base64) assert.equal(body.includes(line), false, 'key material');
        }
      }
    });
  });
}
