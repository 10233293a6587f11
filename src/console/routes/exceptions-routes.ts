import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  addInspectionExemption,
  listInspectionExemptions,
  removeInspectionExemption,
} from '../../casework/decisions/inspection-exemptions.js';
import { PolicyChangeError } from '../../casework/decisions/policy-cells.js';
import {
  addPolicyException,
  listPolicyExceptions,
  removePolicyException,
} from '../../casework/decisions/policy-exceptions.js';
import { policyDefinitionOf } from '../../config/config-schema.js';
import { localToUtc } from '../../engine/policy/local-to-utc.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { Problem } from '../problem.js';
import { actorOf, requireStaff } from '../staff-access.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const reason = z.string().trim().min(3, 'say why: every change needs a reason').max(2000);
const exceptionBody = z.strictObject({
  match: z.string().trim().min(1, 'enter a domain or host/path').max(2048),
  action: z.enum(['allow', 'block']),
  groups: z.array(z.string().min(1).max(128)).max(100).optional(),
  reason,
  expires: z
    .string()
    .refine(
      (text) =>
        DAY.test(text)
          ? isCalendarDay(text)
          : /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)),
      'a date (YYYY-MM-DD: until the end of that day, school time) or an ISO 8601 instant',
    )
    .nullable()
    .optional(),
});
const exemptionBody = z.strictObject({
  host: z.string().trim().min(1, 'enter a host').max(253),
  reason,
});
const removalBody = z.strictObject({ reason });
const idParams = z.strictObject({ id: z.string().min(1).max(100) });

/**
 * Exceptions (allow or block a site, for everyone or some groups, with a reason and an
 * optional expiry) and inspection exemptions (hosts whose HTTPS is tunnelled, not
 * inspected) made in the console, beside the policy file's, which are listed read-only.
 * Every change needs a reason, goes in the decision log and on the audit trail, and
 * reaches the gateways within a few seconds (they poll the policy version).
 */
export function exceptionsRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const { config } = context;
  const base = policyDefinitionOf(config);
  const groups = new Set(base.groups.map((g) => g.id));
  const policy = { groups, timezone: base.timezone };

  app.get('/api/policy/exceptions', async (request) => {
    requireStaff(request, 'policy.read');
    const now = context.now();
    const stateOf = (expiresMs: number | null) =>
      expiresMs !== null && now >= expiresMs ? 'expired' : 'active';
    const fromConsole = await listPolicyExceptions(context.store.db);
    return {
      exceptions: [
        ...base.exceptions.map((e) => {
          const expiresMs = e.expires === undefined ? null : Date.parse(e.expires);
          return {
            id: e.id,
            source: 'file' as const,
            match: e.match,
            action: e.action,
            groups: e.groups ?? null,
            reason: e.reason,
            expiresMs,
            state: stateOf(expiresMs),
          };
        }),
        ...fromConsole.map((e) => ({
          id: e.id,
          source: 'console' as const,
          match: e.match,
          action: e.action,
          groups: e.groups,
          reason: e.reason,
          expiresMs: e.expiresMs,
          state: stateOf(e.expiresMs),
          createdBy: e.createdBy,
          createdMs: e.createdMs,
        })),
      ],
    };
  });

  app.post('/api/policy/exceptions', async (request, reply) => {
    const staff = requireStaff(request, 'policy.change');
    const body = parseInput(exceptionBody, request.body, 'exception');
    const exception = await refusedAsProblem(() =>
      addPolicyException(
        context.store.db,
        {
          match: body.match,
          action: body.action,
          groups: body.groups,
          reason: body.reason,
          expiresMs:
            body.expires === undefined || body.expires === null
              ? null
              : expiryOf(body.expires, base.timezone),
          actor: actorOf(staff),
        },
        policy,
        context.now,
      ),
    );
    return reply
      .code(201)
      .send({ exception: { ...exception, source: 'console', state: 'active' } });
  });

  app.delete('/api/policy/exceptions/:id', async (request) => {
    const staff = requireStaff(request, 'policy.change');
    const { id } = parseInput(idParams, request.params, 'address');
    const body = parseInput(removalBody, request.body, 'removal');
    const removed = await refusedAsProblem(() =>
      removePolicyException(
        context.store.db,
        { id, reason: body.reason, actor: actorOf(staff) },
        base.timezone,
        context.now,
      ),
    );
    if (removed === null) {
      throw new Problem(
        'not-found',
        'No such exception',
        base.exceptions.some((e) => e.id === id)
          ? 'That exception is in the policy file: change it there.'
          : 'It may have been removed already: reload the page.',
      );
    }
    return { exception: removed };
  });

  app.get('/api/policy/exemptions', async (request) => {
    requireStaff(request, 'policy.read');
    const fromConsole = await listInspectionExemptions(context.store.db);
    const inspection = config.gateway.inspection;
    return {
      inspection: inspection.enabled,
      exemptCategories: inspection.exemptCategories,
      exemptions: [
        ...inspection.exemptHosts.map((host) => ({
          id: `file:${host}`,
          source: 'file' as const,
          host,
          reason: 'set in the config file (gateway.inspection.exemptHosts)',
        })),
        ...fromConsole.map((e) => ({
          id: e.id,
          source: 'console' as const,
          host: e.host,
          reason: e.reason,
          createdBy: e.createdBy,
          createdMs: e.createdMs,
        })),
      ],
    };
  });

  app.post('/api/policy/exemptions', async (request, reply) => {
    const staff = requireStaff(request, 'policy.change');
    const body = parseInput(exemptionBody, request.body, 'exemption');
    const exemption = await refusedAsProblem(() =>
      addInspectionExemption(
        context.store.db,
        { host: body.host, reason: body.reason, actor: actorOf(staff) },
        context.now,
      ),
    );
    return reply.code(201).send({ exemption: { ...exemption, source: 'console' } });
  });

  app.delete('/api/policy/exemptions/:id', async (request) => {
    const staff = requireStaff(request, 'policy.change');
    const { id } = parseInput(idParams, request.params, 'address');
    const body = parseInput(removalBody, request.body, 'removal');
    const removed = await refusedAsProblem(() =>
      removeInspectionExemption(
        context.store.db,
        { id, reason: body.reason, actor: actorOf(staff) },
        context.now,
      ),
    );
    if (removed === null) {
      throw new Problem(
        'not-found',
        'No such exemption',
        id.startsWith('file:')
          ? 'That exemption is in the config file: change it there.'
          : 'It may have been removed already: reload the page.',
      );
    }
    return { exemption: removed };
  });
}

/** `YYYY-MM-DD`: the end of that day on the school's clock; otherwise the instant given. */
function expiryOf(text: string, timezone: string): number {
  const day = DAY.exec(text);
  if (day === null) return Date.parse(text);
  return localToUtc(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1), timezone);
}

function isCalendarDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

/** A refused change as a 400 (or 409) problem naming its field. */
async function refusedAsProblem<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (!(error instanceof PolicyChangeError)) throw error;
    throw new Problem(
      error.problem,
      error.problem === 'conflict' ? 'That is in force already' : 'That change cannot be made',
      error.message,
      { errors: [{ path: error.field, message: error.message }] },
    );
  }
}
