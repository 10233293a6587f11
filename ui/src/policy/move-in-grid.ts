/** A cell's place in the grid: row (category) and column (group), from 0. */
export interface GridPosition {
  readonly row: number;
  readonly col: number;
}

/** The parts of a keyboard event that move the focus. */
export interface GridKey {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
}

/**
 * Where a key moves the focus in a grid of `rows` x `cols` cells, as in a spreadsheet:
 * arrows one cell (stopping at the edges), Home/End to the row's ends, Ctrl+Home/End to
 * the first and last cell, PageUp/PageDown five rows. Null for any other key, so the
 * caller leaves it to the browser (Enter, Tab, Space).
 *
 * ### Examples
 * ```ts
 * moveInGrid({ key: 'ArrowDown' }, { row: 0, col: 2 }, { rows: 19, cols: 4 }); // { row: 1, col: 2 }
 * ```
 */
export function moveInGrid(
  key: GridKey,
  at: GridPosition,
  size: { readonly rows: number; readonly cols: number },
): GridPosition | null {
  if (size.rows <= 0 || size.cols <= 0) return null;
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  const corner = key.ctrlKey === true || key.metaKey === true;
  const to = (row: number, col: number): GridPosition => ({
    row: Math.min(lastRow, Math.max(0, row)),
    col: Math.min(lastCol, Math.max(0, col)),
  });
  switch (key.key) {
    case 'ArrowUp':
      return to(at.row - 1, at.col);
    case 'ArrowDown':
      return to(at.row + 1, at.col);
    case 'ArrowLeft':
      return to(at.row, at.col - 1);
    case 'ArrowRight':
      return to(at.row, at.col + 1);
    case 'Home':
      return corner ? to(0, 0) : to(at.row, 0);
    case 'End':
      return corner ? to(lastRow, lastCol) : to(at.row, lastCol);
    case 'PageUp':
      return to(at.row - PAGE_ROWS, at.col);
    case 'PageDown':
      return to(at.row + PAGE_ROWS, at.col);
    default:
      return null;
  }
}

const PAGE_ROWS = 5;
