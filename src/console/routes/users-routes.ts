import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { policyDefinitionOf } from '../../config/config-schema.js';
import { checkPerson, type PersonInput } from '../../directory/check-person.js';
import {
  type DirectoryPerson,
  directoryKnowledge,
  getPerson,
  importPeople,
  listPeople,
} from '../../directory/directory-store.js';
import { knownGroups } from '../../directory/known-groups.js';
import { normaliseUsername } from '../../directory/normalise-username.js';
import { PersonConflictError, savePerson } from '../../directory/save-person.js';
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
// Lists are checked by the import's rules (`checkPerson`); here only their shape, and no
// `;` or `|`, which the import reads as separators.
const groupItem = z
  .string()
  .max(128)
  .refine((g) => !/[;|]/.test(g), 'one group id per entry (no ; or |)');
const groupArray = z.array(groupItem).max(200);
const optionalText = (max: number) => z.string().max(max).nullable();
const personFields = {
  displayName: z.string().max(1000),
  groups: groupArray,
  classes: groupArray,
  role: optionalText(64),
  email: optionalText(1000),
  dateOfBirth: optionalText(100),
};
const createBody = z.strictObject({
  username: z.string().max(256),
  displayName: personFields.displayName,
  groups: groupArray.default([]),
  classes: groupArray.default([]),
  role: personFields.role.default(null),
  email: personFields.email.default(null),
  dateOfBirth: personFields.dateOfBirth.default(null),
});
const changeBody = z
  .strictObject({
    displayName: personFields.displayName.optional(),
    groups: groupArray.optional(),
    classes: groupArray.optional(),
    role: personFields.role.optional(),
    email: personFields.email.optional(),
    dateOfBirth: personFields.dateOfBirth.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'change at least one field');
const usernameParams = z.strictObject({ username: z.string().min(1).max(256) });
/** The fields a change may compare, in the order the audit row lists them. */
const COMPARED = ['displayName', 'groups', 'classes', 'role', 'email', 'dateOfBirth'] as const;

/**
 * The school directory: people with their groups and the policy group that applies to them,
 * the known groups, adding and editing one person (checked by the import's own rules,
 * audited without personal data), a CSV import's preview (nothing written), and the import
 * itself, which refuses a file with errors unless asked to skip the invalid rows.
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
  /** A person as the API answers: their groups and the policy group that applies to them. */
  const viewOf = (person: DirectoryPerson) => {
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
  };
  /** Checks a person by the import's rules, or throws `invalid` naming each field. */
  const checked = async (input: PersonInput, alsoKnown: readonly string[] = []) => {
    const known = await knownGroups(db, [...policyGroups, ...alsoKnown]);
    const { person, errors } = checkPerson(input, known);
    if (person === null) {
      throw new Problem(
        'invalid',
        'The person is not valid',
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        { errors: errors.map((e) => ({ path: e.field, message: e.message })) },
      );
    }
    return person;
  };
  /** One person with the details the Edit form needs, which the list leaves out. */
  const detailsOf = async (username: string) => {
    const person = await getPerson(db, username);
    if (person === null) throw notFound(username);
    return { person: { ...viewOf(person), email: person.email, dateOfBirth: person.dateOfBirth } };
  };

  app.get('/api/people', async (request) => {
    requireStaff(request, 'users.read');
    const query = parseInput(listQuery, request.query, 'filter');
    const people = await listPeople(db, {
      ...(query.q === undefined ? {} : { q: query.q }),
      ...(query.group === undefined ? {} : { group: query.group }),
      limit: query.limit,
    });
    return { people: people.map(viewOf) };
  });

  app.get('/api/groups', async (request) => {
    requireStaff(request, 'users.read');
    const known = await knownGroups(db);
    const labels = new Map(context.config.policy.groups.map((g) => [g.id, g.label]));
    const others = [...known].filter((id) => !labels.has(id)).sort();
    return {
      groups: [
        ...[...labels].map(([id, label]) => ({ id, label, policy: true })),
        ...others.map((id) => ({ id, label: id, policy: false })),
      ],
    };
  });

  app.post('/api/people', async (request, reply) => {
    const staff = requireStaff(request, 'users.change');
    const body = parseInput(createBody, request.body, 'person');
    const person = await checked(body);
    await withConflicts(() =>
      savePerson(db, { kind: 'create', person }, actorOf(staff), context.now),
    );
    reply.code(201);
    return detailsOf(person.username);
  });

  app.get('/api/people/:username', async (request) => {
    // E-mail and date of birth are for those who edit people, not for every list reader.
    requireStaff(request, 'users.change');
    const { username } = parseInput(usernameParams, request.params, 'address');
    return detailsOf(normaliseUsername(username));
  });

  app.patch('/api/people/:username', async (request) => {
    const staff = requireStaff(request, 'users.change');
    const { username: raw } = parseInput(usernameParams, request.params, 'address');
    const body = parseInput(changeBody, request.body, 'change');
    const username = normaliseUsername(raw);
    const before = await getPerson(db, username);
    if (before === null) throw notFound(username);
    const input: PersonInput = {
      username: before.username,
      displayName: body.displayName ?? before.displayName,
      groups: body.groups ?? before.groups,
      classes: body.classes ?? before.classes,
      role: body.role === undefined ? before.role : body.role,
      email: body.email === undefined ? before.email : body.email,
      dateOfBirth: body.dateOfBirth === undefined ? before.dateOfBirth : body.dateOfBirth,
    };
    // Groups the person is in already stay acceptable, even if the directory lost them.
    const person = await checked(input, [...before.groups, ...before.classes]);
    const changed = COMPARED.filter(
      (field) => JSON.stringify(person[field]) !== JSON.stringify(before[field]),
    );
    if (changed.length > 0) {
      await withConflicts(() =>
        savePerson(
          db,
          { kind: 'update', person, seenUpdatedMs: before.updatedMs, changed },
          actorOf(staff),
          context.now,
        ),
      );
    }
    return detailsOf(username);
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

/** The directory's answer to a username it does not have. */
function notFound(username: string): Problem {
  return new Problem(
    'not-found',
    'No such person',
    `'${username.slice(0, 64)}' is not in the directory: check the username, or add them.`,
  );
}

/** A taken username or a lost race as a `conflict` problem naming the field. */
async function withConflicts(save: () => Promise<void>): Promise<void> {
  try {
    await save();
  } catch (error) {
    if (!(error instanceof PersonConflictError)) throw error;
    throw new Problem('conflict', 'The person could not be saved', error.message, {
      errors: [{ path: error.field, message: error.message }],
    });
  }
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
