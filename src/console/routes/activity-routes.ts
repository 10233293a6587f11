import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { withAuditedRead } from '../../casework/audit/audited.js';
import { csvRow } from '../../casework/sar/csv-row.js';
import { createWallClock } from '../../casework/sar/wall-clock.js';
import { CATEGORY_CATALOGUE } from '../../engine/categories/category-catalogue.js';
import type { WebEvent } from '../../events/web-event.js';
import {
  formatCursor,
  MAX_PAGE_SIZE,
  type PageCursor,
  type Period,
  parseCursor,
} from '../../store/events/event-page.js';
import { type EventFilter, listEvents } from '../../store/events/list-events.js';
import type { Store } from '../../store/open-store.js';
import type { ConsoleSession } from '../auth/sessions.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { scopeOf } from '../permissions.js';
import { Problem } from '../problem.js';
import { actorOf, mayView, requireStaff } from '../staff-access.js';

/** Most rows a CSV export holds (the newest); narrower periods get the rest. */
export const CSV_MAX_ROWS = 50_000;
/**
 * Most events one JSON page looks through while filtering (`q`, a teacher's classes): keeps a
 * page's cost bounded (a few index range reads) when few events match; `next` continues.
 */
const PAGE_SCAN_BUDGET = 5_000;
/** The same bound for a CSV export with a filter: about ten seconds of reading at worst. */
const CSV_SCAN_BUDGET = 500_000;

const millis = z
  .string()
  .regex(/^\d{1,15}$/, 'give a time in epoch milliseconds, e.g. 1764000000000')
  .transform(Number);

const subjectAndPeriod = {
  user: z.string().trim().min(1, 'give a username').max(256).optional(),
  group: z
    .string()
    .trim()
    .toLowerCase()
    .max(128)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a group id: lower-case letters, digits, - and _ (e.g. 9x)')
    .optional(),
  from: millis,
  to: millis,
  searchesOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v.toLowerCase())),
  reason: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v)),
};

/** Exactly one of user and group, and a period that is not empty. */
const checkSubject = (
  v: { user?: string | undefined; group?: string | undefined; from: number; to: number },
  ctx: z.RefinementCtx,
) => {
  if ((v.user === undefined) === (v.group === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['user'], message: 'give either a user or a group' });
  }
  if (v.to <= v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
};

