import type { SchoolgateConfig } from '../config/config-schema.js';
import type { PhraseMatcher } from '../engine/phrases/phrase-matcher.js';
import type { GatewayEvent } from '../events/gateway-event.js';
import { openStore, type Store } from '../store/open-store.js';
import { createAlertNotifier } from './alert-notifier.js';
import { createMonitorService, type MonitorService, type MonitorStats } from './monitor-service.js';
import { createEmailSender, type EmailSender } from './notify/email-sender.js';
import {
  type DeliveryWorker,
  type DeliveryWorkerStats,
  startDeliveryWorker,
} from './notify/start-delivery-worker.js';

export interface StartMonitorOptions {
  readonly config: SchoolgateConfig;
  /** The data folder (the SQLite file lives there by default). */
  readonly dataDir: string;
  /** The safeguarding phrase lists, compiled (`loadSafeguardingMatcher`). */
  readonly phrases: PhraseMatcher | null;
  readonly log: (message: string) => void;
  /** The clock alerts are decided by (quiet hours, folding); the outbox keeps the real one. */
  readonly now?: () => number;
}

/** The monitor running in a gateway process: fed by the event writer, sending its deliveries. */
export interface RunningMonitor {
  /** The event writer's `onStored`: folds a stored batch into alerts (throws if the store is away). */
  process(events: readonly GatewayEvent[]): Promise<void>;
  stats(): {
    readonly monitor: MonitorStats | null;
    readonly deliveries: DeliveryWorkerStats | null;
  };
  /** Resolves when nothing due is waiting to be sent (tests, benchmarks). */
  deliveriesIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the safeguarding monitor for one gateway process: its own store connection
 * (opened on the first batch and again after a failure, so the gateway starts while the
 * database is away), the monitor service, and a delivery worker sending the outbox over
 * SMTP and webhooks. Every gateway process runs one: the outbox's claims keep two workers
 * from sending the same delivery.
 *
 * ### Examples
 * ```ts
 * const monitor = startMonitor({ config, dataDir, phrases, log });
 * await startEventRecording({ ..., onStored: (events) => monitor.process(events) });
 * ```
 */
export function startMonitor(options: StartMonitorOptions): RunningMonitor {
  const { config, log } = options;
  const now = options.now ?? Date.now;
  const settings = config.monitor;
  let running: Promise<{
    store: Store;
    service: MonitorService;
    worker: DeliveryWorker;
    email: EmailSender | null;
  }> | null = null;

  const start = async () => {
    const store = await openStore({ url: config.database.url, dataDir: options.dataDir });
    const email =
      settings.email.smtp === undefined
        ? null
        : createEmailSender(settings.email.smtp, settings.email.from);
    const worker = startDeliveryWorker({
      db: store.db,
      email,
      webhooks: settings.webhooks,
      delivery: settings.delivery,
      // The outbox is shared with other processes (the CLI, the console) that queue on the
      // real clock, so due times are read on it too, whatever clock decides alerts.
      now: Date.now,
      log,
    });
    const service = createMonitorService({
      db: store.db,
      phrases: options.phrases,
      alertScore: settings.alertScore,
      foldMinutes: settings.foldMinutes,
      repeats: settings.repeats,
      notifier: createAlertNotifier({
        config: settings,
        schoolName: config.school.name,
        timezone: config.policy.timezone,
        now,
        worker,
      }),
      log,
    });
    return { store, service, worker, email };
  };
  const ensure = () => {
    running ??= start().catch((error: unknown) => {
      running = null;
      throw error;
    });
    return running;
  };
  let closed = false;
  let latest: { service: MonitorService; worker: DeliveryWorker } | null = null;

  return {
    async process(events) {
      if (closed) throw new Error('the monitor is closed');
      const parts = await ensure();
      latest = parts;
      await parts.service.process(events);
    },
    stats: () => ({
      monitor: latest?.service.stats() ?? null,
      deliveries: latest?.worker.stats() ?? null,
    }),
    async deliveriesIdle() {
      await (await ensure()).worker.idle();
    },
    async close() {
      closed = true;
      const parts = await running?.catch(() => null);
      if (parts === null || parts === undefined) return;
      await parts.worker.stop();
      parts.email?.close();
      await parts.store.close();
    },
  };
}
