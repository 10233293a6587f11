/**
 * The gateway as a school runs it (`schoolgate start` in its own process): a changed list
 * takes effect after `schoolgate reload` without dropping a request in flight, and SIGTERM
 * lets open requests finish before the process exits cleanly.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/run-cli.js';
import { runCurl } from '../../support/run-curl.js';
import { listenOnLoopback, stopServer } from '../../support/test-gateway.js';

const MAIN = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
let dir: string;
let config: string;
let origin: Server;
let originPort: number;
let child: ChildProcess;
let proxy: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-reload-'));
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  config = join(dir, 'schoolgate.yaml');
  writeFileSync(
    config,
    `dataDir: ./data
lists:
  sources: [{ type: list, name: games, category: games, path: games.txt }]
gateway:
  upstream: { hosts: { play.test: 127.0.0.1, newgame.test: 127.0.0.1, school.test: 127.0.0.1 } }
policy:
  defaultGroup: pupils
  groups: [{ id: pupils, label: Pupils, categories: { games: block } }]
`,
  );
  origin = createServer((req, res) => {
    const delay = req.url === '/slow' ? 1500 : 0;
    setTimeout(() => res.end(`done ${req.url}`), delay);
  });
  originPort = await listenOnLoopback(origin);
  child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'start', '--config', config, '--port', '0', '--console-port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /proxy [\d.:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code})`)));
  });
  proxy = `http://127.0.0.1:${port}`;
});

after(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  stopServer(origin);
  rmSync(dir, { recursive: true, force: true });
});

async function statusOf(url: string): Promise<number> {
  return (await runCurl(['-x', proxy, url])).status;
}

describe('reload and shutdown', () => {
  it('reloads a changed list without dropping a request in flight', async () => {
    const url = `http://newgame.test:${originPort}/`;
    assert.equal(await statusOf(url), 200);
    const slow = runCurl(['-x', proxy, `http://school.test:${originPort}/slow`]);
    appendFileSync(join(dir, 'games.txt'), 'newgame.test\n');
    const reload = await runCli(['reload', '--config', config]);
    assert.equal(reload.code, 0, reload.stderr);
    let status = 200;
    for (let i = 0; i < 50 && status !== 403; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await statusOf(url);
    }
    assert.equal(status, 403, 'the new list entry is in force');
    const finished = await slow;
    assert.equal(finished.status, 200);
    assert.equal(finished.body, 'done /slow');
  });

  it('finishes open requests on SIGTERM, then exits 0', async () => {
    const slow = runCurl(['-x', proxy, `http://school.test:${originPort}/slow`]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    const finished = await slow;
    assert.equal(finished.status, 200);
    assert.equal(await exited, 0);
  });
});
