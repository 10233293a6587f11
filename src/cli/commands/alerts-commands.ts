import type { Kysely } from 'kysely';
import { withAuditedRead } from '../../casework/audit/audited.js';
import { loadConfig } from '../../config/load-config.js';
import type { Alert, AlertEvidence } from '../../monitor/alert.js';
import { ALERT_OUTCOMES, type AlertChange, type AlertOutcome } from '../../monitor/alert-state.js';
import { createLocalTimeFormat } from '../../monitor/notify/format-local-time.js';
import { type AlertFilter, getAlert, listAlerts } from '../../monitor/records/alert-queries.js';
import { changeAlert } from '../../monitor/records/change-alert.js';
import { isRiskLevel, RISK_MEANINGS } from '../../monitor/risk-level.js';
import type { Database } from '../../store/schema.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { parseWhen } from '../parse-when.js';
import { resolveIdPrefix } from '../resolve-id-prefix.js';

const STATES = ['new', 'acknowledged', 'closed', 'escalated'] as const;

export interface AlertsListOptions {
  config?: string;
  state?: string;
  level?: string;
  category?: string;
  user?: string;
  class?: string;
  since?: string;
  limit?: string;
  json?: boolean;
}

/**
 * `schoolgate alerts list`: the queue, most urgent first; open alerts (new, acknowledged) by
 * default. Audited as one read of the queue, since it names people.
 */
export async function alertsListCommand(options: AlertsListOptions): Promise<void> {
  const filter = listFilterOf(options);
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const alerts = await withAuditedRead(
      store.db,
      {
        actor: cliActor(),
        action: 'alerts.list',
        targetKind: 'alert',
        target: options.user ?? options.class ?? '*',
        details: { states: [...(filter.states ?? [])], minLevel: filter.minLevel ?? 1 },
      },
      Date.now,
      () => listAlerts(store.db, filter),
    );
    if (options.json === true) {
      for (const alert of alerts) process.stdout.write(`${JSON.stringify(alert)}\n`);
      return;
    }
    process.stdout.write(formatAlertTable(alerts, loaded.config.policy.timezone));
  } finally {
    await store.close();
  }
}

/** `schoolgate alerts show <id> --reason R`: one alert with its evidence; audited with the reason. */
export async function alertsShowCommand(
  idOrPrefix: string,
  options: { config?: string; reason: string; json?: boolean },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const id = await resolveAlertId(store.db, idOrPrefix);
    const found = await withAuditedRead(
      store.db,
      {
        actor: cliActor(),
        action: 'alert.read',
        targetKind: 'alert',
        target: id,
        reason: requiredText(options.reason, '--reason'),
      },
      Date.now,
      () => getAlert(store.db, id),
    );
    if (found === null) throw new Error(`no alert with id ${id}`);
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      formatAlertDetail(found.alert, found.evidence, loaded.config.policy.timezone),
    );
  } finally {
    await store.close();
  }
}

/** `schoolgate alerts ack|close|escalate <id>`: one workflow step, audited with who and why. */
export async function alertsChangeCommand(
  kind: AlertChange['kind'],
  idOrPrefix: string,
  options: { config?: string; reason?: string; outcome?: string; case?: string; by?: string },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const id = await resolveAlertId(store.db, idOrPrefix);
    const by = options.by ?? cliActor();
    const atMs = Date.now();
    const change: AlertChange =
      kind === 'acknowledge'
        ? { kind, by, atMs }
        : kind === 'close'
          ? { kind, by, atMs, outcome: outcomeOf(options.outcome), why: options.reason ?? '' }
          : { kind, by, atMs, caseRef: options.case ?? '', why: options.reason ?? '' };
    const result = await changeAlert(store.db, id, change, Date.now);
    if (!result.ok) throw new Error(`alert ${id.slice(0, 8)}: ${result.problem}`);
    const state = result.alert.state;
    process.stdout.write(
      `Alert ${id.slice(0, 8)} (level ${result.alert.level}, ${result.alert.title}) is now ${state.kind}${state.kind === 'closed' ? ` (${state.outcome})` : ''}${state.kind === 'escalated' ? ` to case ${state.caseRef}` : ''}.\n`,
    );
  } finally {
    await store.close();
  }
}

/** A full alert id from an id or a unique prefix of at least 6 characters. */
export function resolveAlertId(db: Kysely<Database>, text: string): Promise<string> {
  return resolveIdPrefix(db, 'alerts', text, 'alert', 6);
}

