import type { LegalHoldsTable } from '../../store/schema.js';

/** What a hold is for: a safeguarding case (kept until a recorded review) or an HR case (kept a fixed period). */
export type HoldKind = LegalHoldsTable['kind'];

/**
 * A legal hold as callers see it: records attached to a safeguarding or HR case that
 * retention must keep whatever its periods say, until the hold is released.
 *
 * `reviewDueFallback` is true when a safeguarding hold had no date of birth and its review
 * date is the placing date plus the configured years instead; people reading the hold must
 * be told so. The flag is kept in the hold's `hold.place` audit entry (there is no column
 * for it in migration 0001), so it is read back from the trail.
 */
export interface LegalHold {
  readonly id: string;
  readonly kind: HoldKind;
  readonly caseRef: string;
  /** Whose records (a username), when the hold is about one person. */
  readonly subject: string | null;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdMs: number;
  /** When a safeguarding hold must be reviewed, or when an HR hold ends. */
  readonly reviewDueMs: number;
  readonly reviewDueFallback: boolean;
  readonly releasedMs: number | null;
  readonly releasedBy: string | null;
  readonly releaseReason: string | null;
  /** Events attached to the hold. */
  readonly events: number;
}

/** Makes `LegalHold` values from stored rows. */
export const LegalHold = Object.freeze({
  /**
   * The hold a `legal_holds` row stands for, with what is stored elsewhere: the number of
   * attached events and whether the review date is a fallback.
   */
  fromRow(row: LegalHoldsTable, events: number, reviewDueFallback: boolean): LegalHold {
    return {
      id: row.id,
      kind: row.kind,
      caseRef: row.case_ref,
      subject: row.subject,
      reason: row.reason,
      createdBy: row.created_by,
      createdMs: Number(row.created_ms),
      reviewDueMs: Number(row.review_due_ms),
      reviewDueFallback,
      releasedMs: row.released_ms === null ? null : Number(row.released_ms),
      releasedBy: row.released_by,
      releaseReason: row.release_reason,
      events,
    };
  },
});
