/**
 * Known events and alerts around Tuesday 24 November 2026 (GMT, so local days are UTC days)
 * for the digest and activity report tests: every count a test asserts can be worked out
 * from the tables here by hand.
 */
import type { Kysely } from 'kysely';
import type { Action } from '../../../src/engine/policy/action.js';
import { createEventId } from '../../../src/events/create-event-id.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import type { Store } from '../../../src/store/open-store.js';
import type { AlertEvidenceTable, AlertsTable, Database } from '../../../src/store/schema.js';
import { sampleEvent } from '../../events/event-fixture.js';

export const TZ = 'Europe/London';
export const DAY = '2026-11-24';
export const at = (iso: string) => Date.parse(iso);

export interface EventSpec {
  readonly time: string;
  readonly user: string | null;
  readonly group: string;
  readonly action: Action;
  readonly categories?: readonly string[];
  readonly host?: string;
  readonly path?: string | null;
  readonly search?: string | null;
}

/** A stored event as the gateway would write it, with the fields that matter set. */
export function eventOf(spec: EventSpec, k = 0): WebEvent {
  const time = at(spec.time);
  const base = sampleEvent(0, time);
  return {
    ...base,
    id: createEventId(time),
    time: new Date(time).toISOString(),
    user: spec.user,
    groups: [spec.group],
    policyGroup: spec.group,
    action: spec.action,
    categories: spec.categories ?? [],
    host: spec.host ?? `site${k}.blocked.example`,
    path: spec.path === undefined ? '/' : spec.path,
    searchTerms: spec.search ?? null,
    searchEngine: spec.search === undefined || spec.search === null ? null : 'google',
    alert: spec.action === 'alert',
  };
}

const e = (
  time: string,
  user: string | null,
  group: string,
  action: Action,
  categories: string[],
  extra: Partial<EventSpec> = {},
): EventSpec => ({ time, user, group, action, categories, ...extra });

/** Tuesday 24 November: 12 requests, 7 blocked (adult 4, gambling 3), 2 searches, 2 people. */
export const DAY_EVENTS: readonly EventSpec[] = [
  e('2026-11-24T00:00:00.000Z', null, 'guests', 'block', ['adult'], {
    host: 'adult.blocked.example',
  }),
  e('2026-11-24T09:10:00.000Z', 'pupil.one', 'year7', 'block', ['adult'], {
    host: 'adult.blocked.example',
  }),
  e('2026-11-24T09:20:00.000Z', 'pupil.one', 'year7', 'block', ['adult'], {
    host: 'adult.blocked.example',
    path: '/videos',
  }),
  e('2026-11-24T10:00:00.000Z', 'pupil.one', 'year7', 'block', ['gambling'], {
    host: 'bet.blocked.example',
  }),
  e('2026-11-24T10:30:00.000Z', 'pupil.one', 'year7', 'allow', ['education'], {
    host: 'school.test',
  }),
  e('2026-11-24T11:00:00.000Z', 'pupil.one', 'year7', 'allow', [], {
    host: 'www.google.co.uk',
    path: '/search',
    search: 'volcano',
  }),
  e('2026-11-24T12:00:00.000Z', 'pupil.one', 'year7', 'allow', ['education'], {
    host: 'school.test',
  }),
  e('2026-11-24T14:05:00.000Z', 'pupil.one', 'year7', 'block', ['adult'], {
    host: 'adult.blocked.example',
  }),
  e('2026-11-24T11:30:00.000Z', 'pupil.two', 'year8', 'alert', ['self-harm'], {
    host: 'www.google.co.uk',
    path: '/search',
    search: 'how to self harm',
  }),
  e('2026-11-24T13:00:00.000Z', 'pupil.two', 'year8', 'block', ['gambling'], {
    host: 'bet.blocked.example',
  }),
  e('2026-11-24T15:00:00.000Z', 'pupil.two', 'year8', 'warn', ['games'], { host: 'games.example' }),
  e('2026-11-24T23:59:59.999Z', 'pupil.two', 'year8', 'block', ['gambling'], {
    host: 'bet.blocked.example',
  }),
];

/** Other days of the same week, and the days either side of it: never in the day's digest. */
export const OTHER_EVENTS: readonly EventSpec[] = [
  e('2026-11-22T23:59:59.999Z', 'pupil.one', 'year7', 'block', ['adult']), // Sunday, week before
  e('2026-11-23T23:59:59.999Z', 'pupil.one', 'year7', 'block', ['adult']), // Monday
  e('2026-11-25T00:00:00.000Z', 'pupil.two', 'year8', 'block', ['adult']), // Wednesday
  e('2026-11-25T10:00:00.000Z', 'pupil.two', 'year8', 'block', ['adult']),
  e('2026-11-25T10:01:00.000Z', 'pupil.two', 'year8', 'block', ['adult']),
  e('2026-11-25T10:02:00.000Z', 'pupil.two', 'year8', 'block', ['adult']),
  e('2026-11-25T10:03:00.000Z', 'pupil.two', 'year8', 'block', ['adult']),
  e('2026-11-25T11:00:00.000Z', 'pupil.three', 'year7', 'block', ['weapons']),
  e('2026-11-25T11:05:00.000Z', 'pupil.one', 'year7', 'allow', [], { search: 'volcano again' }),
  e('2026-11-30T00:00:00.000Z', 'pupil.one', 'year7', 'block', ['adult']), // next Monday
];

