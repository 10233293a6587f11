import type { Kysely } from 'kysely';
import { parseGroupList } from '../store/parse-group-list.js';
import type { Database } from '../store/schema.js';

/**
 * The group ids a person's groups, a teacher's classes or an import may name: the policy's
 * groups (`extra`) and every group or class the directory already uses. One place, so the
 * CSV import, the person form and a teacher's classes accept the same ids.
 *
 * ### Examples
 * ```ts
 * const known = await knownGroups(db, config.policy.groups.map((g) => g.id));
 * known.has('7a'); // true once anyone in the directory is in 7a
 * ```
 */
export async function knownGroups(
  db: Kysely<Database>,
  extra: Iterable<string> = [],
): Promise<Set<string>> {
  // Most pupils share a handful of combinations: distinct keeps this to a few rows.
  const lists = await db
    .selectFrom('directory_people')
    .select(['groups', 'classes'])
    .distinct()
    .execute();
  const groups = new Set<string>(extra);
  for (const row of lists) {
    for (const id of parseGroupList(row.groups)) groups.add(id);
    for (const id of parseGroupList(row.classes)) groups.add(id);
  }
  return groups;
}
