import { z } from 'zod';

const staffId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'use lower-case letters, digits, ., - and _ (e.g. a.patel)');
const groupId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use a group id: lower-case letters, digits, - and _');
const level = z.number().int().min(1).max(5);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like 07:30');

/** The roles of the schools' policies; the console (issue 6) uses the same names. */
export const STAFF_ROLES = [
  'dsl',
  'deputy_dsl',
  'head',
  'bursar',
  'it_admin',
  'teacher',
  'governor',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * A person who receives alerts or digests. `classes`, when given, limits what they receive
 * to alerts about people in those groups (a teacher and their classes), whatever the route.
 */
const staffMember = z.strictObject({
  id: staffId,
  name: z.string().min(1),
  email: z.email(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  classes: z.array(groupId).min(1).optional(),
});

/** `role:dsl` (everyone with the role) or a staff id. */
const recipientRef = z.string().regex(/^(role:[a-z_]+|[a-z0-9][a-z0-9_.-]*)$/, {
  message: 'use role:<role> or a staff id',
});

/**
 * Who hears of which alerts. Every route whose levels and categories match adds its
 * recipients. `immediate` sends an e-mail at once; levels 4-5 are always immediate, lower
 * levels wait for the digest unless a route says otherwise.
 */
const route = z.strictObject({
  minLevel: level.default(1),
  categories: z.array(z.string().min(1)).min(1).optional(),
  to: z.array(recipientRef).min(1),
  immediate: z.boolean().default(false),
});

const webhook = z.strictObject({
  name: staffId,
  url: z.url({ protocol: /^https?$/ }),
  /** Shared secret for the HMAC-SHA256 signature header; at least 16 characters. */
  secret: z.string().min(16, 'use a secret of at least 16 characters'),
  minLevel: level.default(4),
});

const smtp = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(25),
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** Refuse to send without TLS (STARTTLS must succeed). */
  requireTls: z.boolean().default(false),
  user: z.string().min(1).optional(),
  pass: z.string().min(1).optional(),
});

const DEFAULT_ROUTES = [
  { minLevel: 4, to: ['role:dsl', 'role:deputy_dsl'], immediate: true },
  { minLevel: 1, to: ['role:dsl', 'role:deputy_dsl'], immediate: false },
  { minLevel: 1, to: ['role:teacher'], immediate: false },
];

/**
 * The `monitor:` section of `schoolgate.yaml`. Every field has a default, so the starter
 * config monitors with the built-in phrase lists and keeps alerts in the console queue
 * until staff and SMTP are configured. Defaults and why:
 * - `alertScore: 60`: the phrase lists' scale (`src/monitor/phrases/README.md`): 60 is one
 *   strong indicator, or two weaker ones together.
 * - `foldMinutes: 30`: a pupil's run of related searches within half an hour is one concern.
 * - `repeats: 5 in 10 minutes`: fewer is a mistyped link; more is trying.
 * - `delivery`: 9 attempts, waiting 5 s, 10 s, 20 s … 320 s, then 600 s (the cap) between them,
 *   about 21 minutes in all (a receiver restarting or an SMTP server's grey-listing), then the
 *   delivery is kept as a dead letter and shown in the console and `alerts deliveries`.
 * - `quietHours`: none; a school that sets them holds levels 1-3 until morning, never 4-5.
 */
export const monitorConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** The console's address, for links in e-mails and webhooks (`https://filter.school.test`). */
  consoleUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Languages of the built-in safeguarding phrase lists to load; default all shipped. */
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .min(1)
    .optional(),
  alertScore: z.number().int().positive().default(60),
  foldMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  repeats: z
    .strictObject({
      attempts: z.number().int().min(2).default(5),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(10),
    })
    .prefault({}),
  staff: z.array(staffMember).default([]),
  routes: z.array(route).default(() => structuredClone(DEFAULT_ROUTES)),
  email: z
    .strictObject({
      smtp: smtp.optional(),
      from: z.string().min(3).default('Schoolgate <schoolgate@localhost>'),
    })
    .prefault({}),
  webhooks: z.array(webhook).default([]),
  delivery: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(50).default(9),
      firstRetrySeconds: z.number().min(0.01).default(5),
      maxRetrySeconds: z.number().min(0.01).default(600),
    })
    .prefault({}),
  /** Most immediate e-mails per recipient per hour for levels 1-3; the rest wait for the digest. */
  perRecipientPerHour: z.number().int().min(1).default(20),
  quietHours: z.strictObject({ from: clock, to: clock }).optional(),
  digests: z
    .strictObject({
      /** Local time the daily digest (of the day before) is sent. */
      dailyAt: clock.default('07:00'),
      /** Day the weekly digest (of the week before, Monday to Sunday) is sent. */
      weeklyOn: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']).default('mon'),
      to: z.array(recipientRef).default(['role:head', 'role:dsl']),
    })
    .prefault({}),
});

export type MonitorConfig = z.infer<typeof monitorConfigSchema>;
export type StaffMember = MonitorConfig['staff'][number];
export type AlertRoute = MonitorConfig['routes'][number];
export type WebhookConfig = MonitorConfig['webhooks'][number];
