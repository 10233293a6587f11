import type { StaffRole } from '../config/monitor-config.js';

/**
 * What a signed-in member of staff may do. One table, here, for every endpoint: a route
 * names the permission it needs and `can` answers. Scopes that depend on the data (a
 * teacher's classes, a reason for IT) are in `AccessScope`.
 */
export type Permission =
  | 'alerts.read'
  | 'alerts.change'
  | 'activity.read'
  | 'reports.read'
  | 'reports.aggregate'
  | 'policy.read'
  | 'policy.change'
  | 'lists.read'
  | 'settings.read'
  | 'settings.change'
  | 'users.read'
  | 'users.change'
  | 'audit.read'
  | 'health.read'
  | 'names.read';

/**
 * The roles of the schools' policies and what each may do:
 * - `dsl`, `deputy_dsl`: everything safeguarding: alerts, people's activity, reports, the
 *   audit trail; they read the policy and users but IT changes them.
 * - `head`: alerts and reports (for oversight), the audit trail, the policy.
 * - `bursar`: aggregate reports and the decision log, no pupil names.
 * - `it_admin`: the policy, lists, settings, users and the gateway's health; a person's
 *   records only with a stated reason (`reasonForPeople`), and never the alert queue.
 * - `teacher`: their classes' alerts (acknowledge, close, escalate) and activity.
 * - `governor`: aggregates and the record of decisions and checks, no pupil names.
 */
const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = Object.freeze({
  dsl: [
    'alerts.read',
    'alerts.change',
    'activity.read',
    'reports.read',
    'reports.aggregate',
    'policy.read',
    'lists.read',
    'users.read',
    'audit.read',
    'health.read',
    'names.read',
  ],
  deputy_dsl: [
    'alerts.read',
    'alerts.change',
    'activity.read',
    'reports.read',
    'reports.aggregate',
    'policy.read',
    'lists.read',
    'users.read',
    'audit.read',
    'health.read',
    'names.read',
  ],
  head: [
    'alerts.read',
    'activity.read',
    'reports.read',
    'reports.aggregate',
    'policy.read',
    'audit.read',
    'health.read',
    'names.read',
  ],
  bursar: ['reports.aggregate', 'policy.read'],
  it_admin: [
    'activity.read',
    'reports.aggregate',
    'policy.read',
    'policy.change',
    'lists.read',
    'settings.read',
    'settings.change',
    'users.read',
    'users.change',
    'audit.read',
    'health.read',
    'names.read',
  ],
  teacher: ['alerts.read', 'alerts.change', 'activity.read', 'names.read'],
  governor: ['reports.aggregate', 'policy.read'],
});

/** Limits on what a permission reaches, by role. */
export interface AccessScope {
  /** Only people in these groups (a teacher's classes); null: everyone. */
  readonly classes: readonly string[] | null;
  /** A person's records need a stated reason (IT reads them only for a purpose). */
  readonly reasonForPeople: boolean;
}

/** The permissions a role has, for the session response and the UI's navigation. */
export function permissionsOf(role: StaffRole): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** Whether `role` may do `permission`. */
export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The data limits of a member of staff (a teacher's classes, IT's reasons). */
export function scopeOf(role: StaffRole, classes: readonly string[]): AccessScope {
  return {
    classes: role === 'teacher' ? classes : null,
    reasonForPeople: role === 'it_admin',
  };
}
