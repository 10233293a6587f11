import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadPolicyCells, type PolicyCells } from '../../casework/decisions/policy-cells.js';
import {
  type ConsoleException,
  listPolicyExceptions,
  toExceptionDefinition,
} from '../../casework/decisions/policy-exceptions.js';
import { policyDefinitionOf } from '../../config/config-schema.js';
import type { LoadedConfig } from '../../config/load-config.js';
import { CATEGORY_CATALOGUE } from '../../engine/categories/category-catalogue.js';
import { decide } from '../../engine/decision/decide.js';
import type { MatchedEntry } from '../../engine/index/category-index.js';
import { applyPolicyOverlay } from '../../engine/policy/apply-policy-overlay.js';
import { compilePolicy, type Policy } from '../../engine/policy/compile-policy.js';
import type { UrlProblem } from '../../engine/url/canonical-url.js';
import { canonicaliseUrl } from '../../engine/url/canonicalise-url.js';
import { dataDir } from '../../lists/compile-sources.js';
import type { ConsoleContext } from '../console-context.js';
import { describeSources } from '../lists/describe-sources.js';
import { type CellNote, groupVerdict, type NamedCategory } from '../lists/group-verdict.js';
import { listCategories } from '../lists/list-categories.js';
import { createListsEngine, type ListsState } from '../lists/lists-engine.js';
import { parseInput } from '../parse-body.js';
import { Problem } from '../problem.js';
import { requireStaff } from '../staff-access.js';

const listsQuery = z.strictObject({});
const testQuery = z.strictObject({
  url: z
    .string()
    .trim()
    .min(1, 'type the address to test, e.g. https://www.example.com/')
    .max(2048, 'use an address of at most 2,048 characters'),
});

/** What is wrong with an address the engine cannot read, for the `url` field's error. */
const URL_PROBLEMS: Readonly<Record<UrlProblem, string>> = {
  empty: 'type the address to test, e.g. https://www.example.com/',
  'invalid-url': 'this is not a web address; type one like https://www.example.com/page',
  'unsupported-scheme': 'only web addresses (http:// or https://) can be tested',
  'invalid-host': 'the site name is not valid; check it for typing mistakes',
  'too-long': 'use an address of at most 2,048 characters',
};

/**
 * The Lists page: every category with its entry count in the compiled index, its sources
 * and when they last changed; and "test a URL", the decision for each policy group from the
 * real engine (`decide()`, as `schoolgate explain`) with the console's policy cells applied,
 * naming the list entry, exception or phrases that decided. The index and phrase lists are
 * read once, on first use, and again when the gateway installs a new index; the policy
 * cells are read on each test, so a cell changed in the console shows at once. Neither
 * endpoint reads anyone's records, so neither is audited.
 */
export function listsRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const { config } = context;
  const loaded: LoadedConfig = {
    config,
    file: 'console',
    baseDir: context.configBaseDir ?? process.cwd(),
  };
  const engine = createListsEngine({
    loaded,
    indexPath: resolve(dataDir(loaded), config.lists.index),
    log: context.log,
  });
  const base = policyDefinitionOf(config);
  const fileGroups = new Map(base.groups.map((g) => [g.id, g]));
  const labels = new Map([
    ...CATEGORY_CATALOGUE.map((c) => [c.id, c.label] as const),
    ...config.categories.map((c) => [c.id, c.label] as const),
  ]);
  const nameOf = (id: string): NamedCategory => ({ id, label: labels.get(id) ?? id });
  let compiled: { readonly version: number; readonly policy: Policy } | null = null;

  /**
   * The policy as the gateways apply it: the file's with the console's cells and exceptions
   * (`applyPolicyOverlay`, as start-gateway.ts does), compiled again only when the version
   * moves. The cells (with the version) are read first, so the exceptions are at least as new.
   */
  async function currentPolicy(): Promise<{
    policy: Policy;
    cells: PolicyCells;
    exceptions: readonly ConsoleException[];
  }> {
    const cells = await loadPolicyCells(context.store.db);
    const exceptions = await listPolicyExceptions(context.store.db);
    if (compiled === null || compiled.version !== cells.version) {
      const overlay = { cells: cells.cells, exceptions: exceptions.map(toExceptionDefinition) };
      compiled = {
        version: cells.version,
        policy: compilePolicy(applyPolicyOverlay(base, overlay)),
      };
    }
    return { policy: compiled.policy, cells, exceptions };
  }

  app.get('/api/lists', async (request) => {
    requireStaff(request, 'lists.read');
    parseInput(listsQuery, request.query, 'lists request');
    const state = await engine.current();
    // Someone on this page may test an address next: compile the phrase lists meanwhile.
    void engine.phrases().catch(() => {});
    const header = state.kind === 'ready' ? state.index.header : null;
    const sources = describeSources(loaded, header);
    return {
      index:
        state.kind === 'ready' && header !== null
          ? { builtMs: header.builtAt, installedMs: state.fileMs, entries: header.entryCount }
          : null,
      indexProblem: indexProblem(state),
      categories: listCategories(config, header, sources),
      sources,
    };
  });

  app.get('/api/lists/test', async (request) => {
    requireStaff(request, 'lists.read');
    const { url } = parseInput(testQuery, request.query, 'test');
    const canonical = canonicaliseUrl(url);
    if (canonical.kind === 'UnparseableUrl') {
      const message = URL_PROBLEMS[canonical.problem];
      throw new Problem('invalid', 'The address cannot be tested', `url: ${message}`, {
        errors: [{ path: 'url', message }],
      });
    }
    const state = await engine.current();
    if (state.kind !== 'ready') {
      throw new Problem('unavailable', 'The lists cannot be read', `${indexProblem(state)}.`);
    }
    const [{ policy, cells, exceptions }, phrases] = await Promise.all([
      currentPolicy(),
      engine.phrases(),
    ]);
    const madeInConsole = new Map(exceptions.map((e) => [e.id, e]));
    const decisionContext = {
      index: state.index,
      policy,
      phrases,
      youtube: config.safeSearch.youtube,
      now: context.now(),
    };
    const groups = policy.definition.groups.map((group) => {
      const decision = decide({ url, groups: [group.id] }, decisionContext);
      const groupCells = new Map<string, CellNote>(
        cells.cells.filter((c) => c.group === group.id).map((c) => [c.category, c]),
      );
      const notes = {
        cells: groupCells,
        exceptions: madeInConsole,
        fileGroup: fileGroups.get(group.id),
        nameOf,
      };
      return { decision, verdict: groupVerdict(decision, group, notes) };
    });
    const first = groups[0]!.decision;
    const entries: readonly MatchedEntry[] = first.matches;
    return {
      input: url,
      url: first.url,
      host: first.host,
      categories: [...new Set(entries.flatMap((e) => e.categories))].sort().map(nameOf),
      entries,
      search:
        first.search === null
          ? null
          : {
              engine: first.search.engine,
              terms: first.search.terms,
              autocomplete: first.search.autocomplete,
            },
      policyVersion: cells.version,
      indexBuiltMs: state.index.header.builtAt,
      groups: groups.map((g) => g.verdict),
    };
  });
}

/** Why there is no index to show, in words with what to do; null when there is one. */
function indexProblem(state: ListsState): string | null {
  switch (state.kind) {
    case 'ready':
      return null;
    case 'missing':
      return 'The lists have not been compiled yet: start the gateway (it compiles them) or run schoolgate lists compile, then reload this page';
    case 'unreadable':
      return `The compiled lists could not be read (${state.problem}): run schoolgate lists compile, then reload this page`;
  }
}
