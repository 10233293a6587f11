/**
 * Events and phrase lists for the monitor's tests: plain `WebEvent`s a test can read at a
 * glance, and a small safeguarding list on the lists' weight scale.
 */
import { compilePhrases } from '../../src/engine/phrases/compile-phrases.js';
import { parseE2guardianPhrases } from '../../src/engine/phrases/parse-e2guardian-phrases.js';
import type { PhraseMatcher } from '../../src/engine/phrases/phrase-matcher.js';
import type { WebEvent } from '../../src/events/web-event.js';

export const T0 = Date.parse('2026-11-24T10:00:00.000Z');

let counter = 0;

/** A pupil's allowed HTTPS request at `T0 + offsetMs`; override any field. */
export function webEvent(offsetMs: number, overrides: Partial<WebEvent> = {}): WebEvent {
  counter += 1;
  const time = new Date(T0 + offsetMs).toISOString();
  return {
    kind: 'web-request',
    id: `0190${String(T0 + offsetMs).padStart(14, '0')}-${String(counter).padStart(8, '0')}`,
    time,
    node: 'gw-1',
    user: 'pupil.one',
    groups: ['pupils', '9x'],
    policyGroup: 'pupils',
    device: 'LAPTOP-07',
    clientAddress: '10.0.5.21',
    method: 'GET',
    scheme: 'https',
    host: 'school.test',
    path: '/',
    categories: [],
    action: 'allow',
    reason: 'uncategorised',
    reasonDetail: {},
    searchTerms: null,
    searchEngine: null,
    searchAutocomplete: false,
    alert: false,
    inspected: true,
    status: 200,
    bytesUp: 0,
    bytesDown: 100,
    durationMs: 20,
    ...overrides,
  };
}

/** A search by the pupil at `T0 + offsetMs`. */
export function searchEvent(offsetMs: number, terms: string, overrides: Partial<WebEvent> = {}) {
  return webEvent(offsetMs, {
    host: 'www.google.co.uk',
    path: '/search',
    searchTerms: terms,
    searchEngine: 'google',
    categories: ['search-engines'],
    ...overrides,
  });
}

/** A blocked request in `category` at `T0 + offsetMs`. */
export function blockedEvent(offsetMs: number, category: string, host = `${category}.example`) {
  return webEvent(offsetMs, {
    host,
    path: '/play',
    categories: [category],
    action: 'block',
    reason: 'category',
    reasonDetail: { category, listKind: 'domain', listKey: host, listSources: ['t'], ruled: true },
    status: 403,
  });
}

const LIST = `#listcategory: "self-harm"
< kill myself ><200>
< self harm ><100>
< hurt myself ><80>
< feel worthless ><40>
< i hate my life ><60>
< painless ><30>
< suicide ><30>
< suicide prevention ><-120>
< helpline ><-60>
`;
const EXTREMISM = `#listcategory: "extremism"
< propaganda ><40>
< join the caliphate ><200>
< nazi ><30>
< history ><-30>
`;

/** A small safeguarding matcher with self-harm and extremism phrases. */
export function testPhrases(): PhraseMatcher {
  const parse = (text: string, source: string) =>
    parseE2guardianPhrases(new TextEncoder().encode(text), { source, kind: 'weighted' }).rules;
  return compilePhrases([...parse(LIST, 'test/self-harm'), ...parse(EXTREMISM, 'test/extremism')]);
}
