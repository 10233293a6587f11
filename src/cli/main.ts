#!/usr/bin/env node
/**
 * The `schoolgate` command. Each subcommand lives in src/cli/commands/; this file only wires
 * them to commander and turns known errors into one clear message and exit code 2.
 */
import { Command, Option } from 'commander';
import { AUDIT_TARGET_KINDS } from '../casework/audit/append-audit.js';
import { ConfigError } from '../config/load-config.js';
import { STAFF_ROLES } from '../config/monitor-config.js';
import { EngineError } from '../engine/engine-error.js';
import { ALERT_OUTCOMES } from '../monitor/alert-state.js';
import {
  alertsChangeCommand,
  alertsListCommand,
  alertsShowCommand,
} from './commands/alerts-commands.js';
import {
  archiveRestoreCommand,
  archiveSearchCommand,
  archiveVerifyCommand,
} from './commands/archive-commands.js';
import { auditShowCommand, auditVerifyCommand } from './commands/audit-commands.js';
import { runDecideLoop } from './commands/decide-command.js';
import { deliveriesListCommand, deliveriesRetryCommand } from './commands/deliveries-commands.js';
import { eventsListCommand } from './commands/events-commands.js';
import { explainUrl } from './commands/explain-command.js';
import {
  holdsAttachCommand,
  holdsListCommand,
  holdsPlaceCommand,
  holdsReleaseCommand,
} from './commands/holds-commands.js';
import {
  compileListsCommand,
  importListsCommand,
  updateListsCommand,
} from './commands/lists-commands.js';
import {
  noticeAddCommand,
  noticeListCommand,
  noticeWithdrawCommand,
} from './commands/notices-commands.js';
import { reportActivityCommand, reportDigestCommand } from './commands/report-commands.js';
import { retentionRunCommand } from './commands/retention-commands.js';
import { sarExportCommand } from './commands/sar-commands.js';
import { reloadCommand, startCommand } from './commands/start-command.js';
import { addUserCommand, userTotpCommand } from './commands/users-command.js';
import { loadRuntime } from './engine-runtime.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const configOption = () =>
  new Option('-c, --config <file>', 'configuration file (default: the built-in starter config)');

const program = new Command()
  .name('schoolgate')
  .description('Schoolgate: online-safety filtering and monitoring for UK schools')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'start the Schoolgate web gateway and the console with the given (or built-in) configuration',
  )
  .addOption(configOption())
  .option(
    '-p, --port <port>',
    'listen on this port instead of the configured one (0: any free port)',
  )
  .option(
    '-w, --workers <count>',
    'worker processes sharing the port and one mapped copy of the index (default: one per core)',
  )
  .option(
    '--console-port <port>',
    'the console on this port instead of the configured one (0: any free port)',
  )
  .action(async (options: { config?: string; port?: string; workers?: string }) => {
    await startCommand(options);
  });

program
  .command('reload')
  .description('make the running gateway reload its lists and policy without dropping connections')
  .addOption(configOption())
  .action(reloadCommand);

program
  .command('decide')
  .description(
    'read JSON-line requests {"user"?, "group", "url", "time"?} on stdin; write one JSON decision per line',
  )
  .addOption(configOption())
  .option(
    '--list <category=path>',
    'an ad-hoc list file for a category (repeatable; any supported format)',
    collect,
    [],
  )
  .option(
    '--block <categories>',
    'categories the ad-hoc group blocks, comma-separated (repeatable)',
    collect,
    [],
  )
  .action(async (options: { config?: string; list: string[]; block: string[] }) => {
    const runtime = await loadRuntime({
      config: options.config,
      lists: options.list,
      block: options.block,
    });
    const bad = await runDecideLoop(runtime, {
      input: process.stdin,
      output: process.stdout,
      now: Date.now,
    });
    if (bad > 0) {
      process.stderr.write(
        `decide: ${bad} request line(s) could not be read (see "error" lines)\n`,
      );
      process.exitCode = 1;
    }
  });

