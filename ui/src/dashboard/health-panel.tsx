import { useId } from 'react';
import type { GatewayHealth } from '../api/types.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { formatAge } from '../format/format-age.js';
import { formatCount } from '../format/format-count.js';

/**
 * The gateway's health for IT and the DSL: status in words (and, when degraded, what is
 * wrong and what to do), requests a second, workers running, how old the lists are, events
 * waiting for the store, the store, monitor and index.
 */
export function HealthPanel({ health }: { readonly health: GatewayHealth }) {
  const headingId = useId();
  const time = useTimeFormat();
  const builtMs = health.indexBuiltAt === '' ? Number.NaN : Date.parse(health.indexBuiltAt);
  const ok = health.status === 'ok';
  const { alive, configured } = health.workers;
  return (
    <section className="panel health" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        Gateway health
      </h2>
      <p className={`health__status health__status--${health.status}`}>
        <span className="health__icon" aria-hidden="true">
          {ok ? '✓' : '!'}
        </span>
        {ok ? 'Working normally' : 'Degraded'}
      </p>
      {!ok && (
        <ul className="health__problems">
          {(health.problems.length === 0 ? ['Check the gateway log.'] : health.problems).map(
            (problem) => (
              <li key={problem}>{problem}</li>
            ),
          )}
        </ul>
      )}
      <dl className="facts">
        <div className="facts__row">
          <dt>Requests</dt>
          <dd title="Average over the last minute, all workers together">
            {formatRate(health.requestsPerSecond)} a second
          </dd>
        </div>
        <div className="facts__row">
          <dt>Workers</dt>
          <dd className={alive < configured ? 'health__bad' : undefined}>
            {configured === 0 ? 'unknown' : `${alive} of ${configured} running`}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Lists updated</dt>
          <dd>
            {health.listsAgeSeconds === null || Number.isNaN(builtMs) ? (
              'unknown'
            ) : (
              <time
                dateTime={health.indexBuiltAt}
                title={time.full(builtMs)}
                className={health.listsAgeSeconds > 7 * 86_400 ? 'health__bad' : undefined}
              >
                {formatAge(health.listsAgeSeconds * 1000)}
              </time>
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Events waiting</dt>
          <dd>{formatCount(health.eventsWaiting)}</dd>
        </div>
        <div className="facts__row">
          <dt>Event store</dt>
          <dd>{health.eventStore}</dd>
        </div>
        <div className="facts__row">
          <dt>Monitor</dt>
          <dd>{health.monitor}</dd>
        </div>
        <div className="facts__row">
          <dt>List entries</dt>
          <dd>{formatCount(health.indexEntries)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** '0', '0.4', '12', '1,250': one decimal under 10, whole numbers above. */
function formatRate(perSecond: number): string {
  return perSecond < 10 && perSecond !== Math.round(perSecond)
    ? perSecond.toFixed(1)
    : formatCount(Math.round(perSecond));
}
