/** A level-5 self-harm alert and its evidence, for the notify tests. */
import type { Alert, AlertEvidence } from '../../../src/monitor/alert.js';

export const T0 = Date.UTC(2026, 10, 24, 9, 14, 3); // Tue 24 Nov 2026, 09:14:03 GMT

export function testAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a7d3c0de-0000-4000-8000-000000000001',
    foldKey: 'phrases|self-harm|pupil.one',
    kind: 'phrases',
    category: 'self-harm',
    level: 5,
    baseLevel: 5,
    title: 'Searches matching self-harm phrases',
    subject: {
      user: 'pupil.one',
      groups: ['7b', 'pupils'],
      device: 'chromebook-12',
      clientAddress: '10.0.0.5',
    },
    firstMs: T0,
    lastMs: T0 + 120_000,
    count: 3,
    expected: null,
    state: { kind: 'new' },
    ...overrides,
  };
}

/** `count` pieces of evidence, one a minute from T0, oldest first; the i-th searched `terms i`. */
export function testEvidence(count: number, terms = 'how to hurt myself'): AlertEvidence[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `e-${String(i).padStart(3, '0')}`,
    timeMs: T0 + i * 60_000,
    url: `https://search.school.test/search`,
    action: 'block',
    searchTerms: `${terms} ${i}`,
    phrases: ['hurt myself'],
    snippet: i === 0 ? '... how to hurt myself without ...' : null,
  }));
}