function listFilterOf(options: AlertsListOptions): AlertFilter {
  const states = (options.state ?? 'new,acknowledged').split(',').map((s) => s.trim());
  if (options.state === 'all') return { ...rest(options), states: [...STATES] };
  for (const state of states) {
    if (!(STATES as readonly string[]).includes(state)) {
      throw new Error(`--state: '${state}' is not one of ${STATES.join(', ')} or all`);
    }
  }
  return { ...rest(options), states: states as AlertFilter['states'] & string[] };
}

function rest(options: AlertsListOptions): AlertFilter {
  const level = options.level === undefined ? undefined : Number(options.level);
  if (level !== undefined && !isRiskLevel(level)) {
    throw new Error(`--level: '${options.level}' is not a level from 1 to 5`);
  }
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new Error(`--limit: '${options.limit}' is not a number from 1 to 10000`);
  }
  return {
    ...(level === undefined ? {} : { minLevel: level }),
    ...(options.category === undefined ? {} : { category: options.category }),
    ...(options.user === undefined ? {} : { user: options.user }),
    ...(options.class === undefined ? {} : { groups: options.class.split(',') }),
    ...(options.since === undefined ? {} : { sinceMs: parseWhen(options.since, '--since', false) }),
    limit,
  };
}

function outcomeOf(text: string | undefined): AlertOutcome {
  if (text === undefined || !(ALERT_OUTCOMES as readonly string[]).includes(text)) {
    throw new Error(`--outcome: give one of ${ALERT_OUTCOMES.join(', ')}`);
  }
  return text as AlertOutcome;
}

function requiredText(text: string | undefined, option: string): string {
  if (text === undefined || text.trim() === '') throw new Error(`${option} is required`);
  return text;
}

/** The queue as an aligned table, for a terminal. */
export function formatAlertTable(alerts: readonly Alert[], timezone: string): string {
  if (alerts.length === 0) return 'No alerts match.\n';
  const localTime = createLocalTimeFormat(timezone);
  const rows = alerts.map((a) => [
    a.id.slice(0, 8),
    String(a.level),
    a.state.kind,
    localTime(a.lastMs),
    a.subject.user ?? `(${a.subject.clientAddress})`,
    a.category,
    String(a.count),
    `${a.title}${a.expected === null ? '' : ` [expected: ${a.expected}]`}`,
  ]);
  const header = ['ID', 'LEVEL', 'STATE', 'LAST', 'WHO', 'CATEGORY', 'COUNT', 'WHAT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function formatAlertDetail(alert: Alert, evidence: AlertEvidence[], timezone: string): string {
  const localTime = createLocalTimeFormat(timezone);
  const out = [
    `Alert ${alert.id}`,
    `Level ${alert.level}: ${RISK_MEANINGS[alert.level]}${alert.level !== alert.baseLevel ? ` (evidence alone: ${alert.baseLevel})` : ''}`,
    `What: ${alert.title} (${alert.kind}, ${alert.category})`,
    `Who: ${alert.subject.user ?? 'not identified'}; groups ${alert.subject.groups.join(', ') || 'none'}; device ${alert.subject.device ?? 'unknown'} at ${alert.subject.clientAddress}`,
    `When: ${localTime(alert.firstMs)} to ${localTime(alert.lastMs)}, ${alert.count} event(s)`,
    ...(alert.expected === null ? [] : [`Expected: ${alert.expected} (lowered one level)`]),
    `State: ${describeState(alert, localTime)}`,
    '',
    'Evidence (oldest first):',
  ];
  for (const e of evidence) {
    out.push(`  ${localTime(e.timeMs)}  ${e.action.padEnd(5)}  ${e.url}`);
    if (e.searchTerms !== null) out.push(`      searched: ${e.searchTerms}`);
    if (e.phrases.length > 0) out.push(`      phrases: ${e.phrases.join(', ')}`);
    if (e.snippet !== null) out.push(`      text: …${e.snippet}…`);
  }
  return `${out.join('\n')}\n`;
}

function describeState(alert: Alert, localTime: (ms: number) => string): string {
  const s = alert.state;
  switch (s.kind) {
    case 'new':
      return 'new (not yet acknowledged)';
    case 'acknowledged':
      return `acknowledged by ${s.by} at ${localTime(s.atMs)}`;
    case 'closed':
      return `closed (${s.outcome}) by ${s.by} at ${localTime(s.atMs)}: ${s.note}`;
    case 'escalated':
      return `escalated to case ${s.caseRef} by ${s.by} at ${localTime(s.atMs)}: ${s.note}`;
  }
}
