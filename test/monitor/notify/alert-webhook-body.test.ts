import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alertWebhookBody,
  WEBHOOK_EVIDENCE_LIMIT,
} from '../../../src/monitor/notify/alert-webhook-body.js';
import { RISK_MEANINGS } from '../../../src/monitor/risk-level.js';
import { T0, testAlert, testEvidence } from './alert-fixture.js';

describe('alertWebhookBody', () => {
  const cases = [
    { name: 'created', rise: false, want: 'alert.created' },
    { name: 'raised', rise: true, want: 'alert.raised' },
  ];
  for (const c of cases) {
    it(`type: ${c.name}`, () => {
      const body = alertWebhookBody(testAlert(), [], { rise: c.rise, nowMs: T0, consoleUrl: null });
      assert.equal(body.type, c.want);
    });
  }

  it('carries every alert field, the level meaning, labels and ISO times, and survives JSON', () => {
    const alert = testAlert({ expected: 'PSHE lesson' });
    const body = alertWebhookBody(alert, testEvidence(2), {
      rise: false,
      nowMs: T0 + 5_000,
      consoleUrl: 'https://filter.school.test',
    });
    const parsed = JSON.parse(JSON.stringify(body));
    for (const [key, value] of Object.entries(alert)) {
      assert.deepEqual(parsed.alert[key], value, key);
    }
    assert.equal(parsed.alert.levelMeaning, RISK_MEANINGS[5]);
    assert.equal(parsed.alert.categoryLabel, 'Self-harm and suicide');
    assert.equal(parsed.alert.firstAt, '2026-11-24T09:14:03.000Z');
    assert.equal(parsed.alert.lastAt, '2026-11-24T09:16:03.000Z');
    assert.equal(parsed.alert.link, `https://filter.school.test/alerts/${alert.id}`);
    assert.equal(parsed.level, 5);
    assert.equal(parsed.sentAt, '2026-11-24T09:14:08.000Z');
    assert.deepEqual(
      parsed.evidence.map((e: { eventId: string; at: string }) => [e.eventId, e.at]),
      [
        ['e-001', '2026-11-24T09:15:03.000Z'],
        ['e-000', '2026-11-24T09:14:03.000Z'],
      ],
    );
    assert.equal(parsed.evidence[1].snippet, '... how to hurt myself without ...');
  });

  it('caps the evidence at the newest 50 and says how many there were', () => {
    const body = alertWebhookBody(testAlert(), testEvidence(60), {
      rise: false,
      nowMs: T0,
      consoleUrl: null,
    });
    assert.equal(body.evidence.length, WEBHOOK_EVIDENCE_LIMIT);
    assert.equal(body.evidenceTotal, 60);
    assert.equal(body.evidence[0]!.eventId, 'e-059');
    assert.equal(body.evidence.at(-1)!.eventId, 'e-010');
    assert.equal(body.alert.link, null);
  });
});
