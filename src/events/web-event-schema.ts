import { isIP } from 'node:net';
import { z } from 'zod';
import type { ReasonCode } from '../engine/decision/decision.js';
import { ACTIONS } from '../engine/policy/action.js';
import type { SearchEngineId } from '../engine/search/search-types.js';
import type { UrlProblem } from '../engine/url/canonical-url.js';
import type { WebEvent } from './web-event.js';
import { WEB_EVENT_LIMITS as LIMITS } from './web-event-limits.js';

// The engine's unions as runtime lists. The `satisfies` and the `Exhaustive` checks below
// make a new engine value a compile error here until it is added.
const REASON_CODES = [
  'unparseable',
  'mandatory',
  'exception',
  'override',
  'ip-literal',
  'category',
  'phrase',
  'uncategorised',
  'tunnel-refused',
] as const satisfies readonly ReasonCode[];
const SEARCH_ENGINES = [
  'google',
  'bing',
  'youtube',
  'duckduckgo',
  'yahoo',
  'ecosia',
  'startpage',
  'brave',
  'wikipedia',
] as const satisfies readonly SearchEngineId[];
const URL_PROBLEMS = [
  'empty',
  'invalid-url',
  'unsupported-scheme',
  'invalid-host',
  'too-long',
] as const satisfies readonly UrlProblem[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const exhaustive: [
  Exhaustive<ReasonCode, (typeof REASON_CODES)[number]>,
  Exhaustive<SearchEngineId, (typeof SEARCH_ENGINES)[number]>,
  Exhaustive<UrlProblem, (typeof URL_PROBLEMS)[number]>,
] = [true, true, true];
void exhaustive;

const text = (max: number) => z.string().min(1).max(max);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const reasonDetailSchema = z
  .strictObject({
    problem: z.enum(URL_PROBLEMS).optional(),
    category: text(LIMITS.category).optional(),
    listKind: z.enum(['domain', 'url', 'ip']).optional(),
    listKey: text(LIMITS.listKey).optional(),
    listSources: z.array(text(LIMITS.category)).max(LIMITS.listSources).readonly().optional(),
    ruled: z.boolean().optional(),
    when: text(LIMITS.group).optional(),
    exceptionId: text(LIMITS.group).optional(),
    exceptionScope: z.enum(['global', 'group']).optional(),
    score: z.number().finite().optional(),
    limit: z.number().finite().optional(),
    banned: z.boolean().optional(),
    phrases: z.array(text(LIMITS.phrase)).max(LIMITS.phrases).readonly().optional(),
    snippet: text(LIMITS.snippet).optional(),
    tunnel: z.enum(['port', 'ip-literal', 'not-tls']).optional(),
  })
  .readonly();

/**
 * Validates a `WebEvent` from outside the process (the spool, an NDJSON file, an import)
 * before the store takes it: field types and bounds (`WEB_EVENT_LIMITS`), no unknown keys,
 * and the rules that tie fields together: the id's timestamp is the event's `time`, a search
 * has both terms and engine, an `alert` action is flagged.
 *
 * ### Examples
 * ```ts
 * const parsed = webEventSchema.safeParse(JSON.parse(line));
 * if (!parsed.success) report(z.prettifyError(parsed.error));
 * ```
 */
export const webEventSchema = z
  .strictObject({
    kind: z.literal('web-request'),
    id: z.uuidv7(),
    time: z.iso.datetime({ precision: 3 }),
    node: text(LIMITS.node),
    user: text(LIMITS.user).nullable(),
    groups: z.array(text(LIMITS.group)).max(LIMITS.groups).readonly(),
    policyGroup: text(LIMITS.group),
    device: text(LIMITS.device).nullable(),
    clientAddress: z.string().refine((value) => isIP(value) !== 0, 'not an IP address'),
    method: text(LIMITS.method),
    scheme: z.enum(['http', 'https']),
    host: z.string().max(LIMITS.host),
    path: z.string().startsWith('/').max(LIMITS.path).nullable(),
    categories: z.array(text(LIMITS.category)).max(LIMITS.categories).readonly(),
    action: z.enum(ACTIONS as readonly ['allow', 'block', 'warn', 'alert']),
    reason: z.enum(REASON_CODES),
    reasonDetail: reasonDetailSchema,
    searchTerms: z.string().max(LIMITS.searchTerms).nullable(),
    searchEngine: z.enum(SEARCH_ENGINES).nullable(),
    searchAutocomplete: z.boolean(),
    alert: z.boolean(),
    inspected: z.boolean(),
    status: z.number().int().min(100).max(599).nullable(),
    bytesUp: count,
    bytesDown: count,
    durationMs: count,
  })
  .readonly()
  .superRefine((event, ctx) => {
    if (
      Number.parseInt(event.id.slice(0, 8) + event.id.slice(9, 13), 16) !== Date.parse(event.time)
    ) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: "the id's timestamp is not `time`" });
    }
    if ((event.searchTerms === null) !== (event.searchEngine === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['searchEngine'],
        message: 'searchTerms and searchEngine are both set or both null',
      });
    }
    if (event.searchAutocomplete && event.searchTerms === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['searchAutocomplete'],
        message: 'an autocomplete event must have search terms',
      });
    }
    if (event.action === 'alert' && !event.alert) {
      ctx.addIssue({ code: 'custom', path: ['alert'], message: 'an alert action is flagged' });
    }
  });

// The schema and the hand-written interface must describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.output<typeof webEventSchema>, WebEvent> = true;
void sameShape;
