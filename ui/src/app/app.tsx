import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api/api.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Permission, Session } from '../api/types.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { navigate } from '../router/navigate.js';
import { SignInPage } from '../sign-in/sign-in-page.js';
import { AppRoutes } from './app-routes.js';
import { SessionContext, type SessionValue } from './session-context.js';
import { useAnnounce } from './use-announce.js';

type AppState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'unreachable'; readonly problem: ApiProblem }
  | { readonly kind: 'signed-out'; readonly notice: string | null }
  | { readonly kind: 'signed-in'; readonly session: Session };

/**
 * The app's top: asks the server who is signed in, shows the sign-in page or the pages,
 * and returns to sign-in whenever a call finds the session gone (idle timeout, signed out
 * in another tab), keeping the address so signing in again lands on the same page.
 */
export function App() {
  const [state, setState] = useState<AppState>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const announce = useAnnounce();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    api.session(controller.signal).then(
      (session) => {
        setState(
          session === null ? { kind: 'signed-out', notice: null } : { kind: 'signed-in', session },
        );
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: 'unreachable', problem: ApiProblem.from(error) });
        }
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      api.onSignedOut(() =>
        setState({
          kind: 'signed-out',
          notice:
            'Your session has ended (it times out after a while without use). Sign in again to carry on.',
        }),
      ),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch {
      // Signed out already, or the server is away: either way this tab forgets the session.
    }
    navigate('/');
    setState({ kind: 'signed-out', notice: 'You have signed out.' });
  }, []);

  const value = useMemo<SessionValue | null>(() => {
    if (state.kind !== 'signed-in') return null;
    const permissions = new Set(state.session.permissions);
    return {
      session: state.session,
      can: (permission: Permission) => permissions.has(permission),
      signOut,
    };
  }, [state, signOut]);

  switch (state.kind) {
    case 'checking':
      return (
        <main className="app-status">
          <LoadingMessage what="the console" />
        </main>
      );
    case 'unreachable':
      return (
        <main className="app-status">
          <h1>Schoolgate console</h1>
          <ProblemMessage
            problem={state.problem}
            onRetry={() => {
              setState({ kind: 'checking' });
              setAttempt((n) => n + 1);
            }}
          />
        </main>
      );
    case 'signed-out':
      return (
        <SignInPage
          notice={state.notice}
          onSignedIn={(session) => {
            announce(`Signed in as ${session.user.displayName}.`);
            setState({ kind: 'signed-in', session });
          }}
        />
      );
    case 'signed-in':
      return (
        <SessionContext.Provider value={value}>
          <AppRoutes />
        </SessionContext.Provider>
      );
  }
}