program
  .command('explain')
  .description('say in words what happens to a URL, and why ("why is this blocked?")')
  .argument('<url>', 'the address to explain')
  .option('-g, --group <group>', 'the group to explain it for (default: every group)')
  .addOption(configOption())
  .option('--list <category=path>', 'an ad-hoc list file for a category (repeatable)', collect, [])
  .option('--block <categories>', 'categories the ad-hoc group blocks (repeatable)', collect, [])
  .option('--at <time>', 'judge the time-based rules at this ISO time (default: now)')
  .action(
    async (
      url: string,
      options: { group?: string; config?: string; list: string[]; block: string[]; at?: string },
    ) => {
      const runtime = await loadRuntime({
        config: options.config,
        lists: options.list,
        block: options.block,
      });
      const now = options.at === undefined ? Date.now() : Date.parse(options.at);
      if (Number.isNaN(now)) throw new Error(`--at: '${options.at}' is not a date`);
      process.stdout.write(explainUrl(runtime, url, options.group, now));
    },
  );

const users = program.command('users').description('local users for proxy authentication');
users
  .command('add')
  .description(
    'add a user, password read from standard input: with --group, someone who browses through the proxy; with --role, a member of staff who signs in to the console (both for staff who do both)',
  )
  .argument('<username>')
  .option(
    '-g, --group <groups>',
    'proxy user: the policy group(s), comma-separated (repeatable)',
    collect,
    [],
  )
  .option(
    '-r, --role <role>',
    `console user: one of ${STAFF_ROLES.join(', ')} (the first administrator: --role it_admin)`,
  )
  .option('--email <address>', 'console user: where alerts and digests may be sent')
  .option('--classes <groups>', "console user: a teacher's classes (group ids, comma-separated)")
  .option('-n, --name <name>', "the person's full name")
  .addOption(configOption())
  .action(addUserCommand);

users
  .command('totp')
  .description(
    "set up a console user's second factor: prints the key for their authenticator app (replaces any earlier one)",
  )
  .argument('<username>')
  .addOption(configOption())
  .action(userTotpCommand);

const lists = program.command('lists').description('category lists: compile, import, update');
lists
  .command('compile')
  .description('compile every configured list into the binary index, with per-category counts')
  .addOption(configOption())
  .action(compileListsCommand);
lists
  .command('import')
  .description('import a UT1 blacklists.tar.gz (or its unpacked folder) into the configured lists')
  .argument('<path>', 'UT1 blacklists.tar.gz or folder')
  .addOption(configOption())
  .action(importListsCommand);
lists
  .command('update')
  .description(
    'download the configured list feeds (conditional requests) and recompile; keeps the previous index if a download fails or a category shrinks by more than half',
  )
  .addOption(configOption())
  .action(updateListsCommand);

const events = program.command('events').description("people's web activity from the event store");
events
  .command('list')
  .description(
    "a person's, a group's or a site's events over a period, newest first, a page at a time; audited, with the reason given",
  )
  .option('-u, --user <user>', 'this person')
  .option(
    '-g, --group <group>',
    'this group: a policy group or any group its events carry (a class)',
  )
  .option('--host <host[/path]>', 'this site and its subdomains, optionally under a URL path')
  .option('-s, --searches', 'only searches (with --user or --group)')
  .option('--from <day>', 'first day, YYYY-MM-DD, or an ISO time (default: a week before --to)')
  .option('--to <day>', 'last day, YYYY-MM-DD (included), or an ISO time (default: now)')
  .option('-n, --limit <n>', 'events a page (at most 1,000)', '50')
  .option('--after <cursor>', 'the next page: the cursor the previous page printed')
  .requiredOption('-r, --reason <text>', 'why you are looking, recorded in the audit trail')
  .option('--json', 'one JSON event per line')
  .addOption(configOption())
  .action(eventsListCommand);

