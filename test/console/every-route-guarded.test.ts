/**
 * No endpoint can forget its guard unnoticed: every `/api/` route the console registers,
 * found from the app itself, is called without a session and must answer 401 problem+json
 * (signing in is the one route that takes none); every write is called with a session but
 * without the CSRF header and must answer 403 `csrf`. A new route is checked without
 * touching this test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { configSchema } from '../../src/config/config-schema.js';
import { createConsoleUser } from '../../src/console/auth/create-console-user.js';
import { createConsoleApp, listApiRoutes } from '../../src/console/create-console-app.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { freshDatabase } from '../support/store-dialects.js';
import { PASSWORD } from './console-fixture.js';

let store: Store;
let app: FastifyInstance;

before(async () => {
  const { url, dataDir } = await freshDatabase('sqlite');
  const config = configSchema.parse({
    dataDir,
    database: { url },
    lists: {},
    policy: { defaultGroup: 'pupils', groups: [{ id: 'pupils', label: 'Pupils' }] },
  });
  store = await openStore({ url, dataDir });
  app = await createConsoleApp({
    store,
    config,
    dataDir,
    now: Date.now,
    log: () => {},
    gatewayHealth: async () => null,
  });
  await createConsoleUser(
    store.db,
    { username: 'it', displayName: 'IT', role: 'it_admin', password: PASSWORD },
    'test',
    Date.now,
  );
});

after(async () => {
  await app?.close();
  await store?.close();
});

/** A concrete path for a route pattern: every `:param` filled in. */
const pathOf = (url: string) => url.replace(/:[A-Za-z]+/g, 'x');
const signingIn = (route: { method: string; url: string }) =>
  route.method === 'POST' && route.url === '/api/session';

describe('every console API route', () => {
  it('is found from the app (the check below covers something)', () => {
    const routes = listApiRoutes(app);
    assert.ok(routes.length >= 20, `only ${routes.length} routes found`);
    assert.ok(routes.some((r) => r.method === 'GET' && r.url === '/api/alerts'));
    assert.ok(routes.some((r) => r.method === 'PUT' && r.url === '/api/policy/cells'));
  });

  it('answers 401 problem+json without a session', async () => {
    const open: string[] = [];
    for (const route of listApiRoutes(app).filter((r) => !signingIn(r))) {
      const response = await app.inject({
        method: route.method as 'GET',
        url: pathOf(route.url),
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (
        response.statusCode !== 401 ||
        !/problem\+json/.test(String(response.headers['content-type']))
      ) {
        open.push(`${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    assert.deepEqual(
      open,
      [],
      `routes that did not refuse an anonymous caller:\n${open.join('\n')}`,
    );
  });

  it('refuses every write without the CSRF header, even with a session', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'it', password: PASSWORD },
    });
    assert.equal(signIn.statusCode, 200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const open: string[] = [];
    for (const route of listApiRoutes(app).filter((r) => r.method !== 'GET' && !signingIn(r))) {
      const response = await app.inject({
        method: route.method as 'POST',
        url: pathOf(route.url),
        headers: { cookie },
        ...(route.method === 'DELETE' ? {} : { payload: {} }),
      });
      const body = response.json() as { type?: string };
      if (response.statusCode !== 403 || !String(body.type).endsWith('/csrf')) {
        open.push(`${route.method} ${route.url}: ${response.statusCode} ${body.type}`);
      }
    }
    assert.deepEqual(open, [], `writes accepted without the CSRF token:\n${open.join('\n')}`);
  });
});
