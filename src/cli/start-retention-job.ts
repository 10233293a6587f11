import { RETENTION_ACTOR, runRetention } from '../casework/retention/run-retention.js';
import { scheduleDailyRetention } from '../casework/retention/schedule-daily-retention.js';
import type { LoadedConfig } from '../config/load-config.js';
import { configuredArchiveDir } from './commands/retention-commands.js';
import { openConfiguredStore } from './open-configured-store.js';

/**
 * Starts the daily retention job beside the gateway (PRV-02: enforced automatically): at
 * `retention.dailyAt` in the policy's timezone it opens the store, runs retention as
 * `system:retention` (audited, and recorded in the deletion log) and logs one line of what
 * it did. It runs in the gateway's main process only, never once per worker.
 *
 * ### Examples
 * ```ts
 * const job = startRetentionJob(loadConfig(path), log);
 * job.stop(); // on shutdown
 * ```
 */
export function startRetentionJob(
  loaded: LoadedConfig,
  log: (message: string) => void,
): { stop(): void } {
  const { config } = loaded;
  return scheduleDailyRetention({
    at: config.retention.dailyAt,
    timezone: config.policy.timezone,
    now: Date.now,
    run: async () => {
      const store = await openConfiguredStore(loaded);
      try {
        const report = await runRetention(store, config.retention, {
          now: Date.now,
          archiveDir: configuredArchiveDir(loaded),
          actor: RETENTION_ACTOR,
        });
        log(
          `retention: archived ${report.archivedDays.length} day(s), deleted ${report.deletedEvents} event(s), kept ${report.keptUnderHold} under hold, ${report.holdsDueForReview.length} safeguarding hold(s) due for review`,
        );
      } finally {
        await store.close();
      }
    },
    onError: (error) =>
      log(
        `retention run failed (retried tomorrow): ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
}
