import { existsSync, writeFileSync } from 'node:fs';
import { withAuditedRead } from '../../casework/audit/audited.js';
import { loadConfig } from '../../config/load-config.js';
import { createLocalClock } from '../../engine/policy/local-clock.js';
import { buildDigest } from '../../monitor/digest/build-digest.js';
import { digestCsv } from '../../monitor/digest/digest-csv.js';
import { digestPdf } from '../../monitor/digest/digest-pdf.js';
import { digestPeriod } from '../../monitor/digest/digest-period.js';
import { renderDigestHtml } from '../../monitor/digest/render-digest-html.js';
import { renderDigestText } from '../../monitor/digest/render-digest-text.js';
import { sendDigest } from '../../monitor/digest/send-digest.js';
import { activityCsv } from '../../monitor/report/activity-csv.js';
import { activityPdf } from '../../monitor/report/activity-pdf.js';
import { buildActivityReport } from '../../monitor/report/activity-report.js';
import { renderActivityHtml } from '../../monitor/report/render-activity-html.js';
import { renderActivityText } from '../../monitor/report/render-activity-text.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { parseLocalTime } from '../parse-local-time.js';

const FORMATS = ['text', 'html', 'csv', 'pdf'] as const;
type ReportFormat = (typeof FORMATS)[number];

export interface DigestCommandOptions {
  config?: string;
  day?: string;
  weekly?: boolean;
  format?: string;
  out?: string;
  send?: boolean;
  again?: boolean;
}

/**
 * `schoolgate report digest [--day YYYY-MM-DD] [--weekly] [--format text|html|csv|pdf]
 * [--out file] [--send [--again]]`: the daily (or weekly) digest of any day, printed or
 * written, or queued as e-mail to the digest recipients. It names pupils, so making it is
 * audited.
 */
export async function reportDigestCommand(options: DigestCommandOptions): Promise<void> {
  const loaded = loadConfig(options.config);
  const { config } = loaded;
  const timezone = config.policy.timezone;
  const day = options.day ?? createLocalClock(timezone)(Date.now() - 86_400_000).date;
  const period = digestPeriod(options.weekly === true ? 'weekly' : 'daily', day, timezone);
  const format = formatOf(options.format);
  const store = await openConfiguredStore(loaded);
  try {
    if (options.send === true) {
      const sent = await sendDigest(store, period, {
        monitor: config.monitor,
        schoolName: config.school.name,
        actor: cliActor(),
        now: Date.now,
        again: options.again === true,
      });
      process.stdout.write(
        sent.kind === 'queued'
          ? `The ${period.kind} digest for ${period.label} is queued for ${sent.recipients.join(', ')}; the gateway sends it.\n`
          : sent.kind === 'already-sent'
            ? `The ${period.kind} digest for ${period.label} was sent before; add --again to send it again.\n`
            : 'No one receives digests: set monitor.digests.to and monitor.staff (staff limited to classes never receive them).\n',
      );
      return;
    }
    const digest = await withAuditedRead(
      store.db,
      { actor: cliActor(), action: 'digest.read', targetKind: 'report', target: period.id },
      Date.now,
      () => buildDigest(store, period),
    );
    const schoolName = config.school.name;
    await emit(format, options.out, {
      text: () => renderDigestText(digest, { schoolName }),
      html: () => renderDigestHtml(digest, { schoolName }),
      csv: () => digestCsv(digest),
      pdf: () => digestPdf(digest, { schoolName }),
    });
  } finally {
    await store.close();
  }
}

export interface ActivityCommandOptions {
  config?: string;
  user?: string;
  group?: string;
  from?: string;
  to?: string;
  reason: string;
  format?: string;
  out?: string;
}

/**
 * `schoolgate report activity --user U | --group G [--from day] [--to day] --reason R`: a
 * person's or group's activity over any period (default the last 7 days), audited with the
 * reason before anything is read. Days are school days: `--to 2026-11-24` includes it.
 */
export async function reportActivityCommand(options: ActivityCommandOptions): Promise<void> {
  if ((options.user === undefined) === (options.group === undefined)) {
    throw new Error('give --user or --group (one of them)');
  }
  const loaded = loadConfig(options.config);
  const timezone = loaded.config.policy.timezone;
  const toMs =
    options.to === undefined
      ? Date.now()
      : parseLocalTime(options.to, '--to', timezone) +
        (/^\d{4}-\d{2}-\d{2}$/.test(options.to) ? 86_400_000 : 0);
  const fromMs =
    options.from === undefined
      ? toMs - 7 * 86_400_000
      : parseLocalTime(options.from, '--from', timezone);
  const format = formatOf(options.format);
  const store = await openConfiguredStore(loaded);
  try {
    const report = await buildActivityReport(store, {
      subject: options.user !== undefined ? { user: options.user } : { group: options.group! },
      period: { fromMs, toMs },
      actor: cliActor(),
      reason: options.reason,
      timezone,
    });
    await emit(format, options.out, {
      text: () => renderActivityText(report),
      html: () => renderActivityHtml(report),
      csv: () => activityCsv(report),
      pdf: () => activityPdf(report),
    });
  } finally {
    await store.close();
  }
}

function formatOf(text: string | undefined): ReportFormat {
  const format = text ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new Error(`--format: '${format}' is not one of ${FORMATS.join(', ')}`);
  }
  return format as ReportFormat;
}

/** Writes the chosen rendering to `out` (never over an existing file) or to stdout. */
async function emit(
  format: ReportFormat,
  out: string | undefined,
  renderers: Record<ReportFormat, () => string | Promise<Buffer>>,
): Promise<void> {
  if (format === 'pdf' && out === undefined) throw new Error('--format pdf needs --out <file>');
  const content = await renderers[format]();
  if (out === undefined) {
    process.stdout.write(content);
    return;
  }
  if (existsSync(out)) throw new Error(`${out} exists; choose another --out`);
  writeFileSync(out, content);
  process.stderr.write(`wrote ${out}\n`);
}
