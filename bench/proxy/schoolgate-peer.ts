import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixtures } from './make-fixtures.js';
import type { Peer } from './peer.js';

/**
 * Schoolgate from this checkout (`schoolgate start --workers N`: 1 is one process, more is a
 * cluster sharing the port and one mapped index), with the shared
 * blocklist as a `type: list` source, e2guardian's weighted, banned and exception phrase
 * lists (the copy in `e2gDir`) and a phrase limit of 50 like e2guardian's default. Every
 * phrase scores into one blocked category, as e2guardian adds all weights into one
 * naughtiness total: the lists' own `#listcategory` names ("Pornography") are not Schoolgate
 * category ids, so without the override no phrase score would meet a policy rule.
 */
export function schoolgatePeer(
  dir: string,
  fixtures: Fixtures,
  e2gDir: string,
  ports: { proxy: number; originHttps: number },
  repo: string,
  workers: number,
): Peer {
  const lists = join(e2gDir, 'lists');
  // Each instance its own config and data folder: the pid file and index live there.
  const config = join(dir, `schoolgate-${workers}.yaml`);
  writeFileSync(
    config,
    `school: { name: Bench School }
dataDir: ./sg-data-${workers}
lists:
  sources:
    - { type: list, name: bench-blocklist, category: pornography, path: ${fixtures.blocklist} }
phrases:
  sources:
    - { name: e2g-weighted, path: ${join(lists, 'weightedphraselist')}, kind: weighted, category: pornography }
    - { name: e2g-banned, path: ${join(lists, 'bannedphraselist')}, kind: banned, category: pornography }
    - { name: e2g-exception, path: ${join(lists, 'exceptionphraselist')}, kind: exception }
gateway:
  listen: { host: 127.0.0.1, port: ${ports.proxy} }
  publicHost: gateway.test
  connectPorts: [${ports.originHttps}]
  upstream:
    extraCaFiles: ['${fixtures.originCa}']
    hosts: { localhost: 127.0.0.1 }
policy:
  defaultGroup: pupils
  groups:
    - id: pupils
      label: Pupils
      phraseLimit: 50
      categories: { pornography: block }
`,
  );
  return {
    kind: 'peer',
    name: workers === 1 ? 'Schoolgate, 1 process' : `Schoolgate, ${workers} workers`,
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      join(repo, 'src/cli/main.ts'),
      'start',
      '--config',
      config,
      '--workers',
      String(workers),
    ],
    port: ports.proxy,
    https: { inspected: true, note: 'inspected with the school CA (made on first start)' },
    phraseNote: 'e2guardian weighted/banned/exception lists loaded, phraseLimit 50',
  };
}
