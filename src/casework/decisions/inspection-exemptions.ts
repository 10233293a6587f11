import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, InspectionExemptionsTable } from '../../store/schema.js';
import { appendAudit } from '../audit/append-audit.js';
import { canonicalSite } from './canonical-site.js';
import { PolicyChangeError } from './policy-cells.js';
import { bumpPolicyVersion, logDecision } from './policy-exceptions.js';

/**
 * A host whose HTTPS the gateways tunnel without inspecting it (banking, health, a site
 * that breaks under inspection), added in the console; only the host is logged for it.
 */
export interface InspectionExemption {
  readonly id: string;
  /** Canonical host; its subdomains are exempt too. */
  readonly host: string;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdMs: number;
  readonly removedBy: string | null;
  readonly removedMs: number | null;
  readonly removedReason: string | null;
}

const INSPECTED = 'inspected';
const EXEMPT = 'not inspected (host only logged)';

/** Console exemptions, oldest first; removed ones only when asked for. */
export async function listInspectionExemptions(
  db: Kysely<Database>,
  options: { readonly includeRemoved?: boolean } = {},
): Promise<readonly InspectionExemption[]> {
  let query = db
    .selectFrom('inspection_exemptions')
    .selectAll()
    .orderBy('created_ms')
    .orderBy('id');
  if (options.includeRemoved !== true) query = query.where('removed_ms', 'is', null);
  return (await query.execute()).map(exemptionFromRow);
}

/**
 * Exempts a host (and its subdomains) from HTTPS inspection, in one transaction with the
 * decision log (kind `inspection-exemption`), the audit trail and the policy version the
 * gateways watch. Refused (`conflict`) when the host is exempt already.
 *
 * ### Examples
 * ```ts
 * await addInspectionExemption(db, { host: 'bank.example', reason: 'Online banking', actor }, Date.now);
 * ```
 */
export async function addInspectionExemption(
  db: Kysely<Database>,
  change: { readonly host: string; readonly reason: string; readonly actor: string },
  now: () => number,
): Promise<InspectionExemption> {
  const reason = change.reason.trim();
  if (reason.length < 3) {
    throw new PolicyChangeError('reason', 'say why: every change needs a reason');
  }
  const site = canonicalSite(change.host, { hostOnly: true });
  if (!site.ok) throw new PolicyChangeError('host', `'${change.host.trim()}': ${site.problem}`);
  const ms = now();
  const row: InspectionExemptionsTable = {
    id: randomUUID(),
    host: site.site,
    reason,
    created_by: change.actor,
    created_ms: ms,
    removed_by: null,
    removed_ms: null,
    removed_reason: null,
  };
  await db.transaction().execute(async (trx) => {
    await bumpPolicyVersion(trx);
    const existing = await trx
      .selectFrom('inspection_exemptions')
      .select('id')
      .where('host', '=', row.host)
      .where('removed_ms', 'is', null)
      .executeTakeFirst();
    if (existing !== undefined) {
      throw new PolicyChangeError(
        'host',
        `${row.host} is exempt from inspection already`,
        'conflict',
      );
    }
    await trx.insertInto('inspection_exemptions').values(row).execute();
    await logDecision(trx, {
      ms,
      actor: change.actor,
      kind: 'inspection-exemption',
      subject: row.host,
      before: INSPECTED,
      after: EXEMPT,
      reason,
    });
    await appendAudit(
      trx,
      {
        actor: change.actor,
        action: 'inspection.exemption.add',
        targetKind: 'settings',
        target: row.host,
        reason,
        details: { id: row.id },
      },
      now,
    );
  });
  return exemptionFromRow(row);
}

/**
 * Ends an exemption with a reason (the row stays, marked removed): the host's HTTPS is
 * inspected again. Null when there is no such exemption in force.
 */
export async function removeInspectionExemption(
  db: Kysely<Database>,
  removal: { readonly id: string; readonly reason: string; readonly actor: string },
  now: () => number,
): Promise<InspectionExemption | null> {
  const reason = removal.reason.trim();
  if (reason.length < 3) {
    throw new PolicyChangeError('reason', 'say why: every change needs a reason');
  }
  const row = await db
    .transaction()
    .execute(async (trx) => {
      await bumpPolicyVersion(trx);
      const found = await trx
        .selectFrom('inspection_exemptions')
        .selectAll()
        .where('id', '=', removal.id)
        .where('removed_ms', 'is', null)
        .executeTakeFirst();
      if (found === undefined) throw new NotInForce();
      const ms = now();
      await trx
        .updateTable('inspection_exemptions')
        .set({ removed_by: removal.actor, removed_ms: ms, removed_reason: reason })
        .where('id', '=', removal.id)
        .execute();
      await logDecision(trx, {
        ms,
        actor: removal.actor,
        kind: 'inspection-exemption',
        subject: found.host,
        before: EXEMPT,
        after: INSPECTED,
        reason,
      });
      await appendAudit(
        trx,
        {
          actor: removal.actor,
          action: 'inspection.exemption.remove',
          targetKind: 'settings',
          target: found.host,
          reason,
          details: { id: found.id },
        },
        now,
      );
      return { ...found, removed_by: removal.actor, removed_ms: ms, removed_reason: reason };
    })
    .catch((error: unknown) => {
      if (error instanceof NotInForce) return null;
      throw error;
    });
  return row === null ? null : exemptionFromRow(row);
}

class NotInForce extends Error {}

function exemptionFromRow(row: InspectionExemptionsTable): InspectionExemption {
  return {
    id: row.id,
    host: row.host,
    reason: row.reason,
    createdBy: row.created_by,
    createdMs: Number(row.created_ms),
    removedBy: row.removed_by,
    removedMs: row.removed_ms === null ? null : Number(row.removed_ms),
    removedReason: row.removed_reason,
  };
}
