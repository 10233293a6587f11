import { type ReactNode, useId } from 'react';

/** A titled panel of a report (a chart or a list), a region named by its heading. */
export function ReportPanel({
  title,
  wide = false,
  children,
}: {
  readonly title: string;
  /** Spans both columns of the report grid (time series, long tables). */
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      className={`panel report-panel${wide ? ' report-panel--wide' : ''}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} className="panel__title">
        {title}
      </h3>
      {children}
    </section>
  );
}
