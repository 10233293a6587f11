import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isRiskLevel,
  isUrgent,
  RISK_LEVELS,
  RISK_MEANINGS,
  type RiskLevel,
  shiftRiskLevel,
} from '../../src/monitor/risk-level.js';

describe('risk levels', () => {
  it('give every level a written meaning', () => {
    for (const level of RISK_LEVELS) assert.ok(RISK_MEANINGS[level].length > 10);
    assert.match(RISK_MEANINGS[5], /risk to life|illegal/i);
  });

  it('treat 4 and 5 as urgent only', () => {
    assert.deepEqual(RISK_LEVELS.filter(isUrgent), [4, 5]);
  });

  const shifts: { from: RiskLevel; steps: number; want: RiskLevel }[] = [
    { from: 3, steps: 1, want: 4 },
    { from: 4, steps: 3, want: 5 },
    { from: 2, steps: -1, want: 1 },
    { from: 1, steps: -1, want: 1 },
    { from: 3, steps: 0.9, want: 3 },
  ];
  for (const { from, steps, want } of shifts) {
    it(`shifts ${from} by ${steps} to ${want}`, () =>
      assert.equal(shiftRiskLevel(from, steps), want));
  }

  it('recognise levels among untrusted values', () => {
    for (const good of [1, 3, 5]) assert.ok(isRiskLevel(good));
    for (const bad of [0, 6, 2.5, '3', null, undefined, Number.NaN])
      assert.equal(isRiskLevel(bad), false);
  });
});
