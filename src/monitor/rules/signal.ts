import type { AlertEvidence, AlertKind } from '../alert.js';
import type { RiskLevel } from '../risk-level.js';

/**
 * One reason, read from one event, that the monitor should fold into an alert. `level` is
 * what this event alone is worth; folding, repeats and notices move the alert's level.
 */
export interface Signal {
  readonly kind: AlertKind;
  readonly category: string;
  readonly level: RiskLevel;
  readonly evidence: AlertEvidence;
  /**
   * For `repeated`: the alert is only opened once this many attempts fall within the
   * repeat window (a single blocked game is not worth anyone's time); 1 for the rest.
   */
  readonly needsAttempts: number;
}
