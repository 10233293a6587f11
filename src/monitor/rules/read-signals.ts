import type { PhraseMatcher } from '../../engine/phrases/phrase-matcher.js';
import type { PhraseScan } from '../../engine/phrases/phrase-types.js';
import type { WebEvent } from '../../events/web-event.js';
import type { AlertEvidence } from '../alert.js';
import type { RiskLevel } from '../risk-level.js';
import { CONCERN_LEVELS, ILLEGAL_CATEGORIES, levelForScore } from './concern-levels.js';
import type { Signal } from './signal.js';

/** What the rules need besides the event: the safeguarding phrases and the thresholds. */
export interface SignalRules {
  /** The safeguarding phrase lists, compiled; null when the monitor has none. */
  readonly phrases: PhraseMatcher | null;
  readonly alertScore: number;
  /** Blocked attempts at sites of no particular concern open an alert at this many. */
  readonly repeatAttempts: number;
}

/** Categories whose sites are ways round the filter. */
const CIRCUMVENTION_CATEGORIES: ReadonlySet<string> = new Set(['proxies-vpn']);

/** Evidence phrases kept per event: enough to read the concern, not a transcript. */
const MAX_PHRASES = 8;

/**
 * Reads what one event says to the safeguarding monitor: any number of signals, each
 * folded into an alert later. Pure: the phrase matcher is passed in.
 * - search terms are scanned with the safeguarding lists; each category scoring at least
 *   `alertScore` (and not cleared by an exception phrase) is a `phrases` signal;
 * - page text the gateway scored (`reason: phrase` without search terms) is one too;
 * - illegal content is level 5 whatever happened; an `alert` rule is a `category` signal;
 *   a blocked attempt at a category of concern a `concern` signal, one level down;
 * - proxies, VPNs, DNS-over-HTTPS, refused tunnels and blocked bare-IP requests are
 *   `circumvention`;
 * - any other block is a `repeated` candidate, worth an alert only once repeated.
 *
 * ### Examples
 * ```ts
 * readSignals(event, { phrases, alertScore: 60, repeatAttempts: 5 });
 * // [{ kind: 'phrases', category: 'self-harm', level: 5, evidence: {...}, needsAttempts: 1 }]
 * ```
 */
export function readSignals(event: WebEvent, rules: SignalRules): Signal[] {
  const signals: Signal[] = [];
  const phraseCategories = new Set<string>();
  for (const signal of phraseSignals(event, rules)) {
    phraseCategories.add(signal.category);
    signals.push(signal);
  }
  const listed = event.categories.filter((c) => !phraseCategories.has(c));
  const illegal = listed.find((c) => ILLEGAL_CATEGORIES.has(c));
  if (illegal !== undefined) {
    signals.push(signalOf(event, 'concern', illegal, 5));
    return signals;
  }
  if (isCircumvention(event)) {
    const category = listed.find((c) => CIRCUMVENTION_CATEGORIES.has(c)) ?? 'proxies-vpn';
    signals.push(signalOf(event, 'circumvention', category, 2));
    return signals;
  }
  if (event.action === 'alert' && event.reason !== 'phrase') {
    const category = worstConcern(listed) ?? listed[0] ?? 'uncategorised';
    signals.push(signalOf(event, 'category', category, CONCERN_LEVELS.get(category) ?? 2));
    return signals;
  }
  if (event.action !== 'block' || signals.length > 0) return signals;
  const concern = worstConcern(listed);
  if (concern !== null) {
    const level = Math.max(1, (CONCERN_LEVELS.get(concern) ?? 2) - 1) as RiskLevel;
    signals.push(signalOf(event, 'concern', concern, level));
  } else if (event.reason !== 'unparseable') {
    const category = listed[0] ?? 'uncategorised';
    signals.push({
      ...signalOf(event, 'repeated', category, 1),
      needsAttempts: rules.repeatAttempts,
    });
  }
  return signals;
}

function phraseSignals(event: WebEvent, rules: SignalRules): Signal[] {
  if (event.searchTerms !== null && rules.phrases !== null) {
    return searchSignals(event, rules.phrases.scan(event.searchTerms), rules.alertScore);
  }
  const detail = event.reasonDetail;
  if (event.reason !== 'phrase' || event.searchTerms !== null || detail.category === undefined) {
    return [];
  }
  // Page text the gateway scored against the group's limit: it already acted on it.
  const level = detail.banned ? 5 : levelForScore(detail.score ?? 0, rules.alertScore);
  if (level === null) return [];
  const evidence = evidenceOf(event, detail.phrases ?? [], detail.snippet ?? null);
  return [{ kind: 'phrases', category: detail.category, level, evidence, needsAttempts: 1 }];
}

function searchSignals(event: WebEvent, scan: PhraseScan, alertScore: number): Signal[] {
  if (scan.exception) return [];
  const signals: Signal[] = [];
  for (const [category, score] of Object.entries(scan.scores)) {
    const level = levelForScore(score, alertScore);
    if (level === null) continue;
    const hits = scan.hits.filter((h) => h.rule.category === category && h.rule.weight > 0);
    const phrases = hits.flatMap((h) => h.rule.phrases.map((p) => p.trim())).slice(0, MAX_PHRASES);
    const evidence = evidenceOf(event, phrases, hits[0]?.snippet ?? null);
    signals.push({ kind: 'phrases', category, level, evidence, needsAttempts: 1 });
  }
  return signals;
}

function isCircumvention(event: WebEvent): boolean {
  if (event.categories.some((c) => CIRCUMVENTION_CATEGORIES.has(c))) return true;
  if (event.reason === 'tunnel-refused') return true;
  return event.reason === 'ip-literal' && event.action === 'block';
}

/** The most serious category of concern among `categories`, or null. */
function worstConcern(categories: readonly string[]): string | null {
  let worst: string | null = null;
  for (const c of categories) {
    const level = CONCERN_LEVELS.get(c);
    if (level !== undefined && (worst === null || level > CONCERN_LEVELS.get(worst)!)) worst = c;
  }
  return worst;
}

function signalOf(
  event: WebEvent,
  kind: Signal['kind'],
  category: string,
  level: RiskLevel,
): Signal {
  return { kind, category, level, evidence: evidenceOf(event, [], null), needsAttempts: 1 };
}

function evidenceOf(
  event: WebEvent,
  phrases: readonly string[],
  snippet: string | null,
): AlertEvidence {
  return {
    eventId: event.id,
    timeMs: Date.parse(event.time),
    url: evidenceUrl(event.scheme, event.host, event.path),
    action: event.action,
    searchTerms: event.searchTerms,
    phrases,
    snippet,
  };
}

/** An event's address as evidence keeps it: `https://host/path` (no query), or the host alone. */
export function evidenceUrl(scheme: string, host: string, path: string | null): string {
  return path === null ? host : `${scheme}://${host}${path}`;
}
