import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/api.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Alert } from '../api/types.js';
import { useAnnounce } from '../app/use-announce.js';
import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { useSession } from '../app/use-session.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { navigate } from '../router/navigate.js';
import type { AlertActionKind } from './alert-actions.js';
import { AlertDetail } from './alert-detail.js';
import { AlertFilters } from './alert-filters.js';
import { type AlertQuery, AlertQueryCodec } from './alert-query.js';
import { AlertTable } from './alert-table.js';
import { CloseAlertDialog } from './close-alert-dialog.js';
import { describeQuery } from './describe-query.js';
import { EscalateAlertDialog } from './escalate-alert-dialog.js';
import { ShortcutsDialog } from './shortcuts-dialog.js';
import { ShortcutsHint } from './shortcuts-hint.js';
import { useTriageKeys } from './use-triage-keys.js';

/** Moves focus to an alert's row (its open button), scrolling it into view. */
function focusRow(id: string): void {
  const row = document.querySelector<HTMLElement>(`tr[data-alert-id="${CSS.escape(id)}"]`);
  row?.querySelector<HTMLElement>('.alert-row__open')?.focus();
  row?.scrollIntoView({ block: 'nearest' });
}

type OpenDialog =
  | { readonly kind: 'close'; readonly alert: Alert }
  | { readonly kind: 'escalate'; readonly alert: Alert }
  | { readonly kind: 'shortcuts' }
  | null;

/**
 * The alert queue and triage: filters kept in the address, the table, the open alert's
 * detail beside it (below it on narrow screens), the three workflow actions, and the
 * keyboard shortcuts. An action updates the row in place (it stays in view even if the
 * filters would now leave it out, so the DSL sees what she just did).
 */
