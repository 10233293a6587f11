/**
 * Repeats `request` every 250 ms until `done` says yes of its result or `timeoutMs` have
 * passed, and returns the last result: for changes a running gateway picks up by polling
 * (its files every 2 s, the directory every few seconds).
 *
 * ### Examples
 * ```ts
 * const allowed = await until(play, (r) => r.status === 200);
 * assert.equal(allowed.status, 200, 'allowed without a restart');
 * ```
 */
export async function until<T>(
  request: () => Promise<T>,
  done: (result: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let result = await request();
  while (!done(result) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    result = await request();
  }
  return result;
}
