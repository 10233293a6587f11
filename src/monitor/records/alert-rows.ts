import type { Selectable } from 'kysely';
import type { AlertEvidenceTable, AlertsTable } from '../../store/schema.js';
import type { Alert, AlertEvidence, AlertKind } from '../alert.js';
import type { AlertOutcome, AlertState } from '../alert-state.js';
import type { RiskLevel } from '../risk-level.js';

/** An alert as its row: the workflow state flattened into `state` and `state_*`. */
export function alertToRow(alert: Alert): AlertsTable {
  const state = alert.state;
  return {
    id: alert.id,
    fold_key: alert.foldKey,
    kind: alert.kind,
    category: alert.category,
    level: alert.level,
    base_level: alert.baseLevel,
    title: alert.title,
    username: alert.subject.user,
    groups: JSON.stringify(alert.subject.groups),
    device: alert.subject.device,
    client_address: alert.subject.clientAddress,
    first_ms: alert.firstMs,
    last_ms: alert.lastMs,
    count: alert.count,
    expected: alert.expected,
    state: state.kind,
    state_by: state.kind === 'new' ? null : state.by,
    state_ms: state.kind === 'new' ? null : state.atMs,
    outcome: state.kind === 'closed' ? state.outcome : null,
    case_ref: state.kind === 'escalated' ? state.caseRef : null,
    state_note: state.kind === 'closed' || state.kind === 'escalated' ? state.note : null,
  };
}

/** The row back as an `Alert`. */
export function alertFromRow(row: Selectable<AlertsTable>): Alert {
  return {
    id: row.id,
    foldKey: row.fold_key,
    kind: row.kind as AlertKind,
    category: row.category,
    level: row.level as RiskLevel,
    baseLevel: row.base_level as RiskLevel,
    title: row.title,
    subject: {
      user: row.username,
      groups: JSON.parse(row.groups) as string[],
      device: row.device,
      clientAddress: row.client_address,
    },
    firstMs: row.first_ms,
    lastMs: row.last_ms,
    count: row.count,
    expected: row.expected,
    state: stateFromRow(row),
  };
}

function stateFromRow(row: Selectable<AlertsTable>): AlertState {
  const by = row.state_by ?? '';
  const atMs = row.state_ms ?? 0;
  switch (row.state) {
    case 'new':
      return { kind: 'new' };
    case 'acknowledged':
      return { kind: 'acknowledged', by, atMs };
    case 'closed':
      return {
        kind: 'closed',
        by,
        atMs,
        outcome: row.outcome as AlertOutcome,
        note: row.state_note ?? '',
      };
    case 'escalated':
      return {
        kind: 'escalated',
        by,
        atMs,
        caseRef: row.case_ref ?? '',
        note: row.state_note ?? '',
      };
  }
}

export function evidenceToRow(alertId: string, evidence: AlertEvidence): AlertEvidenceTable {
  return {
    alert_id: alertId,
    event_id: evidence.eventId,
    time_ms: evidence.timeMs,
    url: evidence.url,
    action: evidence.action,
    search_terms: evidence.searchTerms,
    phrases: JSON.stringify(evidence.phrases),
    snippet: evidence.snippet,
  };
}

export function evidenceFromRow(row: Selectable<AlertEvidenceTable>): AlertEvidence {
  return {
    eventId: row.event_id,
    timeMs: row.time_ms,
    url: row.url,
    action: row.action,
    searchTerms: row.search_terms,
    phrases: JSON.parse(row.phrases) as string[],
    snippet: row.snippet,
  };
}
