/**
 * `schoolgate alerts` and `schoolgate report` as a person runs them: the real command
 * against a real store, with alerts made by the monitor from stored events. Bad input is
 * refused with a message that says what to do, and changes nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMonitorService } from '../../src/monitor/monitor-service.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import { openStore } from '../../src/store/open-store.js';
import { blockedEvent, searchEvent, testPhrases } from '../monitor/monitor-fixture.js';
import { jsonLines, runCli } from '../support/run-cli.js';
import { DIALECTS, freshStoreConfig } from '../support/store-dialects.js';

/** A store with one level-3 self-harm alert about pupil.one; returns its id. */
async function storeWithAlert(url: string, dataDir: string): Promise<string> {
  const store = await openStore({ url, dataDir });
  try {
    const events = [searchEvent(0, 'self harm'), blockedEvent(1000, 'games')];
    await createEventInserter(store).insert(events);
    await createMonitorService({
      db: store.db,
      phrases: testPhrases(),
      alertScore: 60,
      foldMinutes: 30,
      repeats: { attempts: 5, minutes: 10 },
      notifier: null,
      log: () => {},
    }).process(events);
    const row = await store.db.selectFrom('alerts').select('id').executeTakeFirstOrThrow();
    return row.id;
  } finally {
    await store.close();
  }
}

// Refusals happen before the store is touched, so one dialect is enough for them.
describe('schoolgate alerts and report refuse bad input', () => {
  it('refuses bad input with a message saying what to do, and changes nothing', async () => {
    const { url, dataDir, config } = await freshStoreConfig('sqlite');
    const id = await storeWithAlert(url, dataDir);
    const cases = [
      {
        args: ['alerts', 'close', id, '--outcome', 'maybe', '--reason', 'x'],
        want: /--outcome: give one of no-concern, handled-in-school/,
      },
      { args: ['alerts', 'close', id, '--outcome', 'no-concern'], want: /--reason/ },
      {
        args: ['alerts', 'escalate', id, '--case', ' ', '--reason', 'r'],
        want: /escalating needs a case/,
      },
      { args: ['alerts', 'show', 'zz', '--reason', 'r'], want: /is not an alert id/ },
      { args: ['alerts', 'show', 'ffffff', '--reason', 'r'], want: /no alert with an id/ },
      { args: ['alerts', 'list', '--level', '9'], want: /not a level from 1 to 5/ },
      { args: ['alerts', 'list', '--state', 'open'], want: /'open' is not one of/ },
      {
        args: [
          'alerts',
          'notices',
          'add',
          '--groups',
          '9x',
          '--topic',
          'WW2',
          '--keywords',
          'war',
          '--from',
          '2026-11-24 10:00',
          '--to',
          '2026-11-24 09:00',
        ],
        want: /must end after it starts/,
      },
      {
        args: [
          'alerts',
          'notices',
          'add',
          '--groups',
          '9x',
          '--topic',
          'WW2 lesson',
          '--from',
          '2026-11-24 09:00',
          '--to',
          '2026-11-24 10:00',
        ],
        want: /give keywords or categories/,
      },
      {
        args: [
          'alerts',
          'notices',
          'add',
          '--groups',
          '9x',
          '--topic',
          'WW2 lesson',
          '-k',
          'war',
          '--from',
          'tuesday',
          '--to',
          '2026-11-24 10:00',
        ],
        want: /--from: 'tuesday' is not a time/,
      },
      { args: ['report', 'activity', '--reason', 'r'], want: /give --user or --group/ },
      { args: ['report', 'digest', '--format', 'pdf'], want: /needs --out/ },
      { args: ['report', 'digest', '--format', 'docx'], want: /not one of text, html, csv, pdf/ },
      { args: ['alerts', 'deliveries', '--state', 'lost'], want: /not one of pending/ },
    ];
    for (const c of cases) {
      const result = await runCli([...c.args, '--config', config]);
      assert.notEqual(result.code, 0, c.args.join(' '));
      assert.match(result.stderr, c.want, c.args.join(' '));
    }
    const listed = await runCli(['alerts', 'list', '--json', '--config', config]);
    const alerts = jsonLines(listed.stdout) as { state: { kind: string } }[];
    assert.deepEqual(
      alerts.map((a) => a.state.kind),
      ['new'],
      'nothing changed',
    );
  });
});

for (const dialect of DIALECTS) {
  describe(`schoolgate alerts and report (${dialect})`, () => {
    it('works an alert through to a case, and keeps a notice and a report on the record', async () => {
      const { url, dataDir, config } = await freshStoreConfig(dialect);
      const id = await storeWithAlert(url, dataDir);
      const escalate = await runCli([
        'alerts',
        'escalate',
        id.slice(0, 8),
        '--case',
        'SG-2026-17',
        '--reason',
        'disclosure to form tutor',
        '--by',
        'dsl',
        '--config',
        config,
      ]);
      assert.equal(escalate.code, 0, escalate.stderr);
      assert.match(escalate.stdout, /escalated to case SG-2026-17/);
      const open = await runCli(['alerts', 'list', '--config', config]);
      assert.match(open.stdout, /No alerts match/);
      const all = await runCli(['alerts', 'list', '--state', 'all', '--config', config]);
      assert.match(all.stdout, /escalated/);

      const notice = await runCli([
        'alerts',
        'notices',
        'add',
        '--groups',
        '9x',
        '--topic',
        'WW2 propaganda',
        '-k',
        'propaganda',
        '--from',
        '2099-01-05 09:00',
        '--to',
        '2099-01-05 10:00',
        '--by',
        'smith',
        '--config',
        config,
      ]);
      assert.equal(notice.code, 0, notice.stderr);
      const notices = await runCli(['alerts', 'notices', 'list', '--json', '--config', config]);
      const [registered] = jsonLines(notices.stdout) as { id: string; fromMs: number }[];
      // 09:00 on a January day is 09:00 UTC: school time in winter is GMT.
      assert.equal(registered?.fromMs, Date.parse('2099-01-05T09:00:00Z'));
      const withdrawn = await runCli([
        'alerts',
        'notices',
        'withdraw',
        registered!.id.slice(0, 8),
        '--reason',
        'lesson moved',
        '--config',
        config,
      ]);
      assert.match(withdrawn.stdout, /withdrawn/);

      const out = join(dataDir, 'pupil.pdf');
      const report = await runCli([
        'report',
        'activity',
        '--user',
        'pupil.one',
        '--from',
        '2026-11-20',
        '--to',
        '2026-11-27',
        '--reason',
        'SG-2026-17',
        '--format',
        'pdf',
        '--out',
        out,
        '--config',
        config,
      ]);
      assert.equal(report.code, 0, report.stderr);
      assert.ok(existsSync(out));
      assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
      const again = await runCli([
        'report',
        'activity',
        '--user',
        'pupil.one',
        '--reason',
        'x',
        '--format',
        'pdf',
        '--out',
        out,
        '--config',
        config,
      ]);
      assert.match(again.stderr, /exists/);

      const audit = await runCli(['audit', 'show', '--config', config, '-n', '20']);
      for (const action of [
        'alert.escalate',
        'notice.add',
        'notice.withdraw',
        'activity-report.read',
      ]) {
        assert.match(audit.stdout, new RegExp(action.replace('.', '\\.')), action);
      }
    });
  });
}
