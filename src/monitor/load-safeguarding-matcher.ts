import type { MonitorConfig } from '../config/monitor-config.js';
import { compilePhrases } from '../engine/phrases/compile-phrases.js';
import type { PhraseMatcher } from '../engine/phrases/phrase-matcher.js';
import type { PhraseRule } from '../engine/phrases/phrase-types.js';
import { loadSafeguardingPhraseRules } from './phrases/safeguarding-phrase-lists.js';

/**
 * The safeguarding phrase rules the config asks for (`monitor.languages`, default all
 * shipped), or none when the monitor is off. Rejected lines are logged: our own lists are
 * tested to have none, so one here means a local edit went wrong.
 */
export function safeguardingRules(
  monitor: MonitorConfig,
  log: (message: string) => void,
): PhraseRule[] {
  if (!monitor.enabled) return [];
  const key = monitor.languages?.join(',') ?? '*';
  let rules = readOnce.get(key);
  if (rules === undefined) {
    const loaded = loadSafeguardingPhraseRules(
      monitor.languages === undefined ? {} : { languages: monitor.languages },
    );
    for (const line of loaded.rejected.slice(0, 5)) {
      log(`safeguarding phrases ${line.source}:${line.line}: ${line.problem}`);
    }
    rules = loaded.rules;
    readOnce.set(key, rules);
  }
  return rules;
}

/**
 * The lists ship with the code and never change while it runs, so a process reads them once:
 * the gateway's engine (page text) and the monitor (search terms) both need them, and every
 * reload asks again.
 */
const readOnce = new Map<string, PhraseRule[]>();

/** The safeguarding lists compiled for the monitor's own scans of search terms, or null. */
export function loadSafeguardingMatcher(
  monitor: MonitorConfig,
  log: (message: string) => void,
): PhraseMatcher | null {
  const rules = safeguardingRules(monitor, log);
  return rules.length === 0 ? null : compilePhrases(rules);
}
