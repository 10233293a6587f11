import { useEffect, useId, useRef, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { ActivityQuery, ActivityReport } from '../api/reports-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { ActivityForm } from './activity-form.js';
import { ActivityView } from './activity-view.js';
import { DownloadLinks } from './download-links.js';
import { useReportsApi } from './use-reports-api.js';

/**
 * The on-demand part of the Reports page: ask for a report on a person or a group, then
 * read it with its charts and lists, and download it as PDF or CSV. Nothing is asked until
 * the form is sent (every report is a read of people's records, on the audit trail), and
 * nothing of it goes in the address, which browsers keep in their history.
 */
export function ActivitySection({
  today,
  timezone,
  classes,
}: {
  readonly today: string;
  readonly timezone: string;
  readonly classes: readonly string[] | null;
}) {
  const reports = useReportsApi();
  const announce = useAnnounce();
  const headingId = useId();
  const resultHeading = useRef<HTMLHeadingElement | null>(null);
  const [request, setRequest] = useState<ActivityQuery | null>(null);
  const [report, setReport] = useState<ActivityReport | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(false);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = (query: ActivityQuery) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    setProblem(null);
    reports.activity(query, current.signal).then(
      (value) => {
        if (current.signal.aborted) return;
        setRequest(query);
        setReport(value);
        setLoading(false);
        announce(`Activity report ready: ${value.totals.requests} requests.`);
        // Move to the report so keyboard and screen reader users land on what they asked for.
        requestAnimationFrame(() => resultHeading.current?.focus());
      },
      (error: unknown) => {
        if (current.signal.aborted) return;
        setProblem(ApiProblem.from(error));
        setLoading(false);
      },
    );
  };

  const subject =
    report === null
      ? ''
      : report.subject.kind === 'user'
        ? report.subject.name
        : `group ${report.subject.name}`;
  return (
    <section className="report-section" aria-labelledby={headingId} aria-busy={loading}>
      <h2 id={headingId} className="report-section__title">
        Activity report
      </h2>
      <p className="page__subtitle">
        A person's or a group's web use over up to 31 days: totals, a chart per day, top sites and
        categories, alerts, blocked attempts and searches.
      </p>
      <ActivityForm
        today={today}
        timezone={timezone}
        classes={classes}
        busy={loading}
        problem={problem}
        onRun={run}
      />
      {problem !== null && <ProblemMessage problem={problem} />}
      {loading && <LoadingMessage what="the report" />}
      {report !== null && request !== null && (
        <>
          <div className="report-head">
            <div>
              <h3 ref={resultHeading} tabIndex={-1} className="report-head__title">
                Activity report: {subject}
              </h3>
              <p className="page__subtitle">
                {report.period.label} ({report.period.timezone}). Confidential: running it was
                recorded on the audit trail.
              </p>
            </div>
            <DownloadLinks
              what={`the activity report on ${subject}`}
              hrefOf={(format) => reports.activityFileUrl(request, format)}
              note="Each download is recorded on the audit trail too."
            />
          </div>
          <ActivityView report={report} />
        </>
      )}
    </section>
  );
}
