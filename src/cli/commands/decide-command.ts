import { createInterface } from 'node:readline';
import { z } from 'zod';
import { decide } from '../../engine/decision/decide.js';
import { decisionToJson } from '../decision-json.js';
import type { EngineRuntime } from '../engine-runtime.js';

const requestSchema = z.looseObject({
  user: z.string().optional(),
  group: z.string().optional(),
  groups: z.array(z.string()).optional(),
  url: z.string().optional(),
  host: z.string().optional(),
  time: z.union([z.string(), z.number()]).optional(),
});

/** Where the decide loop reads from and writes to, and its clock (for requests without `time`). */
export interface DecideStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly now: () => number;
}

/**
 * Reads JSON lines `{"user"?, "group", "url", "time"?}` and writes one JSON decision per line.
 * A bad line gets `{"error": ..., "line": n}` in its place, so output lines stay aligned with
 * input lines, and the loop goes on. Resolves to the number of bad lines.
 */
export async function runDecideLoop(
  runtime: EngineRuntime,
  streams: DecideStreams,
): Promise<number> {
  const lines = createInterface({ input: streams.input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let bad = 0;
  const out: string[] = [];
  const flush = () => {
    if (out.length > 0) streams.output.write(`${out.join('\n')}\n`);
    out.length = 0;
  };
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const result = decideLine(runtime, line, lineNumber, streams.now);
    if ('error' in result) bad++;
    out.push(JSON.stringify(result));
    if (out.length >= 256) flush();
  }
  flush();
  return bad;
}

function decideLine(
  runtime: EngineRuntime,
  line: string,
  lineNumber: number,
  now: () => number,
): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}`, line: lineNumber };
  }
  const request = requestSchema.safeParse(parsed);
  if (!request.success) {
    const issue = request.error.issues[0]!;
    return { error: `${issue.path.join('.') || 'request'}: ${issue.message}`, line: lineNumber };
  }
  const { user, group, groups, url, host, time } = request.data;
  if ((url === undefined) === (host === undefined)) {
    return { error: 'give exactly one of url or host', line: lineNumber };
  }
  const at = time === undefined ? now() : typeof time === 'number' ? time : Date.parse(time);
  if (Number.isNaN(at)) return { error: `time: '${time}' is not a date`, line: lineNumber };
  const memberOf = groups ?? (group === undefined ? undefined : [group]);
  const decision = decide(
    url !== undefined ? { url, groups: memberOf } : { host: host!, groups: memberOf },
    {
      ...runtime.context,
      now: at,
    },
  );
  return decisionToJson(decision, user);
}
