/** Helpers for the outbox tests: read a delivery row, wait for it to settle, a test webhook receiver. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely, Selectable } from 'kysely';
import type { DeliveryWorker } from '../../../src/monitor/notify/start-delivery-worker.js';
import type { AlertDeliveriesTable, Database } from '../../../src/store/schema.js';

/** Retries a few milliseconds apart: the tests wait for real back-off, kept tiny. */
export const FAST_RETRY = { maxAttempts: 3, firstRetrySeconds: 0.01, maxRetrySeconds: 0.05 };

export async function deliveryRow(
  db: Kysely<Database>,
  id: string,
): Promise<Selectable<AlertDeliveriesTable>> {
  return db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/**
 * Waits until the delivery is in `state`: the worker goes idle between retries (the next
 * attempt is not yet due), so this waits for idle, looks, and if need be waits a few ms for
 * the back-off and asks again. Fails after `timeoutMs`.
 */
export async function waitForDelivery(
  db: Kysely<Database>,
  worker: DeliveryWorker,
  id: string,
  state: AlertDeliveriesTable['state'],
  timeoutMs = 10_000,
): Promise<Selectable<AlertDeliveriesTable>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await worker.idle();
    const row = await deliveryRow(db, id);
    if (row.state === state) return row;
    if (Date.now() > deadline) {
      throw new Error(`delivery ${id} is ${row.state} (attempts ${row.attempts}), not ${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly atMs: number;
}

export interface TestReceiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Status to answer each request with, by request number (0-based); past the end, the last. */
  statuses: number[];
  /** While set, requests wait (unanswered) until `release()`. */
  hold: boolean;
  release(): void;
  close(): Promise<void>;
}

/** A real `node:http` receiver on 127.0.0.1, a port chosen at run time. */
export async function startReceiver(statuses: number[]): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  let waiting: (() => void)[] = [];
  const receiver: TestReceiver = {
    url: '',
    requests,
    statuses,
    hold: false,
    release() {
      const w = waiting;
      waiting = [];
      for (const f of w) f();
    },
    close: () =>
      new Promise<void>((resolve) => {
        receiver.release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const index = requests.length;
      requests.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        atMs: Date.now(),
      });
      const answer = () => {
        const status = receiver.statuses[Math.min(index, receiver.statuses.length - 1)] ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(`status ${status}`);
      };
      if (receiver.hold) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}/hooks/schoolgate` });
}
