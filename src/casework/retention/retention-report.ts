import type { HoldKind } from '../holds/legal-hold.js';

/** A day copied into an archive file by this run. */
export interface ArchivedDay {
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Events in the archive file (in a dry run: events the table has for the day). */
  readonly events: number;
  /** Events the file did not have before (all of them for a new archive). */
  readonly added: number;
  /** The file, relative to the archive folder. */
  readonly file: string;
  /** The file's SHA-256; `null` in a dry run, which writes nothing. */
  readonly sha256: string | null;
}

/** A hold as the report names it. */
export interface HoldSummary {
  readonly id: string;
  readonly kind: HoldKind;
  readonly caseRef: string;
  readonly subject: string | null;
  /** ISO 8601 UTC. */
  readonly reviewDue: string;
  /** True when the review date is a fallback (no date of birth was given). */
  readonly reviewDueFallback: boolean;
}

/**
 * What one retention run did (or, with `dryRun`, would do): the deletion log PRV-02 asks
 * for. Stored as JSON in `retention_runs.report`; field names are stored, so never rename one.
 */
export interface RetentionReport {
  readonly dryRun: boolean;
  /** The run's clock reading, ISO 8601 UTC. */
  readonly at: string;
  /** Days archived (newly, or widened with events the archive lacked). */
  readonly archivedDays: readonly ArchivedDay[];
  /** Events deleted from the events table (archived first unless past the archive period too). */
  readonly deletedEvents: number;
  /** Events past the active period that stay in the table because a hold keeps them. */
  readonly keptUnderHold: number;
  /** Days whose archive file was deleted at the end of its archive period. */
  readonly deletedArchives: readonly string[];
  /** Hourly rollup rows deleted. */
  readonly deletedRollupRows: number;
  /** HR holds released because their period ended. */
  readonly releasedHrHolds: readonly HoldSummary[];
  /** Safeguarding holds whose review date has come: a person must review each. */
  readonly holdsDueForReview: readonly HoldSummary[];
  /** Days left alone because their archive is damaged or missing, and why. */
  readonly problems: readonly string[];
}
