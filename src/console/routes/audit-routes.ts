import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AUDIT_TARGET_KINDS } from '../../casework/audit/append-audit.js';
import { recentAudit } from '../../casework/audit/recent-audit.js';
import { verifyAudit } from '../../casework/audit/verify-audit.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { requireStaff } from '../staff-access.js';

const auditQuery = z.strictObject({
  kind: z.enum(AUDIT_TARGET_KINDS).optional(),
  target: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The audit trail, newest first, and its verification. */
export function auditRoutes(app: FastifyInstance, context: ConsoleContext): void {
  app.get('/api/audit', async (request) => {
    requireStaff(request, 'audit.read');
    const query = parseInput(auditQuery, request.query, 'filter');
    const records = await recentAudit(context.store.db, {
      ...(query.kind === undefined ? {} : { targetKind: query.kind }),
      ...(query.target === undefined ? {} : { target: query.target }),
      limit: query.limit,
    });
    return {
      records: records.map((r) => ({
        seq: r.seq,
        timeMs: r.timeMs,
        actor: r.actor,
        action: r.action,
        targetKind: r.targetKind,
        target: r.target,
        reason: r.reason,
        details: r.details,
      })),
    };
  });

  app.get('/api/audit/verify', async (request) => {
    requireStaff(request, 'audit.read');
    const result = await verifyAudit(context.store.db);
    return {
      intact: result.ok,
      rows: result.rows,
      head: result.head,
      problems: result.problems.map((p) => p.message),
    };
  });
}
