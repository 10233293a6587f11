import type { RecipientRef } from '../api/settings-api.js';
import type { Role } from '../api/types.js';
import { ROLE_LABELS } from '../labels/role-labels.js';

/** `role:dsl` as "Designated safeguarding lead (everyone with the role)"; a staff id as it is. */
function refWords(ref: string): string {
  if (!ref.startsWith('role:')) return ref;
  const role = ref.slice(5);
  return `${ROLE_LABELS[role as Role] ?? role} (role)`;
}

/**
 * Who a route or the digests reach: each `to` entry with the people it names now, and a
 * warning when it names nobody (a role no one in `monitor.staff` holds), since then those
 * alerts reach no one by e-mail.
 */
export function RecipientList({ refs }: { readonly refs: readonly RecipientRef[] }) {
  return (
    <ul className="settings-recipients">
      {refs.map((entry) => (
        <li key={entry.ref}>
          {entry.ref.startsWith('role:') && (
            <span className="settings-recipients__role">{refWords(entry.ref)}: </span>
          )}
          {entry.members.length === 0 ? (
            <span className="settings-recipients__nobody">
              {entry.ref.startsWith('role:')
                ? 'nobody (add them to monitor.staff)'
                : `${entry.ref}: not in monitor.staff`}
            </span>
          ) : (
            entry.members.map((member, i) => (
              <span key={member.id}>
                {i > 0 && ', '}
                {member.name} <span className="settings-muted">&lt;{member.email}&gt;</span>
                {member.classes !== null && (
                  <span className="settings-muted"> (only {member.classes.join(', ')})</span>
                )}
              </span>
            ))
          )}
        </li>
      ))}
    </ul>
  );
}
