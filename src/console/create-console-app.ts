import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { findSession } from './auth/sessions.js';
import type { ConsoleContext } from './console-context.js';
import { Problem } from './problem.js';
import { activityRoutes } from './routes/activity-routes.js';
import { alertsRoutes } from './routes/alerts-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { listsRoutes } from './routes/lists-routes.js';
import { policyRoutes } from './routes/policy-routes.js';
import { reportsRoutes } from './routes/reports-routes.js';
import { SESSION_COOKIE, sessionRoutes } from './routes/session-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { staffRoutes } from './routes/staff-routes.js';
import { usersRoutes } from './routes/users-routes.js';

/** The built UI (`npm run build:ui`). */
export const UI_DIST = join(import.meta.dirname, '..', '..', 'ui', 'dist');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A module of API routes: registers its endpoints on the app. */
export type ConsoleRoutes = (app: FastifyInstance, context: ConsoleContext) => void;

/**
 * The console's HTTP app: the JSON API under `/api` and the built React UI at `/`. Every
 * request under `/api` has its session read from the cookie; every change (not GET/HEAD)
 * must carry the session's CSRF token in `x-csrf-token` and a JSON body; every route checks
 * the caller's permission (`requireStaff`). Errors are `application/problem+json`.
 *
 * ### Examples
 * ```ts
 * const app = await createConsoleApp(context);
 * await app.listen({ port: 8080, host: '0.0.0.0' });
 * ```
 */
export async function createConsoleApp(
  context: ConsoleContext,
  extraRoutes: readonly ConsoleRoutes[] = [],
): Promise<FastifyInstance> {
  const settings = context.config.console;
  const limits = { idleMs: settings.idleMinutes * 60_000, maxMs: settings.maxHours * 3_600_000 };
  const app = Fastify({
    logger: false,
    trustProxy: settings.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  await app.register(fastifyCookie);
  app.decorateRequest('staff', null);
  const routes: ApiRoute[] = [];
  API_ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.staff =
      token === undefined
        ? null
        : await findSession(context.store.db, token, context.now(), limits);
    if (SAFE_METHODS.has(request.method)) return;
    const signingIn = request.method === 'POST' && request.url === '/api/session';
    if (!signingIn && request.staff === null) {
      throw new Problem('unauthenticated', 'Not signed in', 'Sign in to use the console.');
    }
    if (!signingIn && request.headers['x-csrf-token'] !== request.staff?.csrfToken) {
      throw new Problem(
        'csrf',
        'The request was not sent by the console page',
        'Reload the page and try again (the security token was missing or out of date).',
      );
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.code === 'internal') {
      context.log(`console: ${request.method} ${request.url.split('?')[0]}: ${String(error)}`);
    }
    return reply
      .code(problem.status)
      .type('application/problem+json')
      .send(problem.body(request.url.split('?')[0] ?? ''));
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      const problem = new Problem(
        'not-found',
        'No such API',
        `${request.method} ${request.url.split('?')[0]} does not exist.`,
      );
      return reply.code(404).type('application/problem+json').send(problem.body(request.url));
    }
    // The UI is one page: any other path gets it, and its hash router takes over.
    return existsSync(join(UI_DIST, 'index.html'))
      ? reply.type('text/html').sendFile('index.html')
      : reply
          .code(503)
          .type('text/plain')
          .send('The console UI is not built: run `npm run build:ui`.\n');
  });

  sessionRoutes(app, context);
  dashboardRoutes(app, context);
  alertsRoutes(app, context);
  auditRoutes(app, context);
  policyRoutes(app, context);
  reportsRoutes(app, context);
  activityRoutes(app, context);
  usersRoutes(app, context);
  staffRoutes(app, context);
  settingsRoutes(app, context);
  listsRoutes(app, context);
  for (const routes of extraRoutes) routes(app, context);
  if (existsSync(UI_DIST)) {
    await app.register(fastifyStatic, { root: UI_DIST, index: 'index.html', wildcard: false });
  }
  return app;
}

/** One endpoint of the API, as registered (`/api/alerts/:id`). */
export interface ApiRoute {
  readonly method: string;
  readonly url: string;
}

const API_ROUTES = new WeakMap<FastifyInstance, readonly ApiRoute[]>();

/**
 * Every `/api/` endpoint of an app made by `createConsoleApp`, so a test can check that each
 * one refuses a caller without a session (no route can forget `requireStaff` unnoticed).
 */
export function listApiRoutes(app: FastifyInstance): readonly ApiRoute[] {
  return API_ROUTES.get(app) ?? [];
}

/** Any error as a problem: ours as they are, Fastify's by status, the rest as 500 without details. */
function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 415 || status === 400) {
    return new Problem(
      'invalid',
      'The request could not be read',
      'Send a JSON body (Content-Type: application/json).',
    );
  }
  if (status === 413) {
    return new Problem('invalid', 'The request is too large', 'Send less at once.');
  }
  return new Problem(
    'internal',
    'Something went wrong',
    'The console could not do this. Try again; if it keeps happening, tell IT (the gateway log has the details).',
  );
}
