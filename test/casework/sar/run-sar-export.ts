/**
 * Runs `sarExportCommand` in a child process, as main.ts will once it is wired in, with
 * the user and options as JSON arguments: `node --import tsx run-sar-export.ts <user> <options-json>`.
 * Exits 2 with the message on stderr when the command throws, as main.ts does.
 */
import { sarExportCommand } from '../../../src/cli/commands/sar-commands.js';

const [user, options] = process.argv.slice(2);
try {
  await sarExportCommand(user!, JSON.parse(options ?? '{}') as Record<string, unknown>);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
