import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ConsoleSession } from '../auth/sessions.js';
import { endSession } from '../auth/sessions.js';
import { signIn } from '../auth/sign-in.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { permissionsOf } from '../permissions.js';
import { Problem } from '../problem.js';
import { requireStaff } from '../staff-access.js';

export const SESSION_COOKIE = 'sg_session';

const signInBody = z.strictObject({
  username: z.string().min(1, 'give your username').max(256),
  password: z.string().min(1, 'give your password').max(1024),
  totp: z.string().max(16).optional(),
});

/** `GET|POST|DELETE /api/session`: who is signed in; sign in; sign out. */
export function sessionRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const settings = context.config.console;
  const rules = {
    idleMs: settings.idleMinutes * 60_000,
    maxMs: settings.maxHours * 3_600_000,
    maxFailures: settings.maxFailedSignIns,
    lockMs: settings.lockMinutes * 60_000,
    requireTotpFor: settings.requireTotpFor,
  };

  app.get('/api/session', async (request) => sessionBody(requireStaff(request), context));

  app.post('/api/session', async (request, reply) => {
    const body = parseInput(signInBody, request.body, 'sign-in');
    const result = await signIn(
      context.store.db,
      { ...body, clientAddress: request.ip },
      context.now,
      rules,
    );
    switch (result.kind) {
      case 'failed':
        throw new Problem(
          'sign-in-failed',
          'Wrong username or password',
          'Check them and try again. After several wrong attempts the account is locked for a while.',
        );
      case 'locked':
        throw new Problem(
          'locked',
          'Account locked',
          `Too many wrong attempts: try again in ${Math.ceil(result.retryAfterSeconds / 60)} minute(s), or ask IT to unlock it.`,
          { retryAfterSeconds: result.retryAfterSeconds },
        );
      case 'totp-required':
        throw new Problem(
          'totp-required',
          'Enter your code',
          'Type the 6-digit code from your authenticator app.',
        );
      case 'totp-setup-required':
        throw new Problem(
          'totp-setup-required',
          'A second factor is needed',
          'Your role must sign in with an authenticator app: ask IT to run `schoolgate users totp <your username>` with you.',
        );
      case 'ok':
        setSessionCookie(request, reply, result.token);
        return sessionBody(
          { user: result.user, csrfToken: result.csrfToken, expiresMs: result.expiresMs },
          context,
        );
    }
  });

  app.delete('/api/session', async (request, reply) => {
    requireStaff(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined) await endSession(context.store.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

function sessionBody(session: ConsoleSession, context: ConsoleContext) {
  return {
    user: {
      username: session.user.username,
      displayName: session.user.displayName,
      role: session.user.role,
      classes: session.user.classes,
    },
    csrfToken: session.csrfToken,
    permissions: permissionsOf(session.user.role),
    school: { name: context.config.school.name, timezone: context.config.policy.timezone },
  };
}
