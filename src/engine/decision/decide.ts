import type { CategoryIndex, IndexMatch, MatchedEntry } from '../index/category-index.js';
import type { PhraseScan } from '../phrases/phrase-types.js';
import { ACTION_SEVERITY, type Action } from '../policy/action.js';
import type { Policy } from '../policy/compile-policy.js';
import type { GroupDefinition } from '../policy/policy-definition.js';
import { extractSearch } from '../search/extract-search.js';
import { safeSearchRewrite } from '../search/safe-search-rewrite.js';
import type { SearchQuery } from '../search/search-types.js';
import type { CanonicalUrl } from '../url/canonical-url.js';
import { canonicaliseHost } from '../url/canonicalise-host.js';
import { canonicaliseUrl } from '../url/canonicalise-url.js';
import { embeddedIpv4 } from '../url/embedded-ipv4.js';
import { unwrapProxiedUrl } from '../url/unwrap-proxied-url.js';
import type { Decision, ReadableDecision, Reason } from './decision.js';
import { judgePhrases } from './judge-phrases.js';
import { mergeMatches } from './merge-matches.js';

/** A request to decide: a full URL (HTTP, inspected HTTPS) or only a host (CONNECT, SNI, DNS). */
export type DecisionRequest =
  | { readonly url: string; readonly groups?: readonly string[] }
  | { readonly host: string; readonly groups?: readonly string[] };

/** Everything a decision depends on besides the request. The engine holds no state of its own. */
export interface DecisionContext {
  readonly index: CategoryIndex;
  readonly policy: Policy;
  /** Phrase matcher for search terms; absent: phrases are not checked. */
  readonly phrases?: { scan(text: string): PhraseScan } | null;
  /** Epoch milliseconds: the moment schedules and expiries are judged at. */
  readonly now: number;
  /** YouTube restricted mode when safe search is enforced (default `strict`). */
  readonly youtube?: 'strict' | 'moderate';
  /** True when the person already chose "continue" on a warning for this host. */
  readonly isOverridden?: (host: string) => boolean;
}

/** What the checkers see: the request made readable, the group, and what the lists say. */
interface Facts {
  readonly url: CanonicalUrl;
  readonly hostOnly: boolean;
  readonly group: GroupDefinition;
  readonly match: IndexMatch | null;
  readonly search: SearchQuery | null;
  readonly context: DecisionContext;
}

interface Verdict {
  readonly action: Action;
  readonly reason: Exclude<Reason, { code: 'unparseable' }>;
  /** Categories found by phrases, added to the decision's categories. */
  readonly phraseCategories?: readonly string[];
}

type Checker = (facts: Facts) => Verdict | null;

/**
 * The checks in precedence order: the first that returns a verdict decides.
 * mandatory lists > exceptions > the group's policy (categories, phrases, IP literals, default).
 */
const CHECKERS: readonly { readonly name: string; readonly check: Checker }[] = [
  { name: 'mandatory', check: checkMandatory },
  { name: 'exception', check: checkException },
  { name: 'policy', check: checkPolicy },
];

/**
 * Decides one request. Pure: the same request and context always give the same decision.
 * Never throws on bad input (an unreadable URL is a `block` with reason `unparseable`).
 *
 * ### Examples
 * ```ts
 * decide({ url: 'https://www.bad.example/', groups: ['default'] }, { index, policy, now: Date.now() });
 * // { action: 'block', reason: { code: 'category', category: 'games', ... }, ... }
 * ```
 */
export function decide(request: DecisionRequest, context: DecisionContext): Decision {
  const group = context.policy.resolveGroup(request.groups);
  const hostOnly = !('url' in request);
  const url = hostOnly ? hostAsUrl(request.host) : canonicaliseUrl(request.url);
  if (url.kind === 'UnparseableUrl') {
    return {
      kind: 'Decision',
      action: 'block',
      reason: { code: 'unparseable', problem: url.problem },
      group: group.id,
      categories: [],
      matches: [],
      search: null,
      url: null,
      host: null,
      hostOnly,
      safeSearch: null,
    };
  }
  const match = lookupEverything(context.index, url, hostOnly);
  const search = hostOnly ? null : extractSearch(url);
  const facts: Facts = { url, hostOnly, group, match, search, context };
  const verdict = runCheckers(facts);
  return toDecision(facts, verdict);
}

function runCheckers(facts: Facts): Verdict {
  for (const { name, check } of CHECKERS) {
    let verdict: Verdict | null;
    try {
      verdict = check(facts);
    } catch (cause) {
      throw new Error(`${name}: ${(cause as Error).message}`, { cause });
    }
    if (verdict !== null) return verdict;
  }
  // checkPolicy always answers; this keeps the type checker and a future reorder honest.
  return { action: facts.group.uncategorised, reason: { code: 'uncategorised' } };
}

function toDecision(facts: Facts, verdict: Verdict): ReadableDecision {
  const listCategories = facts.match?.categories ?? [];
  const categories =
    verdict.phraseCategories === undefined || verdict.phraseCategories.length === 0
      ? listCategories
      : [...new Set([...listCategories, ...verdict.phraseCategories])];
  const enforceSafeSearch = facts.group.safeSearch && verdict.action !== 'block' && !facts.hostOnly;
  return {
    kind: 'Decision',
    action: verdict.action,
    reason: verdict.reason,
    group: facts.group.id,
    categories,
    matches: facts.match?.entries ?? [],
    search: facts.search,
    url: facts.url.href,
    host: facts.url.host,
    hostOnly: facts.hostOnly,
    safeSearch: enforceSafeSearch
      ? safeSearchRewrite(facts.url, { youtube: facts.context.youtube ?? 'strict' })
      : null,
  };
}

