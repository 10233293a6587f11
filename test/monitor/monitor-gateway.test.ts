/**
 * The monitor end to end: curl as the pupils' browsers, through the real gateway (with a
 * clock the test moves on), the spool and the SQLite store, into alerts; e-mail to a real
 * SMTP server on loopback and a webhook receiver that fails twice. The sequences are the
 * ones schools described: a pupil's run of self-harm searches, an extremism search in
 * Urdu, a history lesson on WW2 propaganda covered by a teacher's notice, a flood of
 * blocked game attempts, and teachers who must hear only of their own classes.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningGateway } from '../../src/gateway/proxy/start-gateway.js';
import { startGateway } from '../../src/gateway/proxy/start-gateway.js';
import { addUser } from '../../src/identity/add-user.js';
import type { Alert } from '../../src/monitor/alert.js';
import { listAlerts } from '../../src/monitor/records/alert-queries.js';
import { openStore } from '../../src/store/open-store.js';
import { jsonLines, runCli } from '../support/run-cli.js';
import { runCurl } from '../support/run-curl.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { listenOnLoopback, stopServer } from '../support/test-gateway.js';

const MINUTE = 60_000;
const SECRET = 'test-webhook-secret-0123456789';
/**
 * The gateway's clock: real time moved to a Tuesday of the second autumn half term,
 * mid-morning (10:00 GMT), and moved on by the test (`later`). It keeps ticking, so the
 * outbox's retries back off in real time.
 */
let offsetMs = Date.parse('2026-11-24T10:00:00Z') - Date.now();
const clock = () => Date.now() + offsetMs;
const later = (ms: number) => {
  offsetMs += ms;
};

let dir: string;
let config: string;
let gateway: RunningGateway;
let proxy: string;
let originPort: number;
let origin: Server;
let smtp: SmtpSink;
let receiver: Server;
const hooks: { headers: IncomingMessage['headers']; body: string; status: number }[] = [];

const PUPILS = {
  'pupil.a': ['pupils', '9x'],
  'pupil.b': ['pupils', '9x'],
  'pupil.c': ['pupils', '10y'],
  'pupil.d': ['pupils', '10y'],
} as const;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-monitor-'));
  origin = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`results for ${req.url}`);
  });
  originPort = await listenOnLoopback(origin);
  smtp = await startSmtpSink();
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      // Fails the first two deliveries, as a receiver restarting would.
      const status = hooks.length < 2 ? 500 : 200;
      hooks.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  const receiverPort = await listenOnLoopback(receiver);
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  writeFileSync(join(dir, 'extremism.txt'), 'propaganda-archive.test\n');
  const hosts = ['www.google.com', 'play.test', 'propaganda-archive.test']
    .map((h) => `      ${h}: 127.0.0.1`)
    .join('\n');
  config = join(dir, 'schoolgate.yaml');
  writeFileSync(
    config,
    `school: { name: Test School }
dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
    - { type: list, name: extremism, category: extremism, path: extremism.txt }
gateway:
  upstream:
    hosts:
${hosts}
monitor:
  staff:
    - { id: dsl, name: A Patel, email: dsl@school.test, roles: [dsl] }
    - { id: smith, name: J Smith, email: smith@school.test, roles: [teacher], classes: [9x] }
    - { id: brown, name: K Brown, email: brown@school.test, roles: [teacher], classes: [10y] }
  email:
    smtp: { host: 127.0.0.1, port: ${smtp.port} }
    from: Schoolgate <schoolgate@school.test>
  webhooks:
    - { name: mis, url: 'http://127.0.0.1:${receiverPort}/alerts', secret: ${SECRET}, minLevel: 4 }
  delivery: { maxAttempts: 5, firstRetrySeconds: 0.05, maxRetrySeconds: 0.2 }
policy:
  defaultGroup: pupils
  groups:
    - id: pupils
      label: Pupils
      phraseLimit: 100
      categories: { games: block, extremism: block, self-harm: block }
`,
  );
  for (const [user, groups] of Object.entries(PUPILS)) {
    await addUser(join(dir, 'data', 'users.json'), {
      username: user,
      displayName: user,
      groups,
      password: 'pw',
    });
  }
  gateway = await startGateway({
    config,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    now: clock,
  });
  proxy = `http://127.0.0.1:${gateway.address.port}`;
});

