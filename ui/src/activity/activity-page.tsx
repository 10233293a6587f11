import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ActivityEvent, ActivityFilter } from '../api/activity-api.js';
import { ApiProblem } from '../api/api-problem.js';
import { useAnnounce } from '../app/use-announce.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { useSession } from '../app/use-session.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { navigate } from '../router/navigate.js';
import { ActivityForm } from './activity-form.js';
import { type ActivityQuery, ActivityQueryCodec } from './activity-query.js';
import { ActivityTable } from './activity-table.js';
import { SchoolDay } from './school-day.js';
import { useActivityApi } from './use-activity-api.js';
import './activity.css';

/** Events per page: a screenful or two, quick on any store. */
const PAGE_SIZE = 100;

/** What is on screen: the query it answers, the events so far, and where the next page starts. */
interface Loaded {
  readonly query: ActivityQuery;
  readonly filter: ActivityFilter;
  readonly events: readonly ActivityEvent[];
  readonly next: string | null;
  /** Where the latest "Load more" began, for focus; null after a fresh load. */
  readonly firstNew: number | null;
}

const keyOf = (query: ActivityQuery) => JSON.stringify(ActivityQueryCodec.toParams(query));

/**
 * A person's or a group's timeline: the form (kept in the address, except the reason), a
 * table a page at a time with "Load more", and the CSV export of the same query. A link
 * naming someone (`#/activity?user=jsmith`) loads at once, except for IT, who must give a
 * reason first. Every load is recorded in the audit trail by the server.
 */
export function ActivityPage({ params }: { readonly params: URLSearchParams }) {
  const heading = usePageHeading('Activity');
  const { session } = useSession();
  const time = useTimeFormat();
  const announce = useAnnounce();
  const activity = useActivityApi();
  const timezone = session.school.timezone;
  // NOTE: keep in sync with `scopeOf` in src/console/permissions.ts.
  const needsReason = session.user.role === 'it_admin';
  const classes = session.user.role === 'teacher' ? session.user.classes : null;
  const today = useMemo(() => SchoolDay.today(timezone, Date.now()), [timezone]);
  const initial = useMemo(() => ActivityQueryCodec.read(params, today), [params, today]);

  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [retry, setRetry] = useState<(() => void) | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const requested = useRef<string | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);

  const fetchPage = useCallback(
    (query: ActivityQuery, from: Loaded | null) => {
      const filter = from?.filter ?? ActivityQueryCodec.toFilter(query, timezone);
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setLoading(from === null ? 'first' : 'more');
      setProblem(null);
      activity
        .page(filter, { after: from?.next ?? null, limit: PAGE_SIZE }, controller.signal)
        .then(
          (page) => {
            if (controller.signal.aborted) return;
            setLoading(null);
            setRetry(null);
            if (from === null) {
              setLoaded({ query, filter, events: page.events, next: page.next, firstNew: null });
              announce(
                page.events.length === 0 && page.next === null
                  ? 'No activity found.'
                  : `Loaded ${page.events.length} events${page.next === null ? '' : ', more to load'}.`,
              );
            } else {
              setLoaded({
                ...from,
                events: [...from.events, ...page.events],
                next: page.next,
                firstNew: page.events.length === 0 ? null : from.events.length,
              });
              announce(
                `${page.events.length} more events${page.next === null ? ', the end of the period' : ''}.`,
              );
            }
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            setLoading(null);
            const failed = ApiProblem.from(error);
            setProblem(failed);
            // Trying again helps when the console or the network failed, not when it refused.
            const transient = failed.status === 0 || failed.status >= 500;
            setRetry(transient ? () => () => fetchPage(query, from) : null);
            if (from === null) setLoaded(null);
          },
        );
    },
    [activity, announce, timezone],
  );

  const load = (query: ActivityQuery) => {
    requested.current = keyOf(query);
    navigate('/activity', ActivityQueryCodec.toParams(query), { replace: true });
    fetchPage(query, null);
  };

  // A link that names someone loads at once (not for IT: the reason comes first).
  useEffect(() => {
    if (needsReason || initial.name === '') return;
    if (requested.current === keyOf(initial)) return;
    if (Object.keys(ActivityQueryCodec.check(initial, false)).length > 0) return;
    requested.current = keyOf(initial);
    fetchPage(initial, null);
  }, [initial, needsReason, fetchPage]);

  const shown = loaded?.query;
  return (
    <section className="page" aria-busy={loading !== null}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Activity
          </h1>
          <p className="page__subtitle">
            {classes !== null
              ? 'What pupils in your classes opened, searched for and were stopped from opening.'
              : 'A person’s or a group’s requests, searches and blocks.'}{' '}
            Each look is recorded in the audit trail. Times are in the school’s timezone.
          </p>
        </div>
      </div>
      <ActivityForm
        initial={initial}
        needsReason={needsReason}
        classes={classes}
        busy={loading === 'first'}
        problem={problem}
        onLoad={load}
      />
      {problem !== null && <ProblemMessage problem={problem} {...retryProps(retry)} />}
      {loading === 'first' && <LoadingMessage what="activity" />}
      {loaded !== null && shown !== undefined && loading !== 'first' && (
        <div className="activity-results">
          <div className="activity-results__bar">
            <p className="activity-results__summary">{ActivityQueryCodec.describe(shown)}</p>
            <div className="activity-results__export">
              <a className="button" href={activity.csvHref(loaded.filter)} download>
                Export CSV
              </a>
              <span className="activity-results__hint">
                The whole period, up to 50,000 rows; recorded in the audit trail.
              </span>
            </div>
          </div>
          {loaded.events.length === 0 ? (
            <p className="empty">{emptyMessage(loaded, classes !== null)}</p>
          ) : (
            <ActivityTable
              events={loaded.events}
              summary={ActivityQueryCodec.describe(shown)}
              showPerson={shown.subject === 'group'}
              firstNew={loaded.firstNew}
              time={time}
            />
          )}
          {loaded.next !== null && (
            <div className="activity-results__more">
              <button
                type="button"
                className="button"
                onClick={() => fetchPage(shown, loaded)}
                disabled={loading !== null}
              >
                {loading === 'more' ? 'Loading more…' : 'Load more'}
              </button>
            </div>
          )}
          {loaded.next === null && loaded.events.length > 0 && (
            <p className="table-note">The end of the period: nothing older to load.</p>
          )}
        </div>
      )}
    </section>
  );
}

function retryProps(retry: (() => void) | null): { onRetry?: () => void } {
  return retry === null ? {} : { onRetry: retry };
}

function emptyMessage(loaded: Loaded, teacher: boolean): string {
  if (loaded.next !== null) {
    return 'Nothing matches in the part of the period looked through so far. Load more to look further back.';
  }
  const who = loaded.query.subject === 'group' ? 'this group' : loaded.query.name.trim();
  return teacher && loaded.query.subject === 'user'
    ? `No activity for ${who} in this period while in one of your classes. Check the username, or ask the DSL.`
    : `No activity for ${who} in this period. Check the name and the days, or clear “Find” and “Searches only”.`;
}
