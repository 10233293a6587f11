import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { createEmailSender } from '../../../src/monitor/notify/email-sender.js';
import { startSmtpSink } from '../../support/smtp-sink.js';

const FROM = 'Schoolgate <schoolgate@school.test>';

describe('createEmailSender', () => {
  it('hands a message with both parts and attachments to a real SMTP server', async () => {
    const sink = await startSmtpSink();
    const sender = createEmailSender(
      { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false },
      FROM,
    );
    try {
      const csv = 'section,key,count\nblocked,gambling,3\n';
      await sender.send('dsl@school.test', {
        subject: '[Schoolgate] Level 5 – self-harm – Zoë – Sevenoaks School',
        text: `Level 5: ${'long line of text '.repeat(10)}\nZoë searched “how to” ½`,
        html: '<p>Zoë</p>',
        attachments: [
          {
            filename: 'digest.csv',
            contentType: 'text/csv',
            base64: Buffer.from(csv).toString('base64'),
          },
        ],
      });
      const [mail] = await sink.waitFor(1, 5000);
      assert.equal(mail!.from, 'schoolgate@school.test');
      assert.deepEqual(mail!.to, ['dsl@school.test']);
      assert.equal(mail!.subject, '[Schoolgate] Level 5 – self-harm – Zoë – Sevenoaks School');
      assert.equal(
        mail!.text,
        `Level 5: ${'long line of text '.repeat(10)}\nZoë searched “how to” ½`,
      );
      assert.equal(mail!.html, '<p>Zoë</p>');
      assert.deepEqual(mail!.attachments, ['digest.csv']);
      assert.ok(mail!.raw.includes(Buffer.from(csv).toString('base64').slice(0, 20)));
    } finally {
      sender.close();
      await sink.stop();
    }
  });

  it('rejects with the SMTP server’s answer when it refuses the message', async () => {
    const sink = await startSmtpSink();
    const sender = createEmailSender(
      { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false },
      FROM,
    );
    try {
      sink.rejectNext(1);
      await assert.rejects(
        sender.send('dsl@school.test', { subject: 's', text: 't', html: '<p>t</p>' }),
        (error: Error) =>
          error.message.includes('451') && error.message.includes('try again later'),
      );
      assert.equal(sink.rejected, 1);
      assert.equal(sink.messages.length, 0);
    } finally {
      sender.close();
      await sink.stop();
    }
  });

  it('rejects with nodemailer’s message when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = createEmailSender(
      { host: '127.0.0.1', port, secure: false, requireTls: false },
      FROM,
    );
    try {
      await assert.rejects(
        sender.send('dsl@school.test', { subject: 's', text: 't', html: '<p>t</p>' }),
        /ECONNREFUSED/,
      );
    } finally {
      sender.close();
    }
  });

  it('refuses to send in the clear when TLS is required and not offered', async () => {
    const sink = await startSmtpSink();
    const sender = createEmailSender(
      { host: '127.0.0.1', port: sink.port, secure: false, requireTls: true },
      FROM,
    );
    try {
      await assert.rejects(
        sender.send('dsl@school.test', { subject: 's', text: 't', html: '<p>t</p>' }),
        /STARTTLS|TLS/i,
      );
      assert.equal(sink.messages.length, 0);
    } finally {
      sender.close();
      await sink.stop();
    }
  });
});
