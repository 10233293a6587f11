/**
 * Hand-written decisions, one per reason code with its particulars, for the page tests and
 * for tools/render-pages.ts. `satisfies Record<ReasonCode, …>` makes a new reason code a
 * compile error here until it has a sample (and so a rendered, tested block page).
 */
import type { Decision, ReasonCode } from '../../../../src/engine/decision/decision.js';

/** A made-up phrase standing in for an explicit one: it must never appear on a page. */
export const SECRET_PHRASE = 'zorblax quimble';
/** Made-up search terms that contain the phrase. */
export const SECRET_TERMS = 'how to zorblax quimble fast';

const base = {
  kind: 'Decision',
  group: 'pupils',
  search: null,
  hostOnly: false,
  safeSearch: null,
} as const;

const gamesEntry = {
  kind: 'domain',
  key: 'games.example',
  categories: ['games'],
  sources: ['ut1/games'],
} as const;

export const SAMPLE_DECISIONS = {
  unparseable: {
    ...base,
    action: 'block',
    categories: [],
    matches: [],
    url: null,
    host: null,
    reason: { code: 'unparseable', problem: 'invalid-host' },
  },
  mandatory: {
    ...base,
    action: 'block',
    categories: ['iwf-child-abuse'],
    matches: [
      {
        kind: 'url',
        key: 'iwf.example/secret/path',
        categories: ['iwf-child-abuse'],
        sources: ['iwf'],
      },
    ],
    url: 'http://iwf.example/secret/path?id=7',
    host: 'iwf.example',
    reason: {
      code: 'mandatory',
      category: 'iwf-child-abuse',
      entry: {
        kind: 'url',
        key: 'iwf.example/secret/path',
        categories: ['iwf-child-abuse'],
        sources: ['iwf'],
      },
    },
  },
  exception: {
    ...base,
    action: 'block',
    categories: ['education'],
    matches: [],
    url: 'https://school.test/blog/post-1',
    host: 'school.test',
    reason: {
      code: 'exception',
      scope: 'global',
      exception: {
        id: 'school-blog-block',
        match: 'school.test/blog',
        action: 'block',
        reason: 'blog comments abused',
        expires: '2027-01-01T00:00:00Z',
      },
    },
  },
  override: {
    ...base,
    action: 'allow',
    categories: ['chat'],
    matches: [],
    url: 'https://chat.example/',
    host: 'chat.example',
    reason: { code: 'override' },
  },
  'ip-literal': {
    ...base,
    action: 'block',
    categories: [],
    matches: [],
    url: 'http://198.51.100.7/',
    host: '198.51.100.7',
    reason: { code: 'ip-literal' },
  },
  category: {
    ...base,
    action: 'block',
    categories: ['games', 'chat'],
    matches: [gamesEntry],
    url: 'https://games.example/play?level=3',
    host: 'games.example',
    reason: {
      code: 'category',
      category: 'games',
      entry: gamesEntry,
      ruled: true,
      when: 'outside:lunchtime',
    },
  },
  phrase: {
    ...base,
    action: 'block',
    categories: ['pornography'],
    matches: [],
    url: `https://search.example/search?q=${encodeURIComponent(SECRET_TERMS)}`,
    host: 'search.example',
    search: { kind: 'SearchQuery', engine: 'google', terms: SECRET_TERMS, autocomplete: false },
    reason: {
      code: 'phrase',
      category: 'pornography',
      score: 140,
      limit: 100,
      banned: false,
      phrases: [SECRET_PHRASE, 'quimble'],
    },
  },
  uncategorised: {
    ...base,
    action: 'block',
    categories: [],
    matches: [],
    url: 'https://new-site.example/',
    host: 'new-site.example',
    reason: { code: 'uncategorised' },
  },
  'tunnel-refused': {
    ...base,
    action: 'block',
    categories: [],
    matches: [],
    url: 'https://198.51.100.9/',
    host: '198.51.100.9',
    hostOnly: true,
    reason: { code: 'tunnel-refused', why: 'ip-literal' },
  },
} as const satisfies Record<ReasonCode, Decision>;

/** The particular each reason code's block page must show (plain text, before escaping). */
export const SAMPLE_PARTICULARS: Readonly<Record<ReasonCode, readonly string[]>> = {
  unparseable: ['Problem: invalid-host.'],
  mandatory: ['Child sexual abuse content (IWF list)', 'Internet Watch Foundation'],
  exception: ['school-blog-block', 'blog comments abused', 'until 2027-01-01T00:00:00Z'],
  override: ['Chat and messaging'],
  'ip-literal': ['198.51.100.7'],
  category: ['Matched: games.example (domain entry in ut1/games).', 'outside lunchtime', 'Chat'],
  phrase: ['Pornography', 'score 140 against limit 100', 'search.example'],
  uncategorised: ['Not on any category list', 'new-site.example'],
  'tunnel-refused': ['Refused: a tunnel to a bare IP address.'],
};

/** A CTIRU (mandatory, not IWF) decision: host only, no unblock, but no IWF splash either. */
export const CTIRU_DECISION: Decision = {
  ...base,
  action: 'block',
  categories: ['ctiru-terrorism'],
  matches: [],
  url: 'https://ctiru.example/hidden/page',
  host: 'ctiru.example',
  reason: {
    code: 'mandatory',
    category: 'ctiru-terrorism',
    entry: {
      kind: 'url',
      key: 'ctiru.example/hidden/page',
      categories: ['ctiru-terrorism'],
      sources: ['ctiru'],
    },
  },
};

/** A warn decision, as the pupils' `chat: warn` rule gives. */
export const WARN_DECISION: Decision = {
  ...base,
  action: 'warn',
  categories: ['chat'],
  matches: [{ kind: 'domain', key: 'chat.example', categories: ['chat'], sources: ['ut1/chat'] }],
  url: 'https://chat.example/rooms',
  host: 'chat.example',
  reason: {
    code: 'category',
    category: 'chat',
    entry: { kind: 'domain', key: 'chat.example', categories: ['chat'], sources: ['ut1/chat'] },
    ruled: true,
    when: null,
  },
};
