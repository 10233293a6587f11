import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PhraseMatcher } from '../../engine/phrases/phrase-matcher.js';
import type { WebEvent } from '../../events/web-event.js';
import type { Database } from '../../store/schema.js';
import type { Alert, AlertEvidence, AlertSubject } from '../alert.js';
import { foldKey } from '../fold/fold-key.js';
import { foldSignal } from '../fold/fold-signal.js';
import { type ActivityNotice, noticeCovering } from '../notices/activity-notice.js';
import type { RiskLevel } from '../risk-level.js';
import { levelForScore } from '../rules/concern-levels.js';
import { evidenceUrl } from '../rules/read-signals.js';
import type { Signal } from '../rules/signal.js';
import { alertFromRow, alertToRow, evidenceToRow } from './alert-rows.js';

/** The thresholds and lists folding uses. */
export interface FoldSettings {
  readonly foldMs: number;
  readonly repeatMs: number;
  readonly repeatAttempts: number;
  readonly alertScore: number;
  readonly phrases: PhraseMatcher | null;
}

/** An alert as folding left it, and how it was before (null when this opened it). */
export interface FoldOutcome {
  readonly alert: Alert;
  readonly previous: Alert | null;
}

/** Searches of a run rescored together: enough to see a pattern, not a history. */
const RUN_SEARCHES = 20;
/** Evidence rows gathered when repeated attempts open an alert. */
const MAX_GATHERED = 50;

/**
 * Folds one event's signal into the store, inside the caller's transaction: finds the open
 * alert for its concern (same key, still new or acknowledged, active within the fold window),
 * reads what folding needs (recent attempts, the run's searches, notices), and saves the
 * grown or new alert with the event as evidence. Returns null when the event is already
 * evidence (a replayed batch) or when repeated attempts have not yet reached the threshold.
 */
export async function foldIntoStore(
  trx: Kysely<Database>,
  event: WebEvent,
  signal: Signal,
  notices: readonly ActivityNotice[],
  settings: FoldSettings,
): Promise<FoldOutcome | null> {
  const subject: AlertSubject = {
    user: event.user,
    groups: event.groups,
    device: event.device,
    clientAddress: event.clientAddress,
  };
  const key = foldKey(subject, signal);
  const eventMs = signal.evidence.timeMs;
  const openRow = await trx
    .selectFrom('alerts')
    .selectAll()
    .where('fold_key', '=', key)
    .where('state', 'in', ['new', 'acknowledged'])
    .where('last_ms', '>=', eventMs - settings.foldMs)
    .orderBy('last_ms', 'desc')
    .limit(1)
    .executeTakeFirst();
  const open = openRow === undefined ? null : alertFromRow(openRow);
  if (open !== null && (await isEvidence(trx, open.id, event.id))) return null;

  let evidence: AlertEvidence[] = [signal.evidence];
  let recentAttempts = 1;
  if (open !== null) {
    recentAttempts += await countEvidenceSince(trx, open.id, eventMs - settings.repeatMs);
  } else if (signal.needsAttempts > 1) {
    evidence = await blockedAttempts(trx, event, signal, eventMs - settings.repeatMs);
    if (evidence.length < signal.needsAttempts) return null;
    recentAttempts = evidence.length;
  }
  const notice = noticeCovering(notices, {
    groups: subject.groups,
    category: signal.category,
    timeMs: eventMs,
    texts: [signal.evidence.searchTerms ?? '', signal.evidence.url, ...signal.evidence.phrases],
  });
  let alert = foldSignal(open, signal, {
    newId: randomUUID(),
    subject,
    recentAttempts,
    repeatAttempts: settings.repeatAttempts,
    runLevel: open === null ? null : await runLevel(trx, open.id, signal, settings),
    expected: notice?.topic ?? null,
  });
  if (evidence.length > 1)
    alert = { ...alert, count: evidence.length, firstMs: evidence[0]!.timeMs };
  await saveAlert(trx, alert, open !== null);
  await trx
    .insertInto('alert_evidence')
    .values(evidence.map((e) => evidenceToRow(alert.id, e)))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { alert, previous: open };
}

async function isEvidence(trx: Kysely<Database>, alertId: string, eventId: string) {
  const row = await trx
    .selectFrom('alert_evidence')
    .select('event_id')
    .where('alert_id', '=', alertId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined;
}

async function countEvidenceSince(trx: Kysely<Database>, alertId: string, sinceMs: number) {
  const row = await trx
    .selectFrom('alert_evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('alert_id', '=', alertId)
    .where('time_ms', '>=', sinceMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The person's blocked requests in the category within the repeat window, oldest first. */
async function blockedAttempts(
  trx: Kysely<Database>,
  event: WebEvent,
  signal: Signal,
  sinceMs: number,
): Promise<AlertEvidence[]> {
  let query = trx
    .selectFrom('events')
    .select(['id', 'time_ms', 'scheme', 'host', 'path', 'action', 'search_terms'])
    .where('time_ms', '>=', sinceMs)
    .where('time_ms', '<=', signal.evidence.timeMs)
    .where('action', '=', 'block')
    .where('categories', 'like', `%${JSON.stringify(signal.category)}%`);
  query =
    event.user === null
      ? query.where('username', 'is', null).where('client_address', '=', event.clientAddress)
      : query.where('username', '=', event.user);
  const rows = await query.orderBy('time_ms').orderBy('id').limit(MAX_GATHERED).execute();
  const found = rows.map(
    (row): AlertEvidence => ({
      eventId: row.id,
      timeMs: row.time_ms,
      url: evidenceUrl(row.scheme, row.host, row.path),
      action: row.action,
      searchTerms: row.search_terms,
      phrases: [],
      snippet: null,
    }),
  );
  // The store has the event (it was inserted before the monitor saw it); keep it even if not.
  return found.some((e) => e.eventId === event.id) ? found : [...found, signal.evidence];
}

/** The level the run's searches earn scored together: combinations and context across searches. */
async function runLevel(
  trx: Kysely<Database>,
  alertId: string,
  signal: Signal,
  settings: FoldSettings,
): Promise<RiskLevel | null> {
  if (settings.phrases === null || signal.evidence.searchTerms === null) return null;
  const rows = await trx
    .selectFrom('alert_evidence')
    .select('search_terms')
    .where('alert_id', '=', alertId)
    .where('search_terms', 'is not', null)
    .orderBy('time_ms', 'desc')
    .limit(RUN_SEARCHES)
    .execute();
  const searches = new Set([signal.evidence.searchTerms, ...rows.map((r) => r.search_terms!)]);
  const scan = settings.phrases.scan([...searches].join(' | '));
  if (scan.exception) return null;
  return levelForScore(scan.scores[signal.category] ?? 0, settings.alertScore);
}

async function saveAlert(trx: Kysely<Database>, alert: Alert, exists: boolean): Promise<void> {
  const row = alertToRow(alert);
  if (!exists) {
    await trx.insertInto('alerts').values(row).execute();
    return;
  }
  const { id, ...changes } = row;
  await trx.updateTable('alerts').set(changes).where('id', '=', id).execute();
}
