import type { Kysely, Selectable } from 'kysely';
import type { WebhookConfig } from '../../config/monitor-config.js';
import type { AlertDeliveriesTable, Database } from '../../store/schema.js';
import { parseDeliveryPayload } from './delivery-payload.js';
import type { EmailSender } from './email-sender.js';
import { postWebhook } from './post-webhook.js';

/**
 * How long a claim holds a row. A worker whose process died leaves its row `sending`; once
 * this has passed any worker takes it back. Far longer than a send can take (connections
 * and webhooks time out after 10 s), so a slow send is never sent twice by this.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** `monitor.delivery` in the config: how often and how far apart a failed send is retried. */
export interface DeliveryRetryConfig {
  /** Attempts in all; the delivery is dead after this many failures. */
  readonly maxAttempts: number;
  /** Wait after the first failure, doubling after each further one... */
  readonly firstRetrySeconds: number;
  /** ...up to this. */
  readonly maxRetrySeconds: number;
}

export interface DeliveryWorkerOptions {
  /** The store's handle (`store.db`); the worker only reads and updates `alert_deliveries`. */
  readonly db: Kysely<Database>;
  /** The SMTP sender, or null when `monitor.email.smtp` is not set (e-mails then go dead at once). */
  readonly email: EmailSender | null;
  /** `monitor.webhooks`: a webhook row names one of these; its URL and secret are read at send time. */
  readonly webhooks: readonly WebhookConfig[];
  readonly delivery: DeliveryRetryConfig;
  /** Epoch ms; due times and back-off are worked out with it. */
  readonly now: () => number;
  /** Told when a delivery goes dead (target and error, never the content) and of outbox outages. */
  readonly log: (message: string) => void;
  /** How often the outbox is looked at without a kick, for rows other processes queued (default 1000 ms). */
  readonly pollMs?: number;
  /** Sends in flight at once (default 4), so one slow receiver does not hold up a level-5 e-mail. */
  readonly concurrency?: number;
}

export interface DeliveryWorkerStats {
  readonly state: 'running' | 'waiting-for-database' | 'stopped';
  readonly inFlight: number;
  readonly sent: number;
  /** Failed sends that were put back to be tried again. */
  readonly retried: number;
  readonly dead: number;
  /** Rows another worker claimed first (several processes on one database). */
  readonly claimsLost: number;
  /** `sending` rows whose claim had lapsed, taken back from a sender that stopped. */
  readonly takenBack: number;
}

export interface DeliveryWorker {
  /** Looks at the outbox now: call it after queueing, so an urgent e-mail leaves at once. */
  kick(): void;
  /**
   * Resolves when no due delivery is pending and nothing is being sent. A retry not yet due
   * does not count; while the store cannot be reached it keeps waiting.
   */
  idle(): Promise<void>;
  stats(): DeliveryWorkerStats;
  /**
   * Stops claiming, lets the sends in flight finish and record their result, then resolves.
   * Close the e-mail sender and the store after this, not before.
   */
  stop(): Promise<void>;
}

type DeliveryRow = Selectable<AlertDeliveriesTable>;
type Outcome = { ok: true } | { ok: false; error: string; permanent: boolean };

