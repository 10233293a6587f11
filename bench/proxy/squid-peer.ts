import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixtures } from './make-fixtures.js';
import type { Peer } from './peer.js';

/**
 * squid 5.7 (Debian) with squidGuard as its URL rewriter: the shared blocklist compiled into
 * a squidGuard domains db (`squidGuard -C`), blocked requests redirected (302) to a block
 * page on the origin, caching off so every request reaches the origin.
 */
export function squidPeer(
  dir: string,
  fixtures: Fixtures,
  ports: { proxy: number; originHttp: number },
): Peer {
  const root = join(dir, 'squid');
  const db = join(root, 'db', 'bench');
  const logs = join(root, 'log');
  mkdirSync(db, { recursive: true });
  mkdirSync(logs, { recursive: true });
  writeFileSync(join(db, 'domains'), readFileSync(fixtures.blocklist));
  const guardConf = join(root, 'squidGuard.conf');
  writeFileSync(
    guardConf,
    `dbhome ${join(root, 'db')}
logdir ${logs}

dest bench {
  domainlist bench/domains
}

acl {
  default {
    pass !bench all
    redirect 302:http://localhost:${ports.originHttp}/blocked
  }
}
`,
  );
  execFileSync('squidGuard', ['-c', guardConf, '-C', 'all'], { stdio: 'ignore' });
  execFileSync('chown', ['-R', 'proxy:proxy', root]);
  chmodSync(root, 0o755);
  const conf = join(root, 'squid.conf');
  writeFileSync(
    conf,
    `http_port 127.0.0.1:${ports.proxy}
acl bench_clients src 127.0.0.1/32
http_access allow bench_clients
http_access deny all
cache deny all
cache_mem 8 MB
pid_filename ${join(root, 'squid.pid')}
access_log stdio:${join(logs, 'access.log')}
cache_log ${join(logs, 'cache.log')}
cache_store_log none
coredump_dir ${root}
url_rewrite_program /usr/bin/squidGuard -c ${guardConf}
url_rewrite_children 8 startup=8 idle=2 concurrency=0
shutdown_lifetime 1 second
`,
  );
  return {
    kind: 'peer',
    name: 'squid 5.7 + squidGuard',
    command: '/usr/sbin/squid',
    args: ['-N', '-f', conf],
    port: ports.proxy,
    https: {
      inspected: false,
      note: "CONNECT tunnel only: Debian's squid is built with GnuTLS and has no ssl_bump (that needs the squid-openssl package)",
    },
    phraseNote: 'no phrase scanning (squid + squidGuard cannot)',
  };
}
