/**
 * Shared set-up for the spool tests: a temp folder per test, a spool with errors collected,
 * and helpers to drain it and to find records on disk.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { GatewayEvent } from '../../../src/events/gateway-event.js';
import { openSpool, type Spool, type SpoolOptions } from '../../../src/events/spool/open-spool.js';
import { sampleEvent } from '../event-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'schoolgate-spool-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** A new, not yet existing folder under the test run's temp root. */
export const freshDir = (): string => join(root, `spool-${++folders}`);

/** Opens a spool (in a fresh folder unless `dir` is given) that collects its reports. */
export async function setup(options: Partial<SpoolOptions> = {}) {
  const errors: Error[] = [];
  const dir = options.dir ?? freshDir();
  const spool = await openSpool({
    flushIntervalMs: 60_000, // tests flush explicitly unless they test the timer
    onError: (error) => errors.push(error),
    ...options,
    dir,
  });
  return { spool, dir, errors };
}

/** `count` varied events, numbered from `from` (each a millisecond after the last). */
export const events = (count: number, from = 0): GatewayEvent[] =>
  Array.from({ length: count }, (_, i) => sampleEvent(from + i));

/** Reads everything waiting, `batch` at a time, without committing. */
export async function readAll(spool: Spool, batch = 1000) {
  const read: GatewayEvent[] = [];
  let batches = 0;
  for (;;) {
    const { events: got, end } = await spool.read(batch);
    if (got.length === 0) return { events: read, end, batches };
    read.push(...got);
    batches++;
  }
}

/** The segment files in `dir`, in order. */
export const segmentFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.seg'))
    .sort();

export const ids = (list: readonly GatewayEvent[]): string[] => list.map((event) => event.id);
