import { renderReportHtml } from '../digest/render/render-report-html.js';
import type { ActivityReport } from './activity-report.js';
import { activityReportDocument } from './activity-report-document.js';

/**
 * An activity report as HTML (for the console or an e-mail): the digest's e-mail-safe
 * tables and charts, everything escaped.
 *
 * ### Examples
 * ```ts
 * reply.type('text/html').send(renderActivityHtml(report));
 * ```
 */
export function renderActivityHtml(report: ActivityReport): string {
  return renderReportHtml(activityReportDocument(report));
}
