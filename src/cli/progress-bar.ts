/**
 * A progress bar on stderr for long tasks (list compilation, imports). On a terminal it
 * redraws one line; elsewhere (CI logs, pipes) it prints a line every 10% so logs stay short.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(message?: string): void;
}

export function createProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const width = 30;
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    update(done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 50 && fraction < 1) return;
        lastDraw = now;
        const filled = Math.round(fraction * width);
        const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
        stream.write(
          `\r${label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}`,
        );
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(
          `${label}: ${decile * 10}% (${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')})\n`,
        );
      }
    },
    finish(message) {
      if (stream.isTTY) stream.write('\n');
      if (message !== undefined) stream.write(`${label}: ${message}\n`);
    },
  };
}
