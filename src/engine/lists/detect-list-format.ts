import type { ListFormat } from './list-entry.js';

/** How many meaningful lines are looked at: enough for any header, cheap on 5M-line files. */
const SAMPLE_LINES = 500;
const HOSTS_LINE = /^(?:0\.0\.0\.0|127\.0\.0\.1|0|::|::0|::1)\s+\S/;

/**
 * Sniffs a list's syntax from its first meaningful lines, for `format: 'auto'`. An
 * `[Adblock ...]` header or any `||`/`@@`/`!` line means adblock; a majority of
 * `0.0.0.0 host` lines means hosts; `.Include<` lines mean an e2guardian list (urls when
 * most entries have a path); otherwise urls when most lines have a path, else domains.
 *
 * ### Examples
 * ```ts
 * detectListFormat('0.0.0.0 blocked.example\n');  // 'hosts'
 * detectListFormat('blocked.example/path\n');     // 'urls'
 * ```
 */
export function detectListFormat(text: string): Exclude<ListFormat, 'auto'> {
  let adblock = 0;
  let hosts = 0;
  let include = 0;
  let withPath = 0;
  let meaningful = 0;
  let pos = 0;
  while (pos < text.length && meaningful < SAMPLE_LINES) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end).trim();
    pos = end + 1;
    if (line.length === 0) continue;
    if (line.startsWith('[Adblock') || line.startsWith('||') || line.startsWith('@@')) adblock++;
    else if (line.startsWith('!')) adblock++;
    else if (line.startsWith('.Include<')) include++;
    if (line.startsWith('#') || line.startsWith('!') || line.startsWith('[')) continue;
    meaningful++;
    if (HOSTS_LINE.test(line)) hosts++;
    else if (line.replace(/^https?:\/\//i, '').includes('/')) withPath++;
  }
  if (adblock > 0 && adblock >= hosts) return 'adblock';
  if (hosts > 0 && hosts * 2 >= meaningful) return 'hosts';
  const mostlyPaths = withPath * 2 > meaningful - include;
  if (include > 0) return mostlyPaths ? 'e2guardian-urls' : 'e2guardian-sites';
  return mostlyPaths ? 'urls' : 'domains';
}
