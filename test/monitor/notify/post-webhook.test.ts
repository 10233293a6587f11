import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { postWebhook } from '../../../src/monitor/notify/post-webhook.js';
import { startReceiver } from './delivery-fixture.js';

const request = (url: string) => ({
  url,
  secret: 'x'.repeat(16),
  deliveryId: 'd-1',
  body: '{"type":"alert.created"}',
  nowMs: Date.UTC(2026, 10, 24, 9, 0, 0, 999),
});

describe('postWebhook', () => {
  const statuses = [
    { name: 'ok_200', status: 200, want: 200 },
    { name: 'ok_204', status: 204, want: 204 },
    { name: 'client_error', status: 400, want: /^Error: HTTP 400 Bad Request$/ },
    { name: 'server_error', status: 502, want: /^Error: HTTP 502 Bad Gateway$/ },
    { name: 'redirect_not_followed', status: 302, want: /^Error: HTTP 302 Found$/ },
  ];
  for (const c of statuses) {
    it(c.name, async () => {
      const receiver = await startReceiver([c.status]);
      try {
        if (typeof c.want === 'number') {
          assert.deepEqual(await postWebhook(request(receiver.url)), { status: c.want });
        } else {
          await assert.rejects(postWebhook(request(receiver.url)), c.want);
        }
        assert.equal(receiver.requests.length, 1);
        const headers = receiver.requests[0]!.headers;
        assert.equal(headers['x-schoolgate-timestamp'], '1795510800', 'whole seconds');
        assert.equal(headers['x-schoolgate-delivery'], 'd-1');
        assert.match(String(headers['x-schoolgate-signature']), /^sha256=[0-9a-f]{64}$/);
      } finally {
        await receiver.close();
      }
    });
  }

  it('gives up on a receiver that does not answer in time', async () => {
    const receiver = await startReceiver([200]);
    receiver.hold = true;
    try {
      await assert.rejects(
        postWebhook({ ...request(receiver.url), timeoutMs: 100 }),
        /^Error: no answer within 0.1 s$/,
      );
    } finally {
      await receiver.close();
    }
  });

  it('names the network failure when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(postWebhook(request(`http://127.0.0.1:${port}/`)), /ECONNREFUSED/);
  });
});
