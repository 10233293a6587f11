import {
  type DailyJob,
  scheduleDailyRetention,
} from '../../casework/retention/schedule-daily-retention.js';
import type { SchoolgateConfig } from '../../config/config-schema.js';
import { createLocalClock } from '../../engine/policy/local-clock.js';
import type { Store } from '../../store/open-store.js';
import { digestPeriod } from './digest-period.js';
import { sendDigest } from './send-digest.js';

const DAY_MS = 86_400_000;

/** Who the daily job acts as, on the audit trail. */
export const DIGEST_ACTOR = 'system:digest';

/**
 * Sends the digests on the school's clock: each day at `monitor.digests.dailyAt`, the
 * daily digest of the day before; on `weeklyOn`, also the weekly digest of the week before.
 * Runs in the gateway's main process only; `digest_runs` makes a second node's run a no-op.
 * A failure is logged and the next day's run goes ahead.
 *
 * ### Examples
 * ```ts
 * const job = scheduleDigests(config, () => openConfiguredStore(loaded), log);
 * job.stop();
 * ```
 */
export function scheduleDigests(
  config: SchoolgateConfig,
  openStore: () => Promise<Store>,
  log: (message: string) => void,
  now: () => number = Date.now,
): DailyJob {
  const { monitor, policy } = config;
  const clock = createLocalClock(policy.timezone);
  return scheduleDailyRetention({
    at: monitor.digests.dailyAt,
    timezone: policy.timezone,
    now,
    run: async () => {
      const today = clock(now());
      const yesterday = clock(now() - DAY_MS).date;
      const periods = [digestPeriod('daily', yesterday, policy.timezone)];
      if (today.day === monitor.digests.weeklyOn) {
        periods.push(digestPeriod('weekly', clock(now() - 7 * DAY_MS).date, policy.timezone));
      }
      const store = await openStore();
      try {
        for (const period of periods) {
          const sent = await sendDigest(store, period, {
            monitor,
            schoolName: config.school.name,
            actor: DIGEST_ACTOR,
            now,
          });
          log(
            `digest ${period.id}: ${sent.kind === 'queued' ? `queued for ${sent.recipients.join(', ')}` : sent.kind}`,
          );
        }
      } finally {
        await store.close();
      }
    },
    onError: (error) =>
      log(
        `digest run failed (tried again tomorrow): ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
}
