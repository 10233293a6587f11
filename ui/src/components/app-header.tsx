import { useState } from 'react';
import { useSession } from '../app/use-session.js';
import { ROLE_LABELS } from '../labels/role-labels.js';
import { MainNav } from './main-nav.js';

/** The top bar: product and school name, the main nav, and who is signed in with "Sign out". */
export function AppHeader({ currentPath }: { readonly currentPath: string }) {
  const { session, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const { user, school } = session;

  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__product">Schoolgate</span>
        <span className="app-header__school">{school.name}</span>
      </div>
      <MainNav currentPath={currentPath} />
      <div className="app-header__user">
        <p className="app-header__who">
          <span className="app-header__name">{user.displayName}</span>
          <span className="app-header__role">{ROLE_LABELS[user.role] ?? user.role}</span>
        </p>
        <button
          type="button"
          className="button button--quiet"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            void signOut().finally(() => setSigningOut(false));
          }}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}
