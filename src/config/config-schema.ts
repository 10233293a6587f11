import { z } from 'zod';
import { CATEGORY_BY_ID } from '../engine/categories/category-catalogue.js';
import { LIST_FORMATS } from '../engine/lists/list-entry.js';
import { ACTIONS } from '../engine/policy/action.js';
import type { PolicyDefinition } from '../engine/policy/policy-definition.js';
import { parseClockTime } from '../engine/policy/schedule.js';
import { groupsReferencedBy, identityConfigSchema } from '../identity/identity-config.js';
import { consoleConfigSchema } from './console-config.js';
import { gatewayConfigSchema } from './gateway-config.js';
import { monitorConfigSchema, STAFF_ROLES } from './monitor-config.js';
import { databaseConfigSchema, retentionConfigSchema } from './store-config.js';

const action = z.enum(ACTIONS as ['allow', 'block', 'warn', 'alert']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _ (e.g. teaching-staff)');

const clockWindow = z.string().transform((text, ctx) => {
  const [from = '', to = ''] = text.split('-').map((part) => part.trim());
  if (parseClockTime(from) === null || parseClockTime(to) === null) {
    ctx.addIssue({ code: 'custom', message: `'${text}' is not a time window like 12:15-13:15` });
    return z.NEVER;
  }
  return { from, to };
});

const schedule = z.strictObject({
  days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1),
  times: z.array(clockWindow).min(1),
  termTimeOnly: z.boolean().default(false),
});

const timedAction = z
  .strictObject({ action, during: identifier.optional(), outside: identifier.optional() })
  .refine((rule) => !(rule.during && rule.outside), 'a rule takes during or outside, not both');

const group = z.strictObject({
  id: identifier,
  label: z.string().min(1),
  uncategorised: action.default('allow'),
  ipLiterals: action.default('block'),
  phraseLimit: z.number().int().positive().nullable().default(null),
  safeSearch: z.boolean().default(true),
  categories: z.record(z.string(), z.union([action, z.array(timedAction).min(1)])).default({}),
});

const exception = z.strictObject({
  id: identifier,
  match: z.string().min(1),
  action: z.enum(['allow', 'block']),
  reason: z.string().min(3, 'say why: every exception needs a reason'),
  expires: z.iso.datetime({ offset: true }).or(isoDate).optional(),
  groups: z.array(identifier).min(1).optional(),
});

const listFormat = z.enum(LIST_FORMATS);

/** A category list: a local file or a feed downloaded by `lists update`. */
const listSource = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('list'),
    name: z.string().min(1),
    category: z.string().min(1),
    format: listFormat.default('auto'),
    path: z.string().min(1).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
  }),
  z.strictObject({
    type: z.literal('ut1'),
    name: z.string().min(1),
    path: z.string().min(1).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** UT1 category -> Schoolgate category. UT1 categories not listed are not imported. */
    categories: z.record(z.string(), z.string()),
  }),
]);

const phraseSource = z.strictObject({
  name: z.string().min(1),
  path: z.string().min(1),
  kind: z.enum(['weighted', 'banned', 'exception']).default('weighted'),
  category: z.string().min(1).optional(),
});

const customCategory = z.strictObject({
  id: identifier,
  label: z.string().min(1),
  description: z.string().default(''),
  mandatory: z.boolean().default(false),
});

const policy = z.strictObject({
  timezone: z.string().default('Europe/London'),
  defaultGroup: identifier,
  terms: z.array(z.strictObject({ name: z.string(), from: isoDate, to: isoDate })).default([]),
  schedules: z.record(identifier, schedule).default({}),
  groups: z.array(group).min(1),
  exceptions: z.array(exception).default([]),
  mandatoryCategories: z.array(z.string()).default([]),
});

/**
 * The whole Schoolgate configuration file. Unknown keys are errors (a misspelt key must not
 * silently do nothing in a safeguarding product).
 */
const configShape = z.strictObject({
  school: z
    .strictObject({ name: z.string().min(1).default('Our School') })
    .default({ name: 'Our School' }),
  dataDir: z.string().default('./data'),
  categories: z.array(customCategory).default([]),
  lists: z.strictObject({
    index: z.string().default('index.sgx'),
    sources: z.array(listSource).default([]),
  }),
  phrases: z.strictObject({ sources: z.array(phraseSource).default([]) }).default({ sources: [] }),
  safeSearch: z
    .strictObject({ youtube: z.enum(['strict', 'moderate']).default('strict') })
    .default({ youtube: 'strict' }),
  gateway: gatewayConfigSchema.prefault({}),
  identity: identityConfigSchema.prefault({}),
  database: databaseConfigSchema.prefault({}),
  retention: retentionConfigSchema.prefault({}),
  monitor: monitorConfigSchema.prefault({}),
  console: consoleConfigSchema.prefault({}),
  policy,
});

export const configSchema = configShape.superRefine(checkReferences);

