import type { MonitorConfig } from '../../config/monitor-config.js';
import { escapeHtml } from '../../engine/text/escape-html.js';
import { createEmailSender } from '../../monitor/notify/email-sender.js';

/** What happened to a test e-mail, in words for the Settings page. */
export interface TestEmailOutcome {
  /** `sent`: the SMTP server accepted it; `smtp-error`: it refused or could not be reached; `not-configured`: no SMTP in the config. */
  readonly outcome: 'sent' | 'smtp-error' | 'not-configured';
  readonly message: string;
}

/** What to check for each kind of nodemailer failure (its `code`). */
const HINTS: Readonly<Record<string, string>> = {
  ECONNECTION:
    'Check monitor.email.smtp.host and port in schoolgate.yaml, and that the gateway may reach the server.',
  ETIMEDOUT:
    'Check monitor.email.smtp.host and port in schoolgate.yaml, and that the gateway may reach the server.',
  EDNS: 'The server name did not resolve: check monitor.email.smtp.host in schoolgate.yaml.',
  EAUTH:
    'The server refused the sign-in: check monitor.email.smtp.user and pass in schoolgate.yaml.',
  ENOAUTH: 'The server wants a sign-in: set monitor.email.smtp.user and pass in schoolgate.yaml.',
  ETLS: 'TLS failed: check monitor.email.smtp.secure (true for port 465) and requireTls.',
  ESOCKET: 'The connection failed: check monitor.email.smtp.port and secure (true for port 465).',
  EENVELOPE:
    'The server refused the sender or recipient: check the address and monitor.email.from.',
  EMESSAGE: 'The server refused the message: check monitor.email.from.',
};

/**
 * Sends one test e-mail to `to` through the monitor's SMTP settings (the same nodemailer
 * transport alerts use) and says what happened. It never throws for an SMTP failure: the
 * failure is the answer. The SMTP password is never part of the answer, even if the
 * server's reply were to echo it.
 *
 * ### Examples
 * ```ts
 * const { outcome, message } = await sendTestEmail(config.monitor.email, 'it@school.test', 'Widford Lodge');
 * ```
 */
export async function sendTestEmail(
  email: MonitorConfig['email'],
  to: string,
  schoolName: string,
): Promise<TestEmailOutcome> {
  const smtp = email.smtp;
  if (smtp === undefined) {
    return {
      outcome: 'not-configured',
      message:
        'SMTP is not set: add monitor.email.smtp to schoolgate.yaml, then restart Schoolgate.',
    };
  }
  const server = `${smtp.host}:${smtp.port}`;
  const sender = createEmailSender(smtp, email.from);
  try {
    await sender.send(to, {
      subject: `Schoolgate test e-mail (${schoolName})`,
      text:
        `This is a test e-mail from Schoolgate at ${schoolName}.\n\n` +
        'If you can read it, alerts and digests can reach you by e-mail. Nothing else needs doing.\n',
      html:
        `<p>This is a test e-mail from Schoolgate at ${escapeHtml(schoolName)}.</p>` +
        '<p>If you can read it, alerts and digests can reach you by e-mail. Nothing else needs doing.</p>',
    });
    return {
      outcome: 'sent',
      message: `Sent: the SMTP server at ${server} accepted the test e-mail to ${to}. If it does not arrive within a few minutes, look in the spam folder.`,
    };
  } catch (error) {
    const failure = error as Error & { code?: string };
    const said = scrub(failure.message, smtp.pass);
    const hint = HINTS[failure.code ?? ''] ?? 'Check monitor.email.smtp in schoolgate.yaml.';
    return {
      outcome: 'smtp-error',
      message: `Not sent: the SMTP server at ${server} answered "${said}". ${hint}`,
    };
  } finally {
    sender.close();
  }
}

function scrub(text: string, secret: string | undefined): string {
  return secret === undefined || secret === '' ? text : text.split(secret).join('********');
}
