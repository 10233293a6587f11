import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert } from '../../../src/monitor/alert.js';
import { type FoldContext, foldSignal } from '../../../src/monitor/fold/fold-signal.js';
import type { RiskLevel } from '../../../src/monitor/risk-level.js';
import type { Signal } from '../../../src/monitor/rules/signal.js';
import { T0 } from '../monitor-fixture.js';

const subject = { user: 'pupil.one', groups: ['9x'], device: null, clientAddress: '10.0.0.1' };

function signal(level: RiskLevel, offsetMs: number, kind: Signal['kind'] = 'phrases'): Signal {
  return {
    kind,
    category: 'self-harm',
    level,
    needsAttempts: 1,
    evidence: {
      eventId: `e${offsetMs}`,
      timeMs: T0 + offsetMs,
      url: 'https://www.google.co.uk/search',
      action: 'allow',
      searchTerms: 'terms',
      phrases: [],
      snippet: null,
    },
  };
}

const context = (over: Partial<FoldContext> = {}): FoldContext => ({
  newId: 'new-id',
  subject,
  recentAttempts: 1,
  repeatAttempts: 5,
  runLevel: null,
  expected: null,
  ...over,
});

describe('foldSignal', () => {
  it('opens an alert from the first signal', () => {
    const alert = foldSignal(null, signal(3, 0), context());
    assert.equal(alert.id, 'new-id');
    assert.equal(alert.foldKey, 'pupil.one|concern|self-harm');
    assert.equal(alert.level, 3);
    assert.equal(alert.count, 1);
    assert.equal(alert.title, 'Searches about self-harm and suicide');
    assert.deepEqual(alert.state, { kind: 'new' });
  });

  it('grows one alert whose level rises with stronger evidence and never falls', () => {
    let alert: Alert = foldSignal(null, signal(2, 0), context());
    alert = foldSignal(alert, signal(4, 60_000), context({ recentAttempts: 2 }));
    alert = foldSignal(alert, signal(2, 120_000), context({ recentAttempts: 3 }));
    assert.equal(alert.id, 'new-id');
    assert.equal(alert.count, 3);
    assert.equal(alert.level, 4);
    assert.equal(alert.firstMs, T0);
    assert.equal(alert.lastMs, T0 + 120_000);
  });

  it('raises the level one step once attempts repeat N times in the window', () => {
    const alert = foldSignal(null, signal(3, 0), context({ recentAttempts: 5 }));
    assert.equal(alert.level, 4);
    assert.equal(alert.baseLevel, 3);
  });

  it('takes the run level when searches together say more than each alone', () => {
    const alert = foldSignal(
      foldSignal(null, signal(2, 0), context()),
      signal(2, 1000),
      context({ runLevel: 4 }),
    );
    assert.equal(alert.level, 4);
  });

  it('marks an alert a notice covers as expected and lowers it one level, not below 1', () => {
    const lowered = foldSignal(null, signal(4, 0), context({ expected: 'WW2 propaganda' }));
    assert.equal(lowered.level, 3);
    assert.equal(lowered.expected, 'WW2 propaganda');
    const floor = foldSignal(null, signal(1, 0, 'repeated'), context({ expected: 'games' }));
    assert.equal(floor.level, 1);
  });

  it('does not escalate repeated-attempt alerts: a flood stays low', () => {
    const alert = foldSignal(null, signal(1, 0, 'repeated'), context({ recentAttempts: 40 }));
    assert.equal(alert.level, 1);
  });
});