export function AlertsPage({ params }: { readonly params: URLSearchParams }) {
  const heading = usePageHeading('Alerts');
  const { session, can } = useSession();
  const time = useTimeFormat();
  const announce = useAnnounce();
  const query = useMemo(() => AlertQueryCodec.read(params), [params]);
  const list = useApiData(AlertQueryCodec.listKey(query), (signal) =>
    api.alerts(AlertQueryCodec.toFilter(query), signal),
  );
  const alerts = list.data ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(query.id);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [latest, setLatest] = useState<Alert | undefined>(undefined);
  const [actionProblem, setActionProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [detailReload, setDetailReload] = useState(0);
  const [detailFocus, setDetailFocus] = useState(0);
  const canChange = can('alerts.change');

  // Keep a selection that exists: the open alert, else the first row.
  const selected = alerts.find((a) => a.id === selectedId) ?? null;
  useEffect(() => {
    if (list.data === undefined) return;
    if (selectedId === null || !list.data.some((a) => a.id === selectedId)) {
      setSelectedId(query.id ?? list.data[0]?.id ?? null);
    }
  }, [list.data, selectedId, query.id]);

  const go = (change: Partial<AlertQuery>, replace = true) =>
    navigate('/alerts', AlertQueryCodec.toParams({ ...query, ...change }), { replace });

  const open = (id: string) => {
    setSelectedId(id);
    setActionProblem(null);
    if (id !== query.id) go({ id }, false);
    setDetailFocus((n) => n + 1);
  };

  const move = (step: 1 | -1) => {
    if (alerts.length === 0) return;
    const index = alerts.findIndex((a) => a.id === selectedId);
    const next = alerts[Math.min(alerts.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
    if (next === undefined) return;
    setSelectedId(next.id);
    focusRow(next.id);
  };

  const dismiss = () => {
    if (query.id === null) return;
    const id = query.id;
    go({ id: null }, false);
    // The detail (and whatever in it had focus) is going: give focus back to its row.
    window.setTimeout(() => focusRow(selectedId ?? id), 0);
  };

  const changed = (alert: Alert, message: string) => {
    list.update((rows) => rows.map((row) => (row.id === alert.id ? alert : row)));
    setLatest(alert);
    setActionProblem(null);
    setDialog(null);
    announce(message);
  };

  const act = (kind: AlertActionKind, alert: Alert | null) => {
    if (alert === null || dialog !== null) return;
    if (!canChange) {
      announce('Your role can read alerts but not change them.');
      return;
    }
    if (kind === 'close') return setDialog({ kind: 'close', alert });
    if (kind === 'escalate') return setDialog({ kind: 'escalate', alert });
    if (alert.state.kind !== 'new') {
      announce(`This alert is already ${alert.state.kind}.`);
      return;
    }
    setBusy(true);
    api.acknowledge(alert.id).then(
      (updated) => {
        setBusy(false);
        changed(updated, `Alert acknowledged: ${updated.title}`);
      },
      (error: unknown) => {
        setBusy(false);
        const problem = ApiProblem.from(error);
        setActionProblem(problem);
        if (problem.code === 'conflict') refreshAfterConflict();
        if (query.id !== alert.id) announce(`Could not acknowledge: ${problem.title}`);
      },
    );
  };

  const refreshAfterConflict = () => {
    setLatest(undefined);
    setDetailReload((n) => n + 1);
    list.reload();
  };

  useTriageKeys({
    next: () => move(1),
    previous: () => move(-1),
    open: () => selected !== null && open(selected.id),
    acknowledge: () => act('acknowledge', selected),
    close: () => act('close', selected),
    escalate: () => act('escalate', selected),
    dismiss,
    help: () => setDialog({ kind: 'shortcuts' }),
  });

  const categories = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of list.data ?? []) seen.set(a.category, a.categoryLabel);
    return [...seen]
      .map(([id, label]) => ({ id, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [list.data]);
  const detailOpen = query.id !== null;

  return (
    <section className="page" aria-busy={list.loading}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Alerts
          </h1>
          <p className="page__subtitle">
            {session.user.role === 'teacher'
              ? 'Alerts about pupils in your classes, most urgent first.'
              : 'Most urgent first. Times are in the school’s timezone.'}
          </p>
        </div>
        <button type="button" className="button" onClick={list.reload} disabled={list.loading}>
          {list.loading && list.data !== undefined ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <AlertFilters
        query={query}
        categories={categories}
        classes={session.user.role === 'teacher' ? session.user.classes : null}
        onChange={(change) => go({ ...change, id: null })}
      />
      <ShortcutsHint onShow={() => setDialog({ kind: 'shortcuts' })} />
      {list.problem !== null && <ProblemMessage problem={list.problem} onRetry={list.reload} />}
      {actionProblem !== null && !detailOpen && <ProblemMessage problem={actionProblem} />}
      <div className={`triage${detailOpen ? ' triage--split' : ''}`}>
        <div className="triage__queue">
          {list.data === undefined && list.problem === null && <LoadingMessage what="alerts" />}
          {list.data !== undefined && alerts.length === 0 && (
            <p className="empty">
              No alerts match these filters.{' '}
              {query.state === 'open' ? 'Nothing is waiting for you.' : 'Try other filters.'}
            </p>
          )}
          {alerts.length > 0 && (
            <AlertTable
              alerts={alerts}
              summary={describeQuery(query)}
              selectedId={selectedId}
              openId={query.id}
              time={time}
              onOpen={open}
            />
          )}
        </div>
        {query.id !== null && (
          <AlertDetail
            id={query.id}
            fromList={alerts.find((a) => a.id === query.id)}
            latest={latest?.id === query.id ? latest : undefined}
            reloadToken={detailReload}
            focusToken={detailFocus}
            canChange={canChange}
            actionProblem={actionProblem}
            busy={busy}
            time={time}
            onAction={act}
            onDismiss={dismiss}
          />
        )}
      </div>
      <CloseAlertDialog
        alert={dialog?.kind === 'close' ? dialog.alert : null}
        onCancel={() => setDialog(null)}
        onClosed={(alert, outcome) => changed(alert, `Alert closed as ${outcome}: ${alert.title}`)}
      />
      <EscalateAlertDialog
        alert={dialog?.kind === 'escalate' ? dialog.alert : null}
        onCancel={() => setDialog(null)}
        onEscalated={(alert) => changed(alert, `Alert escalated: ${alert.title}`)}
      />
      <ShortcutsDialog open={dialog?.kind === 'shortcuts'} onClose={() => setDialog(null)} />
    </section>
  );
}
