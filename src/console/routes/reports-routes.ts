import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withAuditedRead } from '../../casework/audit/audited.js';
import { createLocalClock } from '../../engine/policy/local-clock.js';
import { buildDigest } from '../../monitor/digest/build-digest.js';
import { digestCsv } from '../../monitor/digest/digest-csv.js';
import { digestPdf } from '../../monitor/digest/digest-pdf.js';
import { digestPeriod } from '../../monitor/digest/digest-period.js';
import { parseDate } from '../../monitor/digest/parse-date.js';
import { renderReportPdf } from '../../monitor/digest/render/render-report-pdf.js';
import { reportCsv } from '../../monitor/digest/render/report-csv.js';
import { activityCsv } from '../../monitor/report/activity-csv.js';
import { activityPdf } from '../../monitor/report/activity-pdf.js';
import { type ActivitySubject, buildActivityReport } from '../../monitor/report/activity-report.js';
import { renderActivityHtml } from '../../monitor/report/render-activity-html.js';
import type { Period } from '../../store/events/event-page.js';
import { DAY_MS, HOUR_MS } from '../../store/events/rollup-dimension.js';
import type { Database } from '../../store/schema.js';
import type { ConsoleContext } from '../console-context.js';
import { parseInput } from '../parse-body.js';
import { can, scopeOf } from '../permissions.js';
import { Problem } from '../problem.js';
import { actorOf, requireStaff } from '../staff-access.js';
import { digestDocumentWithoutNames } from './digest-document-without-names.js';
import { withoutNames } from './without-names.js';

/** The longest on-demand report: a group's week already takes most of a second (README). */
const MAX_REPORT_DAYS = 31;

const isDate = (text: string) => {
  try {
    parseDate(text);
    return true;
  } catch {
    return false;
  }
};

const digestQuery = z.strictObject({
  kind: z.enum(['daily', 'weekly']).default('daily'),
  day: z.string().refine(isDate, 'give a real date as YYYY-MM-DD, e.g. 2026-11-24').optional(),
  format: z.enum(['json', 'csv', 'pdf']).default('json'),
});

const epochMs = (field: string) =>
  z.coerce
    .number({ error: `give ${field} as epoch milliseconds` })
    .int(`give ${field} as whole epoch milliseconds`)
    .min(0)
    .max(8_640_000_000_000_000);

const activityQuery = z
  .strictObject({
    user: z.string().trim().min(1).max(256).optional(),
    group: z.string().trim().min(1).max(128).optional(),
    from: epochMs('from'),
    to: epochMs('to'),
    reason: z
      .string({ error: 'say why you need this report (a case reference will do)' })
      .trim()
      .min(3, 'say why you need this report (a case reference will do)')
      .max(500),
    format: z.enum(['json', 'csv', 'pdf', 'html']).default('json'),
  })
  .superRefine((q, ctx) => {
    if ((q.user === undefined) === (q.group === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.user === undefined ? 'user' : 'group'],
        message: 'give either a user or a group (one of them)',
      });
    }
    if (q.to <= q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (q.to - q.from > MAX_REPORT_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `a report covers at most ${MAX_REPORT_DAYS} days: ask for a shorter period`,
      });
    }
  });

/**
 * The Reports page's API: the daily and weekly digests (JSON for the page's charts, or CSV
 * and PDF files) and on-demand activity reports on a person or a group. Roles with
 * `reports.read` (DSL, deputy, head) get digests with names, and that read is audited;
 * roles with only `reports.aggregate` (governors, the bursar, IT) get them without names.
 * Activity reports need `activity.read` and a reason, are audited by `buildActivityReport`
 * before anything is read, and reach only a teacher's own classes.
 */
