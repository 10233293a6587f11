import type { AlertState } from './alert-state.js';
import type { RiskLevel } from './risk-level.js';

/**
 * What made an alert, so the DSL reads why before reading what:
 * - `category`: a request in a category the policy marks `alert`;
 * - `concern`: a blocked attempt at a category of concern (IWF, CTIRU, extremism, self-harm…);
 * - `phrases`: search terms or page text matched the safeguarding phrase lists;
 * - `repeated`: repeated blocked attempts (N in M minutes) at sites of no particular concern;
 * - `circumvention`: a way round the filter (proxy, VPN, DNS-over-HTTPS, SNI/host mismatch).
 *
 * Stored: add kinds, never rename.
 */
export type AlertKind = 'category' | 'concern' | 'phrases' | 'repeated' | 'circumvention';

export const ALERT_KINDS: readonly AlertKind[] = [
  'category',
  'concern',
  'phrases',
  'repeated',
  'circumvention',
];

/**
 * One piece of evidence: the request that added to an alert. Holds URLs and search terms
 * (the record), and of page content only the matched phrases and a short snippet around
 * them: the one piece of page text Schoolgate keeps.
 */
export interface AlertEvidence {
  readonly eventId: string;
  readonly timeMs: number;
  /** `https://host/path` (no query), or the host alone for tunnels and exempt sites. */
  readonly url: string;
  readonly action: string;
  readonly searchTerms: string | null;
  /** The safeguarding phrases that fired (as written in the list), at most a few. */
  readonly phrases: readonly string[];
  /** Up to 60 characters of normalised text around the first match, or null. */
  readonly snippet: string | null;
}

/** Who the alert is about, as the gateway identified them. */
export interface AlertSubject {
  /** Username, or null when the request could not be tied to a person. */
  readonly user: string | null;
  readonly groups: readonly string[];
  readonly device: string | null;
  readonly clientAddress: string;
}

/**
 * A safeguarding alert: one concern about one person, which grows as related events arrive
 * (a run of searches, repeated attempts) instead of becoming many alerts.
 */
export interface Alert {
  readonly id: string;
  /** Events with the same key within the fold window grow this alert (`fold-key.ts`). */
  readonly foldKey: string;
  readonly kind: AlertKind;
  readonly category: string;
  /** The level after escalation and notices; what routing and the queue use. */
  readonly level: RiskLevel;
  /** The highest level any single piece of evidence earned, before escalation and notices. */
  readonly baseLevel: RiskLevel;
  /** One line for a queue or an e-mail subject, without the person's name. */
  readonly title: string;
  readonly subject: AlertSubject;
  readonly firstMs: number;
  readonly lastMs: number;
  /** How many events this alert folds together. */
  readonly count: number;
  /** The topic of the expected-activity notice that covers it, or null. */
  readonly expected: string | null;
  readonly state: AlertState;
}
