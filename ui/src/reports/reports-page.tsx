import { usePageHeading } from '../app/use-page-heading.js';
import { useSession } from '../app/use-session.js';
import { navigate } from '../router/navigate.js';
import { ActivitySection } from './activity-section.js';
import { DigestSection } from './digest-section.js';
import { SchoolDates } from './school-dates.js';
import './reports.css';

/**
 * The Reports page (`#/reports?kind=weekly&day=2026-11-24`): the daily and weekly digests
 * with their charts and files, for roles with `reports.read` (with names) or
 * `reports.aggregate` (without); and on-demand activity reports on a person or group, for
 * roles with `activity.read` (a teacher's reach only their classes). Each part shows only
 * when the role has it. Days are the school's, from the session's timezone.
 */
export function ReportsPage({ params }: { readonly params: URLSearchParams }) {
  const heading = usePageHeading('Reports');
  const { session, can } = useSession();
  const timezone = session.school.timezone;
  const today = SchoolDates.today(timezone, Date.now());
  const kind = params.get('kind') === 'weekly' ? 'weekly' : 'daily';
  const asked = params.get('day') ?? '';
  const day = SchoolDates.isDate(asked) ? asked : SchoolDates.addDays(today, -1);
  const digests = can('reports.read') || can('reports.aggregate');
  const activity = can('activity.read');
  const classes = session.user.role === 'teacher' ? session.user.classes : null;

  return (
    <section className="page reports-page">
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Reports
          </h1>
          <p className="page__subtitle">
            {digests
              ? 'Daily and weekly digests of blocked attempts and alerts, and on-demand reports, with charts, PDF and CSV.'
              : 'On-demand activity reports, with charts, PDF and CSV.'}
          </p>
        </div>
      </div>
      {digests && (
        <DigestSection
          kind={kind}
          day={day}
          today={today}
          canOpenAlerts={can('alerts.read')}
          onChange={(change) => navigate('/reports', change, { replace: true })}
        />
      )}
      {activity && <ActivitySection today={today} timezone={timezone} classes={classes} />}
      {!digests && !activity && (
        <p className="notice">
          Your role has no reports. If you need them for your work, ask your designated safeguarding
          lead.
        </p>
      )}
    </section>
  );
}
