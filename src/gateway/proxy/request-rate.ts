/** Requests counted per second, over this many seconds. */
const WINDOW_SECONDS = 60;

/** Counts requests as they finish and says how many per second over the last minute. */
export interface RequestRate {
  /** One more request now. Allocates nothing: a slot of a fixed ring is incremented. */
  count(): void;
  /**
   * Requests per second over the last minute (the current second included), or over the
   * time since the gateway started when that is shorter, so a fresh gateway is not shown
   * as idle.
   */
  perSecond(): number;
}

/**
 * A requests-per-second figure for `/healthz` that costs nothing per request: a ring of 60
 * per-second counters (a `Uint32Array`) indexed by the second, whose stale slots are
 * cleared as the clock passes them. Pass the real clock: the rate is about wall time, not
 * the clock a test replays requests by.
 *
 * ### Examples
 * ```ts
 * const rate = createRequestRate(Date.now);
 * rate.count();
 * rate.perSecond(); // 1/1 s after a second, 60/60 s after a minute of one a second
 * ```
 */
export function createRequestRate(now: () => number): RequestRate {
  const slots = new Uint32Array(WINDOW_SECONDS);
  const startSecond = Math.floor(now() / 1000);
  // The newest second whose slot is current; slots for seconds after it hold old counts.
  let latest = startSecond;
  const advance = (second: number) => {
    if (second <= latest) return;
    if (second - latest >= WINDOW_SECONDS) slots.fill(0);
    else for (let s = latest + 1; s <= second; s++) slots[s % WINDOW_SECONDS] = 0;
    latest = second;
  };
  return {
    count() {
      const second = Math.floor(now() / 1000);
      advance(second);
      // A clock stepped back a little counts into the current slot rather than a stale one.
      const slot = latest % WINDOW_SECONDS;
      slots[slot] = slots[slot]! + 1;
    },
    perSecond() {
      advance(Math.floor(now() / 1000));
      let total = 0;
      for (let i = 0; i < WINDOW_SECONDS; i++) total += slots[i]!;
      const seconds = Math.min(WINDOW_SECONDS, latest - startSecond + 1);
      return total / seconds;
    },
  };
}
