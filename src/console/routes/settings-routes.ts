import { X509Certificate } from 'node:crypto';
import { basename, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../casework/audit/append-audit.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { Problem } from '../problem.js';
import { describeSettings } from '../settings/describe-settings.js';
import { readSchoolCa, type SchoolCaSummary } from '../settings/read-school-ca.js';
import { renewSchoolCa } from '../settings/renew-school-ca.js';
import { sendTestEmail } from '../settings/send-test-email.js';
import { actorOf, requireStaff } from '../staff-access.js';

const renewBody = z.strictObject({
  reason: z.string().trim().min(3, 'say why: every renewal needs a reason').max(2000),
});
const testEmailBody = z.strictObject({
  to: z.email('an e-mail address, like it@school.test').max(320),
});

/**
 * The Settings page's API: the settings in force (from `schoolgate.yaml`, never a secret),
 * the school CA's certificate to download (never its key), renewing the CA (the gateways
 * pick the new one up within seconds), and a test e-mail through the configured SMTP.
 * Changes are audited; SMTP, routing and retention are changed in the config file.
 */
export function settingsRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const { config, store } = context;
  const caDir = join(context.dataDir, 'ca');

  const certificateOrMissing = async (): Promise<SchoolCaSummary> => {
    const ca = await readSchoolCa(caDir, context.now());
    if (ca !== null) return ca;
    throw new Problem(
      'not-found',
      'There is no school certificate yet',
      'The gateway makes it when it first starts with HTTPS inspection on (gateway.inspection.enabled in schoolgate.yaml).',
    );
  };

  app.get('/api/settings', async (request) => {
    requireStaff(request, 'settings.read');
    const [holds, certificate] = await Promise.all([
      store.db
        .selectFrom('legal_holds')
        .where('released_ms', 'is', null)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
      readSchoolCa(caDir, context.now()),
    ]);
    return describeSettings(config, { holdsInForce: Number(holds?.n ?? 0), certificate });
  });

  app.get('/api/settings/ca.pem', async (request, reply) => {
    requireStaff(request, 'settings.read');
    const ca = await certificateOrMissing();
    return download(reply, ca.pem, 'application/x-pem-file', 'school-ca.pem');
  });

  app.get('/api/settings/ca.crt', async (request, reply) => {
    requireStaff(request, 'settings.read');
    const ca = await certificateOrMissing();
    return download(reply, derOf(ca.pem), 'application/x-x509-ca-cert', 'school-ca.crt');
  });

  app.post('/api/settings/ca/renew', async (request) => {
    const staff = requireStaff(request, 'settings.change');
    const { reason } = parseInput(renewBody, request.body, 'renewal');
    const renewal = await renewSchoolCa({
      dir: caDir,
      schoolName: config.school.name,
      now: context.now,
    });
    if (renewal === null) {
      throw new Problem(
        'conflict',
        'There is no school certificate to renew',
        'The gateway makes the first one when it starts with HTTPS inspection on (gateway.inspection.enabled in schoolgate.yaml).',
      );
    }
    const previousFolder = join('ca', basename(renewal.previousDir));
    await appendAudit(
      store.db,
      {
        actor: actorOf(staff),
        action: 'ca.renew',
        targetKind: 'settings',
        target: 'school-ca',
        clientAddress: request.ip,
        reason,
        details: {
          oldFingerprint: renewal.previous.fingerprintSha256,
          newFingerprint: renewal.current.fingerprintSha256,
          newNotAfter: renewal.current.notAfter,
          previousFolder,
        },
      },
      context.now,
    );
    const { pem: _pem, ...current } = renewal.current;
    return {
      certificate: current,
      previousFingerprint: renewal.previous.fingerprintSha256,
      previousFolder,
      message:
        'A new school certificate is in use for new connections. Every device must install it ' +
        '(download it here or from the gateway at /ca), or browsers will warn on every HTTPS site. ' +
        `The old certificate and key are kept in ${previousFolder} in the data folder.`,
    };
  });

  app.post('/api/settings/test-email', async (request) => {
    const staff = requireStaff(request, 'settings.change');
    const { to } = parseInput(testEmailBody, request.body, 'test e-mail');
    const result = await sendTestEmail(config.monitor.email, to, config.school.name);
    await appendAudit(
      store.db,
      {
        actor: actorOf(staff),
        action: 'settings.test-email',
        targetKind: 'settings',
        target: 'monitor.email',
        clientAddress: request.ip,
        details: { to, outcome: result.outcome },
      },
      context.now,
    );
    return result;
  });
}

/** A file to save, not to show: the browser offers it under `filename`. */
function download(reply: FastifyReply, body: string | Buffer, type: string, filename: string) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** The DER bytes of a PEM certificate (what Windows, iOS and Android prefer as `.crt`). */
function derOf(pem: string): Buffer {
  return new X509Certificate(pem).raw;
}
