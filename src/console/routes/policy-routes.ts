import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  describeRule,
  listDecisions,
  loadPolicyCells,
  PolicyChangeError,
  setPolicyCell,
} from '../../casework/decisions/policy-cells.js';
import { policyDefinitionOf } from '../../config/config-schema.js';
import { CATEGORY_CATALOGUE } from '../../engine/categories/category-catalogue.js';
import { ACTIONS } from '../../engine/policy/action.js';
import { applyPolicyCells } from '../../engine/policy/apply-policy-cells.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { Problem } from '../problem.js';
import { actorOf, requireStaff } from '../staff-access.js';
import { exceptionsRoutes } from './exceptions-routes.js';

const cellBody = z.strictObject({
  group: z.string().min(1).max(128),
  category: z.string().min(1).max(128),
  action: z.enum(ACTIONS as ['allow', 'block', 'warn', 'alert']),
  reason: z.string().trim().min(3, 'say why: every change needs a reason').max(2000),
});
const decisionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * The policy matrix (category x group) with where each rule comes from, changes to one cell
 * with a reason (the decision log), and the decision log itself. A change reaches every
 * gateway process within a few seconds (they poll the policy version).
 */
export function policyRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const { config } = context;
  const base = policyDefinitionOf(config);
  const categories = [
    ...CATEGORY_CATALOGUE.map((c) => ({ id: c.id, label: c.label, mandatory: c.mandatory })),
    ...config.categories.map((c) => ({ id: c.id, label: c.label, mandatory: c.mandatory })),
  ];
  const mandatory = new Set([
    ...categories.filter((c) => c.mandatory).map((c) => c.id),
    ...base.mandatoryCategories,
  ]);
  const known = { categories: new Set(categories.map((c) => c.id)), mandatory };

  app.get('/api/policy', async (request) => {
    requireStaff(request, 'policy.read');
    const { version, cells } = await loadPolicyCells(context.store.db);
    const effective = applyPolicyCells(base, cells);
    const changed = new Map(cells.map((c) => [`${c.group}\t${c.category}`, c]));
    return {
      version,
      groups: effective.groups.map((g) => ({ id: g.id, label: g.label })),
      categories: categories.map((c) => ({ ...c, mandatory: mandatory.has(c.id) })),
      cells: effective.groups.map((group) => ({
        group: group.id,
        rules: categories.map((category) => {
          const rule = group.categories[category.id];
          const cell = changed.get(`${group.id}\t${category.id}`);
          return {
            category: category.id,
            action: mandatory.has(category.id)
              ? 'block'
              : rule === undefined
                ? 'allow'
                : typeof rule === 'string'
                  ? rule
                  : 'timed',
            rule: mandatory.has(category.id) ? 'block (mandatory)' : describeRule(rule),
            source: mandatory.has(category.id)
              ? 'mandatory'
              : cell !== undefined
                ? 'console'
                : rule === undefined
                  ? 'default'
                  : 'file',
            ...(cell === undefined
              ? {}
              : { changedBy: cell.updatedBy, changedMs: cell.updatedMs, reason: cell.reason }),
          };
        }),
      })),
    };
  });

  app.put('/api/policy/cells', async (request) => {
    const staff = requireStaff(request, 'policy.change');
    const body = parseInput(cellBody, request.body, 'change');
    try {
      return await setPolicyCell(
        context.store.db,
        { ...body, actor: actorOf(staff) },
        base,
        known,
        context.now,
      );
    } catch (error) {
      if (!(error instanceof PolicyChangeError)) throw error;
      throw new Problem('invalid', 'That change cannot be made', error.message, {
        errors: [{ path: error.field, message: error.message }],
      });
    }
  });

  app.get('/api/decisions', async (request) => {
    requireStaff(request, 'policy.read');
    const { limit } = parseInput(decisionsQuery, request.query, 'filter');
    return { decisions: await listDecisions(context.store.db, limit) };
  });

  // Exceptions and inspection exemptions: the rest of the policy page.
  exceptionsRoutes(app, context);
}