const audit = program.command('audit').description('the hash-chained audit trail: verify, show');
audit
  .command('verify')
  .description(
    'check every audit row against its hash and the chain, and print the head hash to record elsewhere; exit code 1 if rows were edited, removed or reordered',
  )
  .option(
    '--expect <seq:hash>',
    'also check that row <seq> still has this hash (a head printed by an earlier audit verify; at least 8 hex digits)',
  )
  .addOption(configOption())
  .action(auditVerifyCommand);
audit
  .command('show')
  .description('print the newest audit rows as a table')
  .option(
    '-k, --kind <kind>',
    `only rows about this kind of target: ${AUDIT_TARGET_KINDS.join(', ')}`,
  )
  .option('-t, --target <target>', 'only rows about this target (a username, hold id, ...)')
  .option('-n, --limit <n>', 'at most this many rows', '50')
  .addOption(configOption())
  .action(auditShowCommand);

const sar = program.command('sar').description('subject access requests (PRV-03)');
sar
  .command('export')
  .description(
    'write everything held about one person (web events, searches, alerts, cases, who viewed their records) as a zip of CSV and JSON; the export is itself audited',
  )
  .argument('<user>', 'the username, exactly as events record it')
  .requiredOption('-r, --reason <text>', 'the request reference, recorded in the audit trail')
  .option(
    '-o, --out <file>',
    'the zip to write (default: sar-<user>-<date>.zip here); never overwritten',
  )
  .option(
    '--from <day>',
    'first day included, YYYY-MM-DD on the school clock, or an ISO time with zone (default: everything held)',
  )
  .option(
    '--to <day>',
    'last day included, YYYY-MM-DD on the school clock, or an ISO time with zone (default: now)',
  )
  .option(
    '--include-archives',
    'also read the daily archives (events older than the active period)',
  )
  .addOption(configOption())
  .action(sarExportCommand);

const retention = program
  .command('retention')
  .description('retention of records (PRV-02): archive, delete, holds');
retention
  .command('run')
  .description(
    'apply the retention policy now: archive days past the active period, delete what is past its period (never held records), release ended HR holds; prints what was done',
  )
  .option('--dry-run', 'report what would be done, changing nothing')
  .option('--json', 'print the report as JSON')
  .addOption(configOption())
  .action(retentionRunCommand);

const holds = program
  .command('holds')
  .description('legal holds: records kept for a safeguarding or HR case');
holds
  .command('place')
  .description('place a legal hold and attach events (by id, or a person over a period); audited')
  .requiredOption(
    '--kind <kind>',
    'safeguarding (kept until a recorded review) or hr (kept 7 years)',
  )
  .requiredOption('--case <ref>', 'the case reference')
  .requiredOption('-r, --reason <text>', 'why, recorded in the audit trail')
  .option('--subject <user>', 'whose records (default: --user)')
  .option(
    '--birth-date <YYYY-MM-DD>',
    "the child's date of birth: a safeguarding review is due 25 years after it",
  )
  .option('--event <id>', 'an event id (repeatable, or comma-separated)', collect, [])
  .option('--user <user>', 'with --from and --to: every event of this person in the period')
  .option('--from <day>', 'first day (YYYY-MM-DD) or an ISO time')
  .option('--to <day>', 'last day, included (YYYY-MM-DD), or an ISO time')
  .option('--json', 'print the hold as JSON')
  .addOption(configOption())
  .action(holdsPlaceCommand);
holds
  .command('attach')
  .description('attach more events to a hold in force; audited')
  .argument('<hold-id>')
  .option('--event <id>', 'an event id (repeatable, or comma-separated)', collect, [])
  .option('--user <user>', 'with --from and --to: every event of this person in the period')
  .option('--from <day>', 'first day (YYYY-MM-DD) or an ISO time')
  .option('--to <day>', 'last day, included (YYYY-MM-DD), or an ISO time')
  .addOption(configOption())
  .action(holdsAttachCommand);
