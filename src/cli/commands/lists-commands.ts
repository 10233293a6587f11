import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ListSourceConfig } from '../../config/config-schema.js';
import { type LoadedConfig, loadConfig, resolveConfigPath } from '../../config/load-config.js';
import { categoryName } from '../../engine/decision/describe-decision.js';
import { loadCategoryIndex } from '../../engine/index/load-category-index.js';
import {
  type CompileReport,
  compileIndexFile,
  dataDir,
  importsFile,
} from '../../lists/compile-sources.js';
import { loadUt1 } from '../../lists/load-ut1.js';
import { updateFeeds } from '../../lists/update-feeds.js';
import { UT1_DEFAULT_CATEGORIES } from '../../lists/ut1-default-categories.js';
import { createProgressBar } from '../progress-bar.js';
import { recordChange } from '../record-change.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

function indexPathOf(loaded: LoadedConfig): string {
  return resolve(dataDir(loaded), loaded.config.lists.index);
}

/** `schoolgate lists compile`: build the index with a progress bar, then the counts. */
export async function compileListsCommand(options: { config?: string }): Promise<void> {
  const loaded = loadConfig(options.config);
  const report = await compileWithProgress(loaded, indexPathOf(loaded));
  process.stdout.write(formatReport(report, indexPathOf(loaded)));
  await recordChange(loaded, {
    action: 'lists.compile',
    targetKind: 'lists',
    target: 'index',
    details: { entries: report.entries },
  });
}

async function compileWithProgress(
  loaded: LoadedConfig,
  indexPath: string,
): Promise<CompileReport> {
  const bar = createProgressBar('compiling lists');
  const report = await compileIndexFile(loaded, indexPath, { onProgress: bar.update, log });
  bar.finish();
  return report;
}

/** Per-category counts, rejected lines with where they are, and unavailable sources. */
export function formatReport(report: CompileReport, indexPath: string): string {
  const lines = [
    `Index ${indexPath}: ${report.entries.toLocaleString('en-GB')} entries, ${(report.bytes / 1e6).toFixed(1)} MB`,
  ];
  lines.push('', 'Entries per category:');
  for (const [category, count] of Object.entries(report.categories).sort((a, b) => b[1] - a[1])) {
    lines.push(
      `  ${categoryName(category).padEnd(60)} ${count.toLocaleString('en-GB').padStart(10)}`,
    );
  }
  const rejected = report.sources.filter((s) => s.rejected > 0);
  const total = rejected.reduce((sum, s) => sum + s.rejected, 0);
  lines.push(
    '',
    `Rejected lines: ${total.toLocaleString('en-GB')}${total === 0 ? '' : ' (not used; the rest of each list was)'}`,
  );
  for (const source of rejected) {
    lines.push(`  ${source.name} (${source.path}): ${source.rejected.toLocaleString('en-GB')}`);
    for (const line of source.rejectedSamples) {
      const where =
        line.source === source.name ? `line ${line.line}` : `${line.source} line ${line.line}`;
      lines.push(`    ${where}: ${line.problem}: ${JSON.stringify(line.text.slice(0, 80))}`);
    }
  }
  if (report.unavailable.length > 0) {
    lines.push('', 'Sources not used:');
    for (const { name, why } of report.unavailable) lines.push(`  ${name}: ${why}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `schoolgate lists import <path>`: copy a UT1 archive (or folder) into the data folder,
 * record it as a source with UT1's default category mapping, and recompile.
 */
export async function importListsCommand(
  path: string,
  options: { config?: string },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const bar = createProgressBar('reading UT1');
  const ut1 = await loadUt1(path, { onProgress: bar.update });
  bar.finish(`${ut1.categories.length} categories, ${Object.keys(ut1.aliases).length} aliases`);
  const importsDir = join(dataDir(loaded), 'imports');
  mkdirSync(importsDir, { recursive: true });
  const stored = ut1.sha256 === null ? resolve(path) : join(importsDir, basename(path));
  if (ut1.sha256 !== null && resolve(path) !== stored) copyFileSync(path, stored);
  const source: ListSourceConfig = {
    type: 'ut1',
    name: 'ut1-import',
    path: stored,
    categories: { ...UT1_DEFAULT_CATEGORIES },
  };
  const file = importsFile(loaded);
  const existing = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as ListSourceConfig[])
    : [];
  writeFileSync(
    file,
    `${JSON.stringify([...existing.filter((s) => s.name !== source.name), source], null, 2)}\n`,
  );
  const unmapped = ut1.categories
    .filter((c) => !(c.name in UT1_DEFAULT_CATEGORIES))
    .map((c) => c.name);
  log(
    `UT1 categories not mapped to a Schoolgate category (not imported): ${unmapped.join(', ') || 'none'}`,
  );
  if (ut1.unsupportedExpressions > 0) {
    log(
      `UT1 expressions (regular expressions) not supported, skipped: ${ut1.unsupportedExpressions}`,
    );
  }
  const report = await compileWithProgress(loaded, indexPathOf(loaded));
  process.stdout.write(formatReport(report, indexPathOf(loaded)));
  await recordChange(loaded, {
    action: 'lists.import',
    targetKind: 'lists',
    target: 'ut1-import',
    details: { archive: basename(path), sha256: ut1.sha256, entries: report.entries },
  });
}

/** `schoolgate lists update`: download the feeds, recompile, keep the old index if suspicious. */
export async function updateListsCommand(options: { config?: string }): Promise<void> {
  const loaded = loadConfig(options.config);
  const indexPath = indexPathOf(loaded);
  const previous = existsSync(indexPath) ? loadCategoryIndex(readFileSync(indexPath)) : null;
  const result = await updateFeeds(loaded, indexPath, previous, {
    log,
    resolvePath: (p) => resolveConfigPath(loaded, p),
  });
  for (const feed of result.feeds)
    log(`${feed.name}: ${feed.outcome}${feed.detail ? ` (${feed.detail})` : ''}`);
  if (result.kept) {
    log(`kept the previous index: ${result.why}`);
    process.exitCode = 1;
    await recordChange(loaded, {
      action: 'lists.update-refused',
      targetKind: 'lists',
      target: 'feeds',
      reason: result.why,
    });
    return;
  }
  if (result.report !== null) process.stdout.write(formatReport(result.report, indexPath));
  await recordChange(loaded, {
    action: 'lists.update',
    targetKind: 'lists',
    target: 'feeds',
    details: {
      feeds: result.feeds.map((f) => `${f.name}: ${f.outcome}`),
      entries: result.report?.entries ?? null,
    },
  });
}
