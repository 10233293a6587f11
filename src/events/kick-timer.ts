/** A one-shot timer that can be re-armed, for the batching writers (access log, spool). */
export interface KickTimer {
  /** True while a kick is scheduled. */
  readonly armed: boolean;
  /** Schedules one kick `delayMs` from now, replacing any scheduled one. */
  arm(delayMs: number): void;
  /** Cancels the scheduled kick, if any. */
  clear(): void;
}

/**
 * Makes the timer that wakes a batching writer: after the first pending event (group
 * commit) or after a failure (retry). Unref'd, so a pending kick never keeps the process up.
 *
 * ### Examples
 * ```ts
 * const timer = createKickTimer(() => void this.#kick());
 * if (!timer.armed) timer.arm(50);
 * ```
 */
export function createKickTimer(kick: () => void): KickTimer {
  let timer: NodeJS.Timeout | null = null;
  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    get armed() {
      return timer !== null;
    },
    arm(delayMs) {
      clear();
      timer = setTimeout(() => {
        timer = null;
        kick();
      }, delayMs);
      timer.unref();
    },
    clear,
  };
}
