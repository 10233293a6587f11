import { createWriteStream, openSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { searchArchives } from '../../casework/retention/search-archives.js';
import { UtcDay } from '../../casework/retention/utc-day.js';
import {
  exportSubjectAccess,
  type SubjectAccessSummary,
} from '../../casework/sar/export-subject-access.js';
import { createWallClock } from '../../casework/sar/wall-clock.js';
import { loadConfig } from '../../config/load-config.js';
import type { WebEvent } from '../../events/web-event.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { createProgressBar } from '../progress-bar.js';
import { configuredArchiveDir } from './retention-commands.js';

/** The options of `schoolgate sar export`, as commander passes them. */
export interface SarExportOptions {
  readonly config?: string;
  /** The zip to write (default `sar-<user>-<date>.zip` in the current folder); never overwritten. */
  readonly out?: string;
  /** The request's reference, for the audit trail. Required. */
  readonly reason?: string;
  /** `YYYY-MM-DD` (the school's midnight) or an ISO date-time: the first moment included. */
  readonly from?: string;
  /** `YYYY-MM-DD` (that whole day included) or an ISO date-time (not included). */
  readonly to?: string;
  /** Add events from the daily archives (older than the active period). */
  readonly includeArchives?: boolean;
}

/**
 * `schoolgate sar export <user> --reason "..." [--out file.zip] [--from day] [--to day]
 * [--include-archives]`: writes a subject access export of one person (PRV-03) as a zip,
 * with a progress bar on stderr and a summary on stdout. The export is recorded in the
 * audit trail before any data is read. An existing file is never overwritten, and a
 * half-written zip is removed if the export fails. The zip is created readable by its
 * owner only: it is one person's whole record.
 *
 * ### Examples
 * ```ts
 * await sarExportCommand('pupil.one', { reason: 'SAR 2026-04 from parent', from: '2025-09-01' });
 * // writes ./sar-pupil.one-2026-11-24.zip
 * ```
 */
export async function sarExportCommand(user: string, options: SarExportOptions): Promise<void> {
  const reason = options.reason?.trim() ?? '';
  if (reason === '') {
    throw new Error('give --reason: the request reference, recorded in the audit trail');
  }
  const loaded = loadConfig(options.config);
  const timezone = loaded.config.policy.timezone;
  const wall = createWallClock(timezone);
  const fromMs = options.from === undefined ? undefined : parseMoment(options.from, wall, 'from');
  const toMs = options.to === undefined ? undefined : parseMoment(options.to, wall, 'to');
  const extraEvents =
    options.includeArchives === true
      ? archivedEvents(configuredArchiveDir(loaded), user)
      : undefined;
  const startedMs = Date.now();
  const path = resolve(
    options.out ?? `sar-${fileSafe(user)}-${wall(startedMs).text.slice(0, 10)}.zip`,
  );

  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`${path} already exists: not overwriting it (give another --out)`);
    }
    throw error;
  }
  const output = createWriteStream(path, { fd });
  const bar = createProgressBar('sar export');
  let summary: SubjectAccessSummary;
  try {
    const store = await openConfiguredStore(loaded);
    try {
      summary = await exportSubjectAccess(store, {
        user,
        actor: cliActor(),
        reason,
        now: Date.now,
        output,
        fromMs,
        toMs,
        extraEvents,
        timezone,
        onProgress: bar.update,
      });
    } finally {
      await store.close();
    }
  } catch (error) {
    output.destroy();
    rmSync(path, { force: true });
    throw error;
  }
  bar.finish();
  const local = (ms: number) => `${wall(ms).text} (${timezone})`;
  process.stdout.write(describeSummary(summary, path, local, extraEvents !== undefined));
}

const badLine = (file: string, line: number, problem: string) =>
  process.stderr.write(`${file}:${line}: skipped: ${problem}\n`);

/**
 * The person's archived events for `--include-archives`: the daily archive files of the
 * UTC days the period touches (every archived day when it has no start), checked against
 * the manifest before they are read. The export's own `sar.export` audit row covers this
 * read, so no separate `archive.search` row is written.
 */
function archivedEvents(
  archiveDir: string,
  user: string,
): (period: { fromMs: number | null; toMs: number }) => AsyncIterable<WebEvent> {
  return (period) =>
    searchArchives(
      archiveDir,
      { fromDay: UtcDay.key(period.fromMs ?? 0), toDay: UtcDay.key(period.toMs - 1), user },
      { onBadLine: badLine },
    );
}

/** A user name as part of a file name: anything but letters, digits, `.`, `_`, `-` and `@` becomes `_`. */
function fileSafe(user: string): string {
  return user.replace(/[^A-Za-z0-9._@-]+/g, '_').replace(/^\.+/, '_');
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `--from`/`--to` as epoch ms. A bare day is the school's local midnight starting it
 * (`--from`) or ending it (`--to`: the day is included); anything else must be an ISO
 * date-time with its offset or `Z`.
 */
function parseMoment(
  value: string,
  wall: ReturnType<typeof createWallClock>,
  which: 'from' | 'to',
): number {
  const day = DAY.exec(value);
  if (day === null) {
    const ms = /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      throw new Error(`--${which}: '${value}' is not a day (YYYY-MM-DD) or an ISO time with zone`);
    }
    return ms;
  }
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  if (month < 1 || month > 12 || new Date(Date.UTC(year, month - 1, date)).getUTCDate() !== date) {
    throw new Error(`--${which}: '${value}' is not a date`);
  }
  const utcMidnight = Date.UTC(year, month - 1, date + (which === 'to' ? 1 : 0));
  // Local midnight: shift by the zone's offset there, then once more in case the offset
  // differs on the other side of a clock change (UK changes are at 01:00 UTC, never midnight).
  let ms = utcMidnight;
  for (let i = 0; i < 2; i++) {
    const w = wall(ms);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    ms -= shown - utcMidnight;
  }
  return ms;
}

function describeSummary(
  summary: SubjectAccessSummary,
  path: string,
  local: (ms: number) => string,
  archivesIncluded: boolean,
): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  const period =
    summary.fromMs === null
      ? `everything held up to ${local(summary.toMs)}`
      : `${local(summary.fromMs)} up to ${local(summary.toMs)}`;
  const archives = archivesIncluded
    ? `${n(summary.archivedEvents)} from archives`
    : 'archived events are included only with --include-archives';
  return [
    `Subject access export for ${summary.user}: ${path} (${n(summary.bytes)} bytes)`,
    `  period:        ${period} (not included)`,
    `  events:        ${n(summary.events)} (${archives})`,
    `  searches:      ${n(summary.searches)}`,
    `  alerts:        ${n(summary.alerts)} (no alert records exist in this version)`,
    `  holds:         ${n(summary.holds)}`,
    `  audit records: ${n(summary.auditRecords)}`,
    `Recorded in the audit trail as #${summary.auditSeq} (sar.export).`,
    'Before releasing it, check free text (hold and audit reasons) for other people and for',
    'anything exempt from disclosure; README.txt in the zip explains each file.',
    '',
  ].join('\n');
}
