import { useId } from 'react';
import type { GatewayHealth } from '../api/types.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { formatAge } from '../format/format-age.js';
import { formatCount } from '../format/format-count.js';

/** The gateway's health for IT and the DSL: status in words, the queue, store and index. */
export function HealthPanel({ health }: { readonly health: GatewayHealth }) {
  const headingId = useId();
  const time = useTimeFormat();
  const builtMs = health.indexBuiltAt === '' ? Number.NaN : Date.parse(health.indexBuiltAt);
  const ok = health.status === 'ok';
  return (
    <section className="panel health" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        Gateway health
      </h2>
      <p className={`health__status health__status--${health.status}`}>
        <span className="health__icon" aria-hidden="true">
          {ok ? '✓' : '!'}
        </span>
        {ok ? 'Working normally' : 'Degraded: check the gateway log'}
      </p>
      <dl className="facts">
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
          <dt>Index entries</dt>
          <dd>{formatCount(health.indexEntries)}</dd>
        </div>
        <div className="facts__row">
          <dt>Index built</dt>
          <dd>
            {Number.isNaN(builtMs) ? (
              'unknown'
            ) : (
              <time dateTime={health.indexBuiltAt} title={time.full(builtMs)}>
                {formatAge(Date.now() - builtMs)}
              </time>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
