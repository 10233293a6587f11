import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { addUser } from '../../src/identity/add-user.js';
import { startSmtpSink } from '../../test/support/smtp-sink.js';

export interface LatencyRun {
  readonly probes: number;
  /** Request sent -> alert row visible in the store, ms, per probe. */
  readonly toAlertMs: readonly number[];
  /** Request sent -> the SMTP server has the DSL's e-mail, ms, per probe. */
  readonly toEmailMs: readonly number[];
  readonly missedAlerts: number;
  readonly missedEmails: number;
  readonly background: { readonly answeredPerSecond: number; readonly failed: number };
}

export interface LatencyOptions {
  readonly dir: string;
  readonly rate: number;
  readonly probes: number;
  readonly workers: number;
  readonly log: (message: string) => void;
}

const ROOT = join(import.meta.dirname, '..', '..');
/** A search the safeguarding lists grade level 5 on its own: an e-mail goes at once. */
const PROBE_SEARCH = 'how to kill myself painlessly';
const PROBE_TIMEOUT_MS = 15_000;

/**
 * One run: the gateway (`schoolgate start`, as a school runs it) with the monitor e-mailing a
 * DSL through a real SMTP server on loopback, background traffic at `rate` requests/s, and
 * `probes` level-5 searches by different pupils, one a second. For each probe: the time from
 * sending the request to its alert row being readable in the store, and to the e-mail
 * arriving at the SMTP server.
 */
export async function measureLatency(options: LatencyOptions): Promise<LatencyRun> {
  const { dir, log } = options;
  const origin = await startOrigin();
  const smtp = await startSmtpSink();
  const proxyPort = await freePort();
  const originPort = (origin.address() as AddressInfo).port;
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  writeFileSync(
    join(dir, 'schoolgate.yaml'),
    `school: { name: Bench School }
dataDir: ./data
lists: { sources: [{ type: list, name: games, category: games, path: games.txt }] }
gateway:
  listen: { host: 127.0.0.1, port: ${proxyPort} }
  inspection: { enabled: false }
  upstream: { hosts: { www.google.com: 127.0.0.1, site.test: 127.0.0.1 } }
monitor:
  staff: [{ id: dsl, name: Bench DSL, email: dsl@school.test, roles: [dsl] }]
  email: { smtp: { host: 127.0.0.1, port: ${smtp.port} } }
policy:
  defaultGroup: pupils
  groups: [{ id: pupils, label: Pupils, phraseLimit: 100, categories: { games: block, self-harm: block } }]
`,
  );
  const users = Array.from(
    { length: options.probes },
    (_, i) => `probe${String(i).padStart(3, '0')}`,
  );
  for (const user of users) {
    await addUser(join(dir, 'data', 'users.json'), {
      username: user,
      displayName: user,
      groups: ['pupils'],
      password: 'pw',
    });
  }
  const gateway = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/cli/main.ts'),
      'start',
      '--config',
      join(dir, 'schoolgate.yaml'),
      '--workers',
      String(options.workers),
      '--console-port',
      '0',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let load: ChildProcess | null = null;
  try {
    await waitForHealth(proxyPort);
    log(
      `gateway up on ${proxyPort} (${options.workers} workers); background ${options.rate} req/s`,
    );
    load = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'load.ts'),
        String(proxyPort),
        `http://site.test:${originPort}/small`,
        String(options.rate),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await sleep(5000); // warm-up: connections open, JIT warm, writer batching at this rate
    const db = new BetterSqlite3(join(dir, 'data', 'schoolgate.db'), { readonly: true });
    db.pragma('busy_timeout = 1000');
    const alertOf = db.prepare('select first_ms from alerts where username = ?');
    const toAlertMs: number[] = [];
    const toEmailMs: number[] = [];
    let missedAlerts = 0;
    let missedEmails = 0;
    for (const user of users) {
      const sentAt = Date.now();
      void probe(proxyPort, originPort, user);
      const alertAt = await pollUntil(() => alertOf.get(user) !== undefined, sentAt);
      if (alertAt === null) missedAlerts += 1;
      else toAlertMs.push(alertAt - sentAt);
      const mailAt = await pollUntil(
        () => smtp.messages.some((m) => m.subject.includes(user)),
        sentAt,
      );
      const mail = smtp.messages.find((m) => m.subject.includes(user));
      if (mailAt === null || mail === undefined) missedEmails += 1;
      else toEmailMs.push(mail.receivedMs - sentAt);
      await sleep(Math.max(0, 1000 - (Date.now() - sentAt)));
    }
    db.close();
    const background = await stopLoad(load);
    load = null;
    return { probes: users.length, toAlertMs, toEmailMs, missedAlerts, missedEmails, background };
  } finally {
    load?.kill('SIGTERM');
    gateway.kill('SIGTERM');
    await new Promise((resolve) => gateway.once('exit', resolve));
    origin.close();
    origin.closeAllConnections();
    await smtp.stop();
  }
}

function probe(proxyPort: number, originPort: number, user: string): Promise<void> {
  const url = `http://www.google.com:${originPort}/search?q=${encodeURIComponent(PROBE_SEARCH)}`;
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        path: url,
        headers: {
          host: `www.google.com:${originPort}`,
          'proxy-authorization': `Basic ${Buffer.from(`${user}:pw`).toString('base64')}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', () => resolve());
    req.end();
  });
}

async function pollUntil(ready: () => boolean, sentAt: number): Promise<number | null> {
  while (Date.now() - sentAt < PROBE_TIMEOUT_MS) {
    if (ready()) return Date.now();
    await sleep(5);
  }
  return null;
}

function stopLoad(load: ChildProcess): Promise<LatencyRun['background']> {
  return new Promise((resolve) => {
    let out = '';
    load.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    load.once('exit', () => {
      const stats = JSON.parse(out.trim() || '{}') as {
        answeredPerSecond?: number;
        failed?: number;
      };
      resolve({ answeredPerSecond: stats.answeredPerSecond ?? 0, failed: stats.failed ?? 0 });
    });
    load.kill('SIGTERM');
  });
}

async function waitForHealth(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error('the gateway did not come up within a minute');
}

function startOrigin(): Promise<Server> {
  const page = Buffer.from('<html><body><p>A small page.</p></body></html>\n');
  const server = createServer({ keepAliveTimeout: 65_000 }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length });
    res.end(page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
