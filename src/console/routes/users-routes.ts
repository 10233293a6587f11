import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { policyDefinitionOf } from '../../config/config-schema.js';
import { directoryKnowledge, importPeople, listPeople } from '../../directory/directory-store.js';
import { previewUserImport, type RowError } from '../../directory/user-import.js';
import { compilePolicy } from '../../engine/policy/compile-policy.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { Problem } from '../problem.js';
import { actorOf, requireStaff } from '../staff-access.js';

const GROUP_ID = /^[a-z0-9][a-z0-9_-]*$/;

const listQuery = z.strictObject({
  q: z.string().max(200).optional(),
  group: z.string().max(128).regex(GROUP_ID, 'a group id: a-z, 0-9, _ and -').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
// The preview refuses more than 5 MB itself, with a message saying so; JSON escaping of
// quotes can make the body a little larger than the file.
const MAX_CSV_CHARS = 6 * 1024 * 1024;
const BODY_LIMIT = 16 * 1024 * 1024;
const previewBody = z.strictObject({
  csv: z.string().min(1, 'choose a CSV file or paste its text').max(MAX_CSV_CHARS),
});
const importBody = z.strictObject({
  csv: previewBody.shape.csv,
  skipInvalid: z.boolean().default(false),
});

/**
 * The school directory: people with their groups and the policy group that applies to them,
 * a CSV import's preview (nothing written), and the import itself, which refuses a file
 * with errors unless asked to skip the invalid rows.
 */
export function usersRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const db = context.store.db;
  const policy = compilePolicy(policyDefinitionOf(context.config));
  const policyGroups = context.config.policy.groups.map((g) => g.id);

  /** The import's view of what exists: policy groups, the directory's groups, its people. */
  const previewOf = async (csv: string) => {
    const known = await directoryKnowledge(db);
    for (const id of policyGroups) known.groups.add(id);
    return previewUserImport(csv, {
      knownGroups: known.groups,
      existingUsernames: known.usernames,
    });
  };

  app.get('/api/people', async (request) => {
    requireStaff(request, 'users.read');
    const query = parseInput(listQuery, request.query, 'filter');
    const people = await listPeople(db, {
      ...(query.q === undefined ? {} : { q: query.q }),
      ...(query.group === undefined ? {} : { group: query.group }),
      limit: query.limit,
    });
    return {
      people: people.map((person) => {
        const effective = policy.resolveGroup(person.groups);
        return {
          username: person.username,
          displayName: person.displayName,
          groups: person.groups,
          classes: person.classes,
          role: person.role,
          effectiveGroup: { id: effective.id, label: effective.label },
          updatedMs: person.updatedMs,
        };
      }),
    };
  });

  app.post('/api/people/import/preview', { bodyLimit: BODY_LIMIT }, async (request) => {
    requireStaff(request, 'users.change');
    const { csv } = parseInput(previewBody, request.body, 'import');
    return previewOf(csv);
  });

  app.post('/api/people/import', { bodyLimit: BODY_LIMIT }, async (request) => {
    const staff = requireStaff(request, 'users.change');
    const { csv, skipInvalid } = parseInput(importBody, request.body, 'import');
    const preview = await previewOf(csv);
    if (preview.errors.length > 0 && !skipInvalid) {
      throw new Problem(
        'invalid',
        'The file has errors',
        `${preview.summary.invalid} of ${preview.summary.total} rows have problems. Fix them ` +
          `and import again, or import only the ${preview.summary.valid} valid rows.`,
        { errors: preview.errors.map(fieldErrorOf) },
      );
    }
    if (preview.rows.length === 0) {
      throw new Problem(
        'invalid',
        'Nothing to import',
        'The file has no valid rows: fix the problems listed and import again.',
        { errors: preview.errors.map(fieldErrorOf) },
      );
    }
    const result = await importPeople(
      db,
      preview.rows,
      actorOf(staff),
      context.now,
      preview.columns,
    );
    return { ...result, skipped: preview.summary.invalid, summary: preview.summary };
  });
}

/** A row error as a problem's field error, keeping its line, column and value. */
function fieldErrorOf(error: RowError) {
  const where = error.line === 0 ? 'file' : `line ${error.line}`;
  return {
    path: error.column === null ? where : `${where}, ${error.column}`,
    message: error.message,
    line: error.line,
    column: error.column,
    value: error.value,
  };
}
