import { reportCsv } from '../digest/render/report-csv.js';
import type { ActivityReport } from './activity-report.js';
import { activityReportDocument } from './activity-report-document.js';

/**
 * An activity report as one CSV: `section,key,count` rows, and the listed blocked attempts,
 * searches and alerts with their cells (event ids included); formula-like text neutralised.
 *
 * ### Examples
 * ```ts
 * writeFileSync('activity.csv', activityCsv(report));
 * ```
 */
export function activityCsv(report: ActivityReport): string {
  return reportCsv(activityReportDocument(report));
}
