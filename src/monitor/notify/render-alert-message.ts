import { escapeHtml } from '../../engine/text/escape-html.js';
import type { Alert, AlertEvidence } from '../alert.js';
import { alertConsoleLink } from './alert-console-link.js';
import { alertLabels } from './alert-labels.js';
import { createLocalTimeFormat } from './format-local-time.js';

/** Most pieces of evidence an e-mail lists, newest first; the console shows the rest. */
export const EMAIL_EVIDENCE_LIMIT = 20;

export interface AlertMessageOptions {
  /** The school's name, for the subject (a DSL may cover several schools). */
  readonly schoolName: string;
  /** The console's base URL (`https://filter.school.test`), or null while there is none. */
  readonly consoleUrl: string | null;
  /** True when this message tells of a rise in level on an alert already sent. */
  readonly rise: boolean;
  /** IANA zone the times are shown in: the config's `policy.timezone`. */
  readonly timezone: string;
}

/** An e-mail ready for the outbox: both parts say the same thing. */
export interface AlertMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Renders the immediate e-mail for an alert: what level it is and what that means, what
 * happened, who and when (school time), the evidence, and what to do next. Plain text and
 * simple, accessible HTML (headings, a table with row headers, a captioned evidence table),
 * every value escaped. Evidence URLs are shown as text, never as links: nobody should reach
 * harmful content by clicking in a safeguarding e-mail.
 *
 * ### Examples
 * ```ts
 * const message = renderAlertMessage(alert, evidence, {
 *   schoolName: 'Sevenoaks School',
 *   consoleUrl: 'https://filter.school.test',
 *   rise: false,
 *   timezone: 'Europe/London',
 * });
 * message.subject; // '[Schoolgate] Level 5 – self-harm – pupil.one – Sevenoaks School'
 * ```
 */
