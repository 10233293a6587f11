import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scheduleDailyRetention } from '../../../src/casework/retention/schedule-daily-retention.js';

/** A clock and a timer the test moves by hand. */
function fakeTime(start: string) {
  let now = Date.parse(start);
  const timers: { fire: () => void; at: number; delay: number; cancelled: boolean }[] = [];
  return {
    now: () => now,
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    timers,
    setTimer: (fire: () => void, delay: number) => {
      const timer = { fire, at: now + delay, delay, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    /** Moves the clock to the newest timer's time and fires it. */
    fireLatest: () => {
      const timer = timers[timers.length - 1]!;
      now = Math.max(now, timer.at);
      if (!timer.cancelled) timer.fire();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const iso = (ms: number) => new Date(ms).toISOString();

describe('scheduleDailyRetention', () => {
  it('runs at the local time every day, following the clock change', async () => {
    const time = fakeTime('2027-03-26T12:00:00Z');
    const ran: string[] = [];
    const job = scheduleDailyRetention({
      at: '02:30',
      timezone: 'Europe/London',
      now: time.now,
      setTimer: time.setTimer,
      run: async () => {
        ran.push(iso(time.now()));
      },
    });
    assert.equal(iso(job.nextRunMs()), '2027-03-27T02:30:00.000Z');
    assert.equal(time.timers[0]!.delay, 14.5 * 3_600_000);
    for (let i = 0; i < 3; i++) {
      time.fireLatest();
      await settle();
    }
    assert.deepEqual(ran, [
      '2027-03-27T02:30:00.000Z',
      '2027-03-28T01:30:00.000Z',
      '2027-03-29T01:30:00.000Z',
    ]);
    assert.deepEqual(
      time.timers.map((t) => t.delay / 3_600_000),
      [14.5, 23, 24, 24],
    );
    job.stop();
  });

  it('re-arms instead of running when a timer fires early', async () => {
    const time = fakeTime('2026-12-01T12:00:00Z');
    let runs = 0;
    scheduleDailyRetention({
      at: '02:30',
      timezone: 'Europe/London',
      now: time.now,
      setTimer: time.setTimer,
      run: async () => {
        runs += 1;
      },
    });
    time.set('2026-12-02T02:29:59Z');
    time.timers[0]!.fire();
    await settle();
    assert.equal(runs, 0);
    assert.equal(time.timers.length, 2);
    assert.equal(time.timers[1]!.delay, 1000);
    time.fireLatest();
    await settle();
    assert.equal(runs, 1);
  });

  it('reports a failed run and still schedules the next day', async () => {
    const time = fakeTime('2026-12-01T12:00:00Z');
    const errors: unknown[] = [];
    const job = scheduleDailyRetention({
      at: '02:30',
      timezone: 'Europe/London',
      now: time.now,
      setTimer: time.setTimer,
      run: async () => {
        throw new Error('database away');
      },
      onError: (error) => errors.push(error),
    });
    time.fireLatest();
    await settle();
    assert.equal((errors[0] as Error).message, 'database away');
    assert.equal(iso(job.nextRunMs()), '2026-12-03T02:30:00.000Z');
    assert.equal(time.timers.length, 2);
  });

  it('stops: a cancelled timer never runs the job', async () => {
    const time = fakeTime('2026-12-01T12:00:00Z');
    let runs = 0;
    const job = scheduleDailyRetention({
      at: '02:30',
      timezone: 'Europe/London',
      now: time.now,
      setTimer: time.setTimer,
      run: async () => {
        runs += 1;
      },
    });
    job.stop();
    assert.equal(time.timers[0]!.cancelled, true);
    time.set('2026-12-02T03:00:00Z');
    time.timers[0]!.fire(); // a timer that fires anyway
    await settle();
    assert.equal(runs, 0);
  });

  it('waits with the real timer by default, without keeping the process alive', () => {
    const job = scheduleDailyRetention({
      at: '02:30',
      timezone: 'Europe/London',
      now: Date.now,
      run: async () => {},
    });
    assert.ok(job.nextRunMs() > Date.now());
    job.stop();
  });
});
