import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { withAuditedRead } from '../../casework/audit/audited.js';
import { CATEGORY_BY_ID } from '../../engine/categories/category-catalogue.js';
import type { Alert } from '../../monitor/alert.js';
import { ALERT_OUTCOMES, type AlertChange, type AlertOutcome } from '../../monitor/alert-state.js';
import { getAlert, listAlerts } from '../../monitor/records/alert-queries.js';
import { changeAlert } from '../../monitor/records/change-alert.js';
import { RISK_MEANINGS, type RiskLevel } from '../../monitor/risk-level.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { scopeOf } from '../permissions.js';
import { Problem } from '../problem.js';
import { actorOf, mayView, requireStaff } from '../staff-access.js';

const STATES = ['new', 'acknowledged', 'closed', 'escalated'] as const;

const listQuery = z.strictObject({
  state: z
    .string()
    .default('new,acknowledged')
    .transform((s) => (s === 'all' ? [...STATES] : s.split(',')))
    .pipe(z.array(z.enum(STATES)).min(1)),
  minLevel: z.coerce.number().int().min(1).max(5).optional(),
  category: z.string().min(1).max(128).optional(),
  class: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const idParams = z.strictObject({ id: z.uuid() });
const closeBody = z.strictObject({
  outcome: z.enum(ALERT_OUTCOMES as [AlertOutcome, ...AlertOutcome[]]),
  reason: z.string().trim().min(3, 'say what was found or done').max(2000),
});
const escalateBody = z.strictObject({
  caseRef: z.string().trim().min(1, 'give the case reference').max(100),
  reason: z.string().trim().min(3, 'say why').max(2000),
});

/** The alert queue, an alert's evidence (audited), and the workflow, within the caller's scope. */
export function alertsRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const db = context.store.db;

  app.get('/api/alerts', async (request) => {
    const staff = requireStaff(request, 'alerts.read');
    const query = parseInput(listQuery, request.query, 'filter');
    const { classes } = scopeOf(staff.user.role, staff.user.classes);
    const groups =
      query.class === undefined
        ? (classes ?? undefined)
        : classes === null || classes.includes(query.class)
          ? [query.class]
          : [];
    if (groups !== undefined && groups.length === 0) return { alerts: [] };
    const alerts = await listAlerts(db, {
      states: query.state,
      ...(query.minLevel === undefined ? {} : { minLevel: query.minLevel as RiskLevel }),
      ...(query.category === undefined ? {} : { category: query.category }),
      ...(groups === undefined ? {} : { groups }),
      limit: query.limit,
    });
    return { alerts: alerts.map(describeAlert) };
  });

  app.get('/api/alerts/:id', async (request) => {
    const staff = requireStaff(request, 'alerts.read');
    const { id } = parseInput(idParams, request.params, 'alert id');
    const found = await getAlert(db, id);
    // Out of scope reads as absent: a teacher learns nothing of other classes' alerts.
    if (found === null || !mayView(staff, found.alert.subject.groups)) throw notFound();
    await withAuditedRead(
      db,
      {
        actor: actorOf(staff),
        action: 'alert.read',
        targetKind: 'alert',
        target: id,
        clientAddress: request.ip,
        details: { subject: found.alert.subject.user },
      },
      context.now,
      async () => null,
    );
    return { alert: describeAlert(found.alert), evidence: found.evidence };
  });

  const change = (kind: AlertChange['kind'], body: (input: unknown) => Record<string, string>) =>
    app.post(`/api/alerts/:id/${kind}`, async (request) => {
      const staff = requireStaff(request, 'alerts.change');
      const { id } = parseInput(idParams, request.params, 'alert id');
      const input = body(request.body);
      const found = await getAlert(db, id);
      if (found === null || !mayView(staff, found.alert.subject.groups)) throw notFound();
      const by = actorOf(staff);
      const atMs = context.now();
      const requested: AlertChange =
        kind === 'acknowledge'
          ? { kind, by, atMs }
          : kind === 'close'
            ? { kind, by, atMs, outcome: input['outcome'] as AlertOutcome, why: input['reason']! }
            : { kind, by, atMs, caseRef: input['caseRef']!, why: input['reason']! };
      const result = await changeAlert(db, id, requested, context.now, request.ip);
      if (!result.ok) throw new Problem('conflict', 'That change is not possible', result.problem);
      return { alert: describeAlert(result.alert) };
    });
  change('acknowledge', (input) => parseInput(z.strictObject({}), input, 'request'));
  change('close', (input) => parseInput(closeBody, input, 'close'));
  change('escalate', (input) => parseInput(escalateBody, input, 'escalation'));
}

function notFound(): Problem {
  return new Problem(
    'not-found',
    'No such alert',
    'It may have been removed, or it is not one you can see.',
  );
}

/** An alert with the words the UI shows beside its codes. */
export function describeAlert(alert: Alert) {
  return {
    ...alert,
    categoryLabel: CATEGORY_BY_ID.get(alert.category)?.label ?? alert.category,
    levelMeaning: RISK_MEANINGS[alert.level],
  };
}