export function renderAlertMessage(
  alert: Alert,
  evidence: readonly AlertEvidence[],
  options: AlertMessageOptions,
): AlertMessage {
  const labels = alertLabels(alert);
  const local = createLocalTimeFormat(options.timezone);
  const headline = options.rise ? `Level raised to ${alert.level}` : `Level ${alert.level}`;
  const subject = [`[Schoolgate] ${headline}`, alert.category, labels.person, options.schoolName]
    .map(oneLine)
    .join(' – ');

  const shown = [...evidence]
    .sort((a, b) => b.timeMs - a.timeMs || (a.eventId < b.eventId ? 1 : -1))
    .slice(0, EMAIL_EVIDENCE_LIMIT);
  const link = alertConsoleLink(options.consoleUrl, alert.id);
  const facts: [string, string][] = [
    ['Category', labels.categoryLabel],
    ['Why', labels.kindLabel],
    ['Alert', alert.title],
    ['Person', labels.person],
    ['Groups', alert.subject.groups.length === 0 ? 'none' : alert.subject.groups.join(', ')],
    [
      'Device',
      alert.subject.device === null
        ? alert.subject.clientAddress
        : `${alert.subject.device} (${alert.subject.clientAddress})`,
    ],
    ['First seen', local(alert.firstMs)],
    ['Last seen', local(alert.lastMs)],
    ['Events', String(alert.count)],
  ];
  if (alert.expected !== null) {
    facts.push([
      'Notice',
      `expected: ${alert.expected} (a teacher's notice covers this; the level was lowered by one)`,
    ]);
  }
  const evidenceHeading =
    evidence.length > shown.length
      ? `Evidence (newest first, ${shown.length} of ${evidence.length}; the rest are in the console)`
      : `Evidence (newest first, ${shown.length})`;
  const steps = nextSteps(alert.id, link);

  const text = [
    `${headline}: ${labels.levelMeaning}`,
    '',
    ...facts.map(([name, value]) => `${`${name}:`.padEnd(12)}${oneLine(value)}`),
    '',
    evidenceHeading,
    ...(shown.length === 0
      ? ['(none recorded)']
      : shown.flatMap((e, i) => evidenceText(e, i, local))),
    '',
    'What to do next',
    ...steps.map((s) => `- ${s.text}`),
    '',
    `Alert id: ${alert.id}`,
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html lang="en-GB">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 15px; line-height: 1.4; color: #111;">',
    `<h1 style="font-size: 20px;">${escapeHtml(`${headline}: ${labels.levelMeaning}`)}</h1>`,
    '<table style="border-collapse: collapse;">',
    ...facts.map(
      ([name, value]) =>
        `<tr><th scope="row" style="text-align: left; padding: 2px 12px 2px 0; vertical-align: top;">${escapeHtml(name)}</th><td style="padding: 2px 0;">${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
    `<h2 style="font-size: 17px;">${escapeHtml(evidenceHeading)}</h2>`,
    shown.length === 0 ? '<p>None recorded.</p>' : evidenceHtml(shown, local),
    '<h2 style="font-size: 17px;">What to do next</h2>',
    '<ul>',
    ...steps.map((s) => `<li>${s.html}</li>`),
    '</ul>',
    `<p style="color: #555; font-size: 13px;">Alert id: ${escapeHtml(alert.id)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');

  return { subject, text, html };
}

function evidenceText(e: AlertEvidence, index: number, local: (ms: number) => string): string[] {
  const lines = [`${index + 1}. ${local(e.timeMs)} (${e.action})`, `   ${e.url}`];
  if (e.searchTerms !== null) lines.push(`   Search terms: ${e.searchTerms}`);
  if (e.phrases.length > 0) lines.push(`   Matched: ${e.phrases.map((p) => `"${p}"`).join(', ')}`);
  if (e.snippet !== null) lines.push(`   Snippet: "${e.snippet}"`);
  return lines.map(oneLineKeepIndent);
}

function evidenceHtml(shown: readonly AlertEvidence[], local: (ms: number) => string): string {
  const cell =
    'style="text-align: left; padding: 4px 8px; border-bottom: 1px solid #ccc; vertical-align: top;"';
  const rows = shown.map((e) => {
    const details = [
      e.searchTerms === null
        ? ''
        : `<div>Search terms: <strong>${escapeHtml(e.searchTerms)}</strong></div>`,
      e.phrases.length === 0
        ? ''
        : `<div>Matched: ${e.phrases.map((p) => `&ldquo;${escapeHtml(p)}&rdquo;`).join(', ')}</div>`,
      e.snippet === null ? '' : `<div>Snippet: &ldquo;${escapeHtml(e.snippet)}&rdquo;</div>`,
    ].join('');
    return `<tr><td ${cell}>${escapeHtml(local(e.timeMs))}</td><td ${cell}>${escapeHtml(e.action)}</td><td ${cell}><div style="word-break: break-all;">${escapeHtml(e.url)}</div>${details}</td></tr>`;
  });
  return [
    '<table style="border-collapse: collapse;">',
    '<caption style="text-align: left; padding: 4px 0;">Requests that added to this alert</caption>',
    `<thead><tr><th scope="col" ${cell}>Time</th><th scope="col" ${cell}>Action</th><th scope="col" ${cell}>Request</th></tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
  ].join('\n');
}

function nextSteps(id: string, link: string | null): { text: string; html: string }[] {
  const command = `schoolgate alerts show ${id}`;
  const open =
    link === null
      ? {
          text: `Look at the alert on the Schoolgate server: ${command}`,
          html: `Look at the alert on the Schoolgate server: <code>${escapeHtml(command)}</code>`,
        }
      : {
          text: `Open the alert in the console: ${link} (or on the server: ${command})`,
          html: `<a href="${escapeHtml(link)}">Open the alert in the console</a> (or on the server: <code>${escapeHtml(command)}</code>)`,
        };
  const acknowledge = 'Acknowledge it once you have looked, so the team knows it is in hand.';
  const policy =
    "Follow the school's safeguarding procedure; do not forward this e-mail outside it.";
  return [
    open,
    { text: acknowledge, html: escapeHtml(acknowledge) },
    { text: policy, html: escapeHtml(policy) },
  ];
}

/** Control characters (CR and LF among them) become one space: one value, one line. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
}

function oneLineKeepIndent(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trimEnd();
}
