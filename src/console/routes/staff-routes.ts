import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { STAFF_ROLES } from '../../config/monitor-config.js';
import { knownGroups } from '../../directory/known-groups.js';
import { changeStaff } from '../auth/change-staff.js';
import { checkStaffClasses, StaffChangeError } from '../auth/check-staff-classes.js';
import {
  ConsoleUserError,
  createConsoleUser,
  newConsoleUserSchema,
} from '../auth/create-console-user.js';
import { listStaff } from '../auth/list-staff.js';
import { hashToken } from '../auth/sessions.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { Problem } from '../problem.js';
import { actorOf, requireStaff } from '../staff-access.js';
import { SESSION_COOKIE } from './session-routes.js';

const changeBody = z
  .strictObject({
    displayName: newConsoleUserSchema.shape.displayName.optional(),
    email: z.email('give an address like name@school.test, or null for none').nullable().optional(),
    role: z.enum(STAFF_ROLES).optional(),
    classes: newConsoleUserSchema.shape.classes.unwrap().optional(),
    unlock: z.literal(true).optional(),
    disabled: z.boolean().optional(),
    password: newConsoleUserSchema.shape.password.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'change at least one field');
const usernameParams = z.strictObject({ username: z.string().min(1).max(256) });

/**
 * Console accounts (who may sign in to the console): the list with role, classes, second
 * factor and lock-out state; creating an account with an initial password; and changing
 * one (role, a teacher's classes, unlock, disable, a new password) under the rules in
 * `changeStaff`. Password hashes and TOTP secrets never leave the store.
 */
export function staffRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const db = context.store.db;
  const policyGroups = context.config.policy.groups.map((g) => g.id);
  const one = async (username: string) => {
    const account = (await listStaff(db, context.now())).find((s) => s.username === username);
    if (account === undefined) throw notFound(username);
    return { account };
  };

  app.get('/api/staff', async (request) => {
    requireStaff(request, 'users.read');
    return { staff: await listStaff(db, context.now()) };
  });

  app.post('/api/staff', async (request, reply) => {
    const staff = requireStaff(request, 'users.change');
    const body = parseInput(newConsoleUserSchema, request.body, 'account');
    const known = await knownGroups(db, policyGroups);
    const classes = refusals(() => checkStaffClasses(body.role, body.classes, [], known));
    try {
      await createConsoleUser(db, { ...body, classes: [...classes] }, actorOf(staff), context.now, {
        auditAction: 'staff.create',
      });
    } catch (error) {
      if (!(error instanceof ConsoleUserError)) throw error;
      const taken = error.field === 'username' && / exists$/.test(error.message);
      const message = taken
        ? `'${body.username}' already has a console account: edit it instead`
        : error.message.slice(error.field.length + 2);
      throw new Problem(
        taken ? 'conflict' : 'invalid',
        'The account could not be created',
        message,
        { errors: [{ path: error.field, message }] },
      );
    }
    reply.code(201);
    return one(body.username);
  });

  app.patch('/api/staff/:username', async (request) => {
    const staff = requireStaff(request, 'users.change');
    const { username: raw } = parseInput(usernameParams, request.params, 'address');
    const body = parseInput(changeBody, request.body, 'change');
    const username = raw.trim().normalize('NFC').toLowerCase();
    const known = await knownGroups(db, policyGroups);
    await refusalsAsync(() =>
      changeStaff(
        db,
        username,
        {
          ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
          ...(body.email === undefined ? {} : { email: body.email }),
          ...(body.role === undefined ? {} : { role: body.role }),
          ...(body.classes === undefined ? {} : { classes: body.classes }),
          ...(body.unlock === undefined ? {} : { unlock: body.unlock }),
          ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
          ...(body.password === undefined ? {} : { password: body.password }),
        },
        {
          actor: actorOf(staff),
          actorUsername: staff.user.username,
          actorSessionHash: sessionHashOf(request),
          knownGroups: known,
        },
        context.now,
      ),
    );
    return one(username);
  });
}

/** The hash of the caller's own session token, so resetting one's own password keeps it. */
function sessionHashOf(request: FastifyRequest): string | null {
  const token = request.cookies[SESSION_COOKIE];
  return token === undefined ? null : hashToken(token);
}

function notFound(username: string): Problem {
  return new Problem(
    'not-found',
    'No such console account',
    `'${username.slice(0, 64)}' has no console account: check the username, or add one.`,
  );
}

const TITLES = {
  invalid: 'The change is not valid',
  forbidden: 'You cannot make this change',
  conflict: 'The change cannot be made',
  'not-found': 'No such console account',
} as const;

/** A refused change as a problem naming its field. */
function problemOf(error: StaffChangeError): Problem {
  return new Problem(error.code, TITLES[error.code], `${error.field}: ${error.message}`, {
    errors: [{ path: error.field, message: error.message }],
  });
}

function refusals<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof StaffChangeError ? problemOf(error) : error;
  }
}

async function refusalsAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof StaffChangeError ? problemOf(error) : error;
  }
}
