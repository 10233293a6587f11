import { nextDailyRun } from './next-daily-run.js';

/** Starts a one-shot timer and returns a function that cancels it; `setTimeout` has this shape. */
export type SetTimer = (fire: () => void, delayMs: number) => () => void;

/** The daily job's settings. */
export interface DailyRetentionSchedule {
  /** Local time of day, `HH:MM` (`retention.dailyAt`). */
  readonly at: string;
  /** The policy's IANA zone (`policy.timezone`, Europe/London). */
  readonly timezone: string;
  /** The job; a failure is passed to `onError` and tomorrow's run is still scheduled. */
  readonly run: () => Promise<void>;
  readonly now: () => number;
  /** Timer to use (tests pass a fake one); default `setTimeout`, unref'd. */
  readonly setTimer?: SetTimer | undefined;
  /** Called with whatever `run` threw; default: ignored (the job records its own outcome). */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** A scheduled daily job. */
export interface DailyJob {
  /** The next run, epoch ms (for logs and health pages). */
  nextRunMs(): number;
  /** Cancels the next run; a run in progress finishes. */
  stop(): void;
}

/** setTimeout's largest delay; longer waits are taken in pieces. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Runs `run` every day at `at` in `timezone` (the gateway starts it with the retention job).
 * Each run is scheduled from the clock when the previous one ends, so runs never overlap, a
 * run that takes hours does not shift the next day's, and BST changes are followed. A timer
 * that fires early (or a clock set back) re-arms instead of running twice.
 *
 * ### Examples
 * ```ts
 * const job = scheduleDailyRetention({
 *   at: config.retention.dailyAt, timezone: config.policy.timezone, now: Date.now,
 *   run: async () => { await runRetention(store, config.retention, { now: Date.now, archiveDir, actor: 'system:retention' }); },
 *   onError: (error) => log.error({ error }, 'retention failed'),
 * });
 * // on shutdown: job.stop();
 * ```
 */
export function scheduleDailyRetention(schedule: DailyRetentionSchedule): DailyJob {
  const setTimer: SetTimer =
    schedule.setTimer ??
    ((fire, delayMs) => {
      const timer = setTimeout(fire, delayMs);
      timer.unref();
      return () => clearTimeout(timer);
    });
  let target = nextDailyRun(schedule.now(), schedule.at, schedule.timezone);
  let cancel: () => void = () => {};
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    cancel = setTimer(fire, Math.min(MAX_DELAY_MS, Math.max(0, target - schedule.now())));
  };
  const fire = () => {
    if (stopped) return;
    if (schedule.now() < target) {
      arm();
      return;
    }
    schedule
      .run()
      .catch((error: unknown) => schedule.onError?.(error))
      .finally(() => {
        target = nextDailyRun(Math.max(schedule.now(), target), schedule.at, schedule.timezone);
        arm();
      });
  };
  arm();
  return {
    nextRunMs: () => target,
    stop() {
      stopped = true;
      cancel();
    },
  };
}
