import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LeafCertificate } from '../../../../src/gateway/proxy/tls/leaf-certificate.js';
import { createLeafCertificateCache } from '../../../../src/gateway/proxy/tls/leaf-certificate-cache.js';
import { TlsError } from '../../../../src/gateway/proxy/tls/tls-error.js';
import { type CaFixture, createCaFixture } from './ca-fixture.js';

const DAY = 24 * 60 * 60 * 1000;
let clock = new Date('2026-03-02T09:00:00Z');
let fixture: CaFixture;

before(async () => {
  fixture = await createCaFixture(() => clock);
});
after(() => fixture.remove());

/** A cache over the real CA that records which hosts were issued. */
function countingCache(options: { maxEntries?: number; fail?: Set<string> } = {}) {
  const issued: string[] = [];
  const cache = createLeafCertificateCache({
    issue: async (host): Promise<LeafCertificate> => {
      issued.push(host);
      if (options.fail?.has(host)) throw new Error(`issuer down for ${host}`);
      return fixture.ca.issueLeaf(host);
    },
    now: () => clock,
    maxEntries: options.maxEntries,
  });
  return { cache, issued };
}

test('LeafCertificateCache: a hit returns the same context without issuing', async () => {
  const { cache, issued } = countingCache();
  const first = await cache.get('www.school.test');
  const again = await cache.get('WWW.School.Test.');
  assert.equal(again, first);
  assert.deepEqual(issued, ['www.school.test']);
  assert.deepEqual(cache.stats(), { hits: 1, misses: 1, evictions: 0 });
});

test('LeafCertificateCache: concurrent requests share one issuance', async () => {
  const { cache, issued } = countingCache();
  const contexts = await Promise.all(
    Array.from({ length: 25 }, () => cache.get('busy.school.test')),
  );
  assert.equal(new Set(contexts).size, 1);
  assert.deepEqual(issued, ['busy.school.test']);
});

test('LeafCertificateCache: least recently used entries go first', async () => {
  const { cache, issued } = countingCache({ maxEntries: 2 });
  await cache.get('a.test');
  await cache.get('b.test');
  await cache.get('a.test'); // a is now the most recent
  await cache.get('c.test'); // evicts b
  assert.equal(cache.size, 2);
  await cache.get('a.test');
  await cache.get('b.test'); // issued again
  assert.deepEqual(issued, ['a.test', 'b.test', 'c.test', 'b.test']);
  assert.equal(cache.stats().evictions, 2);
});

test('LeafCertificateCache: a leaf near expiry is reissued', async () => {
  const { cache, issued } = countingCache();
  const saved = clock;
  try {
    const first = await cache.get('renew.school.test');
    clock = new Date(saved.getTime() + 28 * DAY);
    assert.equal(await cache.get('renew.school.test'), first, 'still two days left');
    clock = new Date(saved.getTime() + 29 * DAY + 1);
    assert.notEqual(await cache.get('renew.school.test'), first, 'within a day of expiry');
    assert.equal(issued.length, 2);
  } finally {
    clock = saved;
  }
});

test('LeafCertificateCache: a failed issuance is not cached', async () => {
  const fail = new Set(['flaky.school.test']);
  const { cache, issued } = countingCache({ fail });
  await assert.rejects(cache.get('flaky.school.test'), /issuer down/);
  assert.equal(cache.size, 0);
  fail.clear();
  await cache.get('flaky.school.test');
  assert.equal(issued.length, 2);
});

test('LeafCertificateCache: bad names are refused, and the SNI callback reports them', async () => {
  const { cache, issued } = countingCache();
  await assert.rejects(cache.get('*.school.test'), (e: unknown) =>
    TlsError.is(e, 'SG_ERR_LEAF_HOSTNAME'),
  );
  const viaSni = await new Promise<Error | null>((resolve) => {
    cache.sniCallback('bad name', (error) => resolve(error));
  });
  assert.ok(TlsError.is(viaSni, 'SG_ERR_LEAF_HOSTNAME'));
  const good = await new Promise<unknown>((resolve) => {
    cache.sniCallback('good.school.test', (error, context) => resolve(error ?? context));
  });
  assert.equal(good, await cache.get('good.school.test'));
  assert.deepEqual(issued, ['good.school.test']);
});

test('LeafCertificateCache: miss and hit times', async (t) => {
  const { cache } = countingCache({ maxEntries: 10_000 });
  for (let i = 0; i < 20; i++) await cache.get(`warm${i}.school.test`);
  const hosts = 200;
  let start = performance.now();
  for (let i = 0; i < hosts; i++) await cache.get(`h${i}.school.test`);
  const miss = (performance.now() - start) / hosts;
  const hits = 100_000;
  start = performance.now();
  for (let i = 0; i < hits; i++) await cache.get(`h${i % hosts}.school.test`);
  const hit = ((performance.now() - start) * 1000) / hits;
  t.diagnostic(
    `cache miss (issue + SecureContext): ${miss.toFixed(2)} ms; cache hit: ${hit.toFixed(2)} µs`,
  );
  assert.ok(hit * 1000 < miss * 1000 * 1000, 'a hit must be far cheaper than a miss');
  assert.ok(hit < 100, `hit took ${hit} µs`);
});
