/**
 * The web gateway benchmark (issue #3): wrk through Schoolgate, e2guardian and squid +
 * squidGuard, same lists, same loopback origin, runs interleaved (round by round) so VM
 * drift hits every proxy alike. Prints a Markdown table; raw figures go to <work>/results.json.
 *
 *   bench/proxy/run.sh [--runs 3] [--seconds 10] [--warmup 2] [--connections 50] [--keep]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { e2guardianPeer } from './e2guardian-peer.js';
import { makeFixtures } from './make-fixtures.js';
import type { Peer } from './peer.js';
import { CLOCK_TICKS_PER_SECOND, processUsage } from './process-usage.js';
import { runWrk, type WrkResult } from './run-wrk.js';
import { schoolgatePeer } from './schoolgate-peer.js';
import { squidPeer } from './squid-peer.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const runs = option('runs', 3);
const seconds = option('seconds', 10);
const warmup = option('warmup', 2);
const connections = option('connections', 50);
const threads = Math.min(2, cpus().length);
const repo = join(import.meta.dirname, '..', '..');

// Lower case only: e2guardian lower-cases the paths in its list `.Include<>` lines.
const work = join(tmpdir(), `sg-bench-proxy-${randomBytes(4).toString('hex')}`);
mkdirSync(work, { mode: 0o755 });
chmodSync(work, 0o755);
const children: ChildProcess[] = [];
let stopping = false;
const say = (message: string) => process.stderr.write(`${message}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child whose first stdout line is JSON (origin, relay). */
function startJsonChild(script: string, childArgs: string[]): Promise<Record<string, number>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, script), ...childArgs],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  });
}

function startPeer(peer: Peer): ChildProcess {
  const log = openSync(join(work, `${peer.name.replace(/[^a-z0-9.]+/gi, '-')}.log`), 'w');
  // cwd is the checkout so `--import tsx` resolves; the peers' files are all absolute paths.
  const child = spawn(peer.command, [...peer.args], { cwd: repo, stdio: ['ignore', log, log] });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) say(`${peer.name} exited early (${code ?? signal}); see ${work}`);
  });
  return child;
}