after(async () => {
  await gateway?.close();
  stopServer(origin);
  stopServer(receiver);
  await smtp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** One request through the proxy as `user`, at the test clock's time. */
function browse(user: keyof typeof PUPILS, url: string) {
  return runCurl(['-x', proxy, '--proxy-user', `${user}:pw`, url]);
}

function search(user: keyof typeof PUPILS, terms: string) {
  return browse(user, `http://www.google.com:${originPort}/search?q=${encodeURIComponent(terms)}`);
}

/** Waits until the gateway's events are stored and folded, and what they queued is sent. */
async function settle(): Promise<void> {
  await gateway.recording.drained();
  await gateway.monitor?.deliveriesIdle();
}

/** Polls until `ready` holds (retries back off in real time), or fails after `timeoutMs`. */
async function waitUntil(ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function alertsAbout(user: string): Promise<Alert[]> {
  const store = await openStore({ dataDir: join(dir, 'data') });
  try {
    return await listAlerts(store.db, {
      user,
      states: ['new', 'acknowledged', 'closed', 'escalated'],
    });
  } finally {
    await store.close();
  }
}

describe('the monitor through the real gateway', () => {
  it('folds a pupil’s self-harm searches over ten minutes into one alert that rises, and e-mails the DSL', async () => {
    const levels: number[] = [];
    const searches = [
      'i hate myself',
      'i want to die',
      'how to self harm without anyone knowing',
      'how to kill myself painlessly',
    ];
    for (const [i, terms] of searches.entries()) {
      if (i > 0) later(3 * MINUTE);
      const answer = await search('pupil.a', terms);
      assert.equal(answer.exitCode, 0, answer.stderr);
      await settle();
      levels.push((await alertsAbout('pupil.a'))[0]?.level ?? 0);
    }
    const alerts = await alertsAbout('pupil.a');
    assert.equal(alerts.length, 1, 'one growing alert, not one per search');
    assert.equal(alerts[0]?.category, 'self-harm');
    assert.equal(alerts[0]?.level, 5);
    assert.ok(alerts[0]!.count >= 3, `count ${alerts[0]?.count}`);
    assert.deepEqual(
      levels.slice(1),
      [...levels.slice(1)].sort((a, b) => a - b),
      `levels never fall: ${levels}`,
    );
    assert.ok(levels[0]! < 5, `the level rose during the run: ${levels}`);
    const toDsl = smtp.messages.filter((m) => m.to.includes('dsl@school.test'));
    assert.ok(toDsl.length >= 1);
    const last = toDsl.at(-1)!;
    assert.match(last.subject, /Level (raised to )?5/);
    assert.match(last.subject, /pupil\.a/);
    assert.match(last.text, /Search terms: i want to die/);
    // Noise control: the DSL hears again only when the level rises, never twice at one level.
    const levelsMailed = toDsl.map((m) => /Level (?:raised to )?(\d)/.exec(m.subject)?.[1]);
    assert.deepEqual(levelsMailed, [...new Set(levelsMailed)].sort());
  });

  it('sends a class’s alerts to its own teacher only', () => {
    const to = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
    assert.ok(to('smith@school.test').length >= 1, 'pupil.a is in 9x: Mr Smith is told');
    assert.equal(to('brown@school.test').length, 0, 'Mrs Brown teaches 10y: she is not');
  });

  it('retries the webhook after the receiver fails twice, with a signature it can check', async () => {
    await waitUntil(() => hooks.length >= 3, 10_000);
    assert.deepEqual(
      hooks.slice(0, 3).map((h) => h.status),
      [500, 500, 200],
    );
    const delivered = hooks[2]!;
    assert.equal(hooks[0]!.body, delivered.body, 'a retry sends the same body');
    const timestamp = String(delivered.headers['x-schoolgate-timestamp']);
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${delivered.body}`).digest('hex')}`;
    assert.equal(delivered.headers['x-schoolgate-signature'], expected);
    const body = JSON.parse(delivered.body) as { alert: { category: string; level: number } };
    assert.equal(body.alert.category, 'self-harm');
    assert.ok(body.alert.level >= 4);
  });

  it('raises an alert for an extremism search in Urdu', async () => {
    later(20 * MINUTE);
    await search('pupil.c', 'داعش میں شامل ہونے کا طریقہ');
    await settle();
    const [alert] = await alertsAbout('pupil.c');
    assert.equal(alert?.category, 'extremism');
    assert.ok(alert!.level >= 3, `level ${alert?.level}`);
  });

  it('marks a WW2 propaganda lesson’s alerts as expected, one level lower, not hidden', async () => {
    later(20 * MINUTE);
    const lesson = (offset: number) =>
      new Date(clock() + offset).toISOString().replace(/\.\d+Z$/, 'Z');
    const added = await runCli([
      'alerts',
      'notices',
      'add',
      '--config',
      config,
      '--by',
      'smith',
      '--groups',
      '9x',
      '--topic',
      'WW2 propaganda',
      '--keywords',
      'propaganda',
      '--categories',
      'extremism',
      '--from',
      lesson(-MINUTE),
      '--to',
      lesson(60 * MINUTE),
    ]);
    assert.equal(added.code, 0, added.stderr);
    await browse('pupil.b', `http://propaganda-archive.test:${originPort}/posters`);
    await browse('pupil.d', `http://propaganda-archive.test:${originPort}/posters`);
    await settle();
    const [inLesson] = await alertsAbout('pupil.b');
    const [otherClass] = await alertsAbout('pupil.d');
    assert.equal(inLesson?.expected, 'WW2 propaganda');
    assert.equal(otherClass?.expected, null);
    assert.equal(inLesson!.level, otherClass!.level - 1);
  });

  it('folds a flood of one pupil’s blocked game attempts into one low alert, sent to nobody at once', async () => {
    later(20 * MINUTE);
    const before = smtp.messages.length;
    for (let i = 0; i < 12; i++) {
      later(20_000);
      const answer = await browse('pupil.d', `http://play.test:${originPort}/level-${i}`);
      assert.equal(answer.status, 403);
    }
    await settle();
    const games = (await alertsAbout('pupil.d')).filter((a) => a.category === 'games');
    assert.equal(games.length, 1);
    assert.equal(games[0]?.level, 1);
    assert.equal(games[0]?.count, 12);
    assert.equal(smtp.messages.length, before);
  });

  it('makes the day’s digest on demand, and sends it with its PDF and CSV', async () => {
    const shown = await runCli([
      'report',
      'digest',
      '--config',
      config,
      '--day',
      '2026-11-24',
      '--format',
      'csv',
    ]);
    assert.equal(shown.code, 0, shown.stderr);
    const rows = shown.stdout.split('\n');
    assert.ok(
      rows.some((r) => r.startsWith('blocked-by-category,games,12,')),
      'games counted',
    );
    assert.ok(
      rows.some((r) => /pupil\.d/.test(r)),
      'blocked attempts by person',
    );
    const sent = await runCli([
      'report',
      'digest',
      '--config',
      config,
      '--day',
      '2026-11-24',
      '--send',
    ]);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /queued for dsl/);
    await waitUntil(() => smtp.messages.some((m) => /daily digest/.test(m.subject)), 10_000);
    const digest = smtp.messages.find((m) => /daily digest/.test(m.subject))!;
    assert.deepEqual(digest.to, ['dsl@school.test']);
    assert.ok(digest.attachments.some((name) => name.endsWith('.pdf')));
    assert.ok(digest.attachments.some((name) => name.endsWith('.csv')));
    const again = await runCli([
      'report',
      'digest',
      '--config',
      config,
      '--day',
      '2026-11-24',
      '--send',
    ]);
    assert.match(again.stdout, /was sent before/);
  });

  it('lists and acknowledges alerts from the command line, audited', async () => {
    const listed = await runCli(['alerts', 'list', '--config', config, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const alerts = jsonLines(listed.stdout) as unknown as Alert[];
    const urgent = alerts.find((a) => a.subject.user === 'pupil.a');
    assert.equal(urgent?.level, 5);
    assert.equal(alerts[0]?.level, 5, 'most urgent first');
    const ack = await runCli([
      'alerts',
      'ack',
      urgent!.id.slice(0, 8),
      '--config',
      config,
      '--by',
      'dsl',
    ]);
    assert.equal(ack.code, 0, ack.stderr);
    assert.match(ack.stdout, /is now acknowledged/);
    const shown = await runCli([
      'alerts',
      'show',
      urgent!.id,
      '--config',
      config,
      '--reason',
      'triage',
    ]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /acknowledged by dsl/);
    assert.match(shown.stdout, /searched: how to kill myself painlessly/);
    const audit = await runCli(['audit', 'show', '--config', config, '--kind', 'alert']);
    assert.match(audit.stdout, /alert\.acknowledge/);
    assert.match(audit.stdout, /alert\.read/);
  });
});
