import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, LegalHoldsTable } from '../../store/schema.js';
import { StoreError } from '../../store/store-error.js';
import { appendAudit } from '../audit/append-audit.js';
import { attachHoldEvents } from './attach-hold-events.js';
import { type HoldPeriods, holdReviewDue } from './hold-review-due.js';
import { type HoldKind, LegalHold } from './legal-hold.js';

/** What a person asks for when placing a hold. */
export interface PlaceHoldInput {
  readonly kind: HoldKind;
  /** The case's reference in the school's records (`SG-2026-014`, `HR-2026-3`). */
  readonly caseRef: string;
  /** Whose records, usually a username; absent when the hold spans several people. */
  readonly subject?: string | undefined;
  /** Why the hold is placed; required, and written to the audit trail. */
  readonly reason: string;
  /** Who places it (`cli:jdsl`, `console:jane.dsl`). */
  readonly actor: string;
  /** The child's date of birth, `YYYY-MM-DD`: a safeguarding hold's review is due N years after it. */
  readonly subjectBirthDate?: string | undefined;
  /** Events to keep, by id. */
  readonly eventIds?: readonly string[] | undefined;
  /** Every event of one person in `[fromMs, toMs)`. */
  readonly eventFilter?:
    | { readonly user: string; readonly fromMs: number; readonly toMs: number }
    | undefined;
  /** The console client's address, for the audit trail. */
  readonly clientAddress?: string | undefined;
}

/** The hold as placed, with the given event ids that matched no stored event. */
export type PlacedHold = LegalHold & { readonly missing: readonly string[] };

/**
 * Places a legal hold and attaches events to it, in one transaction with its `hold.place`
 * audit entry: either all of it is recorded or none. Retention then keeps the attached events
 * (in the events table, whatever their age) until the hold is released. The review date
 * follows `holdReviewDue`; a safeguarding hold without a date of birth gets a fallback date
 * and `reviewDueFallback: true`, which the audit entry records.
 *
 * Throws `SG_ERR_AUDIT_INPUT` when the reason or case reference is blank, and a `RangeError`
 * for a malformed date of birth or period.
 *
 * ### Examples
 * ```ts
 * const hold = await placeHold(store.db, {
 *   kind: 'safeguarding', caseRef: 'SG-2026-014', subject: 'pupil.one', reason: 'DSL referral',
 *   actor: cliActor(), subjectBirthDate: '2013-04-02',
 *   eventFilter: { user: 'pupil.one', fromMs: Date.parse('2026-11-01'), toMs: Date.parse('2026-11-25') },
 * }, config.retention.holds, Date.now);
 * ```
 */
export async function placeHold(
  db: Kysely<Database>,
  input: PlaceHoldInput,
  periods: HoldPeriods,
  now: () => number,
): Promise<PlacedHold> {
  if (input.kind !== 'safeguarding' && input.kind !== 'hr') {
    throw new RangeError(`hold kind '${String(input.kind)}' is not 'safeguarding' or 'hr'`);
  }
  if (input.caseRef.trim() === '')
    throw StoreError.create('SG_ERR_AUDIT_INPUT', 'a case reference is required');
  if (input.reason.trim() === '')
    throw StoreError.create('SG_ERR_AUDIT_INPUT', 'a reason is required');
  const filter = input.eventFilter;
  if (filter !== undefined && !(filter.fromMs < filter.toMs)) {
    throw new RangeError('the event period must end after it starts');
  }
  const placedMs = now();
  const due = holdReviewDue(input.kind, placedMs, input.subjectBirthDate, periods);
  const row: LegalHoldsTable = {
    id: randomUUID(),
    kind: input.kind,
    case_ref: input.caseRef.trim(),
    subject: input.subject?.trim() || null,
    reason: input.reason.trim(),
    created_by: input.actor,
    created_ms: placedMs,
    review_due_ms: due.reviewDueMs,
    released_ms: null,
    released_by: null,
    release_reason: null,
  };
  return db.transaction().execute(async (trx) => {
    // The INSERT comes first so SQLite's write lock is taken before anything is read.
    await trx.insertInto('legal_holds').values(row).execute();
    let attached = 0;
    const missing: string[] = [];
    for (const selection of [input.eventIds, filter]) {
      if (selection === undefined) continue;
      const result = await attachHoldEvents(trx, row.id, selection);
      attached += result.attached;
      missing.push(...result.missing);
    }
    await appendAudit(
      trx,
      {
        actor: input.actor,
        action: 'hold.place',
        targetKind: 'hold',
        target: row.id,
        clientAddress: input.clientAddress ?? null,
        reason: row.reason,
        details: {
          kind: row.kind,
          caseRef: row.case_ref,
          subject: row.subject,
          reviewDue: new Date(due.reviewDueMs).toISOString(),
          reviewDueBasis: due.basis,
          reviewDueFallback: due.fallback,
          events: attached,
          missingEvents: missing.length,
        },
      },
      now,
    );
    return { ...LegalHold.fromRow(row, attached, due.fallback), missing };
  });
}
