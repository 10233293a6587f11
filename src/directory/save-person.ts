import type { Kysely } from 'kysely';
import { appendAudit } from '../casework/audit/append-audit.js';
import type { Database } from '../store/schema.js';
import type { CheckedUser } from './check-user-record.js';

/** A save that lost a race or named a username taken: nothing was written. */
export class PersonConflictError extends Error {
  override readonly name = 'PersonConflictError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What to write, and what the caller saw before (for an update). */
export type PersonSave =
  | { readonly kind: 'create'; readonly person: CheckedUser }
  | {
      readonly kind: 'update';
      readonly person: CheckedUser;
      /** The row's `updated_ms` when it was read: a different one means someone else saved. */
      readonly seenUpdatedMs: number;
      /** The fields that differ from what was read, by their API names. */
      readonly changed: readonly string[];
    };

/** Fields whose values may go on the audit trail: who is in which group is access data. */
const AUDITED_VALUES = new Set(['groups', 'classes', 'role']);

/**
 * Creates one person in the directory, or updates one, with a `person.create` or
 * `person.change` audit row: who did it, which fields, and the new groups, classes or role
 * (they decide what a person may reach and how they are filtered). Names, e-mail addresses
 * and dates of birth are never copied to the trail: only that they changed. The audit row
 * is appended first, as the trail asks inside a transaction; a username taken (create) or a
 * row changed since it was read (update) throws `PersonConflictError` and writes nothing.
 *
 * ### Examples
 * ```ts
 * await savePerson(db, { kind: 'create', person }, 'console:it', Date.now);
 * ```
 */
export async function savePerson(
  db: Kysely<Database>,
  save: PersonSave,
  actor: string,
  now: () => number,
): Promise<void> {
  const { person } = save;
  const changed =
    save.kind === 'create'
      ? ['displayName', 'groups', 'classes', 'role', 'email', 'dateOfBirth'].filter((field) =>
          hasValue(person, field),
        )
      : save.changed;
  const values: Record<string, unknown> = {};
  for (const field of changed) {
    if (AUDITED_VALUES.has(field)) values[field] = person[field as keyof CheckedUser];
  }
  await db.transaction().execute(async (trx) => {
    await appendAudit(
      trx,
      {
        actor,
        action: save.kind === 'create' ? 'person.create' : 'person.change',
        targetKind: 'person',
        target: person.username,
        details: { fields: [...changed], ...values },
      },
      now,
    );
    const existing = await trx
      .selectFrom('directory_people')
      .select('updated_ms')
      .where('username', '=', person.username)
      .executeTakeFirst();
    const row = {
      display_name: person.displayName,
      groups: JSON.stringify(person.groups),
      classes: JSON.stringify(person.classes),
      email: person.email,
      role: person.role,
      date_of_birth: person.dateOfBirth,
      updated_ms: now(),
      updated_by: actor,
    };
    if (save.kind === 'create') {
      if (existing !== undefined) {
        throw new PersonConflictError(
          'username',
          `'${person.username}' is already in the directory: edit them instead, or choose another username`,
        );
      }
      await trx
        .insertInto('directory_people')
        .values({ username: person.username, ...row })
        .execute();
      return;
    }
    if (existing === undefined || Number(existing.updated_ms) !== save.seenUpdatedMs) {
      throw new PersonConflictError(
        'person',
        existing === undefined
          ? `'${person.username}' is no longer in the directory`
          : `someone else changed '${person.username}' meanwhile: reload and make your change again`,
      );
    }
    await trx
      .updateTable('directory_people')
      .set(row)
      .where('username', '=', person.username)
      .execute();
  });
}

function hasValue(person: CheckedUser, field: string): boolean {
  const value = person[field as keyof CheckedUser];
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== '';
}
