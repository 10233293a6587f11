import type { ReportFileFormat } from '../api/reports-api.js';

const FORMATS: readonly { readonly format: ReportFileFormat; readonly label: string }[] = [
  { format: 'pdf', label: 'Download PDF' },
  { format: 'csv', label: 'Download CSV' },
];

/**
 * The report's files as plain links the browser downloads (the server names each file and
 * sends it as an attachment). `what` completes each link's accessible name, so a list of
 * links read out of context still says which report ("Download PDF of the daily digest").
 */
export function DownloadLinks({
  what,
  hrefOf,
  note,
}: {
  readonly what: string;
  readonly hrefOf: (format: ReportFileFormat) => string;
  /** A line beside the links (that each download is audited, say). */
  readonly note?: string;
}) {
  return (
    <div className="report-downloads">
      {FORMATS.map(({ format, label }) => (
        <a key={format} className="button" href={hrefOf(format)} download>
          {label}
          <span className="visually-hidden"> of {what}</span>
        </a>
      ))}
      {note !== undefined && <p className="report-downloads__note">{note}</p>}
    </div>
  );
}
