/**
 * Runs every generator in tools/generators/ and writes (or, with --check, compares) its
 * output file. Generated files are checked in; CI runs `--check` so a stale one fails.
 * A generator whose inputs are absent (e.g. ../shared/data on a machine without it) is
 * skipped with a message, not failed: its checked-in output stays authoritative.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What each module in tools/generators/ exports as `generator`. */
export interface Generator {
  readonly name: string;
  /** Repo-relative path of the file it writes. */
  readonly output: string;
  /** Absolute paths it reads; when any is missing the generator is skipped. */
  readonly inputs: readonly string[];
  generate(): Promise<string>;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

async function main(): Promise<void> {
  const dir = join(root, 'tools', 'generators');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  let stale = 0;
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { generator: Generator };
    const gen = mod.generator;
    const missing = gen.inputs.filter((p) => !existsSync(p));
    if (missing.length > 0) {
      process.stdout.write(`gen ${gen.name}: skipped, input absent: ${missing.join(', ')}\n`);
      continue;
    }
    const text = await gen.generate();
    const outPath = join(root, gen.output);
    const current = existsSync(outPath) ? readFileSync(outPath, 'utf8') : null;
    if (current === text) {
      process.stdout.write(`gen ${gen.name}: up to date (${gen.output})\n`);
    } else if (check) {
      stale++;
      process.stdout.write(`gen ${gen.name}: STALE ${gen.output}; run \`npm run gen\`\n`);
    } else {
      writeFileSync(outPath, text);
      process.stdout.write(`gen ${gen.name}: wrote ${gen.output}\n`);
    }
  }
  if (stale > 0) process.exit(1);
}

await main();