export function reportsRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const { store, config } = context;
  const timezone = config.policy.timezone;
  const schoolName = config.school.name;
  const policyGroups = new Set(config.policy.groups.map((g) => g.id));

  app.get('/api/reports/digest', async (request, reply) => {
    const staff = requireStaff(request);
    const names = can(staff.user.role, 'reports.read');
    if (!names) requireStaff(request, 'reports.aggregate');
    const query = parseInput(digestQuery, request.query, 'digest request');
    const period = digestPeriod(
      query.kind,
      query.day ?? yesterday(timezone, context.now()),
      timezone,
    );
    const file = `digest-${period.kind}-${period.day}${names ? '' : '-without-names'}`;
    if (!names) {
      const digest = withoutNames(await buildDigest(store, period));
      if (query.format === 'json') return reply.header('cache-control', 'no-store').send(digest);
      const doc = digestDocumentWithoutNames(digest, { schoolName });
      return query.format === 'csv'
        ? download(reply, `${file}.csv`, CSV, `\ufeff${reportCsv(doc)}`)
        : download(reply, `${file}.pdf`, PDF, await renderReportPdf(doc));
    }
    // The digest names pupils: the read goes on the audit trail before the store is read.
    const digest = await withAuditedRead(
      store.db,
      {
        actor: actorOf(staff),
        action: 'digest.read',
        targetKind: 'report',
        target: period.id,
        clientAddress: request.ip,
        details: { format: query.format },
      },
      context.now,
      () => buildDigest(store, period),
    );
    if (query.format === 'json') {
      return reply.header('cache-control', 'no-store').send({ ...digest, namesLeftOut: false });
    }
    return query.format === 'csv'
      ? download(reply, `${file}.csv`, CSV, `\ufeff${digestCsv(digest)}`)
      : download(reply, `${file}.pdf`, PDF, await digestPdf(digest, { schoolName }));
  });

  app.get('/api/reports/activity', async (request, reply) => {
    const staff = requireStaff(request, 'activity.read');
    const query = parseInput(activityQuery, request.query, 'report request');
    const subject: ActivitySubject =
      query.user === undefined ? { group: query.group! } : { user: query.user };
    // The hours the report will cover (it rounds out to whole hours, as the rollups count).
    const period = {
      fromMs: query.from - (query.from % HOUR_MS),
      toMs: Math.ceil(query.to / HOUR_MS) * HOUR_MS,
    };
    const { classes } = scopeOf(staff.user.role, staff.user.classes);
    if (classes !== null) {
      const allowed =
        'group' in subject
          ? classes.includes(subject.group)
          : await seenInClasses(store.db, subject.user, classes, period);
      if (!allowed) throw notYourClasses(classes);
    }
    if ('group' in subject && !policyGroups.has(subject.group)) {
      const known = [...policyGroups].join(', ');
      throw new Problem(
        'invalid',
        'No such policy group',
        `group: '${subject.group}' is not a policy group; group reports cover one of: ${known}.`,
        { errors: [{ path: 'group', message: `not a policy group (one of: ${known})` }] },
      );
    }
    const report = await buildActivityReport(store, {
      subject,
      period,
      actor: actorOf(staff),
      reason: query.reason,
      clientAddress: request.ip,
      timezone,
      now: context.now,
    });
    const local = createLocalClock(timezone);
    const name = 'user' in subject ? `user-${subject.user}` : `group-${subject.group}`;
    const file = safeFileName(
      `activity-${name}-${local(period.fromMs).date}-to-${local(period.toMs - 1).date}`,
    );
    switch (query.format) {
      case 'json':
        return reply.header('cache-control', 'no-store').send(report);
      case 'csv':
        return download(reply, `${file}.csv`, CSV, `\ufeff${activityCsv(report)}`);
      case 'pdf':
        return download(reply, `${file}.pdf`, PDF, await activityPdf(report));
      case 'html':
        // Shown in a tab to read or print. Everything in it is escaped by the renderer; the
        // policy makes sure nothing in it could run even if that ever failed.
        return reply
          .header('cache-control', 'no-store')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .header('x-content-type-options', 'nosniff')
          .type('text/html; charset=utf-8')
          .send(renderActivityHtml(report));
    }
  });
}

const CSV = 'text/csv; charset=utf-8';
const PDF = 'application/pdf';

/** A file the browser saves rather than shows; never cached, as it holds people's records. */
function download(reply: FastifyReply, name: string, type: string, body: string | Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/** A file name of letters, digits, dots, hyphens and underscores only (no header injection). */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

/** The local date before today in `timezone` (a calendar day, not 24 hours: clocks change). */
function yesterday(timezone: string, nowMs: number): string {
  const today = createLocalClock(timezone)(nowMs).date;
  return new Date(parseDate(today) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whether a person was in one of `classes` in the period: their own requests there (one
 * range of the `(username, time_ms)` index; distinct group lists are few), else an alert
 * about them active then. Someone with no trace in the classes is not the teacher's to see.
 */
async function seenInClasses(
  db: Kysely<Database>,
  username: string,
  classes: readonly string[],
  period: Period,
): Promise<boolean> {
  if (classes.length === 0) return false;
  const inClasses = (groups: string) =>
    (JSON.parse(groups) as string[]).some((g) => classes.includes(g));
  const events = await db
    .selectFrom('events')
    .select('groups')
    .distinct()
    .where('username', '=', username)
    .where('time_ms', '>=', period.fromMs)
    .where('time_ms', '<', period.toMs)
    .limit(100)
    .execute();
  if (events.some((e) => inClasses(e.groups))) return true;
  const alerts = await db
    .selectFrom('alerts')
    .select('groups')
    .where('username', '=', username)
    .where('first_ms', '<', period.toMs)
    .where('last_ms', '>=', period.fromMs)
    .limit(100)
    .execute();
  return alerts.some((a) => inClasses(a.groups));
}

function notYourClasses(classes: readonly string[]): Problem {
  const yours = classes.length === 0 ? 'none are set for you' : classes.join(', ');
  return new Problem(
    'forbidden',
    'Not one of your classes',
    `Teachers can see reports on their own classes and the pupils in them only (your classes: ${yours}), and this person or group had no activity in them in this period. Ask the DSL if you need this report.`,
  );
}
