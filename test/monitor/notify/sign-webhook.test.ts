import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { signWebhook } from '../../../src/monitor/notify/sign-webhook.js';

const SECRET = 'a-shared-secret-of-the-school';

describe('signWebhook', () => {
  // Checked against an independent implementation (openssl), as a receiver in another
  // language would compute it: HMAC-SHA256 over `${timestamp}.${body}`.
  const cases = [
    { name: 'json_body', timestamp: 1795000000, body: '{"type":"alert.created","level":5}' },
    { name: 'empty_body', timestamp: 1, body: '' },
    { name: 'non_ascii_body', timestamp: '1795000001', body: '{"t":"Zoë – ½"}' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const openssl = execFileSync('openssl', ['dgst', '-sha256', '-hmac', SECRET, '-r'], {
        input: Buffer.from(`${c.timestamp}.${c.body}`, 'utf8'),
      })
        .toString()
        .split(' ')[0];
      assert.equal(signWebhook(SECRET, c.timestamp, c.body), `sha256=${openssl}`);
    });
  }

  it('changes with the secret, the timestamp and the body', () => {
    const base = signWebhook(SECRET, 100, '{}');
    assert.match(base, /^sha256=[0-9a-f]{64}$/);
    assert.notEqual(signWebhook(`${SECRET}x`, 100, '{}'), base);
    assert.notEqual(signWebhook(SECRET, 101, '{}'), base);
    assert.notEqual(signWebhook(SECRET, 100, '{ }'), base);
  });
});