const pageQuery = z
  .strictObject({
    ...subjectAndPeriod,
    after: z
      .string()
      .transform((text, ctx) => {
        const cursor = parseCursor(text);
        if (cursor === null) {
          ctx.addIssue({ code: 'custom', message: 'not a `next` value from an earlier page' });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .superRefine(checkSubject);
const csvQuery = z.strictObject(subjectAndPeriod).superRefine(checkSubject);

type Query = z.output<typeof csvQuery>;

/**
 * A person's or a group's activity (URLs, searches, blocks) over a period: a page at a time
 * as JSON, or as one CSV download. A group is a policy group or any group an event carries
 * (a class, `9x`: `listEvents` reads a class through its members' index ranges). Every read
 * is on the audit trail before any event is read; IT must say why; a teacher sees a group
 * only if it is one of their classes, and a person's events only where those events carry
 * one of their classes (none: an empty page).
 */
export function activityRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const { store, config } = context;
  const labels = new Map<string, string>([
    ...CATEGORY_CATALOGUE.map((c) => [c.id, c.label] as const),
    ...config.categories.map((c) => [c.id, c.label] as const),
  ]);
  const wall = createWallClock(config.policy.timezone);

  app.get('/api/activity', async (request, reply) => {
    const staff = requireStaff(request, 'activity.read');
    const query = parseInput(pageQuery, request.query, 'filter');
    const access = accessOf(staff, query);
    const page = await withAuditedRead(
      store.db,
      auditEntry(staff, request, query, access, {
        format: 'json',
        more: query.after !== undefined,
      }),
      context.now,
      () =>
        readPage(store, access, query, {
          after: query.after ?? null,
          limit: query.limit,
          budget: PAGE_SCAN_BUDGET,
        }),
    );
    void reply.header('cache-control', 'no-store');
    return {
      events: page.events.map((e) => describeEvent(e, labels)),
      next: page.next === null ? null : formatCursor(page.next),
    };
  });

  app.get('/api/activity.csv', async (request, reply) => {
    const staff = requireStaff(request, 'activity.read');
    const query = parseInput(csvQuery, request.query, 'filter');
    const access = accessOf(staff, query);
    const lines = await withAuditedRead(
      store.db,
      auditEntry(staff, request, query, access, { format: 'csv', more: false }),
      context.now,
      async () =>
        csvLines(store, access, query, {
          local: (ms) => wall(ms).text,
          log: context.log,
        }),
    );
    const day = (ms: number) => wall(ms).text.slice(0, 10);
    const name = `${query.searchesOnly ? 'searches' : 'activity'}-${fileSafe(access.target)}-${day(query.from)}-to-${day(query.to - 1)}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  });
}

/** Whose events a request reads, how the audit names them, and which of them the caller may see. */
interface Access {
  readonly filter: EventFilter;
  readonly target: string;
  readonly targetKind: 'person' | 'group';
  readonly visible: (event: WebEvent) => boolean;
  /** Whether some events may be hidden (a teacher looking at a person). */
  readonly partial: boolean;
}

function accessOf(staff: ConsoleSession, query: Query): Access {
  const { classes, reasonForPeople } = scopeOf(staff.user.role, staff.user.classes);
  if (reasonForPeople && (query.reason === null || query.reason.length < 3)) {
    const message = 'say why you need these records (IT reads them only for a stated purpose)';
    throw new Problem('invalid', 'A reason is needed', `reason: ${message}`, {
      errors: [{ path: 'reason', message }],
    });
  }
  const searchesOnly = query.searchesOnly;
  if (query.group !== undefined) {
    if (classes !== null && !classes.includes(query.group)) {
      throw new Problem(
        'forbidden',
        'Not one of your classes',
        `You can see the activity of your own classes only (${classes.join(', ') || 'none'}). Choose one of them, or ask the DSL.`,
      );
    }
    return {
      filter: { kind: 'group', group: query.group, searchesOnly },
      target: query.group,
      targetKind: 'group',
      visible: () => true,
      partial: false,
    };
  }
  const user = query.user!;
  return {
    filter: { kind: 'user', user, searchesOnly },
    target: user,
    targetKind: 'person',
    // A teacher sees a pupil's events only while the pupil was in one of their classes.
    visible: classes === null ? () => true : (event) => mayView(staff, event.groups),
    partial: classes !== null,
  };
}

function auditEntry(
  staff: ConsoleSession,
  request: FastifyRequest,
  query: Query,
  access: Access,
  how: { format: 'json' | 'csv'; more: boolean },
) {
  return {
    actor: actorOf(staff),
    action: access.targetKind === 'person' ? 'events.read' : 'group-events.read',
    targetKind: access.targetKind,
    target: access.target,
    clientAddress: request.ip,
    reason: query.reason,
    details: {
      fromMs: query.from,
      toMs: query.to,
      searchesOnly: query.searchesOnly,
      ...(query.q === null ? {} : { q: query.q }),
      format: how.format,
      page: how.more ? 'more' : 'first',
    },
  };
}

/** Case-insensitive substring of host, path or search terms (`q` is already lower case). */
function matcher(q: string | null): (event: WebEvent) => boolean {
  if (q === null) return () => true;
  return (e) =>
    e.host.toLowerCase().includes(q) ||
    (e.path?.toLowerCase().includes(q) ?? false) ||
    (e.searchTerms?.toLowerCase().includes(q) ?? false);
}

/**
 * Pages of the caller's visible events, as `listEvents` returns them. It stops at the first
 * page with none visible: a teacher is told nothing of a pupil's time outside their classes,
 * not even that there is more of it.
 */
async function* visibleChunks(
  store: Store,
  access: Access,
  period: Period,
  after: PageCursor | null,
  size: number,
) {
  let cursor = after;
  for (;;) {
    const page = await listEvents(store, access.filter, period, { limit: size, after: cursor });
    const shown = page.events.filter(access.visible);
    if (shown.length === 0) return;
    yield { shown, scanned: page.events.length, done: page.next === null };
    if (page.next === null) return;
    cursor = page.next;
  }
}

/**
 * One page of at most `limit` matching events, newest first. Unfiltered, it is one
 * `listEvents` page. Filtered (`q`, or a teacher's view of a person), it reads on in pages of
 * 1,000 until the page is full or `budget` events were read. `next` is always the last event
 * the caller could see, never a hidden one, so a cursor gives nothing away.
 */
async function readPage(
  store: Store,
  access: Access,
  query: Query,
  options: { after: PageCursor | null; limit: number; budget: number },
): Promise<{ events: WebEvent[]; next: PageCursor | null }> {
  const matches = matcher(query.q);
  const filtering = query.q !== null || access.partial;
  const period = { fromMs: query.from, toMs: query.to };
  const size = filtering ? MAX_PAGE_SIZE : options.limit;
  const events: WebEvent[] = [];
  let scanned = 0;
  let lastShown: WebEvent | null = null;
  for await (const chunk of visibleChunks(store, access, period, options.after, size)) {
    for (let i = 0; i < chunk.shown.length; i++) {
      const event = chunk.shown[i]!;
      lastShown = event;
      if (!matches(event)) continue;
      events.push(event);
      if (events.length === options.limit) {
        const end = chunk.done && i === chunk.shown.length - 1;
        return { events, next: end ? null : cursorOf(event) };
      }
    }
    scanned += chunk.scanned;
    if (chunk.done) break;
    if (scanned >= options.budget && lastShown !== null) {
      return { events, next: cursorOf(lastShown) };
    }
  }
  return { events, next: null };
}

const CSV_HEADER = [
  'local_time',
  'time_utc',
  'user',
  'groups',
  'device',
  'client_address',
  'action',
  'reason',
  'url',
  'host',
  'path',
  'search_terms',
  'categories',
  'event_id',
];

/**
 * The export, a chunk per page read: BOM (so Excel reads accents) and header first, then at
 * most `CSV_MAX_ROWS` rows through `csvRow`, which neutralises text a spreadsheet would run
 * as a formula (search terms and paths are typed by pupils).
 */
async function* csvLines(
  store: Store,
  access: Access,
  query: Query,
  how: { local: (ms: number) => string; log: (message: string) => void },
): AsyncGenerator<string> {
  const { local, log } = how;
  yield `\uFEFF${csvRow(CSV_HEADER)}`;
  const matches = matcher(query.q);
  let rows = 0;
  let scanned = 0;
  try {
    const period = { fromMs: query.from, toMs: query.to };
    for await (const chunk of visibleChunks(store, access, period, null, MAX_PAGE_SIZE)) {
      let text = '';
      for (const e of chunk.shown) {
        if (!matches(e)) continue;
        text += csvRow([
          local(Date.parse(e.time)),
          e.time,
          e.user,
          e.groups.join('; '),
          e.device,
          e.clientAddress,
          e.action,
          e.reason,
          urlOf(e),
          e.host,
          e.path,
          e.searchTerms,
          e.categories.join('; '),
          e.id,
        ]);
        rows += 1;
        if (rows === CSV_MAX_ROWS) break;
      }
      if (text !== '') yield text;
      scanned += chunk.scanned;
      if (rows >= CSV_MAX_ROWS || scanned >= CSV_SCAN_BUDGET) return;
    }
  } catch (error) {
    // The headers are sent: the download ends short, and the log says why.
    log(`console: activity CSV export stopped: ${String(error)}`);
    throw error;
  }
}

/** An event as the Activity page shows it. NOTE: keep in sync with ui/src/api/activity-api.ts. */
function describeEvent(e: WebEvent, labels: ReadonlyMap<string, string>) {
  return {
    id: e.id,
    timeMs: Date.parse(e.time),
    user: e.user,
    groups: e.groups,
    device: e.device,
    clientAddress: e.clientAddress,
    action: e.action,
    reason: e.reason,
    url: urlOf(e),
    host: e.host,
    path: e.path,
    searchTerms: e.searchTerms,
    categories: e.categories.map((id) => ({ id, label: labels.get(id) ?? id })),
  };
}

/** The address as the person asked for it, without the query string (never stored). */
function urlOf(e: WebEvent): string {
  return `${e.scheme}://${e.host}${e.path ?? ''}`;
}

function cursorOf(event: WebEvent): PageCursor {
  return { timeMs: Date.parse(event.time), id: event.id };
}

/** A name safe in a `content-disposition` filename on every system. */
function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 64) || 'activity';
}
