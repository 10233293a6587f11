/**
 * `schoolgate sar export`, run in a child process the way main.ts runs it, on the SQLite
 * store a configuration file names. (Here rather than test/cli/: this helper owns test/casework/sar/.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runRetention } from '../../../src/casework/retention/run-retention.js';
import { configuredArchiveDir } from '../../../src/cli/commands/retention-commands.js';
import type { sarExportCommand } from '../../../src/cli/commands/sar-commands.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import { openStore } from '../../../src/store/open-store.js';
import { sampleEvent } from '../../events/event-fixture.js';
import { readZipByName } from './read-zip.js';

const root = mkdtempSync(join(tmpdir(), 'sg-sar-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

const DAY = 86_400_000;
/** Well in the past, so the export (up to the real clock's now) takes the events in. */
const START = Date.UTC(2024, 0, 15, 10);

/** A config folder with a SQLite store holding `events`; returns the config file. */
async function school(events: readonly WebEvent[]): Promise<{ config: string; folder: string }> {
  const folder = join(root, `school-${++folders}`);
  mkdirSync(folder);
  const config = join(folder, 'schoolgate.yaml');
  writeFileSync(
    config,
    [
      'dataDir: ./data',
      'lists: { sources: [] }',
      'policy:',
      '  timezone: Europe/London',
      '  defaultGroup: pupils',
      '  groups:',
      '    - { id: pupils, label: Pupils, categories: {} }',
      'retention:',
      '  events: { activeDays: 1, archiveDays: 3650 }',
      '',
    ].join('\n'),
  );
  const store = await openStore({ dataDir: join(folder, 'data') });
  try {
    await createEventInserter(store).insert(events);
  } finally {
    await store.close();
  }
  return { config, folder };
}

const RUNNER = join(import.meta.dirname, 'run-sar-export.ts');
/** Absolute, so the child finds tsx whatever folder it runs in. */
const TSX = import.meta.resolve('tsx');

/** Runs the command in a child process (as the CLI would); resolves to stdout, rejects with stderr. */
async function run(
  user: string,
  options: Parameters<typeof sarExportCommand>[1],
  cwd?: string,
): Promise<string> {
  const child = spawn(process.execPath, ['--import', TSX, RUNNER, user, JSON.stringify(options)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(stderr);
  return stdout;
}

const eventsIn = (file: string) => readZipByName(file).get('events.csv')?.rows?.slice(1) ?? [];

// Each test has its own folder and store, and most of the time goes on starting a child.
describe('sarExportCommand', { concurrency: true }, () => {
  it('writes an owner-only zip to --out and prints the summary', async () => {
    const events = Array.from({ length: 12 }, (_, i) => sampleEvent(i, START));
    const { config, folder } = await school(events);
    const out = join(folder, 'export.zip');
    const printed = await run('pupil.one', { config, out, reason: 'SAR 2026-04' });
    assert.equal(eventsIn(out).length, 12);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    assert.match(printed, /Subject access export for pupil\.one/);
    assert.match(
      printed,
      /events: +12 \(archived events are included only with --include-archives\)/,
    );
    assert.match(printed, /Recorded in the audit trail as #1 \(sar\.export\)/);
  });

  it('never overwrites a file, and leaves it as it was', async () => {
    const { config, folder } = await school([sampleEvent(0, START)]);
    const out = join(folder, 'taken.zip');
    writeFileSync(out, 'somebody else’s file');
    await assert.rejects(run('pupil.one', { config, out, reason: 'SAR' }), /already exists/);
    assert.equal(readFileSync(out, 'utf8'), 'somebody else’s file');
  });

  const refusals = [
    { name: 'no_reason', options: { reason: ' ' }, want: /give --reason/ },
    { name: 'bad_from_day', options: { reason: 'SAR', from: '2026-02-30' }, want: /--from/ },
    {
      name: 'from_without_zone',
      options: { reason: 'SAR', from: '2026-02-03T10:00' },
      want: /--from/,
    },
  ];
  for (const c of refusals) {
    it(`refuses before writing anything: ${c.name}`, async () => {
      const { config, folder } = await school([sampleEvent(0, START)]);
      const out = join(folder, 'refused.zip');
      await assert.rejects(run('pupil.one', { config, out, ...c.options }), c.want);
      assert.equal(existsSync(out), false);
    });
  }

  it("takes --from and --to as whole days on the school's clock", async () => {
    // 23:30 UTC on 1, 2 and 3 July: 00:30 BST on the 2nd, 3rd and 4th. "The 3rd" in London
    // is the second event; as UTC days it would be the third.
    const events = [0, 1, 2].map((d) => sampleEvent(0, Date.UTC(2024, 6, 1, 23, 30) + d * DAY));
    const { config, folder } = await school(events);
    const out = join(folder, 'period.zip');
    await run('pupil.one', { config, out, reason: 'SAR', from: '2024-07-03', to: '2024-07-03' });
    assert.deepEqual(
      eventsIn(out).map((row) => row[2]),
      [events[1]!.id],
    );
  });

  it('names the file after the person and the day when --out is not given', async () => {
    const { config, folder } = await school([sampleEvent(0, START)]);
    await run('DOMAIN\\pupil one', { config, reason: 'SAR' }, folder);
    const made = readdirSync(folder).filter((name) => name.endsWith('.zip'));
    assert.equal(made.length, 1);
    assert.match(made[0]!, /^sar-DOMAIN_pupil_one-\d{4}-\d{2}-\d{2}\.zip$/);
  });

  it('adds archived events with --include-archives', async () => {
    const events = Array.from({ length: 6 }, (_, i) => sampleEvent(i, START));
    const { config, folder } = await school(events);
    const loaded = loadConfig(config);
    const store = await openStore({ dataDir: join(folder, 'data') });
    try {
      await runRetention(store, loaded.config.retention, {
        now: () => START + 10 * DAY,
        archiveDir: configuredArchiveDir(loaded),
        actor: 'cli:test',
      });
      const left = await store.db.selectFrom('events').select('id').execute();
      assert.equal(left.length, 0, 'retention moved every event to the archive');
    } finally {
      await store.close();
    }
    const without = join(folder, 'without.zip');
    await run('pupil.one', { config, out: without, reason: 'SAR' });
    assert.equal(eventsIn(without).length, 0);
    const withArchives = join(folder, 'with.zip');
    const printed = await run('pupil.one', {
      config,
      out: withArchives,
      reason: 'SAR',
      includeArchives: true,
    });
    assert.deepEqual(
      eventsIn(withArchives).map((row) => row[2]),
      events.map((e) => e.id),
    );
    assert.match(printed, /events: +6 \(6 from archives\)/);
  });
});
