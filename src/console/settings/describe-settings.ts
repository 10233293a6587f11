import type { SchoolgateConfig } from '../../config/config-schema.js';
import type { StaffMember } from '../../config/monitor-config.js';
import { CATEGORY_BY_ID } from '../../engine/categories/category-catalogue.js';
import { membersOf } from '../../monitor/routing/route-alert.js';
import type { SchoolCaSummary } from './read-school-ca.js';

/** A member of staff as the routing table names them. */
interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** The classes they are limited to (a teacher), or null: everyone's alerts. */
  readonly classes: readonly string[] | null;
}

/** Facts that are not in the config: counted in the store, read from the CA folder. */
export interface SettingsFacts {
  /** Legal holds not yet released. */
  readonly holdsInForce: number;
  readonly certificate: SchoolCaSummary | null;
}

/**
 * The settings in force, as the Settings page shows them: what `schoolgate.yaml` says (with
 * its defaults) for e-mail, alert routing, digests, retention and HTTPS inspection, and the
 * school CA's public facts. Every section names the config key that changes it.
 *
 * Secrets never appear: not the SMTP password (only whether a sign-in is set), not the
 * webhooks' signing secrets or their URLs' paths and queries (a Teams or Slack webhook's
 * path is itself the secret), not the CA's key. Pure.
 *
 * ### Examples
 * ```ts
 * const view = describeSettings(config, { holdsInForce: 2, certificate });
 * view.email.smtp?.authSet; // true, never the password
 * ```
 */
export function describeSettings(config: SchoolgateConfig, facts: SettingsFacts) {
  const { monitor, retention, gateway } = config;
  const staff = monitor.staff;
  const smtp = monitor.email.smtp;
  const labelOf = (id: string) =>
    config.categories.find((c) => c.id === id)?.label ?? CATEGORY_BY_ID.get(id)?.label ?? id;
  const recipientsOf = (refs: readonly string[]) =>
    refs.map((ref) => ({
      ref,
      label: refLabel(ref),
      members: membersOf([ref], staff).map(recipient),
    }));
  return {
    school: config.school.name,
    timezone: config.policy.timezone,
    configFile: 'schoolgate.yaml',
    email: {
      configKey: 'monitor.email',
      smtp:
        smtp === undefined
          ? null
          : {
              host: smtp.host,
              port: smtp.port,
              secure: smtp.secure,
              requireTls: smtp.requireTls,
              authSet: smtp.user !== undefined,
            },
      from: monitor.email.from,
      consoleUrl: monitor.consoleUrl ?? null,
    },
    alerts: {
      configKey: 'monitor.routes',
      enabled: monitor.enabled,
      staff: staff.map(recipient),
      routes: monitor.routes.map((route) => ({
        minLevel: route.minLevel,
        categories:
          route.categories === undefined
            ? null
            : route.categories.map((id) => ({ id, label: labelOf(id) })),
        to: recipientsOf(route.to),
        immediate: route.immediate,
      })),
      quietHours: monitor.quietHours ?? null,
      perRecipientPerHour: monitor.perRecipientPerHour,
      webhooks: monitor.webhooks.map((hook) => ({
        name: hook.name,
        origin: new URL(hook.url).origin,
        minLevel: hook.minLevel,
        signed: true,
      })),
      delivery: monitor.delivery,
    },
    digests: {
      configKey: 'monitor.digests',
      dailyAt: monitor.digests.dailyAt,
      weeklyOn: monitor.digests.weeklyOn,
      to: recipientsOf(monitor.digests.to),
    },
    retention: {
      configKey: 'retention',
      activeDays: retention.events.activeDays,
      archiveDays: retention.events.archiveDays,
      rollupDays: retention.rollups.days,
      safeguardingReviewYearsAfterBirth: retention.holds.safeguardingReviewYearsAfterBirth,
      hrYears: retention.holds.hrYears,
      dailyAt: retention.dailyAt,
      holdsInForce: facts.holdsInForce,
    },
    inspection: {
      configKey: 'gateway.inspection',
      enabled: gateway.inspection.enabled,
      exemptCategories: gateway.inspection.exemptCategories.map((id) => ({
        id,
        label: labelOf(id),
      })),
      exemptHosts: gateway.inspection.exemptHosts,
      uninspectedGroups: gateway.inspection.uninspectedGroups,
    },
    certificate:
      facts.certificate === null
        ? null
        : {
            subject: facts.certificate.subject,
            fingerprintSha256: facts.certificate.fingerprintSha256,
            serialNumber: facts.certificate.serialNumber,
            notBefore: facts.certificate.notBefore,
            notAfter: facts.certificate.notAfter,
            daysLeft: facts.certificate.daysLeft,
          },
  };
}

/** `GET /api/settings`. */
export type SettingsView = ReturnType<typeof describeSettings>;

function recipient(member: StaffMember): Recipient {
  return {
    id: member.id,
    name: member.name,
    email: member.email,
    classes: member.classes ?? null,
  };
}

/** `role:deputy_dsl` -> `everyone with the role deputy_dsl`; a staff id as it is. */
function refLabel(ref: string): string {
  return ref.startsWith('role:') ? `role ${ref.slice(5)}` : ref;
}
