import type { FastifyRequest } from 'fastify';
import type { ConsoleSession } from './auth/sessions.js';
import { can, type Permission, scopeOf } from './permissions.js';
import { Problem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member of staff, set by the session hook; null when not signed in. */
    staff: ConsoleSession | null;
  }
}

/**
 * The signed-in member of staff, when they hold `permission`; otherwise a 401 (not signed
 * in) or 403 problem. Every route calls this first: there is no route without a check.
 */
export function requireStaff(request: FastifyRequest, permission?: Permission): ConsoleSession {
  const staff = request.staff;
  if (staff === null) {
    throw new Problem('unauthenticated', 'Not signed in', 'Sign in to use the console.');
  }
  if (permission !== undefined && !can(staff.user.role, permission)) {
    throw new Problem(
      'forbidden',
      'Not allowed for your role',
      `Your role (${staff.user.role}) cannot do this. Ask the DSL or IT if you need it.`,
    );
  }
  return staff;
}

/** Whether a teacher (or anyone limited to classes) may see a person in these groups. */
export function mayView(staff: ConsoleSession, groups: readonly string[]): boolean {
  const { classes } = scopeOf(staff.user.role, staff.user.classes);
  return classes === null || classes.some((c) => groups.includes(c));
}

/** The audit trail's name for a member of staff acting in the console. */
export function actorOf(staff: ConsoleSession): string {
  return `console:${staff.user.username}`;
}
