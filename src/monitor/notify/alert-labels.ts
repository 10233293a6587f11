import { CATEGORY_BY_ID } from '../../engine/categories/category-catalogue.js';
import type { Alert, AlertKind } from '../alert.js';
import { RISK_MEANINGS } from '../risk-level.js';

/** What made an alert, in words for the person who reads it. */
const KIND_LABELS: Readonly<Record<AlertKind, string>> = Object.freeze({
  category: 'a request in a category the policy alerts on',
  concern: 'a blocked attempt at a category of concern',
  phrases: 'search terms or page text matched the safeguarding phrase lists',
  repeated: 'repeated blocked attempts in a short time',
  circumvention: 'an attempt to get round the filter',
});

/** The words an alert message or webhook shows beside the alert's stored values. */
export interface AlertLabels {
  /** `RISK_MEANINGS` of the alert's level. */
  readonly levelMeaning: string;
  /** The catalogue's label, or the id itself for a school's own category. */
  readonly categoryLabel: string;
  readonly kindLabel: string;
  /**
   * Who: the username, else the device, else the address ("unknown user at 10.0.0.5"),
   * with control characters removed so it is safe in a subject line.
   */
  readonly person: string;
}

/**
 * The labels every rendering of an alert shares, so the e-mail, the webhook and (later)
 * the console name a category and a person the same way.
 *
 * ### Examples
 * ```ts
 * alertLabels(alert).categoryLabel; // 'Self-harm and suicide'
 * alertLabels({ ...alert, subject: { ...alert.subject, user: null } }).person; // 'unknown user at 10.0.0.5'
 * ```
 */
export function alertLabels(alert: Alert): AlertLabels {
  const subject = alert.subject;
  const person =
    subject.user ??
    (subject.device === null
      ? `unknown user at ${subject.clientAddress}`
      : `unknown user on ${subject.device} (${subject.clientAddress})`);
  return {
    levelMeaning: RISK_MEANINGS[alert.level],
    categoryLabel: CATEGORY_BY_ID.get(alert.category)?.label ?? alert.category,
    kindLabel: KIND_LABELS[alert.kind] ?? alert.kind,
    person: oneLine(person),
  };
}

/** Control characters (CR and LF among them) become spaces: a header line stays one line. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
}
