import { createInterface } from 'node:readline';
import { categoryName } from '../../engine/decision/describe-decision.js';
import { loadRuntime } from '../engine-runtime.js';
import { explainUrl } from './explain-command.js';

/**
 * `schoolgate start`. Until the gateway lands (issue 3) this starts the engine with the
 * config, shows what it loaded, and explains each address typed at the prompt for every
 * group: a quick way for a school to see its policy at work.
 */
export async function startCommand(options: { config?: string }): Promise<void> {
  const runtime = await loadRuntime({ config: options.config });
  const { header } = runtime.index;
  const out = process.stdout;
  out.write(`Schoolgate engine ready: ${runtime.summary}\n`);
  out.write('Categories with entries:\n');
  for (const [category, count] of Object.entries(header.categoryCounts)) {
    out.write(
      `  ${categoryName(category).padEnd(60)} ${count.toLocaleString('en-GB').padStart(10)}\n`,
    );
  }
  out.write(`Groups (priority order): ${[...runtime.context.policy.groups.keys()].join(', ')}\n`);
  out.write('Type an address to see what each group gets and why (Ctrl-D to quit).\n');
  const lines = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? out : undefined,
    prompt: 'url> ',
  });
  if (process.stdin.isTTY) lines.prompt();
  for await (const line of lines) {
    const url = line.trim();
    if (url !== '') out.write(`${explainUrl(runtime, url, undefined, Date.now())}\n`);
    if (process.stdin.isTTY) lines.prompt();
  }
}