holds
  .command('release')
  .description('release a hold (after a review); the reason is required and audited')
  .argument('<hold-id>')
  .requiredOption('-r, --reason <text>', 'the outcome of the review')
  .addOption(configOption())
  .action(holdsReleaseCommand);
holds
  .command('list')
  .description('legal holds, soonest review first, with their event counts')
  .option('--all', 'include released holds')
  .option('--due-by <day>', 'only holds due for review by this day')
  .option('--json', 'print JSON')
  .addOption(configOption())
  .action(holdsListCommand);

const alerts = program
  .command('alerts')
  .description('safeguarding alerts: the queue, their evidence and workflow, notices, digests');
alerts
  .command('list')
  .description('the alert queue, most urgent first (open alerts by default); audited')
  .option('--state <states>', 'new, acknowledged, closed, escalated (comma-separated) or all')
  .option('-l, --level <n>', 'only this level and above (1-5)')
  .option('--category <id>', 'only this category')
  .option('-u, --user <user>', 'only alerts about this person')
  .option('--class <groups>', "only alerts about people in these groups (a teacher's classes)")
  .option('--since <day>', 'only alerts active since this day (YYYY-MM-DD) or ISO time')
  .option('-n, --limit <n>', 'at most this many', '100')
  .option('--json', 'one JSON alert per line')
  .addOption(configOption())
  .action(alertsListCommand);
alerts
  .command('show')
  .description('one alert with its evidence (URLs, searches, matched phrases, snippet); audited')
  .argument('<id>', 'the alert id, or its first 6 or more characters')
  .requiredOption('-r, --reason <text>', 'why you are looking, recorded in the audit trail')
  .option('--json', 'print JSON')
  .addOption(configOption())
  .action(alertsShowCommand);
alerts
  .command('ack')
  .description('acknowledge an alert: you are looking at it; audited')
  .argument('<id>')
  .option('--by <name>', 'who (default: cli:<login>)')
  .addOption(configOption())
  .action((id, options) => alertsChangeCommand('acknowledge', id, options));
alerts
  .command('close')
  .description('close an alert with its outcome and a reason; audited')
  .argument('<id>')
  .requiredOption('--outcome <outcome>', `one of ${ALERT_OUTCOMES.join(', ')}`)
  .requiredOption('-r, --reason <text>', 'what was found or done')
  .option('--by <name>', 'who (default: cli:<login>)')
  .addOption(configOption())
  .action((id, options) => alertsChangeCommand('close', id, options));
alerts
  .command('escalate')
  .description('escalate an alert to a safeguarding case; audited')
  .argument('<id>')
  .requiredOption('--case <ref>', 'the case reference')
  .requiredOption('-r, --reason <text>', 'why')
  .option('--by <name>', 'who (default: cli:<login>)')
  .addOption(configOption())
  .action((id, options) => alertsChangeCommand('escalate', id, options));
const notices = alerts
  .command('notices')
  .description("teachers' expected-activity notices: a lesson's topic makes its alerts expected");
notices
  .command('add')
  .description(
    'register a notice: alerts about these groups in the window that touch its keywords or categories are marked expected and lowered one level (never hidden)',
  )
  .requiredOption('-g, --groups <ids>', 'classes or groups, comma-separated')
  .requiredOption('--topic <text>', 'what the lesson is about, e.g. "WW2 propaganda"')
  .option('-k, --keywords <words>', 'words the lesson will search for, comma-separated')
  .option('--categories <ids>', 'categories the lesson will touch, comma-separated')
  .requiredOption('--from <time>', 'start, school time: 2026-11-24 09:00')
  .requiredOption('--to <time>', 'end, school time: 2026-11-24 10:00')
  .option('--by <name>', 'who (default: cli:<login>)')
  .addOption(configOption())
  .action(noticeAddCommand);
notices
  .command('list')
  .description('notices in force or to come')
  .option('--json', 'one JSON notice per line')
  .addOption(configOption())
  .action(noticeListCommand);
