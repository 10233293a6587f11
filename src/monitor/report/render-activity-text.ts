import { renderReportText } from '../digest/render/render-report-text.js';
import type { ActivityReport } from './activity-report.js';
import { activityReportDocument } from './activity-report-document.js';

/**
 * An activity report as plain text, for the CLI: aligned columns, bars of `█`.
 *
 * ### Examples
 * ```ts
 * process.stdout.write(renderActivityText(report));
 * ```
 */
export function renderActivityText(report: ActivityReport): string {
  return renderReportText(activityReportDocument(report));
}
