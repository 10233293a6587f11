import type { Digest } from './digest.js';
import { type DigestDocumentOptions, digestDocument } from './digest-document.js';
import { type RenderPdfOptions, renderReportPdf } from './render/render-report-pdf.js';

/**
 * A digest as an A4 PDF with its charts drawn, the same bytes every time for the same digest
 * (its creation date is the period's end; see `renderReportPdf` for fonts).
 *
 * ### Examples
 * ```ts
 * writeFileSync('digest.pdf', await digestPdf(digest, { schoolName: 'Widford Lodge' }));
 * ```
 */
export function digestPdf(
  digest: Digest,
  options: DigestDocumentOptions & RenderPdfOptions = {},
): Promise<Buffer> {
  return renderReportPdf(digestDocument(digest, options), options);
}
