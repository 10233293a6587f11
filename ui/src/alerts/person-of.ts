import type { Alert } from '../api/types.js';

/**
 * Who an alert is about, in words: the username, else the device, else the address
 * ('unknown user at 10.0.0.5'), as the monitor's e-mails name them.
 */
export function personOf(subject: Alert['subject']): string {
  if (subject.user !== null) return subject.user;
  if (subject.device !== null) return `unknown user on ${subject.device}`;
  return `unknown user at ${subject.clientAddress}`;
}