notices
  .command('withdraw')
  .description('withdraw a notice; audited')
  .argument('<id>')
  .requiredOption('-r, --reason <text>', 'why')
  .addOption(configOption())
  .action(noticeWithdrawCommand);

const deliveries = alerts
  .command('deliveries')
  .description(
    'the outbox of alert e-mails and webhooks: what was sent, what is waiting, what failed',
  )
  .option('--state <state>', 'pending, sending, sent or dead')
  .option('-n, --limit <n>', 'at most this many', '50')
  .option('--json', 'one JSON delivery per line')
  .addOption(configOption())
  .action(deliveriesListCommand);
deliveries
  .command('retry')
  .description('put a dead delivery back in the outbox (after fixing SMTP or the webhook)')
  .argument('<id>')
  .addOption(configOption())
  .action(deliveriesRetryCommand);

const report = program
  .command('report')
  .description('digests and activity reports, as text, HTML, CSV or PDF');
report
  .command('digest')
  .description(
    'the daily (or weekly) digest of any day: blocked attempts by category, group and user, alerts by level and state, search terms of concern; audited',
  )
  .option(
    '--day <YYYY-MM-DD>',
    'the day (default: yesterday, school time); with --weekly, any day of the week',
  )
  .option('--weekly', 'the Monday-to-Sunday week containing --day')
  .option('-f, --format <format>', 'text, html, csv or pdf', 'text')
  .option('-o, --out <file>', 'write to this file (required for pdf); never overwritten')
  .option('--send', 'queue it as e-mail (with PDF and CSV) to monitor.digests.to instead')
  .option('--again', 'with --send: send even if it was sent before')
  .addOption(configOption())
  .action(reportDigestCommand);
report
  .command('activity')
  .description(
    "a person's or group's activity over a period: totals, chart, top sites and categories, blocked attempts, searches, alerts; audited",
  )
  .option('-u, --user <user>', 'this person')
  .option('-g, --group <group>', 'this group')
  .option(
    '--from <day>',
    'first day (YYYY-MM-DD, school time) or time (default: 7 days before --to)',
  )
  .option('--to <day>', 'last day, included (YYYY-MM-DD), or a time (default: now)')
  .requiredOption('-r, --reason <text>', 'why you are looking, recorded in the audit trail')
  .option('-f, --format <format>', 'text, html, csv or pdf', 'text')
  .option('-o, --out <file>', 'write to this file (required for pdf); never overwritten')
  .addOption(configOption())
  .action(reportActivityCommand);

const archive = program
  .command('archive')
  .description('the daily event archives: search, restore, verify');
archive
  .command('search')
  .description(
    "find archived events (each file checked against the manifest first); audited, since it reads people's records",
  )
  .requiredOption('--from <day>', 'first day, YYYY-MM-DD')
  .requiredOption('--to <day>', 'last day, YYYY-MM-DD, included')
  .option('--user <user>', 'only this person')
  .option('--host <host>', 'only this host and its subdomains')
  .option('--text <text>', 'only events whose host, path or search terms contain this (any case)')
  .option('--json', 'one JSON event per line')
  .addOption(configOption())
  .action(archiveSearchCommand);
archive
  .command('restore')
  .description(
    'put archived events back into the database (audited); the next retention run removes them again unless a hold keeps them',
  )
  .requiredOption('--from <day>', 'first day, YYYY-MM-DD')
  .requiredOption('--to <day>', 'last day, YYYY-MM-DD, included')
  .addOption(configOption())
  .action(archiveRestoreCommand);
archive
  .command('verify')
  .description(
    'check every archive against the manifest (checksum, decompression, line count); exit code 1 if any is damaged',
  )
  .option('--json', 'print JSON')
  .addOption(configOption())
  .action(archiveVerifyCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || EngineError.is(error) || error instanceof Error) {
    process.stderr.write(`schoolgate: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
