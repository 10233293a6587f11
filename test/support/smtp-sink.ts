/**
 * A real SMTP server for tests (smtp-server) on 127.0.0.1, a port chosen at run time: no
 * authentication, no TLS (STARTTLS is neither offered nor accepted, so nodemailer sends in
 * the clear on loopback). It keeps every message it accepts, decoded just enough for
 * assertions (headers, subject, text and HTML bodies), and can refuse the next few messages
 * with a temporary 451 so retries can be tested. The test that starts it stops it.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the sink accepted. */
export interface ReceivedMail {
  /** Envelope sender (MAIL FROM). */
  readonly from: string;
  /** Envelope recipients (RCPT TO). */
  readonly to: readonly string[];
  /** The message as it arrived, CRLF line ends and all. */
  readonly raw: string;
  /** Top-level headers, names lower-cased, folded lines joined, encoded words decoded. */
  readonly headers: ReadonlyMap<string, string>;
  readonly subject: string;
  /** The first `text/plain` part, transfer encoding undone, or '' if there is none. */
  readonly text: string;
  /** The first `text/html` part, transfer encoding undone, or null. */
  readonly html: string | null;
  /** File names of the parts sent as attachments, in order. */
  readonly attachments: readonly string[];
  readonly receivedMs: number;
}

export interface SmtpSink {
  readonly port: number;
  /** Every accepted message, in arrival order (rejected ones are not here). */
  readonly messages: ReceivedMail[];
  /** How many messages were refused with 451 so far. */
  readonly rejected: number;
  /** Refuses the next `count` messages with `451 4.3.0 try again later`. */
  rejectNext(count: number): void;
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

/** Starts the sink; see the file comment. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let toReject = 0;
  let rejected = 0;
  let waiters: { count: number; resolve: () => void }[] = [];

  const server = new SMTPServer({
    secure: false,
    hideSTARTTLS: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    // A client that did not QUIT (a pooled connection) is cut after this at stop().
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toReject > 0) {
          toReject -= 1;
          rejected += 1;
          callback(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 }));
          return;
        }
        const envelope = session.envelope;
        const from = envelope.mailFrom === false ? '' : envelope.mailFrom.address;
        messages.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            from,
            envelope.rcptTo.map((r) => r.address),
          ),
        );
        const ready = waiters.filter((w) => messages.length >= w.count);
        waiters = waiters.filter((w) => messages.length < w.count);
        for (const w of ready) w.resolve();
        callback(null, 'queued');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    get rejected() {
      return rejected;
    },
    rejectNext(count) {
      toReject = count;
    },
    waitFor(count, timeoutMs) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(
            new Error(`smtp sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`),
          );
        }, timeoutMs);
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages.slice());
          },
        };
        waiters.push(waiter);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface MimePart {
  readonly headers: Map<string, string>;
  readonly body: string;
}

function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const top = splitPart(raw);
  const leaves = flatten(top);
  const find = (type: string) =>
    leaves.find((p) => mediaType(p) === type && !isAttachment(p)) ?? null;
  const text = find('text/plain');
  const html = find('text/html');
  return {
    from,
    to,
    raw,
    headers: top.headers,
    subject: top.headers.get('subject') ?? '',
    text: text === null ? '' : decodeBody(text),
    html: html === null ? null : decodeBody(html),
    attachments: leaves
      .filter(isAttachment)
      .map((p) => parameter(p, 'content-disposition', 'filename') ?? ''),
    receivedMs: Date.now(),
  };
}

/** Headers and body of one MIME entity (RFC 5322 / 2045), with folded headers unfolded. */
function splitPart(raw: string): MimePart {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end < 0 ? normalised : normalised.slice(0, end);
  const body = end < 0 ? '' : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function flatten(part: MimePart): MimePart[] {
  if (!mediaType(part).startsWith('multipart/')) return [part];
  const boundary = parameter(part, 'content-type', 'boundary');
  if (boundary === null) return [part];
  const pieces = part.body.split(`--${boundary}`);
  // pieces[0] is the preamble; the last piece starts with `--` (the closing delimiter).
  return pieces
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .flatMap((p) => flatten(splitPart(p.replace(/^[ \t]*\n/, ''))));
}

function mediaType(part: MimePart): string {
  return (part.headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
}

function isAttachment(part: MimePart): boolean {
  return (part.headers.get('content-disposition') ?? '').toLowerCase().startsWith('attachment');
}

function parameter(part: MimePart, header: string, name: string): string | null {
  const value = part.headers.get(header) ?? '';
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value);
  return match === null ? null : match[1]!;
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body = part.body.replace(/\n$/, '');
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** RFC 2045 quoted-printable: soft line breaks removed, `=XX` bytes decoded as UTF-8. */
function decodeQuotedPrintable(body: string): string {
  return Buffer.from(quotedPrintableBytes(body.replace(/=\n/g, ''))).toString('utf8');
}

function quotedPrintableBytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const hex = text.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return bytes;
}

const ENCODED_WORD = /=\?[^?]+\?([QqBb])\?([^?]*)\?=/g;

/**
 * RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`). A run of adjacent words is
 * decoded as one byte string (space between them is not text), so a character split across
 * two words survives.
 */
function decodeEncodedWords(value: string): string {
  return value.replace(/=\?[^?]+\?[QqBb]\?[^?]*\?=(?:\s+=\?[^?]+\?[QqBb]\?[^?]*\?=)*/g, (run) => {
    const bytes: number[] = [];
    for (const [, kind, text] of run.matchAll(ENCODED_WORD)) {
      if (kind!.toUpperCase() === 'B') bytes.push(...Buffer.from(text!, 'base64'));
      else bytes.push(...quotedPrintableBytes(text!.replace(/_/g, ' ')));
    }
    return Buffer.from(bytes).toString('utf8');
  });
}
