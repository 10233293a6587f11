import type { Digest } from './digest.js';
import { type DigestDocumentOptions, digestDocument } from './digest-document.js';
import { renderReportHtml } from './render/render-report-html.js';

/**
 * A digest as the HTML part of its e-mail: inline styles, tables, charts of table cells,
 * everything escaped (see `renderReportHtml`).
 *
 * ### Examples
 * ```ts
 * const html = renderDigestHtml(digest, { schoolName: 'Widford Lodge' });
 * ```
 */
export function renderDigestHtml(digest: Digest, options: DigestDocumentOptions = {}): string {
  return renderReportHtml(digestDocument(digest, options));
}
