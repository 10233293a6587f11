import { type RenderPdfOptions, renderReportPdf } from '../digest/render/render-report-pdf.js';
import type { ActivityReport } from './activity-report.js';
import { activityReportDocument } from './activity-report-document.js';

/**
 * An activity report as an A4 PDF, the same bytes for the same report (dated by the period's
 * end, not the clock).
 *
 * ### Examples
 * ```ts
 * writeFileSync('activity.pdf', await activityPdf(report));
 * ```
 */
export function activityPdf(
  report: ActivityReport,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  return renderReportPdf(activityReportDocument(report), options);
}
