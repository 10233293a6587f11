import { readdirSync, readFileSync } from 'node:fs';

/** Memory and CPU time of a process and all its descendants at one moment. */
export interface ProcessUsage {
  readonly kind: 'process-usage';
  readonly processes: number;
  /** Sum of VmRSS over the tree, bytes. */
  readonly rssBytes: number;
  /** Sum of utime + stime over the tree, in clock ticks. */
  readonly cpuTicks: number;
}

/** Linux's USER_HZ, which /proc/<pid>/stat counts in (100 on every common build). */
export const CLOCK_TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function rss(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/** Samples /proc for `root` and every process below it (squid's helpers, for example). */
export function processUsage(root: number): ProcessUsage {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s === null) continue;
    ticks.set(pid, s.ticks);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  let processes = 0;
  let rssBytes = 0;
  let cpuTicks = 0;
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const pid = queue[i] as number;
    if (!ticks.has(pid)) continue;
    processes++;
    rssBytes += rss(pid);
    cpuTicks += ticks.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return { kind: 'process-usage', processes, rssBytes, cpuTicks };
}
