import type { Kysely } from 'kysely';
import type { PolicyCell } from '../../engine/policy/apply-policy-cells.js';
import type { PolicyOverlay } from '../../engine/policy/apply-policy-overlay.js';
import type { Database } from '../../store/schema.js';
import { listInspectionExemptions } from './inspection-exemptions.js';
import { loadPolicyCells } from './policy-cells.js';
import { listPolicyExceptions, toExceptionDefinition } from './policy-exceptions.js';

/**
 * Everything the console adds to the policy file that a gateway applies: the overlay for
 * the engine (cells and exceptions) and the hosts exempt from HTTPS inspection.
 */
export interface ConsolePolicy extends PolicyOverlay {
  /** The `policy_version` these were read at (or after). */
  readonly version: number;
  readonly cells: readonly PolicyCell[];
  /** Canonical hosts whose HTTPS is tunnelled, not inspected (subdomains too). */
  readonly exemptHosts: readonly string[];
}

/** No console changes. */
export const EMPTY_CONSOLE_POLICY: ConsolePolicy = Object.freeze({
  version: 0,
  cells: [],
  exceptions: [],
  exemptHosts: [],
});

/**
 * Reads the console's policy changes in force: cells, exceptions not removed (expired ones
 * too: the engine ignores them by `expires`, so one that lapses needs no reload) and
 * exemptions not removed. The version is read first, so the rest is at least that new.
 *
 * ### Examples
 * ```ts
 * const { version, cells, exceptions, exemptHosts } = await loadConsolePolicy(db);
 * ```
 */
export async function loadConsolePolicy(db: Kysely<Database>): Promise<ConsolePolicy> {
  const { version, cells } = await loadPolicyCells(db);
  const [exceptions, exemptions] = await Promise.all([
    listPolicyExceptions(db),
    listInspectionExemptions(db),
  ]);
  return {
    version,
    cells: cells.map(({ group, category, action }) => ({ group, category, action })),
    exceptions: exceptions.map(toExceptionDefinition),
    exemptHosts: exemptions.map((e) => e.host),
  };
}