export type SchoolgateConfig = z.infer<typeof configShape>;
export type ListSourceConfig = SchoolgateConfig['lists']['sources'][number];
export type PhraseSourceConfig = SchoolgateConfig['phrases']['sources'][number];

/** Cross-references a schema alone cannot see: categories, groups and schedules named elsewhere. */
function checkReferences(config: SchoolgateConfig, ctx: z.RefinementCtx): void {
  const known = new Set([...CATEGORY_BY_ID.keys(), ...config.categories.map((c) => c.id)]);
  const groups = new Set(config.policy.groups.map((g) => g.id));
  const schedules = new Set(Object.keys(config.policy.schedules));
  const unknownCategory = (path: (string | number)[], id: string) =>
    ctx.addIssue({ code: 'custom', path, message: `unknown category '${id}'` });

  config.lists.sources.forEach((source, i) => {
    if (source.path === undefined && source.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['lists', 'sources', i],
        message: 'give a path or a url',
      });
    }
    if (source.type === 'list' && !known.has(source.category)) {
      unknownCategory(['lists', 'sources', i, 'category'], source.category);
    }
    if (source.type === 'ut1') {
      for (const [ut1, ours] of Object.entries(source.categories)) {
        if (!known.has(ours)) unknownCategory(['lists', 'sources', i, 'categories', ut1], ours);
      }
    }
  });
  config.policy.groups.forEach((g, i) => {
    for (const [category, rule] of Object.entries(g.categories)) {
      if (!known.has(category))
        unknownCategory(['policy', 'groups', i, 'categories', category], category);
      if (typeof rule === 'string') continue;
      rule.forEach((timed, j) => {
        const name = timed.during ?? timed.outside;
        if (name !== undefined && !schedules.has(name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['policy', 'groups', i, 'categories', category, j],
            message: `unknown schedule '${name}' (defined: ${[...schedules].join(', ') || 'none'})`,
          });
        }
      });
    }
  });
  for (const { path, group } of groupsReferencedBy(config.identity)) {
    if (!groups.has(group)) {
      ctx.addIssue({
        code: 'custom',
        path: ['identity', ...path],
        message: `unknown group '${group}'`,
      });
    }
  }
  checkMonitorReferences(config, known, ctx);
  if (!groups.has(config.policy.defaultGroup)) {
    ctx.addIssue({
      code: 'custom',
      path: ['policy', 'defaultGroup'],
      message: `'${config.policy.defaultGroup}' is not one of the groups`,
    });
  }
  config.policy.exceptions.forEach((e, i) => {
    e.groups?.forEach((id, j) => {
      if (!groups.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['policy', 'exceptions', i, 'groups', j],
          message: `unknown group '${id}'`,
        });
      }
    });
  });
}

/** The policy part of a validated config, as the engine's plain definition. */
export function policyDefinitionOf(config: SchoolgateConfig): PolicyDefinition {
  const { policy: p } = config;
  return {
    timezone: p.timezone,
    defaultGroup: p.defaultGroup,
    terms: p.terms,
    schedules: Object.fromEntries(
      Object.entries(p.schedules).map(([name, s]) => [
        name,
        { days: s.days, windows: s.times, termTimeOnly: s.termTimeOnly },
      ]),
    ),
    groups: p.groups,
    exceptions: p.exceptions,
    mandatoryCategories: [
      ...p.mandatoryCategories,
      ...config.categories.filter((c) => c.mandatory).map((c) => c.id),
    ],
  };
}

/** Staff ids and categories that the monitor's routes, digests and webhooks name. */
function checkMonitorReferences(
  config: SchoolgateConfig,
  known: ReadonlySet<string>,
  ctx: z.RefinementCtx,
): void {
  const staff = new Set<string>();
  config.monitor.staff.forEach((member, i) => {
    if (staff.has(member.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['monitor', 'staff', i, 'id'],
        message: `staff id '${member.id}' is used twice`,
      });
    }
    staff.add(member.id);
  });
  const checkRecipient = (path: (string | number)[], ref: string) => {
    if (ref.startsWith('role:')) {
      if (!(STAFF_ROLES as readonly string[]).includes(ref.slice(5))) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `unknown role '${ref.slice(5)}' (roles: ${STAFF_ROLES.join(', ')})`,
        });
      }
    } else if (!staff.has(ref)) {
      ctx.addIssue({ code: 'custom', path, message: `no staff member with id '${ref}'` });
    }
  };
  config.monitor.routes.forEach((route, i) => {
    route.to.forEach((ref, j) => {
      checkRecipient(['monitor', 'routes', i, 'to', j], ref);
    });
    route.categories?.forEach((id, j) => {
      if (!known.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['monitor', 'routes', i, 'categories', j],
          message: `unknown category '${id}'`,
        });
      }
    });
  });
  config.monitor.digests.to.forEach((ref, j) => {
    checkRecipient(['monitor', 'digests', 'to', j], ref);
  });
}
