import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** One wrk run, as parsed from its `--latency` report. */
export interface WrkResult {
  readonly kind: 'wrk';
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Connect, read, write and timeout errors together. */
  readonly socketErrors: number;
  readonly non2xx3xx: number;
}

export interface WrkOptions {
  /** The URL wrk connects to (the proxy, or the CONNECT relay for HTTPS). */
  readonly url: string;
  /** For HTTP through a proxy: the absolute URL each request asks for. */
  readonly absolute?: string;
  readonly headers?: readonly string[];
  readonly connections: number;
  readonly threads: number;
  readonly seconds: number;
}

function toMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (match === null) throw new Error(`wrk latency '${text}' not understood`);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(match[1]) * scale;
}

/** Parses wrk's text report; throws when a figure is missing rather than guessing. */
export function parseWrk(text: string): WrkResult {
  const number = (pattern: RegExp) => {
    const match = pattern.exec(text);
    if (match === null) throw new Error(`wrk output lacks ${pattern}:\n${text}`);
    return match[1] as string;
  };
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    kind: 'wrk',
    requestsPerSecond: Number(number(/Requests\/sec:\s+([\d.]+)/)),
    p50Ms: toMs(number(/^\s+50%\s+(\S+)/m)),
    p99Ms: toMs(number(/^\s+99%\s+(\S+)/m)),
    requests: Number(number(/(\d+) requests in/)),
    socketErrors: errors === null ? 0 : errors.slice(1).reduce((sum, n) => sum + Number(n), 0),
    non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
  };
}

/** Runs wrk once (`--latency`, a 2 s socket timeout) and returns its parsed report. */
export function runWrk(options: WrkOptions): Promise<WrkResult> {
  const args = [
    '-t',
    String(options.threads),
    '-c',
    String(options.connections),
    '-d',
    `${options.seconds}s`,
    '--timeout',
    '2s',
    '--latency',
  ];
  for (const header of options.headers ?? []) args.push('-H', header);
  if (options.absolute !== undefined)
    args.push(
      '-s',
      join(import.meta.dirname, 'absolute-form.lua'),
      options.url,
      '--',
      options.absolute,
    );
  else args.push(options.url);
  return new Promise((resolve, reject) =>
    execFile('wrk', args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`wrk failed: ${stderr || error.message}`));
      else resolve(parseWrk(stdout));
    }),
  );
}
