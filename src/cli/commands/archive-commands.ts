import { appendAudit } from '../../casework/audit/append-audit.js';
import { restoreArchives } from '../../casework/retention/restore-archives.js';
import { searchArchives } from '../../casework/retention/search-archives.js';
import { verifyArchives } from '../../casework/retention/verify-archives.js';
import { loadConfig } from '../../config/load-config.js';
import { serialiseEvent } from '../../events/serialise-event.js';
import type { WebEvent } from '../../events/web-event.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { createProgressBar } from '../progress-bar.js';
import { configuredArchiveDir } from './retention-commands.js';

const badLine = (file: string, line: number, problem: string) =>
  process.stderr.write(`${file}:${line}: skipped: ${problem}\n`);

/**
 * `schoolgate archive search --from <day> --to <day> [--user u] [--host h] [--text t] [--json]`:
 * finds archived events (a table, or one JSON event per line with `--json`). Audited as
 * `archive.search` before anything is read, since it reads people's records.
 */
export async function archiveSearchCommand(options: {
  config?: string;
  from: string;
  to: string;
  user?: string;
  host?: string;
  text?: string;
  json?: boolean;
}): Promise<void> {
  const loaded = loadConfig(options.config);
  const query = {
    fromDay: options.from,
    toDay: options.to,
    user: options.user,
    host: options.host,
    text: options.text,
  };
  const store = await openConfiguredStore(loaded);
  try {
    await appendAudit(
      store.db,
      {
        actor: cliActor(),
        action: 'archive.search',
        targetKind: options.user === undefined ? 'archive' : 'person',
        target: options.user ?? `${options.from}..${options.to}`,
        details: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)),
      },
      Date.now,
    );
  } finally {
    await store.close();
  }
  const bar = createProgressBar('searching archives');
  let found = 0;
  if (options.json !== true) process.stdout.write(`${eventHeader()}\n`);
  for await (const event of searchArchives(configuredArchiveDir(loaded), query, {
    onProgress: bar.update,
    onBadLine: badLine,
  })) {
    found += 1;
    process.stdout.write(`${options.json === true ? serialiseEvent(event) : eventRow(event)}\n`);
  }
  bar.finish(`${found.toLocaleString('en-GB')} event(s) found`);
}

/**
 * `schoolgate archive restore --from <day> --to <day>`: puts archived events back into the
 * database (audited). The next retention run removes them again unless a hold keeps them.
 */
export async function archiveRestoreCommand(options: {
  config?: string;
  from: string;
  to: string;
}): Promise<void> {
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const bar = createProgressBar('restoring archives');
    const result = await restoreArchives(
      store,
      configuredArchiveDir(loaded),
      { fromDay: options.from, toDay: options.to },
      cliActor(),
      Date.now,
      { onProgress: bar.update, onBadLine: badLine },
    );
    bar.finish();
    process.stdout.write(
      `Restored ${result.inserted.toLocaleString('en-GB')} event(s) from ${options.from} to ${options.to}; ${result.duplicates.toLocaleString('en-GB')} were already in the database${result.badLines > 0 ? `; ${result.badLines} bad line(s) skipped` : ''}.\nThe next retention run deletes them again unless a legal hold keeps them.\n`,
    );
  } finally {
    await store.close();
  }
}

/** `schoolgate archive verify [--json]`: checks every archive against the manifest; exits 1 on damage. */
export async function archiveVerifyCommand(options: {
  config?: string;
  json?: boolean;
}): Promise<void> {
  const loaded = loadConfig(options.config);
  const bar = createProgressBar('verifying archives');
  const result = await verifyArchives(configuredArchiveDir(loaded), bar.update);
  bar.finish();
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const lines = [
      `${result.checked} archive(s) checked, ${result.events.toLocaleString('en-GB')} events in good ones, ${result.damaged.length} damaged.`,
    ];
    for (const d of result.damaged) lines.push(`  DAMAGED ${d.day} ${d.file}: ${d.problem}`);
    for (const f of result.unlisted) lines.push(`  not in the manifest: ${f}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (result.damaged.length > 0) process.exitCode = 1;
}

function eventHeader(): string {
  return `${'time (UTC)'.padEnd(24)}  ${'user'.padEnd(16)}  ${'action'.padEnd(6)}  address`;
}

function eventRow(e: WebEvent): string {
  const where = `${e.scheme}://${e.host}${e.path ?? ''}`;
  const search = e.searchTerms === null ? '' : `  search: ${JSON.stringify(e.searchTerms)}`;
  return `${e.time.padEnd(24)}  ${(e.user ?? '-').padEnd(16)}  ${e.action.padEnd(6)}  ${where}${search}`;
}