/**
 * Starts the outbox worker: it sends the e-mails and webhooks queued in `alert_deliveries`,
 * highest level first, a few at a time, and records what became of each.
 *
 * Claims make it safe for several processes to run a worker on one database: a due row is
 * taken with a conditional UPDATE (`pending` -> `sending`, matching the state, attempts
 * and due time just read), and only the worker whose update changed the row sends it. The
 * claim sets `next_ms` to now + 5 minutes: a `sending` row past that was left by a process
 * that died, and is taken back (so a crash mid-send may send twice, never lose a send).
 * A failed send goes back to `pending` with `attempts + 1`, `last_error` and `next_ms = now
 * + min(max, first * 2^(attempts - 1))` seconds; after `maxAttempts` failures it is `dead`,
 * logged once. An e-mail without SMTP configured, a webhook no longer configured, or a
 * payload that cannot be read is dead at once.
 *
 * ### Examples
 * ```ts
 * const worker = startDeliveryWorker({ db: store.db, email, webhooks: config.monitor.webhooks,
 *   delivery: config.monitor.delivery, now: Date.now, log: (m) => console.error(m) });
 * await queueDelivery(store.db, delivery, Date.now());
 * worker.kick();
 * await worker.stop();
 * ```
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, now, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const { maxAttempts, firstRetrySeconds, maxRetrySeconds } = options.delivery;
  let state: DeliveryWorkerStats['state'] = 'running';
  let stopping = false;
  let scanning: Promise<void> | null = null;
  let again = false;
  // An idle waiter is released by a pass that began after it asked: a pass already under
  // way may have read the outbox before the waiter's delivery was in it.
  let passes = 0;
  let idleWaiters: { after: number; resolve: () => void }[] = [];
  const inFlight = new Set<Promise<void>>();
  const counts = { sent: 0, retried: 0, dead: 0, claimsLost: 0, takenBack: 0 };
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Number.POSITIVE_INFINITY;

  /** Arms the wake-up timer unless one is already due sooner. Monotonic time: not the injected clock. */
  const wakeIn = (delayMs: number) => {
    if (stopping) return;
    const wait = Math.max(0, Math.ceil(delayMs));
    const at = performance.now() + wait;
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      kick();
    }, wait);
    timer.unref();
  };

  const kick = () => {
    if (stopping) return;
    again = true;
    scanning ??= pump();
  };

  // `scanning` is cleared in the same synchronous step as the last look at `again`, so a
  // kick either lands before that look (another pass) or finds no pass running (a new one).
  const pump = async () => {
    try {
      while (again && !stopping) {
        again = false;
        const pass = ++passes;
        let empty: boolean;
        try {
          empty = await fill();
        } catch (error) {
          if (state === 'running') {
            log(`delivery outbox unavailable; deliveries wait: ${describe(error)}`);
            state = 'waiting-for-database';
          }
          wakeIn(pollMs);
          return;
        }
        if (state === 'waiting-for-database') {
          log('delivery outbox available again');
          state = 'running';
        }
        if (empty && inFlight.size === 0) {
          const ready = idleWaiters.filter((w) => w.after < pass);
          idleWaiters = idleWaiters.filter((w) => w.after >= pass);
          for (const w of ready) w.resolve();
        }
      }
    } finally {
      scanning = null;
    }
    wakeIn(pollMs);
  };

  /** Claims and starts due rows until the slots are full (false) or none is due (true). */
  const fill = async (): Promise<boolean> => {
    while (!stopping && inFlight.size < concurrency) {
      const nowMs = now();
      const due = await db
        .selectFrom('alert_deliveries')
        .select(['id', 'state', 'attempts', 'next_ms'])
        .where('state', 'in', ['pending', 'sending'])
        .where('next_ms', '<=', nowMs)
        .orderBy('level', 'desc')
        .orderBy('next_ms')
        .orderBy('id')
        .limit(concurrency * 2)
        .execute();
      if (due.length === 0) return true;
      for (const candidate of due) {
        if (stopping || inFlight.size >= concurrency) break;
        const row = await db
          .updateTable('alert_deliveries')
          .set({ state: 'sending', next_ms: nowMs + CLAIM_LEASE_MS })
          .where('id', '=', candidate.id)
          .where('state', '=', candidate.state)
          .where('attempts', '=', candidate.attempts)
          .where('next_ms', '=', candidate.next_ms)
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) {
          counts.claimsLost += 1;
          continue;
        }
        if (candidate.state === 'sending') {
          counts.takenBack += 1;
          log(
            `delivery ${row.id}: taken back; its sender did not finish within ${CLAIM_LEASE_MS / 60_000} minutes (its process may have stopped)`,
          );
        }
        start(row);
      }
    }
    return false;
  };

  const start = (row: DeliveryRow) => {
    const task: Promise<void> = send(row)
      .then((outcome) => finish(row, outcome))
      .catch((error) => {
        log(
          `delivery ${row.id}: its result could not be recorded; it is retried after its claim lapses: ${describe(error)}`,
        );
      })
      .finally(() => {
        inFlight.delete(task);
        kick();
      });
    inFlight.add(task);
  };

  const send = async (row: DeliveryRow): Promise<Outcome> => {
    const permanent = (error: string): Outcome => ({ ok: false, error, permanent: true });
    let payload: ReturnType<typeof parseDeliveryPayload>;
    try {
      payload = parseDeliveryPayload(row.payload);
    } catch (error) {
      return permanent(describe(error));
    }
    if (payload.kind !== row.channel) {
      return permanent(`a ${row.channel} delivery holds a ${payload.kind} payload`);
    }
    try {
      if (payload.kind === 'email') {
        if (options.email === null) {
          return permanent('monitor.email.smtp is not set, so no e-mail can be sent');
        }
        await options.email.send(row.target, payload);
      } else {
        const hook = options.webhooks.find((w) => w.name === row.target);
        if (hook === undefined) {
          return permanent(`webhook '${row.target}' is no longer in monitor.webhooks`);
        }
        await postWebhook({
          url: hook.url,
          secret: hook.secret,
          deliveryId: row.id,
          body: payload.body,
          nowMs: now(),
        });
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describe(error), permanent: false };
    }
  };

  const finish = async (row: DeliveryRow, outcome: Outcome) => {
    const nowMs = now();
    const attempts = row.attempts + 1;
    // Only while the claim is still ours: if it lapsed and another worker took the row,
    // that worker's result stands.
    const ours = db
      .updateTable('alert_deliveries')
      .where('id', '=', row.id)
      .where('state', '=', 'sending')
      .where('next_ms', '=', row.next_ms);
    let kind: 'sent' | 'retry' | 'dead';
    let result: { numUpdatedRows: bigint };
    if (outcome.ok) {
      kind = 'sent';
      result = await ours.set({ state: 'sent', attempts, sent_ms: nowMs }).executeTakeFirst();
    } else if (outcome.permanent || attempts >= maxAttempts) {
      kind = 'dead';
      result = await ours
        .set({ state: 'dead', attempts, last_error: clip(outcome.error) })
        .executeTakeFirst();
    } else {
      kind = 'retry';
      const delayMs = retryDelayMs(attempts);
      result = await ours
        .set({
          state: 'pending',
          attempts,
          last_error: clip(outcome.error),
          next_ms: nowMs + delayMs,
        })
        .executeTakeFirst();
      wakeIn(delayMs);
    }
    if (Number(result.numUpdatedRows) !== 1) {
      log(
        `delivery ${row.id}: another worker took it back before this one finished; this ${kind === 'sent' ? 'send' : 'failure'} is not recorded`,
      );
      return;
    }
    if (kind === 'sent') counts.sent += 1;
    else if (kind === 'retry') counts.retried += 1;
    else {
      counts.dead += 1;
      const error = outcome.ok ? '' : outcome.error;
      log(
        `delivery ${row.id} is dead after ${attempts} attempt${attempts === 1 ? '' : 's'} (${row.channel} to ${row.target}): ${error}`,
      );
    }
  };

  /** Seconds before attempt `failures + 1`: first * 2^(failures - 1), at most max. */
  const retryDelayMs = (failures: number) =>
    Math.round(Math.min(maxRetrySeconds, firstRetrySeconds * 2 ** (failures - 1)) * 1000);

  kick();

  return {
    kick,
    idle() {
      if (stopping) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push({ after: passes, resolve });
        kick();
      });
    },
    stats: () => ({ state, inFlight: inFlight.size, ...counts }),
    async stop() {
      stopping = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await scanning;
      await Promise.all([...inFlight]);
      state = 'stopped';
      for (const w of idleWaiters) w.resolve();
      idleWaiters = [];
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A stored error is for people: the first 1,000 characters say what went wrong. */
function clip(message: string): string {
  return message.length > 1000 ? `${message.slice(0, 999)}…` : message;
}