function checkMandatory({ match, context }: Facts): Verdict | null {
  if (match === null) return null;
  for (const entry of match.entries) {
    for (const category of entry.categories) {
      if (context.policy.isMandatory(category)) {
        return { action: 'block', reason: { code: 'mandatory', category, entry } };
      }
    }
  }
  return null;
}

function checkException({ url, group, context }: Facts): Verdict | null {
  const applied = context.policy.findException(group, url.host, url.path, context.now);
  if (applied === null) return null;
  return {
    action: applied.exception.action,
    reason: { code: 'exception', exception: applied.exception, scope: applied.scope },
  };
}

/**
 * The group's policy: every list category and every phrase category that reaches the limit
 * proposes an action; the most restrictive wins (ties: lists before phrases). A warning the
 * person has already passed becomes an allow.
 */
function checkPolicy(facts: Facts): Verdict {
  let best: Verdict | null = categoryVerdict(facts);
  const phrase = phraseVerdict(facts);
  if (phrase !== null && (best === null || beats(phrase, best))) best = phrase;
  else if (phrase !== null && best !== null)
    best = { ...best, phraseCategories: phrase.phraseCategories };
  if (best === null && facts.url.hostKind !== 'domain' && facts.group.ipLiterals !== 'allow') {
    best = { action: facts.group.ipLiterals, reason: { code: 'ip-literal' } };
  }
  best ??= { action: facts.group.uncategorised, reason: { code: 'uncategorised' } };
  if (best.action === 'warn' && facts.context.isOverridden?.(facts.url.host) === true) {
    return { ...best, action: 'allow', reason: { code: 'override' } };
  }
  return best;
}

function beats(a: Verdict, b: Verdict): boolean {
  return ACTION_SEVERITY[a.action] > ACTION_SEVERITY[b.action];
}

function categoryVerdict({ match, group, context }: Facts): Verdict | null {
  if (match === null) return null;
  let best: Verdict | null = null;
  for (const entry of match.entries) {
    for (const category of entry.categories) {
      const rule = context.policy.ruleFor(group, category, context.now);
      if (rule === null) continue;
      const verdict: Verdict = {
        action: rule.action,
        reason: { code: 'category', category, entry, ruled: true, when: rule.when },
      };
      if (best === null || beats(verdict, best)) best = verdict;
    }
  }
  return best ?? allowedByLists(match);
}

/** Listed, but in no category the group controls: allowed, and the reason names the entry. */
function allowedByLists(match: IndexMatch): Verdict | null {
  const entry: MatchedEntry | undefined = match.entries[0];
  if (entry === undefined) return null;
  const category = entry.categories[0] ?? '';
  return {
    action: 'allow',
    reason: { code: 'category', category, entry, ruled: false, when: null },
  };
}

function phraseVerdict({ search, group, context }: Facts): Verdict | null {
  if (search === null || group.phraseLimit === null || !context.phrases) return null;
  const judged = judgePhrases(
    context.phrases.scan(search.terms),
    group,
    context.policy,
    context.now,
  );
  if (judged === null) return null;
  return { action: judged.action, reason: judged.reason, phraseCategories: judged.categories };
}

/**
 * What the lists say of the URL, of the IPv4 address an IPv6 host embeds (NAT64,
 * IPv4-compatible), and of the address a proxy or cache wrapper shows: a blocked site must
 * not be reachable by dressing up its address.
 */
function lookupEverything(
  index: CategoryIndex,
  url: CanonicalUrl,
  hostOnly: boolean,
): IndexMatch | null {
  const path = hostOnly ? '/' : url.path;
  let match = index.lookup(url.host, path);
  if (url.hostKind === 'ipv6') {
    const ipv4 = embeddedIpv4(url.host);
    if (ipv4 !== null) match = mergeMatches(match, index.lookup(ipv4, path));
  }
  if (!hostOnly) {
    const wrapped = unwrapProxiedUrl(url);
    const inner = wrapped === null ? null : canonicaliseUrl(wrapped);
    if (inner !== null && inner.kind === 'CanonicalUrl') {
      match = mergeMatches(match, index.lookup(inner.host, inner.path));
    }
  }
  return match;
}

/** A host-only request as a canonical URL with an empty path, or why it cannot be read. */
function hostAsUrl(host: string): CanonicalUrl | ReturnType<typeof canonicaliseUrl> {
  const canonical = canonicaliseHost(host);
  if (canonical === null) {
    return { kind: 'UnparseableUrl', problem: 'invalid-host', input: host.slice(0, 2048) };
  }
  return {
    kind: 'CanonicalUrl',
    scheme: 'https',
    host: canonical.host,
    hostKind: canonical.hostKind,
    port: 443,
    path: '/',
    query: '',
    href: `https://${canonical.hostKind === 'ipv6' ? `[${canonical.host}]` : canonical.host}/`,
  };
}
