/**
 * Times console API calls as a page makes them: each call once ("first run": nothing warmed
 * for it but what earlier calls read), then `runs` more, reading the whole body (a CSV
 * streams to its end) and checking for 200.
 */

/** One API call a page makes on load, and who makes it. */
export interface PageCall {
  readonly page: string;
  /** Path and query, e.g. `/api/dashboard`. */
  readonly call: string;
  readonly client: { get(path: string): Promise<Response> };
  /** How the table names the call (default: its path without the query). */
  readonly label?: string;
}

export interface CallTiming {
  readonly page: string;
  readonly label: string;
  readonly firstMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly bytes: number;
}

/**
 * Runs every call `1 + runs` times, one after another (no other load from this process),
 * and returns the first time, the median and p95 of the rest (nearest rank), per call.
 *
 * ### Examples
 * ```ts
 * const timings = await timePages([{ page: 'Dashboard', call: '/api/dashboard', client }], 7, log);
 * ```
 */
export async function timePages(
  calls: readonly PageCall[],
  runs: number,
  log: (message: string) => void,
): Promise<CallTiming[]> {
  const out: CallTiming[] = [];
  for (const c of calls) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const response = await c.client.get(c.call);
      const body = await response.arrayBuffer();
      times.push(performance.now() - t0);
      if (response.status !== 200) {
        throw new Error(`${c.call}: ${response.status} ${Buffer.from(body).toString('utf8')}`);
      }
      bytes = body.byteLength;
    }
    const [first, ...rest] = times;
    const sorted = [...rest].sort((a, b) => a - b);
    const rank = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
    const timing: CallTiming = {
      page: c.page,
      label: c.label ?? c.call.split('?')[0]!,
      firstMs: first!,
      medianMs: rank(0.5),
      p95Ms: rank(0.95),
      maxMs: sorted.at(-1)!,
      bytes,
    };
    log(
      `${timing.page} ${timing.label}: first ${timing.firstMs.toFixed(1)} ms, median ${timing.medianMs.toFixed(1)} ms, p95 ${timing.p95Ms.toFixed(1)} ms`,
    );
    out.push(timing);
  }
  return out;
}
