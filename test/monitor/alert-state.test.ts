import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AlertChange,
  type AlertState,
  applyAlertChange,
} from '../../src/monitor/alert-state.js';

const AT = Date.parse('2026-11-24T10:00:00Z');
const NEW: AlertState = { kind: 'new' };
const ACKED: AlertState = { kind: 'acknowledged', by: 'dsl', atMs: AT };
const CLOSED: AlertState = {
  kind: 'closed',
  by: 'dsl',
  atMs: AT,
  outcome: 'no-concern',
  note: 'spoke to pupil',
};
const ESCALATED: AlertState = {
  kind: 'escalated',
  by: 'dsl',
  atMs: AT,
  caseRef: 'CP-1',
  note: 'referral',
};

const acknowledge: AlertChange = { kind: 'acknowledge', by: 'deputy', atMs: AT + 1 };
const close: AlertChange = {
  kind: 'close',
  by: 'deputy',
  atMs: AT + 2,
  outcome: 'false-positive',
  why: 'history lesson',
};
const escalate: AlertChange = {
  kind: 'escalate',
  by: 'deputy',
  atMs: AT + 3,
  caseRef: 'CP-2',
  why: 'disclosure',
};

describe('applyAlertChange', () => {
  const allowed = [
    { name: 'new_acknowledged', from: NEW, change: acknowledge, want: 'acknowledged' },
    { name: 'new_closed', from: NEW, change: close, want: 'closed' },
    { name: 'new_escalated', from: NEW, change: escalate, want: 'escalated' },
    { name: 'acknowledged_closed', from: ACKED, change: close, want: 'closed' },
    { name: 'acknowledged_escalated', from: ACKED, change: escalate, want: 'escalated' },
  ] as const;
  for (const { name, from, change, want } of allowed) {
    it(name, () => {
      const result = applyAlertChange(from, change);
      assert.ok(result.ok);
      assert.equal(result.state.kind, want);
      assert.equal('by' in result.state ? result.state.by : '', 'deputy');
    });
  }

  const refused = [
    {
      name: 'acknowledged_twice',
      from: ACKED,
      change: acknowledge,
      problem: /already acknowledged by dsl/,
    },
    { name: 'closed_is_final', from: CLOSED, change: acknowledge, problem: /already closed/ },
    { name: 'escalated_is_final', from: ESCALATED, change: close, problem: /already escalated/ },
    { name: 'close_needs_reason', from: NEW, change: { ...close, why: ' ' }, problem: /reason/ },
    {
      name: 'escalate_needs_case',
      from: NEW,
      change: { ...escalate, caseRef: '' },
      problem: /case/,
    },
    {
      name: 'escalate_needs_reason',
      from: ACKED,
      change: { ...escalate, why: '' },
      problem: /reason/,
    },
    { name: 'needs_who', from: NEW, change: { ...acknowledge, by: '' }, problem: /who/ },
  ];
  for (const { name, from, change, problem } of refused) {
    it(name, () => {
      const result = applyAlertChange(from, change as AlertChange);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.problem, problem);
    });
  }

  it('keeps the outcome and the reason of a close', () => {
    const result = applyAlertChange(ACKED, close);
    assert.deepEqual(result, {
      ok: true,
      state: {
        kind: 'closed',
        by: 'deputy',
        atMs: AT + 2,
        outcome: 'false-positive',
        note: 'history lesson',
      },
    });
  });
});
