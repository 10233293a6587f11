import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../casework/audit/append-audit.js';
import type { ActivityNoticesTable, Database } from '../../store/schema.js';
import type { ActivityNotice } from './activity-notice.js';

const groupId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a group id');

/** What a teacher registers; checked before it is stored. */
export const noticeInputSchema = z
  .strictObject({
    createdBy: z.string().min(1).max(256),
    groups: z.array(groupId).min(1, 'name at least one class or group').max(50),
    topic: z.string().trim().min(3, 'say what the lesson is about').max(200),
    keywords: z.array(z.string().trim().min(2).max(100)).max(50).default([]),
    categories: z.array(z.string().min(1).max(128)).max(20).default([]),
    fromMs: z.number().int().nonnegative(),
    toMs: z.number().int().positive(),
  })
  .refine((n) => n.toMs > n.fromMs, {
    message: 'the window must end after it starts',
    path: ['toMs'],
  })
  .refine((n) => n.toMs - n.fromMs <= 14 * 24 * 3600_000, {
    message: 'a notice covers at most two weeks; register each lesson or week',
    path: ['toMs'],
  })
  .refine((n) => n.keywords.length + n.categories.length > 0, {
    message: 'give keywords or categories the lesson will touch',
    path: ['keywords'],
  });

export type NoticeInput = z.input<typeof noticeInputSchema>;

/** A notice input that failed its checks, with the field and the problem. */
export class NoticeInputError extends Error {
  override readonly name = 'NoticeInputError';
}

/**
 * Registers an expected-activity notice, audited. Alerts that arrive in its window are
 * marked with its topic and lowered one level; earlier alerts are not changed.
 *
 * ### Examples
 * ```ts
 * await addNotice(db, { createdBy: 'j.smith', groups: ['9x-history'], topic: 'WW2 propaganda', keywords: ['propaganda'], fromMs, toMs }, now);
 * ```
 */
export async function addNotice(
  db: Kysely<Database>,
  input: NoticeInput,
  now: () => number,
): Promise<ActivityNotice> {
  const parsed = noticeInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NoticeInputError(`${issue.path.join('.') || 'notice'}: ${issue.message}`);
  }
  const notice: ActivityNotice = { id: randomUUID(), ...parsed.data };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('activity_notices')
      .values({
        id: notice.id,
        created_by: notice.createdBy,
        created_ms: now(),
        groups: JSON.stringify(notice.groups),
        topic: notice.topic,
        keywords: JSON.stringify(notice.keywords),
        categories: JSON.stringify(notice.categories),
        from_ms: notice.fromMs,
        to_ms: notice.toMs,
        withdrawn_ms: null,
      })
      .execute();
    await appendAudit(
      trx,
      {
        actor: notice.createdBy,
        action: 'notice.add',
        targetKind: 'notice',
        target: notice.id,
        reason: notice.topic,
        details: {
          groups: [...notice.groups],
          categories: [...notice.categories],
          keywords: notice.keywords.length,
          fromMs: notice.fromMs,
          toMs: notice.toMs,
        },
      },
      now,
    );
  });
  return notice;
}

/** Notices not withdrawn whose window ends after `sinceMs`, soonest first. */
export async function listNotices(
  db: Kysely<Database>,
  sinceMs: number,
): Promise<ActivityNotice[]> {
  const rows = await db
    .selectFrom('activity_notices')
    .selectAll()
    .where('withdrawn_ms', 'is', null)
    .where('to_ms', '>', sinceMs)
    .orderBy('from_ms')
    .execute();
  return rows.map(noticeFromRow);
}

/** The notices in force at some time in [fromMs, toMs], for a batch's events. */
export async function noticesInForce(
  db: Kysely<Database>,
  fromMs: number,
  toMs: number,
): Promise<ActivityNotice[]> {
  const rows = await db
    .selectFrom('activity_notices')
    .selectAll()
    .where('withdrawn_ms', 'is', null)
    .where('from_ms', '<=', toMs)
    .where('to_ms', '>', fromMs)
    .execute();
  return rows.map(noticeFromRow);
}

function noticeFromRow(row: Selectable<ActivityNoticesTable>): ActivityNotice {
  return {
    id: row.id,
    createdBy: row.created_by,
    groups: JSON.parse(row.groups) as string[],
    topic: row.topic,
    keywords: JSON.parse(row.keywords) as string[],
    categories: JSON.parse(row.categories) as string[],
    fromMs: row.from_ms,
    toMs: row.to_ms,
  };
}

/** Withdraws a notice (audited); false when there is no such notice in force. */
export async function withdrawNotice(
  db: Kysely<Database>,
  id: string,
  by: string,
  why: string,
  now: () => number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('activity_notices')
      .set({ withdrawn_ms: now() })
      .where('id', '=', id)
      .where('withdrawn_ms', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await appendAudit(
      trx,
      { actor: by, action: 'notice.withdraw', targetKind: 'notice', target: id, reason: why },
      now,
    );
    return true;
  });
}
