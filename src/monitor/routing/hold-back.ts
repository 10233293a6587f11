import { createLocalClock } from '../../engine/policy/local-clock.js';
import { parseClockTime } from '../../engine/policy/schedule.js';
import { isUrgent, type RiskLevel } from '../risk-level.js';

/** Why an immediate e-mail waits for the digest instead, or null when it goes now. */
export type HoldBack = 'quiet-hours' | 'rate-limit' | null;

export interface HoldBackRules {
  readonly timezone: string;
  readonly quietHours: { readonly from: string; readonly to: string } | undefined;
  readonly perRecipientPerHour: number;
}

/**
 * Whether an immediate e-mail of `level` to one recipient is held back: levels 4-5 never
 * are; lower levels wait during quiet hours (a window may cross midnight, 18:00-07:30) and
 * once the recipient has had `perRecipientPerHour` immediate e-mails in the last hour.
 *
 * ### Examples
 * ```ts
 * holdBack(3, nowMs, 20, { timezone: 'Europe/London', quietHours: { from: '18:00', to: '07:30' }, perRecipientPerHour: 20 });
 * ```
 */
export function holdBack(
  level: RiskLevel,
  nowMs: number,
  sentInLastHour: number,
  rules: HoldBackRules,
): HoldBack {
  if (isUrgent(level)) return null;
  if (rules.quietHours !== undefined && inWindow(nowMs, rules.timezone, rules.quietHours)) {
    return 'quiet-hours';
  }
  return sentInLastHour >= rules.perRecipientPerHour ? 'rate-limit' : null;
}

function inWindow(nowMs: number, timezone: string, window: { from: string; to: string }): boolean {
  const minutes = createLocalClock(timezone)(nowMs).minutes;
  const from = parseClockTime(window.from) ?? 0;
  const to = parseClockTime(window.to) ?? 0;
  return from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}