/** An alerts row with defaults; override what the test is about. */
export function alertRow(a: Partial<AlertsTable> & Pick<AlertsTable, 'id'>): AlertsTable {
  return {
    fold_key: `fold-${a.id}`,
    kind: 'phrases',
    category: 'self-harm',
    level: 3,
    base_level: 3,
    title: 'Searches about self-harm',
    username: 'pupil.two',
    groups: JSON.stringify(['year8']),
    device: null,
    client_address: '10.0.5.21',
    first_ms: at('2026-11-24T11:30:00Z'),
    last_ms: at('2026-11-24T11:30:00Z'),
    count: 1,
    expected: null,
    state: 'new',
    state_by: null,
    state_ms: null,
    outcome: null,
    case_ref: null,
    state_note: null,
    ...a,
  };
}

export function evidenceRow(
  alertId: string,
  time: string,
  searchTerms: string | null,
): AlertEvidenceTable {
  const t = at(time);
  return {
    alert_id: alertId,
    event_id: createEventId(t),
    time_ms: t,
    url: 'https://www.google.co.uk/search',
    action: 'alert',
    search_terms: searchTerms,
    phrases: JSON.stringify([]),
    snippet: null,
  };
}

/**
 * Alerts active on the 24th: a1 (level 4, new, began the evening before), a2 (level 3,
 * acknowledged), a3 (level 1, closed). Not active on the 24th: a4 (25th), a5 (23rd only).
 */
export const ALERTS: readonly AlertsTable[] = [
  alertRow({
    id: 'a1',
    level: 4,
    base_level: 4,
    first_ms: at('2026-11-23T22:00:00Z'),
    last_ms: at('2026-11-24T11:45:00Z'),
    count: 3,
  }),
  alertRow({
    id: 'a2',
    kind: 'repeated',
    category: 'gambling',
    title: 'Repeated attempts at gambling sites',
    username: 'pupil.one',
    groups: JSON.stringify(['year7']),
    first_ms: at('2026-11-24T10:00:00Z'),
    last_ms: at('2026-11-24T10:30:00Z'),
    count: 5,
    state: 'acknowledged',
    state_by: 'dsl',
    state_ms: at('2026-11-24T12:00:00Z'),
  }),
  alertRow({
    id: 'a3',
    level: 1,
    base_level: 1,
    category: 'games',
    title: 'Games during lessons',
    username: 'pupil.one',
    groups: JSON.stringify(['year7']),
    first_ms: at('2026-11-24T15:00:00Z'),
    last_ms: at('2026-11-24T15:00:00Z'),
    state: 'closed',
    state_by: 'dsl',
    state_ms: at('2026-11-24T16:00:00Z'),
    outcome: 'no-concern',
    state_note: 'fine',
  }),
  alertRow({
    id: 'a4',
    level: 5,
    base_level: 5,
    first_ms: at('2026-11-25T09:00:00Z'),
    last_ms: at('2026-11-25T09:30:00Z'),
  }),
  alertRow({
    id: 'a5',
    level: 2,
    base_level: 2,
    username: 'pupil.one',
    groups: JSON.stringify(['year7']),
    first_ms: at('2026-11-23T19:00:00Z'),
    last_ms: at('2026-11-23T20:00:00Z'),
  }),
];

/** A formula a spreadsheet would run, typed as a search. */
export const FORMULA_TERMS = "=cmd|' /C calc'!A0";

export const EVIDENCE: readonly AlertEvidenceTable[] = [
  evidenceRow('a1', '2026-11-23T22:00:00Z', 'the evening before'),
  evidenceRow('a1', '2026-11-24T11:30:00Z', 'how to self harm'),
  evidenceRow('a1', '2026-11-24T11:45:00Z', 'How  To Self Harm'),
  evidenceRow('a2', '2026-11-24T10:00:00Z', null),
  evidenceRow('a3', '2026-11-24T15:00:00Z', FORMULA_TERMS),
  evidenceRow('a4', '2026-11-25T09:00:00Z', 'the next day'),
  evidenceRow('a5', '2026-11-23T19:00:00Z', 'the day before'),
];

/** Inserts the events (through the writer's inserter, so rollups are made) and the alerts. */
export async function seedDigest(
  store: Store,
  specs: readonly EventSpec[] = [...DAY_EVENTS, ...OTHER_EVENTS],
  alerts: readonly AlertsTable[] = ALERTS,
  evidence: readonly AlertEvidenceTable[] = EVIDENCE,
): Promise<WebEvent[]> {
  const events = specs.map((s, k) => eventOf(s, k));
  await createEventInserter(store).insert(events);
  await insertAlerts(store.db, alerts, evidence);
  return events;
}

export async function insertAlerts(
  db: Kysely<Database>,
  alerts: readonly AlertsTable[],
  evidence: readonly AlertEvidenceTable[],
): Promise<void> {
  if (alerts.length > 0)
    await db
      .insertInto('alerts')
      .values([...alerts])
      .execute();
  if (evidence.length > 0)
    await db
      .insertInto('alert_evidence')
      .values([...evidence])
      .execute();
}
