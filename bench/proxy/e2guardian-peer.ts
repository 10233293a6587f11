import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Fixtures } from './make-fixtures.js';
import type { Peer } from './peer.js';

/** Replaces `key = ...` lines (commented out or not) in an e2guardian config text. */
function setOption(text: string, key: string, value: string): string {
  const line = new RegExp(`^#?\\s*${key}\\s*=.*$`, 'm');
  return line.test(text) ? text.replace(line, `${key} = ${value}`) : `${text}\n${key} = ${value}\n`;
}

function rewritePaths(folder: string, from: string, to: string): void {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) rewritePaths(path, from, to);
    else {
      const text = readFileSync(path, 'latin1');
      if (text.includes(from)) writeFileSync(path, text.replaceAll(from, to), 'latin1');
    }
  }
}

/**
 * e2guardian 5.3 (Debian) standalone (it fetches directly, no squid behind it), from a copy
 * of /etc/e2guardian in `dir/e2g` with the shared blocklist as its bannedsitelist, its
 * default phrase lists and naughtiness limit 50, and SSL MITM with a CA of its own.
 */
export function e2guardianPeer(dir: string, fixtures: Fixtures, port: number): Peer {
  const root = join(dir, 'e2g');
  cpSync('/etc/e2guardian', root, { recursive: true });
  rewritePaths(root, '/etc/e2guardian', root);
  const lists = join(root, 'lists');
  writeFileSync(join(lists, 'bannedsitelist'), readFileSync(fixtures.blocklist));
  const logs = join(root, 'log');
  const priv = join(root, 'private');
  mkdirSync(join(priv, 'generatedcerts'), { recursive: true });
  mkdirSync(logs, { recursive: true });
  // MITM CA and the key for generated leaves, as e2guardian's docs make them.
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(['genrsa', '-out', join(priv, 'ca.key'), '2048']);
  openssl(
    [
      'req',
      '-new',
      '-x509',
      '-days',
      '2',
      '-key',
      join(priv, 'ca.key'),
      '-out',
      join(priv, 'ca.pem'),
    ].concat(['-subj', '/CN=e2guardian bench CA']),
  );
  openssl(['genrsa', '-out', join(priv, 'cert.key'), '2048']);
  // e2guardian drops to its own user: it must read its tree and write logs and leaves.
  for (const folder of [logs, join(priv, 'generatedcerts')]) chmodSync(folder, 0o777);
  execFileSync('chown', ['-R', 'e2guardian:e2guardian', root]);

  const main = join(root, 'e2guardian.conf');
  let conf = readFileSync(main, 'latin1');
  conf = setOption(conf, 'filterip', '127.0.0.1');
  conf = setOption(conf, 'filterports', String(port));
  conf = setOption(conf, 'nodaemon', 'on');
  conf = setOption(conf, 'loglocation', `'${join(logs, 'access.log')}'`);
  conf = setOption(conf, 'pidfilename', `'${join(root, 'e2guardian.pid')}'`);
  conf = setOption(conf, 'enablessl', 'on');
  writeFileSync(main, conf, 'latin1');
  const group = join(root, 'e2guardianf1.conf');
  let f1 = readFileSync(group, 'latin1');
  f1 = setOption(f1, 'sslmitm', 'on');
  // The origin's test CA is not in the system store; Schoolgate is given it explicitly, and
  // e2guardian has no per-file extra-CA option, so upstream verification is off here.
  f1 = setOption(f1, 'mitmcheckcert', 'off');
  writeFileSync(group, f1, 'latin1');
  return {
    kind: 'peer',
    name: 'e2guardian 5.3',
    command: '/usr/sbin/e2guardian',
    args: ['-N', '-c', main],
    port,
    https: {
      inspected: true,
      note: 'SSL MITM on (own CA); upstream certificate check off (mitmcheckcert)',
    },
    phraseNote: 'default Debian phrase lists, naughtynesslimit 50',
  };
}
