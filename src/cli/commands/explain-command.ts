import { decide } from '../../engine/decision/decide.js';
import { describeDecision } from '../../engine/decision/describe-decision.js';
import type { EngineRuntime } from '../engine-runtime.js';

/**
 * The decision for a URL in words, for one group or, without `group`, for every group in
 * priority order (so an IT manager sees at once who can reach a site).
 */
export function explainUrl(
  runtime: EngineRuntime,
  url: string,
  group: string | undefined,
  now: number,
): string {
  const policy = runtime.context.policy;
  if (group !== undefined && !policy.groups.has(group)) {
    throw new Error(`unknown group '${group}' (groups: ${[...policy.groups.keys()].join(', ')})`);
  }
  const groups = group === undefined ? [...policy.groups.keys()] : [group];
  const blocks = groups.map((id) => {
    const decision = decide({ url, groups: [id] }, { ...runtime.context, now });
    return describeDecision(decision)
      .map((line, i) => (i === 0 ? line : `  ${line}`))
      .join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
