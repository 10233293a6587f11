import type { Alert, AlertEvidence } from '../alert.js';
import type { RiskLevel } from '../risk-level.js';
import { alertConsoleLink } from './alert-console-link.js';
import { alertLabels } from './alert-labels.js';

/** Most pieces of evidence a webhook carries, newest first; `evidenceTotal` says how many there are. */
export const WEBHOOK_EVIDENCE_LIMIT = 50;

/**
 * The JSON a webhook receives (a safeguarding platform such as CPOMS or MyConcern, or a
 * chat bridge). Stable: receivers parse it, so fields are added, never renamed. Times are
 * given both as epoch milliseconds (as stored) and as ISO 8601 UTC text.
 */
export interface AlertWebhookBody {
  /** `alert.created` for a new alert, `alert.raised` when an alert already sent rose in level. */
  readonly type: 'alert.created' | 'alert.raised';
  readonly alert: Alert & {
    readonly levelMeaning: string;
    readonly categoryLabel: string;
    readonly firstAt: string;
    readonly lastAt: string;
    /** The console's page for the alert, or null when no console URL is configured. */
    readonly link: string | null;
  };
  readonly evidence: readonly (AlertEvidence & { readonly at: string })[];
  readonly evidenceTotal: number;
  /** When the body was made (queued); the signature header carries when it was sent. */
  readonly sentAt: string;
  /** The level the body was made at, as a number a receiver can filter on without parsing `alert`. */
  readonly level: RiskLevel;
}

export interface AlertWebhookOptions {
  readonly rise: boolean;
  readonly nowMs: number;
  readonly consoleUrl: string | null;
}

/**
 * Builds the webhook body for an alert: every field of the alert with its level's meaning
 * and its category's label, and the newest evidence. The caller stores
 * `JSON.stringify(body)` in the outbox; that exact text is what is signed and sent.
 *
 * ### Examples
 * ```ts
 * const body = alertWebhookBody(alert, evidence, { rise: false, nowMs: Date.now(), consoleUrl: null });
 * await queueDelivery(db, { ..., payload: { kind: 'webhook', body: JSON.stringify(body) } }, nowMs);
 * ```
 */
export function alertWebhookBody(
  alert: Alert,
  evidence: readonly AlertEvidence[],
  options: AlertWebhookOptions,
): AlertWebhookBody {
  const labels = alertLabels(alert);
  const newest = [...evidence]
    .sort((a, b) => b.timeMs - a.timeMs || (a.eventId < b.eventId ? 1 : -1))
    .slice(0, WEBHOOK_EVIDENCE_LIMIT);
  return {
    type: options.rise ? 'alert.raised' : 'alert.created',
    level: alert.level,
    alert: {
      ...alert,
      levelMeaning: labels.levelMeaning,
      categoryLabel: labels.categoryLabel,
      firstAt: isoTime(alert.firstMs),
      lastAt: isoTime(alert.lastMs),
      link: alertConsoleLink(options.consoleUrl, alert.id),
    },
    evidence: newest.map((e) => ({ ...e, at: isoTime(e.timeMs) })),
    evidenceTotal: evidence.length,
    sentAt: isoTime(options.nowMs),
  };
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
