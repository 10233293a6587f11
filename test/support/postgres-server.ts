/**
 * A private PostgreSQL cluster for tests and benchmarks: `initdb` in a temporary folder, the
 * server on 127.0.0.1 at a free port with its socket in that folder, trust auth for one
 * user. Debian's `postgresql` package provides the binaries (`.ci/run` installs it); as root
 * they run as the `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  readonly port: number;
  /** `postgres://schoolgate@127.0.0.1:<port>/<database>`. */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server, keeping its data (to simulate an outage). */
  stop(): void;
  /** Starts it again on the same port. */
  start(): void;
  /** Stops the server and deletes its folder. */
  destroy(): void;
}

export interface PostgresServerOptions {
  /** Extra `-c name=value` settings; tests turn off fsync for speed, benchmarks keep defaults. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Parent folder for the cluster (default: the system temp folder). */
  readonly parentDir?: string;
}

/** The folder with `initdb` and `pg_ctl`, or `null` when PostgreSQL is not installed. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found !== '' ? join(found, '..') : null;
}

/** Starts a new private cluster. Throws with PostgreSQL's own message when it cannot. */
export async function startPostgresServer(
  options: PostgresServerOptions = {},
): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'sg-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const id = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dir, Number(id), Number(gid));
  }
  const run = (command: string, args: readonly string[]) => {
    const full = join(bin, command);
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    }
  };
  const data = join(dir, 'data');
  // An ICU collation, as on a real server (not byte order), so tests catch text ranges that
  // only work under "C".
  run('initdb', [
    '-D',
    data,
    '-U',
    'schoolgate',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale-provider=icu',
    '--icu-locale=en-GB',
    '--locale=C.UTF-8',
  ]);
  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    ...options.settings,
  };
  const serverOptions = [
    `-p ${port}`,
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  const url = (database = 'postgres') => `postgres://schoolgate@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`create database "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      stop();
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (running) stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
