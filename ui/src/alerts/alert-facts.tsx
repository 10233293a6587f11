import type { ReactNode } from 'react';
import type { Alert } from '../api/types.js';
import { LevelBadge } from '../components/level-badge.js';
import { StateBadge } from '../components/state-badge.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { formatCount } from '../format/format-count.js';
import { ALERT_OUTCOMES } from '../labels/alert-outcomes.js';
import { personOf } from './person-of.js';

const KIND_LABELS: Readonly<Record<Alert['kind'], string>> = {
  category: 'A request in a category the policy alerts on',
  concern: 'A blocked attempt at a category of concern',
  phrases: 'Search terms or page text matched the safeguarding phrases',
  repeated: 'Repeated blocked attempts in a short time',
  circumvention: 'An attempt to get round the filter',
};

/** An alert's level, state and facts: who, what, when, and what was done about it. */
export function AlertFacts({ alert, time }: { readonly alert: Alert; readonly time: TimeFormat }) {
  const { subject, state } = alert;
  return (
    <>
      <p className="alert-detail__badges">
        <LevelBadge level={alert.level} meaning={alert.levelMeaning} />
        <StateBadge state={state} />
        {alert.expected !== null && (
          <span className="badge badge--expected">expected: {alert.expected}</span>
        )}
      </p>
      <p className="alert-detail__meaning">
        {alert.levelMeaning}
        {alert.level !== alert.baseLevel && (
          <> (the evidence alone is level {alert.baseLevel}; raised by the alert rules)</>
        )}
      </p>
      <dl className="facts">
        <Fact label="Person">{personOf(subject)}</Fact>
        <Fact label="Groups">
          {subject.groups.length === 0 ? 'none' : subject.groups.join(', ')}
        </Fact>
        {subject.device !== null && <Fact label="Device">{subject.device}</Fact>}
        <Fact label="Address">{subject.clientAddress}</Fact>
        <Fact label="Category">{alert.categoryLabel}</Fact>
        <Fact label="Why">{KIND_LABELS[alert.kind] ?? alert.kind}</Fact>
        <Fact label="Events">{formatCount(alert.count)}</Fact>
        <Fact label="First seen">
          <When ms={alert.firstMs} time={time} />
        </Fact>
        <Fact label="Last activity">
          <When ms={alert.lastMs} time={time} />
        </Fact>
        {state.kind !== 'new' && (
          <Fact
            label={
              state.kind === 'acknowledged'
                ? 'Acknowledged'
                : state.kind === 'closed'
                  ? 'Closed'
                  : 'Escalated'
            }
          >
            by {state.by}, <When ms={state.atMs} time={time} />
          </Fact>
        )}
        {state.kind === 'closed' && (
          <>
            <Fact label="Outcome">
              {ALERT_OUTCOMES.find((o) => o.value === state.outcome)?.label ?? state.outcome}
            </Fact>
            <Fact label="Reason">{state.note}</Fact>
          </>
        )}
        {state.kind === 'escalated' && (
          <>
            <Fact label="Case reference">{state.caseRef}</Fact>
            <Fact label="Reason">{state.note}</Fact>
          </>
        )}
      </dl>
    </>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function When({ ms, time }: { readonly ms: number; readonly time: TimeFormat }) {
  return (
    <time dateTime={time.iso(ms)} title={time.full(ms)}>
      {time.full(ms)}
    </time>
  );
}
