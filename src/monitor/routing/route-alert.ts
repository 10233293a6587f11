import type { AlertRoute, StaffMember } from '../../config/monitor-config.js';
import type { Alert } from '../alert.js';
import { isUrgent } from '../risk-level.js';

/** One person an alert goes to, and whether by e-mail at once or in the digest. */
export interface RoutedRecipient {
  readonly member: StaffMember;
  readonly immediate: boolean;
}

/**
 * Who hears of an alert: every route whose `minLevel` and categories match adds its
 * recipients (`role:<role>` or a staff id). A member with `classes` hears only of alerts
 * about people in those groups: a teacher receives their own classes' alerts and no one
 * else's, whatever a route says. Levels 4-5 are always sent at once; lower levels only on
 * routes marked `immediate`. Pure.
 *
 * ### Examples
 * ```ts
 * routeAlert(alert, staff, routes); // [{ member: dsl, immediate: true }, { member: teacher, immediate: false }]
 * ```
 */
export function routeAlert(
  alert: Pick<Alert, 'level' | 'category' | 'subject'>,
  staff: readonly StaffMember[],
  routes: readonly AlertRoute[],
): RoutedRecipient[] {
  const chosen = new Map<string, RoutedRecipient>();
  for (const route of routes) {
    if (alert.level < route.minLevel) continue;
    if (route.categories !== undefined && !route.categories.includes(alert.category)) continue;
    const immediate = route.immediate || isUrgent(alert.level);
    for (const member of membersOf(route.to, staff)) {
      if (!mayReceive(member, alert.subject.groups)) continue;
      const earlier = chosen.get(member.id);
      chosen.set(member.id, { member, immediate: immediate || (earlier?.immediate ?? false) });
    }
  }
  return [...chosen.values()];
}

/** The staff a list of `role:<role>` and staff ids names, each once, in config order. */
export function membersOf(refs: readonly string[], staff: readonly StaffMember[]): StaffMember[] {
  return staff.filter((member) =>
    refs.some((ref) =>
      ref.startsWith('role:')
        ? (member.roles as readonly string[]).includes(ref.slice(5))
        : ref === member.id,
    ),
  );
}

/** A member limited to classes hears only of people in them; unidentified people are in none. */
export function mayReceive(member: StaffMember, groups: readonly string[]): boolean {
  return member.classes === undefined || member.classes.some((c) => groups.includes(c));
}
