import type { Kysely } from 'kysely';
import type { PhraseMatcher } from '../engine/phrases/phrase-matcher.js';
import type { GatewayEvent } from '../events/gateway-event.js';
import type { Database } from '../store/schema.js';
import { noticesInForce } from './notices/notice-records.js';
import { type FoldOutcome, foldIntoStore } from './records/fold-into-store.js';
import { readSignals } from './rules/read-signals.js';
import type { Signal } from './rules/signal.js';

/** What the monitor is told to do with an alert that opened or rose, inside its transaction. */
export interface MonitorNotifier {
  /** Queues the e-mails and webhooks the alert's routes call for (outbox rows, same transaction). */
  queue(trx: Kysely<Database>, outcome: FoldOutcome): Promise<number>;
  /** Starts sending what was queued, after the transaction committed. */
  kick(): void;
}

export interface MonitorServiceOptions {
  readonly db: Kysely<Database>;
  readonly phrases: PhraseMatcher | null;
  readonly alertScore: number;
  readonly foldMinutes: number;
  readonly repeats: { readonly attempts: number; readonly minutes: number };
  readonly notifier: MonitorNotifier | null;
  readonly log: (message: string) => void;
}

export interface MonitorStats {
  readonly events: number;
  readonly signals: number;
  readonly opened: number;
  readonly grown: number;
  readonly queued: number;
  readonly unreadable: number;
}

/** The monitor: turns each stored batch of events into alerts, and alerts into deliveries. */
export interface MonitorService {
  /**
   * Folds a batch the store has taken into alerts. Safe to call again with the same batch
   * (an event already in an alert's evidence is skipped), so the event writer calls it
   * before committing the spool position: a crash replays the batch, never loses an alert.
   */
  process(events: readonly GatewayEvent[]): Promise<void>;
  stats(): MonitorStats;
}

/**
 * Starts the safeguarding monitor over the store. Signals are read from each event (pure
 * rules), then folded into alerts in one transaction per batch that first takes the
 * monitor's lock row, so monitors in several gateway processes never fold the same concern
 * twice at once. An event the rules cannot read is logged and skipped; a database error is
 * thrown, so the writer retries the batch.
 *
 * ### Examples
 * ```ts
 * const monitor = createMonitorService({ db: store.db, phrases, alertScore: 60, foldMinutes: 30, repeats, notifier, log });
 * await monitor.process(batch);
 * ```
 */
export function createMonitorService(options: MonitorServiceOptions): MonitorService {
  const { db, log } = options;
  const settings = {
    foldMs: options.foldMinutes * 60_000,
    repeatMs: options.repeats.minutes * 60_000,
    repeatAttempts: options.repeats.attempts,
    alertScore: options.alertScore,
    phrases: options.phrases,
  };
  const rules = {
    phrases: options.phrases,
    alertScore: options.alertScore,
    repeatAttempts: options.repeats.attempts,
  };
  const counts = { events: 0, signals: 0, opened: 0, grown: 0, queued: 0, unreadable: 0 };

  const signalsOf = (events: readonly GatewayEvent[]) => {
    const found: { event: GatewayEvent; signal: Signal }[] = [];
    let unreadable = 0;
    for (const event of events) {
      try {
        for (const signal of readSignals(event, rules)) found.push({ event, signal });
      } catch (error) {
        unreadable += 1;
        if (unreadable === 1) log(`monitor: event ${event.id} could not be read: ${String(error)}`);
      }
    }
    counts.events += events.length;
    counts.signals += found.length;
    counts.unreadable += unreadable;
    return found;
  };

  return {
    async process(events) {
      const found = signalsOf(events);
      if (found.length === 0) return;
      const times = found.map((f) => f.signal.evidence.timeMs);
      const outcome = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('monitor_lock')
          .set((eb) => ({ turns: eb('turns', '+', 1) }))
          .execute();
        const notices = await noticesInForce(trx, Math.min(...times), Math.max(...times));
        let opened = 0;
        let grown = 0;
        let queued = 0;
        for (const { event, signal } of found) {
          const folded = await foldIntoStore(trx, event, signal, notices, settings);
          if (folded === null) continue;
          if (folded.previous === null) opened += 1;
          else grown += 1;
          queued += (await options.notifier?.queue(trx, folded)) ?? 0;
        }
        return { opened, grown, queued };
      });
      counts.opened += outcome.opened;
      counts.grown += outcome.grown;
      counts.queued += outcome.queued;
      if (outcome.queued > 0) options.notifier?.kick();
    },
    stats: () => ({ ...counts }),
  };
}