async function waitForPort(port: number, limitMs: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`exited (${child.exitCode}) before listening on ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
        .once('connect', () => resolve(true))
        .once('error', () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 500);
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`nothing listening on ${port} after ${limitMs} ms`);
}

interface Reply {
  status: number;
  body: string;
  issuer?: string;
}

function fetchVia(proxyPort: number, url: string): Promise<Reply> {
  const host = new URL(url).host;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: proxyPort, path: url, headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req
      .on('error', reject)
      .setTimeout(5000, () => req.destroy(new Error('timeout')))
      .end();
  });
}

function fetchTls(relayPort: number, host: string, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: relayPort,
        servername: 'localhost',
        path,
        headers: { host },
        rejectUnauthorized: false,
      },
      (res) => {
        const issuer = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().issuer?.CN;
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, issuer: String(issuer) }));
      },
    );
    req
      .on('error', reject)
      .setTimeout(5000, () => req.destroy(new Error('timeout')))
      .end();
  });
}

interface Scenario {
  readonly id: string;
  readonly label: string;
  /** wrk options for a peer, given its port and its CONNECT relay's port. */
  readonly wrk: (
    peer: Peer,
    relay: number,
  ) => Omit<Parameters<typeof runWrk>[0], 'connections' | 'threads' | 'seconds'>;
  /** One request checked by hand before measuring: a misconfigured peer must not be timed. */
  readonly check: (peer: Peer, relay: number) => Promise<string | null>;
}

const origin = await (async () => {
  const fixtures = makeFixtures(work);
  const ports = await startJsonChild('origin.ts', [work]);
  return { fixtures, http: ports['http'] as number, https: ports['https'] as number };
})();
const { readFileSync } = await import('node:fs');
const small = readFileSync(join(work, 'small.html'), 'utf8');
const big = readFileSync(join(work, 'page50k.html'), 'utf8');
const httpBase = `http://localhost:${origin.http}`;
const blockedUrl = `http://${origin.fixtures.blockedHost}:${origin.http}/small`;
// The Host header for the HTTPS origin, as a browser writes it (no :443).
const originHost = origin.https === 443 ? 'localhost' : `localhost:${origin.https}`;

const scenarios: Scenario[] = [
  {
    id: 'http-small',
    label: 'HTTP allowed, 1 KB page',
    wrk: (peer) => ({ url: `http://127.0.0.1:${peer.port}`, absolute: `${httpBase}/small` }),
    check: async (peer) => {
      const r = await fetchVia(peer.port, `${httpBase}/small`);
      return r.status === 200 && r.body === small
        ? null
        : `status ${r.status}, ${r.body.length} bytes`;
    },
  },
  {
    id: 'http-50k',
    label: 'HTTP allowed, 50 KB HTML (phrase scan)',
    wrk: (peer) => ({ url: `http://127.0.0.1:${peer.port}`, absolute: `${httpBase}/page50k` }),
    check: async (peer) => {
      const r = await fetchVia(peer.port, `${httpBase}/page50k`);
      return r.status === 200 && r.body === big
        ? null
        : `status ${r.status}, ${r.body.length} bytes`;
    },
  },
  {
    id: 'http-blocked',
    label: 'HTTP blocked',
    wrk: (peer) => ({ url: `http://127.0.0.1:${peer.port}`, absolute: blockedUrl }),
    check: async (peer) => {
      const r = await fetchVia(peer.port, blockedUrl);
      return r.body !== small && r.status !== 200
        ? null
        : r.body === small
          ? 'the origin page came through'
          : null;
    },
  },
  {
    id: 'https-small',
    label: 'HTTPS keep-alive, 1 KB page',
    wrk: (_peer, relay) => ({
      url: `https://localhost:${relay}/small`,
      headers: [`Host: ${originHost}`],
    }),
    check: async (peer, relay) => {
      const r = await fetchTls(relay, originHost, '/small');
      const inspected = r.issuer !== 'origin test CA';
      if (r.status !== 200 || r.body !== small) return `status ${r.status}, ${r.body.length} bytes`;
      return inspected === peer.https.inspected
        ? null
        : `issuer '${r.issuer}': inspection is not as expected`;
    },
  },
];

interface Row {
  scenario: string;
  peer: string;
  wrk: WrkResult[];
  rssBytes: number[];
  cpuPercent: number[];
  note: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main(): Promise<void> {
  // Taken before the proxies start: the commit whose code they run (others may commit meanwhile).
  const git = (gitArgs: string[]) =>
    execFileSync('git', gitArgs, { cwd: repo, encoding: 'utf8' }).trim();
  const dirty =
    git(['status', '--porcelain', '--', 'src']) === '' ? '' : ' (+ uncommitted changes in src/)';
  const commit = `${git(['rev-parse', '--short', 'HEAD'])}${dirty}`;
  say(`work folder ${work}; origin http ${origin.http}, https ${origin.https}`);
  const peers: Peer[] = [];
  const schoolgatePorts = async () => ({ proxy: await freePort(), originHttps: origin.https });
  for (const workers of new Set([1, cpus().length])) {
    peers.push(
      schoolgatePeer(
        work,
        origin.fixtures,
        join(work, 'e2g'),
        await schoolgatePorts(),
        repo,
        workers,
      ),
    );
  }

  // e2guardian's tree must exist before Schoolgate loads its phrase lists from it.
  peers.unshift(e2guardianPeer(work, origin.fixtures, await freePort()));
  peers.push(
    squidPeer(work, origin.fixtures, { proxy: await freePort(), originHttp: origin.http }),
  );
  const order = (peer: Peer) =>
    ['Schoolgate', 'e2guardian', 'squid'].findIndex((n) => peer.name.startsWith(n));
  peers.sort((a, b) => order(a) - order(b));

  const phraseChecks = new Map<string, boolean>();
  const running = new Map<string, { pid: number; relay: number; broken: Map<string, string> }>();
  for (const peer of peers) {
    const child = startPeer(peer);
    await waitForPort(peer.port, 120_000, child);
    const relay = (
      await startJsonChild('connect-shim.ts', [String(peer.port), `localhost:${origin.https}`])
    )['port'] as number;
    const broken = new Map<string, string>();
    for (const scenario of scenarios) {
      const problem = await scenario.check(peer, relay).catch((e: Error) => e.message);
      if (problem !== null) broken.set(scenario.id, problem);
    }
    for (const [id, problem] of broken) say(`${peer.name}: ${id} not measured: ${problem}`);
    // Proof that body scanning is on: a page over the limit must not come through whole.
    const phrases = await fetchVia(peer.port, `${httpBase}/phrases`).catch(() => null);
    const phraseBlocked =
      phrases === null || phrases.body !== readFileSync(join(work, 'phrases.html'), 'utf8');
    phraseChecks.set(peer.name, phraseBlocked);
    say(
      `${peer.name}: page over the phrase limit ${phraseBlocked ? 'blocked' : 'served (no body scanning)'}`,
    );
    running.set(peer.name, { pid: child.pid as number, relay, broken });
  }

  const rows = new Map<string, Row>();
  for (let run = 1; run <= runs; run++) {
    for (const scenario of scenarios) {
      for (const peer of peers) {
        const state = running.get(peer.name)!;
        if (state.broken.has(scenario.id)) continue;
        const base = { ...scenario.wrk(peer, state.relay), connections, threads };
        if (warmup > 0) await runWrk({ ...base, seconds: warmup });
        const before = processUsage(state.pid);
        const result = await runWrk({ ...base, seconds });
        const after = processUsage(state.pid);
        const key = `${scenario.id}/${peer.name}`;
        const row = rows.get(key) ?? {
          scenario: scenario.label,
          peer: peer.name,
          wrk: [],
          rssBytes: [],
          cpuPercent: [],
          note: '',
        };
        row.wrk.push(result);
        row.rssBytes.push(after.rssBytes);
        row.cpuPercent.push(
          ((after.cpuTicks - before.cpuTicks) / CLOCK_TICKS_PER_SECOND / seconds) * 100,
        );
        rows.set(key, row);
        say(
          `run ${run}/${runs} ${scenario.id} ${peer.name}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99Ms} ms, errors ${result.socketErrors}, non-2xx/3xx ${result.non2xx3xx}`,
        );
      }
    }
  }

  const lines = [
    `Commit ${commit}; ${cpus().length} cores (${cpus()[0]?.model}); Node ${process.version}; ${runs} runs x ${seconds} s after ${warmup} s warm-up; ${connections} connections, wrk -t ${threads}; blocklist ${origin.fixtures.blocklistSize.toLocaleString('en-GB')} domains.`,
    '',
    '| scenario | proxy | req/s (median) | req/s range | p50 ms | p99 ms | RSS MB | CPU % of a core | errors | non-2xx/3xx |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of scenarios) {
    for (const peer of peers) {
      const row = rows.get(`${scenario.id}/${peer.name}`);
      const broken = running.get(peer.name)!.broken.get(scenario.id);
      if (row === undefined) {
        lines.push(
          `| ${scenario.label} | ${peer.name} | not measured: ${broken ?? 'no run'} | | | | | | | |`,
        );
        continue;
      }
      const rate = row.wrk.map((w) => w.requestsPerSecond);
      lines.push(
        `| ${scenario.label} | ${peer.name} | ${median(rate).toFixed(0)} | ${Math.min(...rate).toFixed(0)}–${Math.max(...rate).toFixed(0)} | ${median(row.wrk.map((w) => w.p50Ms)).toFixed(2)} | ${median(row.wrk.map((w) => w.p99Ms)).toFixed(2)} | ${(median(row.rssBytes) / 1048576).toFixed(1)} | ${median(row.cpuPercent).toFixed(0)} | ${row.wrk.reduce((s, w) => s + w.socketErrors, 0)} | ${row.wrk.reduce((s, w) => s + w.non2xx3xx, 0)} |`,
      );
    }
  }
  lines.push('', 'HTTPS per proxy:');
  for (const peer of peers)
    lines.push(
      `- ${peer.name}: ${peer.https.note}; phrases: ${peer.phraseNote}; a 1 KB page over the limit was ${phraseChecks.get(peer.name) ? 'blocked' : 'served whole (bodies not scanned)'}.`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
  writeFileSync(join(work, 'results.json'), `${JSON.stringify([...rows.values()], null, 2)}\n`);
  say(`raw figures: ${join(work, 'results.json')}`);
}

try {
  await main();
} finally {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
}
