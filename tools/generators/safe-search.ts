/**
 * Generates src/engine/search/safe-search-table.generated.ts from the safe-search reference
 * data in ../shared/data/safesearch/: Google's search domains and the DNS rewrite table.
 * The output is deterministic (rows sorted by host) and already in Biome's format, so
 * `npm run gen:check` and `npx biome check` both pass on the checked-in file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Generator } from '../generate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = resolve(root, '..', 'shared', 'data', 'safesearch');
const googleDomainsPath = join(dataDir, 'google-search-domains.txt');
const dnsRewritesPath = join(dataDir, 'safesearch-dns-rewrites.tsv');

interface DnsRow {
  readonly engine: string;
  readonly host: string;
  readonly record: string;
  readonly target: string;
  readonly mode: string;
}

/** Reads one hostname per line, `#` comments and blank lines ignored. */
function readDomainList(path: string): string[] {
  const out: string[] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim().toLowerCase();
    if (line === '' || line.startsWith('#')) continue;
    if (!/^[a-z0-9.-]+$/.test(line)) throw new Error(`safe-search: bad domain '${line}'`);
    out.push(line);
  }
  return out;
}

function readDnsRows(path: string): DnsRow[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0]?.split('\t') ?? [];
  const want = ['engine', 'host', 'record', 'target', 'mode', 'source'];
  if (want.some((name, i) => header[i] !== name)) {
    throw new Error(`safe-search: unexpected header in ${path}: ${header.join(',')}`);
  }
  const rows: DnsRow[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const [engine = '', host = '', record = '', target = '', mode = ''] = line.split('\t');
    rows.push({ engine, host: host.toLowerCase(), record, target: target.toLowerCase(), mode });
  }
  return rows;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function generate(): Promise<string> {
  const googleDomains = [...new Set(readDomainList(googleDomainsPath))].sort(byString);
  const rows = readDnsRows(dnsRewritesPath);

  // The TSV's Google rows are AdGuard's `www.` names; check they are exactly Google's list
  // so the two inputs cannot drift apart silently.
  const googleRowHosts = rows
    .filter((r) => r.engine === 'google')
    .map((r) => r.host)
    .sort(byString);
  const expected = googleDomains.map((d) => `www.${d}`).sort(byString);
  if (googleRowHosts.join('\n') !== expected.join('\n')) {
    throw new Error('safe-search: Google rows of the DNS table differ from the domain list');
  }
  for (const r of rows.filter((x) => x.engine === 'google')) {
    if (r.record !== 'CNAME' || r.target !== 'forcesafesearch.google.com') {
      throw new Error(`safe-search: unexpected Google row for ${r.host}`);
    }
  }

  // host -> [strict target, moderate target]; rows without a moderate variant use the
  // strict target for both (only YouTube distinguishes the two).
  const cname = new Map<string, { strict?: string; moderate?: string }>();
  const address = new Map<string, string>();
  for (const r of rows) {
    if (r.engine === 'google') continue;
    if (r.record === 'A') {
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(r.target)) {
        throw new Error(`safe-search: bad A target for ${r.host}`);
      }
      address.set(r.host, r.target);
      continue;
    }
    if (r.record !== 'CNAME') throw new Error(`safe-search: unknown record ${r.record}`);
    const slot = cname.get(r.host) ?? {};
    if (r.mode === 'moderate') slot.moderate = r.target;
    else if (r.mode === 'strict') slot.strict = r.target;
    else throw new Error(`safe-search: unknown mode ${r.mode}`);
    cname.set(r.host, slot);
  }

  const out: string[] = [];
  out.push('// GENERATED FILE: do not edit. Run `npm run gen` (tools/generators/safe-search.ts).');
  out.push('//');
  out.push('// Generated from ../shared/data/safesearch/google-search-domains.txt and');
  out.push('// ../shared/data/safesearch/safesearch-dns-rewrites.tsv.');
  out.push(
    "// Derived from AdGuard Home's safe-search rules (internal/filtering/safesearch/rules,",
  );
  out.push(
    '// GPL-3.0, AdGuard Software Ltd), which track Google\'s published "supported_domains"',
  );
  out.push(
    '// list, and from Google Workspace Admin Help 6214622 (YouTube restricted-mode names).',
  );
  out.push('');
  out.push(
    '/** Safe-search DNS data: Google search domains, CNAME rewrites and A-record answers. */',
  );
  out.push('export const SAFE_SEARCH_TABLE = {');
  out.push("  kind: 'SafeSearchTable',");
  out.push('  /** Google search domains (bare, without `www.`), sorted. */');
  out.push('  googleSearchDomains: [');
  for (const d of googleDomains) out.push(`    '${d}',`);
  out.push('  ],');
  out.push('  /** Host, strict CNAME target, moderate CNAME target (Google excluded). */');
  out.push('  cnames: [');
  for (const host of [...cname.keys()].sort(byString)) {
    const slot = cname.get(host)!;
    const strict = slot.strict ?? slot.moderate;
    const moderate = slot.moderate ?? slot.strict;
    out.push(`    ['${host}', '${strict}', '${moderate}'],`);
  }
  out.push('  ],');
  out.push('  /** Host and the IPv4 address to answer with (engines without a CNAME name). */');
  out.push('  addresses: [');
  for (const host of [...address.keys()].sort(byString)) {
    out.push(`    ['${host}', '${address.get(host)}'],`);
  }
  out.push('  ],');
  out.push('} as const;');
  out.push('');
  return out.join('\n');
}

export const generator: Generator = {
  name: 'safe-search',
  output: 'src/engine/search/safe-search-table.generated.ts',
  inputs: [googleDomainsPath, dnsRewritesPath],
  generate,
};
