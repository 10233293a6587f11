import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import type { PolicyMatrix } from '../api/policy-api.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { CellInfo } from './cell-info.js';
import type { CellTarget } from './cell-target.js';
import { describeCell } from './describe-cell.js';
import { LockIcon } from './lock-icon.js';
import { matrixRows } from './matrix-rows.js';
import { type GridPosition, moveInGrid } from './move-in-grid.js';
import { PolicyCell } from './policy-cell.js';

/**
 * The category x group matrix as a grid: categories as rows (mandatory ones with a lock),
 * groups as columns, header row and first column sticky while the grid scrolls inside its
 * own box. One cell is in the Tab order at a time (roving tabindex); arrow keys, Home/End
 * and PageUp/PageDown move it, Enter opens an editable cell's dialog. The line above the
 * table says what the cell under the pointer, or else the focused cell, does and why.
 * A `<table role="grid">` so screen readers pass the arrow keys through and still read
 * the row and column headers.
 */
export function PolicyGrid({
  matrix,
  canChange,
  time,
  onEdit,
  onRefused,
}: {
  readonly matrix: PolicyMatrix;
  /** Whether the role may change cells (`policy.change`): editable cells are buttons. */
  readonly canChange: boolean;
  readonly time: TimeFormat;
  readonly onEdit: (target: CellTarget) => void;
  /** Enter on a cell that cannot be changed: the page says why. */
  readonly onRefused: (message: string) => void;
}) {
  const rows = useMemo(() => matrixRows(matrix), [matrix]);
  const descriptions = useMemo(
    () =>
      rows.map((row) =>
        row.rules.map((rule, col) => {
          const group = matrix.groups[col];
          return rule === undefined || group === undefined
            ? undefined
            : describeCell(row.category, group, rule, time.full);
        }),
      ),
    [rows, matrix.groups, time],
  );
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const [hovered, setHovered] = useState<GridPosition | null>(null);
  const [focused, setFocused] = useState<GridPosition | null>(null);
  const table = useRef<HTMLTableElement | null>(null);
  const helpId = useId();
  const size = { rows: rows.length, cols: matrix.groups.length };
  // After a reload with fewer rows or columns, the Tab stop stays on a cell that exists.
  const stop = {
    row: Math.min(active.row, Math.max(0, size.rows - 1)),
    col: Math.min(active.col, Math.max(0, size.cols - 1)),
  };

  const targetOf = ({ row, col }: GridPosition): CellTarget | null => {
    const line = rows[row];
    const group = matrix.groups[col];
    const rule = line?.rules[col];
    if (line === undefined || group === undefined || rule === undefined) return null;
    return { category: line.category, group, rule };
  };

  const focusCell = (at: GridPosition) => {
    const cell = table.current?.querySelector<HTMLElement>(
      `[data-row="${at.row}"][data-col="${at.col}"]`,
    );
    if (cell === null || cell === undefined) return;
    cell.focus({ preventScroll: true });
    // Keep the cell clear of the sticky header row and category column, whose sizes
    // depend on the labels: scroll padding as large as they are now.
    const box = table.current?.parentElement;
    const corner = table.current?.tHead?.rows[0]?.cells[0];
    if (box !== null && box !== undefined && corner !== undefined) {
      box.style.scrollPaddingTop = `${corner.offsetHeight}px`;
      box.style.scrollPaddingLeft = `${corner.offsetWidth}px`;
    }
    cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  const positionOf = (element: EventTarget | null): GridPosition | null => {
    if (!(element instanceof HTMLElement)) return null;
    const cell = element.closest<HTMLElement>('[data-row]');
    if (cell === null) return null;
    return { row: Number(cell.dataset['row']), col: Number(cell.dataset['col']) };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const at = positionOf(event.target);
    if (at === null || event.altKey) return;
    const next = moveInGrid(event, at, size);
    if (next !== null) {
      event.preventDefault();
      setActive(next);
      focusCell(next);
      return;
    }
    // Enter on a button is the browser's (a click); on any other cell, say why not.
    if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      const target = targetOf(at);
      if (target === null) return;
      onRefused(
        !canChange
          ? 'Your role can read the policy but not change it. Ask your IT administrator.'
          : `${target.category.label} is mandatory: it is blocked for everyone and cannot be changed here.`,
      );
    }
  };

  const shown = hovered ?? focused;
  const shownTarget = shown === null ? null : targetOf(shown);
  const shownDescription = shown === null ? undefined : descriptions[shown.row]?.[shown.col];

  return (
    <>
      <CellInfo target={shownTarget} description={shownDescription} canChange={canChange} />
      <p id={helpId} className="visually-hidden">
        Categories are rows, groups are columns.
        {canChange
          ? ' Arrow keys move between cells; Enter changes one. Mandatory categories are locked.'
          : ' Arrow keys move between cells. Your role can read the policy but not change it.'}
      </p>
      <div className="policy-grid">
        <table
          ref={table}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA data grid pattern: a real table (caption, headers) whose cells take focus and arrow keys.
          role="grid"
          className="policy-grid__table"
          aria-describedby={helpId}
          onKeyDown={onKeyDown}
          onFocus={(event) => {
            const at = positionOf(event.target);
            if (at === null) return;
            setActive(at);
            setFocused(at);
          }}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null);
          }}
          onMouseOver={(event) => {
            const at = positionOf(event.target);
            setHovered((was) => (samePlace(was, at) ? was : at));
          }}
          onMouseLeave={() => setHovered(null)}
        >
          <caption className="visually-hidden">Filter policy: categories by group</caption>
          <thead>
            <tr>
              <th scope="col" className="policy-grid__corner">
                Category
              </th>
              {matrix.groups.map((group) => (
                <th key={group.id} scope="col" className="policy-grid__group">
                  {group.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((line, row) => (
              <tr key={line.category.id}>
                <th scope="row" className="policy-grid__category">
                  <span className="policy-grid__category-label">{line.category.label}</span>
                  {line.category.mandatory && (
                    <span
                      className="policy-grid__mandatory"
                      title="Blocked for everyone by law or by the school's mandatory list. No one can change it here."
                    >
                      <LockIcon /> mandatory
                    </span>
                  )}
                </th>
                {line.rules.map((rule, col) => {
                  const group = matrix.groups[col];
                  return (
                    <PolicyCell
                      key={group?.id ?? col}
                      rule={rule}
                      description={descriptions[row]?.[col]}
                      row={row}
                      col={col}
                      editable={canChange && rule !== undefined && rule.source !== 'mandatory'}
                      active={row === stop.row && col === stop.col}
                      onOpen={() => {
                        const target = targetOf({ row, col });
                        if (target !== null) onEdit(target);
                      }}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function samePlace(a: GridPosition | null, b: GridPosition | null): boolean {
  return a === b || (a !== null && b !== null && a.row === b.row && a.col === b.col);
}
