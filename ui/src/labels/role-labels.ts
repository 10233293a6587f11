import type { Role } from '../api/types.js';

/** Each role in words, as the header shows it beside the signed-in name. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = Object.freeze({
  dsl: 'Designated safeguarding lead',
  deputy_dsl: 'Deputy safeguarding lead',
  head: 'Headteacher',
  bursar: 'Bursar',
  it_admin: 'IT administrator',
  teacher: 'Teacher',
  governor: 'Governor',
});
