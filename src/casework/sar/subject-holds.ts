import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/** A legal hold about one person, as a subject access export shows it (holds.json). */
export interface SubjectHold {
  readonly id: string;
  readonly kind: 'safeguarding' | 'hr';
  readonly caseRef: string;
  readonly reason: string;
  readonly createdBy: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  /** When the hold is to be reviewed (safeguarding) or ends (HR), ISO 8601 UTC. */
  readonly reviewDue: string;
  /** ISO 8601 UTC, or `null` while the hold is in force. */
  readonly releasedAt: string | null;
  readonly releasedBy: string | null;
  readonly releaseReason: string | null;
  /** Ids of the person's own events the hold keeps, in time order. */
  readonly eventIds: readonly string[];
  /** Events the hold keeps that are someone else's: counted, never listed (third parties). */
  readonly otherPeoplesEvents: number;
  /** Events the hold names that are not in the active store (archived, or deleted). */
  readonly eventsNotInActiveStore: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The legal holds whose subject is `user`, oldest first, each with the ids of the person's
 * own events it keeps. A case may also keep other people's events (a group chat, a fight
 * filmed by several pupils): those are only counted, so the export says that more is held
 * without saying whose or what. Released holds are included, with who released them and why.
 *
 * ### Examples
 * ```ts
 * const holds = await subjectHolds(trx, 'pupil.one');
 * holds[0]?.eventIds; // ['019e5a8e-...', ...]
 * ```
 */
export async function subjectHolds(
  db: Kysely<Database>,
  user: string,
): Promise<readonly SubjectHold[]> {
  const holds = await db
    .selectFrom('legal_holds')
    .selectAll()
    .where('subject', '=', user)
    .orderBy('created_ms')
    .orderBy('id')
    .execute();
  const result: SubjectHold[] = [];
  for (const hold of holds) {
    const attached = await db
      .selectFrom('legal_hold_events as h')
      .leftJoin('events as e', (join) =>
        join.onRef('e.time_ms', '=', 'h.event_time_ms').onRef('e.id', '=', 'h.event_id'),
      )
      .select(['h.event_id', 'e.username', 'e.id as found'])
      .where('h.hold_id', '=', hold.id)
      .orderBy('h.event_time_ms')
      .orderBy('h.event_id')
      .execute();
    const eventIds: string[] = [];
    let others = 0;
    let missing = 0;
    for (const row of attached) {
      if (row.found === null) missing += 1;
      else if (row.username === user) eventIds.push(row.event_id);
      else others += 1;
    }
    result.push({
      id: hold.id,
      kind: hold.kind,
      caseRef: hold.case_ref,
      reason: hold.reason,
      createdBy: hold.created_by,
      createdAt: iso(Number(hold.created_ms)),
      reviewDue: iso(Number(hold.review_due_ms)),
      releasedAt: hold.released_ms === null ? null : iso(Number(hold.released_ms)),
      releasedBy: hold.released_by,
      releaseReason: hold.release_reason,
      eventIds,
      otherPeoplesEvents: others,
      eventsNotInActiveStore: missing,
    });
  }
  return result;
}
