/**
 * What an audit record can be about, for the audit page's "Kind" filter.
 * NOTE: keep in sync with AUDIT_TARGET_KINDS in src/casework/audit/append-audit.ts (the
 * API has no endpoint listing them; an unknown kind is refused with `invalid`).
 */
export const AUDIT_TARGET_KINDS: readonly string[] = Object.freeze([
  'alert',
  'archive',
  'audit',
  'exception',
  'group',
  'hold',
  'lists',
  'notice',
  'person',
  'policy',
  'report',
  'retention',
  'role',
  'sar',
  'settings',
  'site',
]);
