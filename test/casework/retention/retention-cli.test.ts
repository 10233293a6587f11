/**
 * The CLI handlers of retention, holds and archives, run in a child process as `schoolgate`
 * would run them (main.ts wires them; here they are called directly), on a config whose
 * SQLite store holds events from 800, 400 and 10 days ago.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { serialiseEvent } from '../../../src/events/serialise-event.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import { openStore } from '../../../src/store/open-store.js';
import { DAY, eventAt } from './retention-fixture.js';

const COMMANDS = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'commands');
let dir: string;
let config: string;
let events: WebEvent[];
const today = Date.now() - (Date.now() % DAY);
const day = (daysAgo: number) => new Date(today - daysAgo * DAY).toISOString().slice(0, 10);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Calls `name` from `src/cli/commands/<file>.ts` with `args` in a fresh Node process. */
function command(file: string, name: string, ...args: unknown[]): Promise<Result> {
  const url = pathToFileURL(join(COMMANDS, `${file}.ts`)).href;
  const code = `const m = await import(${JSON.stringify(url)}); await m.${name}(...JSON.parse(process.argv[1]));`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', code, JSON.stringify(args)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout, stderr }));
  });
}

async function withStore<T>(
  fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
): Promise<T> {
  const store = await openStore({ dataDir: join(dir, 'data') });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-retention-cli-'));
  mkdirSync(join(dir, 'data'));
  config = join(dir, 'schoolgate.yaml');
  writeFileSync(
    config,
    'dataDir: ./data\nlists:\n  sources: []\npolicy:\n  defaultGroup: pupils\n  groups:\n    - { id: pupils, label: Pupils }\n',
  );
  events = [800, 400, 399, 10].flatMap((ago, i) => [
    eventAt(today - ago * DAY + 9 * 3_600_000, i * 2, 'pupil.one'),
    eventAt(today - ago * DAY + 10 * 3_600_000, i * 2 + 1, 'pupil.two'),
  ]);
  await withStore((store) => createEventInserter(store).insert(events));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ok = (result: Result) => assert.equal(result.code, 0, result.stderr);

describe('retention, archive and holds commands', () => {
  it('retention run --dry-run prints the table and changes nothing', async () => {
    const result = await command('retention-commands', 'retentionRunCommand', {
      config,
      dryRun: true,
    });
    ok(result);
    assert.match(result.stdout, /^Retention run at .* \(dry run: nothing was changed\)$/m);
    assert.match(result.stdout, /^ {2}Days archived +2 {2}\(4 events\)$/m);
    assert.match(result.stdout, /^ {2}Events deleted +6$/m);
    assert.match(result.stdout, new RegExp(`^ {2}${day(400)} +2 +2 +\\(dry run\\)$`, 'm'));
    assert.match(result.stderr, /retention \(dry run\)/);
    const count = await withStore((s) => s.db.selectFrom('events').select('id').execute());
    assert.equal(count.length, events.length);
  });

  it('retention run --json archives and reports', async () => {
    const result = await command('retention-commands', 'retentionRunCommand', {
      config,
      json: true,
    });
    ok(result);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      report.archivedDays.map((d: { day: string; events: number }) => [d.day, d.events]),
      [
        [day(400), 2],
        [day(399), 2],
      ],
    );
    assert.equal(report.deletedEvents, 6);
    assert.equal(report.dryRun, false);
  });

  it('archive search finds a person (JSON lines, or a table) and is audited', async () => {
    const query = { config, from: day(401), to: day(398), user: 'pupil.two' };
    const json = await command('archive-commands', 'archiveSearchCommand', {
      ...query,
      json: true,
    });
    ok(json);
    const want = events
      .filter(
        (e) =>
          e.user === 'pupil.two' && (e.time.startsWith(day(400)) || e.time.startsWith(day(399))),
      )
      .map(serialiseEvent);
    assert.deepEqual(json.stdout.trim().split('\n'), want);
    assert.match(json.stderr, /2 event\(s\) found/);
    const table = await command('archive-commands', 'archiveSearchCommand', query);
    ok(table);
    const rows = table.stdout.trim().split('\n');
    assert.match(rows[0]!, /^time \(UTC\) +user +action +address$/);
    assert.equal(rows.length, 3);
    assert.ok(rows.slice(1).every((r) => r.includes(' pupil.two ')));
    const audit = await withStore((s) =>
      s.db.selectFrom('audit_log').selectAll().where('action', '=', 'archive.search').execute(),
    );
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.target_kind, 'person');
    assert.equal(audit[0]!.target, 'pupil.two');
    assert.match(audit[0]!.actor, /^cli:/);
  });

  it('archive verify passes; archive restore brings events back', async () => {
    const verify = await command('archive-commands', 'archiveVerifyCommand', { config });
    ok(verify);
    assert.match(verify.stdout, /^2 archive\(s\) checked, 4 events in good ones, 0 damaged\.$/m);
    const restore = await command('archive-commands', 'archiveRestoreCommand', {
      config,
      from: day(400),
      to: day(400),
    });
    ok(restore);
    assert.match(
      restore.stdout,
      /^Restored 2 event\(s\) from .*; 0 were already in the database\.$/m,
    );
    const ids = await withStore((s) => s.db.selectFrom('events').select('id').execute());
    assert.equal(ids.length, 2 + 2);
  });

  it('holds place, list and release (a reason is required)', async () => {
    const place = await command('holds-commands', 'holdsPlaceCommand', {
      config,
      kind: 'safeguarding',
      case: 'SG-CLI-1',
      reason: 'DSL referral',
      user: 'pupil.one',
      from: day(400),
      to: day(10),
      json: true,
    });
    ok(place);
    const hold = JSON.parse(place.stdout);
    assert.equal(hold.events, 2, 'the restored event and the recent one');
    assert.equal(hold.reviewDueFallback, true);
    assert.equal(hold.subject, 'pupil.one');

    const text = await command('holds-commands', 'holdsPlaceCommand', {
      config,
      kind: 'hr',
      case: 'HR-CLI-1',
      reason: 'grievance',
      event: [events[7]!.id],
    });
    ok(text);
    assert.match(
      text.stdout,
      /^Placed hr hold [0-9a-f-]{36} for case HR-CLI-1: 1 event\(s\) attached\.\nThe hold ends on \d{4}-\d{2}-\d{2} \(7 years after it was placed\)\.$/m,
    );

    const list = await command('holds-commands', 'holdsListCommand', { config });
    ok(list);
    const lines = list.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /hr +HR-CLI-1 +- +1 /);
    assert.match(
      lines[2]!,
      new RegExp(
        `^${hold.id} +safeguarding +SG-CLI-1 +pupil\\.one +2 +\\d{4}-\\d{2}-\\d{2} \\(fallback: no date of birth\\)$`,
      ),
    );

    const noReason = await command('holds-commands', 'holdsReleaseCommand', hold.id, {
      config,
      reason: ' ',
    });
    assert.notEqual(noReason.code, 0);
    assert.match(noReason.stderr, /releasing a hold needs a reason/);
    const release = await command('holds-commands', 'holdsReleaseCommand', hold.id, {
      config,
      reason: 'reviewed',
    });
    ok(release);
    assert.match(release.stdout, /^Released safeguarding hold .* \(case SG-CLI-1, 2 event\(s\)\)/);
    const all = await command('holds-commands', 'holdsListCommand', {
      config,
      all: true,
      json: true,
    });
    assert.deepEqual(
      JSON.parse(all.stdout).map((h: { caseRef: string; releaseReason: string | null }) => [
        h.caseRef,
        h.releaseReason,
      ]),
      [
        ['HR-CLI-1', null],
        ['SG-CLI-1', 'reviewed'],
      ],
    );
  });

  it('holds place reports ids that match no event, and exits 1', async () => {
    const result = await command('holds-commands', 'holdsPlaceCommand', {
      config,
      kind: 'hr',
      case: 'HR-CLI-2',
      reason: 'x',
      event: [`${events[0]!.id},not-an-id`],
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /2 event id\(s\) matched no stored event/);
    assert.match(result.stdout, /0 event\(s\) attached/);
  });
});
