import { useId } from 'react';
import type { PolicyRule } from '../api/policy-api.js';
import { ActionBadge } from './action-badge.js';
import type { CellDescription } from './describe-cell.js';
import { LockIcon } from './lock-icon.js';

/**
 * One cell of the policy grid: the action as a badge, a timed rule's words, and "changed in
 * the console" when it was. An editable cell is a button that opens the change dialog; any
 * other cell (mandatory, or a read-only role) is focusable itself, so arrow keys reach every
 * cell and focus shows its rule. Either way exactly one cell of the grid is in the Tab order
 * (`active`), and the focusable element carries the name "Games, Pupils: block (from the
 * policy file)" with the full source as its description.
 */
export function PolicyCell({
  rule,
  description,
  row,
  col,
  editable,
  active,
  onOpen,
}: {
  /** Undefined when the server sent no rule for this cell. */
  readonly rule: PolicyRule | undefined;
  readonly description: CellDescription | undefined;
  readonly row: number;
  readonly col: number;
  readonly editable: boolean;
  readonly active: boolean;
  readonly onOpen: () => void;
}) {
  const detailId = useId();
  const tabIndex = active ? 0 : -1;
  const place = { 'data-row': row, 'data-col': col };

  if (rule === undefined || description === undefined) {
    return (
      <td className="policy-cell policy-cell--missing" tabIndex={tabIndex} {...place}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">No rule was sent for this cell; reload the page.</span>
      </td>
    );
  }

  const content = (
    <>
      <span className="policy-cell__line">
        {rule.source === 'mandatory' && <LockIcon />}
        <ActionBadge action={rule.source === 'mandatory' ? 'block' : rule.action} />
      </span>
      {rule.action === 'timed' && <span className="policy-cell__rule">{rule.rule}</span>}
      {rule.source === 'console' && (
        <span className="policy-cell__source">changed in the console</span>
      )}
    </>
  );
  const detail = (
    <span id={detailId} className="visually-hidden">
      {description.detail}
    </span>
  );

  if (editable) {
    return (
      <td className={`policy-cell policy-cell--${rule.source}`}>
        <button
          type="button"
          className="policy-cell__button"
          tabIndex={tabIndex}
          aria-label={description.name}
          aria-describedby={detailId}
          aria-haspopup="dialog"
          title={description.detail}
          onClick={onOpen}
          {...place}
        >
          {content}
        </button>
        {detail}
      </td>
    );
  }
  return (
    <td
      className={`policy-cell policy-cell--${rule.source} policy-cell--fixed`}
      tabIndex={tabIndex}
      aria-label={description.name}
      aria-describedby={detailId}
      title={description.detail}
      {...place}
    >
      {content}
      {detail}
    </td>
  );
}
