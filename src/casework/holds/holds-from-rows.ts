import type { Kysely } from 'kysely';
import type { Database, LegalHoldsTable } from '../../store/schema.js';
import { LegalHold } from './legal-hold.js';

/** Holds looked up per statement (ids are bound parameters). */
const IDS_PER_STATEMENT = 500;

/**
 * Completes `legal_holds` rows into `LegalHold`s: counts each hold's attached events and
 * reads whether its review date is a fallback from its `hold.place` audit entry (served by
 * the `audit_log_target` index). A hold with no readable entry is shown as not a fallback.
 *
 * ### Examples
 * ```ts
 * const holds = await holdsFromRows(db, await db.selectFrom('legal_holds').selectAll().execute());
 * ```
 */
export async function holdsFromRows(
  db: Kysely<Database>,
  rows: readonly LegalHoldsTable[],
): Promise<LegalHold[]> {
  const events = new Map<string, number>();
  const fallback = new Set<string>();
  for (let i = 0; i < rows.length; i += IDS_PER_STATEMENT) {
    const ids = rows.slice(i, i + IDS_PER_STATEMENT).map((r) => r.id);
    const counts = await db
      .selectFrom('legal_hold_events')
      .select((eb) => ['hold_id', eb.fn.countAll<number>().as('n')])
      .where('hold_id', 'in', ids)
      .groupBy('hold_id')
      .execute();
    for (const c of counts) events.set(c.hold_id, Number(c.n));
    const placed = await db
      .selectFrom('audit_log')
      .select(['target', 'details'])
      .where('target_kind', '=', 'hold')
      .where('target', 'in', ids)
      .where('action', '=', 'hold.place')
      .execute();
    for (const p of placed) if (isFallback(p.details)) fallback.add(p.target);
  }
  return rows.map((r) => LegalHold.fromRow(r, events.get(r.id) ?? 0, fallback.has(r.id)));
}

function isFallback(details: string): boolean {
  try {
    return (JSON.parse(details) as { reviewDueFallback?: unknown }).reviewDueFallback === true;
  } catch {
    return false;
  }
}
