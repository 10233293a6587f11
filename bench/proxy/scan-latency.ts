/**
 * The latency phrase scanning adds to a page: the same single-process Schoolgate, the same
 * 50 KB page (scanned to its end and passed), with scanning on and then off
 * (`gateway.scanWindowBytes: 0`). Uses e2guardian's phrase lists from /etc/e2guardian
 * (Debian's `e2guardian` package) as run.ts does. Traffic stays on 127.0.0.1.
 *
 *   node --import tsx bench/proxy/scan-latency.ts [--runs 3] [--connections 10]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeFixtures } from './make-fixtures.js';
import { runWrk, type WrkResult } from './run-wrk.js';
import { schoolgatePeer } from './schoolgate-peer.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const runs = option('--runs', 3);
const connections = option('--connections', 10);
const repo = join(import.meta.dirname, '..', '..');
if (!existsSync('/etc/e2guardian/lists/weightedphraselist')) {
  process.stderr.write('needs the e2guardian phrase lists: apt-get install e2guardian\n');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'sg-scan-latency-'));
const children: ChildProcess[] = [];
const cleanUp = () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanUp);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
        .once('connect', () => resolve(true))
        .once('error', () => resolve(false));
      setTimeout(() => socket.destroy(), 300);
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`nothing listening on ${port}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const fixtures = makeFixtures(work);
const origin = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'origin.ts'), work],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
children.push(origin);
const ports = await new Promise<Record<string, number>>((resolve) =>
  createInterface({ input: origin.stdout! }).once('line', (line) => resolve(JSON.parse(line))),
);
const target = `http://localhost:${ports['http']}/page50k`;

const results: Record<string, WrkResult[]> = {};
for (const mode of ['scanning on', 'scanning off'] as const) {
  const peer = schoolgatePeer(
    work,
    fixtures,
    '/etc/e2guardian',
    { proxy: await freePort(), originHttps: ports['https']! },
    repo,
    1,
  );
  const config = peer.args[peer.args.indexOf('--config') + 1]!;
  if (mode === 'scanning off') {
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('gateway:\n', 'gateway:\n  scanWindowBytes: 0\n'),
    );
  }
  const child = spawn(peer.command, [...peer.args], { cwd: repo, stdio: 'ignore' });
  children.push(child);
  await waitForPort(peer.port);
  await runWrk({
    url: `http://127.0.0.1:${peer.port}`,
    absolute: target,
    connections,
    threads: 1,
    seconds: 2,
  });
  results[mode] = [];
  for (let run = 0; run < runs; run++) {
    results[mode].push(
      await runWrk({
        url: `http://127.0.0.1:${peer.port}`,
        absolute: target,
        connections,
        threads: 1,
        seconds: 10,
      }),
    );
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

const row = (mode: string) => {
  const r = results[mode]!;
  return `| ${mode} | ${median(r.map((x) => x.requestsPerSecond)).toFixed(0)} | ${median(r.map((x) => x.p50Ms)).toFixed(1)} | ${median(r.map((x) => x.p99Ms)).toFixed(1)} |`;
};
process.stdout.write(
  `50 KB page through Schoolgate (1 process), ${connections} connections, median of ${runs} x 10 s\n\n| mode | req/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |\n${row('scanning on')}\n${row('scanning off')}\n`,
);
process.exit(0);
