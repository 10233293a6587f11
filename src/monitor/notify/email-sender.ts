import { createTransport } from 'nodemailer';
import type { MonitorConfig } from '../../config/monitor-config.js';

/** The `monitor.email.smtp` section of the config: where and how to hand mail over. */
export type SmtpConfig = NonNullable<MonitorConfig['email']['smtp']>;

/** A file sent with an e-mail (the digests' PDF and CSV), its content base64 as stored in the outbox. */
export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly base64: string;
}

/** One e-mail's content, the same for every recipient. */
export interface EmailMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments?: readonly EmailAttachment[];
}

/** Hands e-mail to the school's SMTP server. */
export interface EmailSender {
  /** Resolves once the SMTP server accepted the message; rejects with nodemailer's error. */
  send(to: string, message: EmailMessage): Promise<void>;
  /** Closes the pooled connections (a message being sent finishes first). */
  close(): void;
}

/**
 * Makes the sender the delivery worker uses: nodemailer's pooled SMTP transport, so a
 * burst of level-5 e-mails reuses a few open connections instead of a handshake each.
 * Connecting and the greeting time out after 10 s, an idle socket after 30 s, so a dead
 * mail server turns into a retry rather than a stuck send. TLS: `secure` for port 465,
 * otherwise STARTTLS when offered, required with `requireTls`. Attachments come only from
 * the message itself: nodemailer's file and URL access are disabled.
 *
 * ### Examples
 * ```ts
 * const email = createEmailSender({ host: 'smtp.school.test', port: 587, secure: false, requireTls: true }, 'Schoolgate <schoolgate@school.test>');
 * await email.send('dsl@school.test', renderAlertMessage(alert, evidence, options));
 * email.close();
 * ```
 */
export function createEmailSender(smtp: SmtpConfig, from: string): EmailSender {
  const transport = createTransport({
    pool: true,
    maxConnections: 4,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.pass ?? '' } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(to, message) {
      await transport.sendMail({
        from,
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.base64,
          encoding: 'base64',
        })),
      });
    },
    close() {
      transport.close();
    },
  };
}
