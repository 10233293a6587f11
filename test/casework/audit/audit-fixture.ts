/**
 * Shared setup for the audit tests: a trail of `n` rows with a controlled clock, and raw
 * table access for tampering the way someone with database access could.
 */
import { type AuditEntry, appendAudit } from '../../../src/casework/audit/append-audit.js';
import type { Store } from '../../../src/store/open-store.js';

/** 09:00 UTC on 1 September 2025, the first day of a school year. */
export const T0 = Date.UTC(2025, 8, 1, 9);

/** The i-th sample entry: alternating reads of two pupils' records and a hold change. */
export function sampleEntry(i: number): AuditEntry {
  return i % 3 === 2
    ? {
        actor: 'console:jane.dsl',
        action: 'hold.place',
        targetKind: 'hold',
        target: `hold-${i}`,
        clientAddress: '192.0.2.10',
        reason: `case ${i}`,
        details: { events: i, caseRef: `SG-${i}` },
      }
    : {
        actor: 'cli:root',
        action: 'events.read',
        targetKind: 'person',
        target: i % 2 === 0 ? 'pupil.one' : 'pupil.two',
        reason: `review ${i}`,
      };
}

/** Appends `n` sample rows, one second apart from T0 (seq 1 at T0). */
export async function fillTrail(store: Store, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await appendAudit(store.db, sampleEntry(i), () => T0 + i * 1000);
}
