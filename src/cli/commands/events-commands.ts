import { withAuditedRead } from '../../casework/audit/audited.js';
import { loadConfig } from '../../config/load-config.js';
import type { WebEvent } from '../../events/web-event.js';
import { formatCursor, parseCursor } from '../../store/events/event-page.js';
import type { EventFilter } from '../../store/events/list-events.js';
import { listEvents } from '../../store/events/list-events.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { parseWhen } from '../parse-when.js';

export interface EventsListOptions {
  config?: string;
  user?: string;
  group?: string;
  host?: string;
  searches?: boolean;
  from?: string;
  to?: string;
  limit?: string;
  after?: string;
  reason?: string;
  json?: boolean;
}

/**
 * `schoolgate events list`: a person's, a group's or a site's events over a period, newest
 * first, a page at a time. Reading a person's records is audited (SEC-02) before anything is
 * shown, so `--reason` is required with `--user`.
 */
export async function eventsListCommand(options: EventsListOptions): Promise<void> {
  const filter = filterOf(options);
  const toMs = options.to === undefined ? Date.now() : parseWhen(options.to, '--to', true);
  const fromMs =
    options.from === undefined ? toMs - 7 * 86_400_000 : parseWhen(options.from, '--from', false);
  const after = options.after === undefined ? null : parseCursor(options.after);
  if (options.after !== undefined && after === null) {
    throw new Error(`--after: '${options.after}' is not a page cursor printed by this command`);
  }
  const limit = options.limit === undefined ? 50 : Number(options.limit);
  const store = await openConfiguredStore(loadConfig(options.config));
  try {
    const read = () => listEvents(store, filter, { fromMs, toMs }, { limit, after });
    // Every listing shows people's records (a site's or a group's show many people's), so
    // each is audited before anything is shown.
    const page = await withAuditedRead(
      store.db,
      {
        actor: cliActor(),
        action: `${filter.kind === 'user' ? 'events' : `${filter.kind}-events`}.read`,
        targetKind: filter.kind === 'user' ? 'person' : filter.kind === 'group' ? 'group' : 'site',
        target: targetOf(filter),
        reason: requiredReason(options.reason),
        details: { fromMs, toMs, searchesOnly: options.searches === true },
      },
      Date.now,
      read,
    );
    if (options.json === true) {
      for (const event of page.events) process.stdout.write(`${JSON.stringify(event)}\n`);
    } else {
      process.stdout.write(formatEvents(page.events));
    }
    if (page.next !== null) {
      process.stderr.write(`more: --after ${formatCursor(page.next)}\n`);
    }
  } finally {
    await store.close();
  }
}

function filterOf(options: EventsListOptions): EventFilter {
  const given = [options.user, options.group, options.host].filter((v) => v !== undefined);
  if (given.length !== 1) throw new Error('give exactly one of --user, --group or --host');
  if (options.user !== undefined) {
    return { kind: 'user', user: options.user, searchesOnly: options.searches === true };
  }
  if (options.group !== undefined) {
    return { kind: 'group', group: options.group, searchesOnly: options.searches === true };
  }
  const [host, ...path] = options.host!.split('/');
  return {
    kind: 'host',
    host: host!,
    includeSubdomains: true,
    ...(path.length > 0 ? { pathPrefix: `/${path.join('/')}` } : {}),
  };
}

function targetOf(filter: EventFilter): string {
  switch (filter.kind) {
    case 'user':
      return filter.user;
    case 'group':
      return filter.group;
    case 'host':
      return `${filter.host}${filter.pathPrefix ?? ''}`;
  }
}

function requiredReason(reason: string | undefined): string {
  if (reason === undefined || reason.trim() === '') {
    throw new Error(
      "--reason is required: reading people's records is audited (why, e.g. a concern raised)",
    );
  }
  return reason;
}

function formatEvents(events: readonly WebEvent[]): string {
  if (events.length === 0) return 'No events in that period.\n';
  return events
    .map((e) =>
      [
        e.time.slice(0, 19).replace('T', ' '),
        (e.user ?? '-').padEnd(16),
        e.action.padEnd(5),
        `${e.host}${e.path ?? ''}`.slice(0, 70).padEnd(70),
        e.searchTerms === null ? '' : `search: ${e.searchTerms}`,
      ].join('  '),
    )
    .join('\n')
    .concat('\n');
}
