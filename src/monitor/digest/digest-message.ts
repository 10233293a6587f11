import type { Digest } from './digest.js';
import { digestCsv } from './digest-csv.js';
import { digestPdf } from './digest-pdf.js';
import type { RenderPdfOptions } from './render/render-report-pdf.js';
import { renderDigestHtml } from './render-digest-html.js';
import { renderDigestText } from './render-digest-text.js';

/** A file sent with an e-mail, ready for nodemailer (`encoding: 'base64'`) or a JSON outbox. */
export interface MessageAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly base64: string;
}

/** One digest e-mail: what every recipient of the digest is sent. */
export interface DigestMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly MessageAttachment[];
}

/**
 * The e-mail for a digest: a subject with the headline numbers (never a person's name: mail
 * subjects show on lock screens), the text and HTML renderings, and the CSV and PDF attached.
 * The CSV starts with a byte-order mark so Excel reads it as UTF-8 (search terms in any
 * script); the PDF is the same bytes for the same digest.
 *
 * ### Examples
 * ```ts
 * const message = await digestMessage(digest, 'Widford Lodge');
 * await transport.sendMail({ to, subject: message.subject, text: message.text, html: message.html,
 *   attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.base64, encoding: 'base64' })) });
 * ```
 */
export async function digestMessage(
  digest: Digest,
  schoolName: string,
  options: RenderPdfOptions = {},
): Promise<DigestMessage> {
  const { period, totals } = digest;
  const kind = period.kind === 'daily' ? 'daily' : 'weekly';
  const stem = `schoolgate-digest-${kind}-${period.day}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const urgent = digest.alertsByLevel.reduce((n, l) => n + (l.level >= 4 ? l.count : 0), 0);
  const headline = [
    plural(totals.blocked, 'blocked attempt'),
    plural(totals.alerts, 'alert'),
    ...(urgent > 0 ? [`${urgent} at level 4-5`] : []),
  ].join(', ');
  const pdf = await digestPdf(digest, { schoolName, ...options });
  return {
    // A school name with a line break must not become a second header line.
    subject: `${schoolName} ${kind} digest: ${period.label} (${headline})`.replace(
      /[\u0000-\u001f\u007f]+/g,
      ' ',
    ),
    text: renderDigestText(digest, { schoolName }),
    html: renderDigestHtml(digest, { schoolName }),
    attachments: [
      {
        filename: `${stem}.csv`,
        contentType: 'text/csv; charset=utf-8',
        base64: Buffer.from(`\ufeff${digestCsv(digest)}`, 'utf8').toString('base64'),
      },
      { filename: `${stem}.pdf`, contentType: 'application/pdf', base64: pdf.toString('base64') },
    ],
  };
}
