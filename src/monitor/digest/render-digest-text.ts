import type { Digest } from './digest.js';
import { type DigestDocumentOptions, digestDocument } from './digest-document.js';
import { renderReportText } from './render/render-report-text.js';

/**
 * A digest as the plain-text part of its e-mail: aligned columns and bars of `█` (see
 * `renderReportText`).
 *
 * ### Examples
 * ```ts
 * const text = renderDigestText(digest, { schoolName: 'Widford Lodge' });
 * ```
 */
export function renderDigestText(digest: Digest, options: DigestDocumentOptions = {}): string {
  return renderReportText(digestDocument(digest, options));
}
