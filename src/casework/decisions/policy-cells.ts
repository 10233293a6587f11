import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ACTIONS, type Action } from '../../engine/policy/action.js';
import { applyPolicyCells, type PolicyCell } from '../../engine/policy/apply-policy-cells.js';
import type { CategoryRule, PolicyDefinition } from '../../engine/policy/policy-definition.js';
import type { Database } from '../../store/schema.js';
import { appendAudit } from '../audit/append-audit.js';

/** The console's cells and the version they are at (gateways reload when it moves). */
export interface PolicyCells {
  readonly version: number;
  readonly cells: readonly (PolicyCell & {
    readonly reason: string;
    readonly updatedBy: string;
    readonly updatedMs: number;
  })[];
}

/** Every cell set in the console, with the current version. */
export async function loadPolicyCells(db: Kysely<Database>): Promise<PolicyCells> {
  const [version, rows] = await Promise.all([
    db.selectFrom('policy_version').select('version').where('id', '=', 1).executeTakeFirst(),
    db.selectFrom('policy_cells').selectAll().orderBy('group_id').orderBy('category').execute(),
  ]);
  return {
    version: Number(version?.version ?? 0),
    cells: rows.map((r) => ({
      group: r.group_id,
      category: r.category,
      action: r.action as Action,
      reason: r.reason,
      updatedBy: r.updated_by,
      updatedMs: Number(r.updated_ms),
    })),
  };
}

/** Only the version: what gateways poll every few seconds. */
export async function policyVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('policy_version')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export interface PolicyCellChange {
  readonly group: string;
  readonly category: string;
  readonly action: Action;
  readonly reason: string;
  readonly actor: string;
}

/** Why a change was refused, for the person who asked. */
export class PolicyChangeError extends Error {
  override readonly name = 'PolicyChangeError';
  constructor(
    /** The field to show the message beside (`reason`, `group`, `match`, `expires` ...). */
    readonly field: string,
    message: string,
    /** `conflict`: the change is already in force (a host already exempt); else `invalid`. */
    readonly problem: 'invalid' | 'conflict' = 'invalid',
  ) {
    super(message);
  }
}

/**
 * Sets one cell of the category x group matrix, in one transaction: the cell, a line in the
 * decision log (what it was, what it is now, who, why), the audit trail, and the version the
 * gateways watch. Mandatory categories cannot be changed; every change needs a reason.
 *
 * ### Examples
 * ```ts
 * await setPolicyCell(db, { group: 'pupils', category: 'games', action: 'allow', reason: 'Maths games week', actor }, base, mandatory, Date.now);
 * ```
 */
export async function setPolicyCell(
  db: Kysely<Database>,
  change: PolicyCellChange,
  base: PolicyDefinition,
  known: { readonly categories: ReadonlySet<string>; readonly mandatory: ReadonlySet<string> },
  now: () => number,
): Promise<{ before: string; after: string; version: number }> {
  const reason = change.reason.trim();
  if (reason.length < 3)
    throw new PolicyChangeError('reason', 'say why: every change needs a reason');
  if (!(ACTIONS as readonly string[]).includes(change.action)) {
    throw new PolicyChangeError('action', `'${change.action}' is not one of ${ACTIONS.join(', ')}`);
  }
  if (!base.groups.some((g) => g.id === change.group)) {
    throw new PolicyChangeError('group', `no group '${change.group}'`);
  }
  if (!known.categories.has(change.category)) {
    throw new PolicyChangeError('category', `no category '${change.category}'`);
  }
  if (known.mandatory.has(change.category)) {
    throw new PolicyChangeError(
      'category',
      `'${change.category}' is blocked for everyone by law or by the school's mandatory list; it cannot be changed here`,
    );
  }
  return db.transaction().execute(async (trx) => {
    // The version row first: concurrent changes queue here, and each reads the cell it replaces.
    const bumped = await trx
      .updateTable('policy_version')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', 1)
      .returning('version')
      .executeTakeFirstOrThrow();
    const current = (await loadPolicyCells(trx)).cells;
    const effective = applyPolicyCells(base, current);
    const group = effective.groups.find((g) => g.id === change.group)!;
    const before = describeRule(group.categories[change.category]);
    const after = change.action;
    const ms = now();
    await trx
      .insertInto('policy_cells')
      .values({
        group_id: change.group,
        category: change.category,
        action: change.action,
        reason,
        updated_by: change.actor,
        updated_ms: ms,
      })
      .onConflict((oc) =>
        oc.columns(['group_id', 'category']).doUpdateSet({
          action: change.action,
          reason,
          updated_by: change.actor,
          updated_ms: ms,
        }),
      )
      .execute();
    await trx
      .insertInto('decision_log')
      .values({
        id: randomUUID(),
        time_ms: ms,
        actor: change.actor,
        kind: 'policy-cell',
        subject: `${change.group} / ${change.category}`,
        before,
        after,
        reason,
      })
      .execute();
    await appendAudit(
      trx,
      {
        actor: change.actor,
        action: 'policy.cell',
        targetKind: 'policy',
        target: `${change.group}/${change.category}`,
        reason,
        details: { before, after },
      },
      now,
    );
    return { before, after, version: Number(bumped.version) };
  });
}

/** A rule in words for the decision log: `block`, or `allow during lunchtime; block`. */
export function describeRule(rule: CategoryRule | undefined): string {
  if (rule === undefined) return 'allow (no rule)';
  if (typeof rule === 'string') return rule;
  return rule
    .map((r) =>
      r.during !== undefined
        ? `${r.action} during ${r.during}`
        : r.outside !== undefined
          ? `${r.action} outside ${r.outside}`
          : r.action,
    )
    .join('; ');
}

/** The decision log, newest first. */
export async function listDecisions(db: Kysely<Database>, limit = 200) {
  const rows = await db
    .selectFrom('decision_log')
    .selectAll()
    .orderBy('time_ms', 'desc')
    .orderBy('id')
    .limit(Math.max(1, Math.min(1000, limit)))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    timeMs: Number(r.time_ms),
    actor: r.actor,
    kind: r.kind,
    subject: r.subject,
    before: r.before,
    after: r.after,
    reason: r.reason,
  }));
}
