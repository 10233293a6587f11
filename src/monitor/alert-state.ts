/**
 * Where an alert is in the DSL's workflow: new -> acknowledged -> closed (with an outcome),
 * or escalated to a case from new or acknowledged. A closed or escalated alert does not
 * move again (re-opening is a new alert that refers to it). Each state carries what that
 * step recorded, so an alert that is "closed" without an outcome cannot be built.
 */
export type AlertState =
  | { readonly kind: 'new' }
  | { readonly kind: 'acknowledged'; readonly by: string; readonly atMs: number }
  | {
      readonly kind: 'closed';
      readonly by: string;
      readonly atMs: number;
      readonly outcome: AlertOutcome;
      readonly note: string;
    }
  | {
      readonly kind: 'escalated';
      readonly by: string;
      readonly atMs: number;
      readonly caseRef: string;
      readonly note: string;
    };

/** How a closed alert ended. Stored: add values, never rename. */
export type AlertOutcome = 'no-concern' | 'handled-in-school' | 'false-positive' | 'duplicate';

export const ALERT_OUTCOMES: readonly AlertOutcome[] = [
  'no-concern',
  'handled-in-school',
  'false-positive',
  'duplicate',
];

/** A change someone asks for; `why` is required for every change (it is audited). */
export type AlertChange =
  | { readonly kind: 'acknowledge'; readonly by: string; readonly atMs: number }
  | {
      readonly kind: 'close';
      readonly by: string;
      readonly atMs: number;
      readonly outcome: AlertOutcome;
      readonly why: string;
    }
  | {
      readonly kind: 'escalate';
      readonly by: string;
      readonly atMs: number;
      readonly caseRef: string;
      readonly why: string;
    };

/** The new state, or why the change is not allowed from this one. */
export type AlertTransition =
  | { readonly ok: true; readonly state: AlertState }
  | { readonly ok: false; readonly problem: string };

/**
 * Applies a workflow change to an alert's state. Pure: the caller stores the result and
 * audits it (who, what, why).
 *
 * ### Examples
 * ```ts
 * const t = applyAlertChange({ kind: 'new' }, { kind: 'acknowledge', by: 'dsl', atMs: now });
 * if (t.ok) save(t.state); else reply(400, t.problem);
 * ```
 */
export function applyAlertChange(state: AlertState, change: AlertChange): AlertTransition {
  if (state.kind === 'closed' || state.kind === 'escalated') {
    return { ok: false, problem: `the alert is already ${state.kind}` };
  }
  if (change.by.trim() === '') return { ok: false, problem: 'who made the change is required' };
  switch (change.kind) {
    case 'acknowledge':
      if (state.kind === 'acknowledged') {
        return { ok: false, problem: `already acknowledged by ${state.by}` };
      }
      return { ok: true, state: { kind: 'acknowledged', by: change.by, atMs: change.atMs } };
    case 'close':
      if (change.why.trim() === '') return { ok: false, problem: 'closing needs a reason' };
      return {
        ok: true,
        state: {
          kind: 'closed',
          by: change.by,
          atMs: change.atMs,
          outcome: change.outcome,
          note: change.why,
        },
      };
    case 'escalate':
      if (change.caseRef.trim() === '') return { ok: false, problem: 'escalating needs a case' };
      if (change.why.trim() === '') return { ok: false, problem: 'escalating needs a reason' };
      return {
        ok: true,
        state: {
          kind: 'escalated',
          by: change.by,
          atMs: change.atMs,
          caseRef: change.caseRef,
          note: change.why,
        },
      };
  }
}
