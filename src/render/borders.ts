/*
 * Pane borders: every cell of a window's area that no pane covers is a border cell,
 * drawn with the box-drawing char that joins it to its bordering neighbours
 * (│ ─ ┼ ├ ┤ ┬ ┴ ┌ ┐ └ ┘). Border cells touching the active pane, diagonals included,
 * take the active style, as tmux draws the frame around the current pane in green.
 * A pane's title can be written into the border line above it.
 */

import type { Grid } from './grid.js';
import { DEFAULT_COLOR, type Rect, type Segment, type Style } from './style.js';

/** How border cells look: around the active pane, and everywhere else. */
export interface BorderStyle {
  normal: Style;
  active: Style;
}

const UP = 1;
const DOWN = 2;
const LEFT = 4;
const RIGHT = 8;

/** Box-drawing code point for each combination of bordering neighbours. */
const JOINS: readonly number[] = (() => {
  const t = new Array<number>(16).fill(0x2500);
  const set = (dirs: number, ch: string): void => {
    t[dirs] = ch.codePointAt(0)!;
  };
  set(UP, '│');
  set(DOWN, '│');
  set(UP | DOWN, '│');
  set(DOWN | RIGHT, '┌');
  set(DOWN | LEFT, '┐');
  set(UP | RIGHT, '└');
  set(UP | LEFT, '┘');
  set(UP | DOWN | RIGHT, '├');
  set(UP | DOWN | LEFT, '┤');
  set(LEFT | RIGHT | DOWN, '┬');
  set(LEFT | RIGHT | UP, '┴');
  set(UP | DOWN | LEFT | RIGHT, '┼');
  return t;
})();

/**
 * Draw the borders of `area`: the cells outside every rect of `rects` (pane id → rect, in
 * grid coordinates). Cells next to `activePane`'s rect get `style.active`.
 */
export function paintBorders(
  grid: Grid,
  area: Rect,
  rects: ReadonlyMap<number, Rect>,
  activePane: number | undefined,
  style: BorderStyle,
): void {
  const { cols, rows } = area;
  if (cols <= 0 || rows <= 0) return;
  const covered = new Uint8Array(cols * rows);
  for (const r of rects.values()) markRect(covered, area, r);
  const active = new Uint8Array(cols * rows);
  const activeRect = activePane === undefined ? undefined : rects.get(activePane);
  if (activeRect) {
    const around = { x: activeRect.x - 1, y: activeRect.y - 1, cols: activeRect.cols + 2, rows: activeRect.rows + 2 };
    markRect(active, area, around);
  }
  const isBorder = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && x < cols && y < rows && covered[y * cols + x] === 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const i = y * cols + x;
      if (covered[i]) continue;
      let dirs = 0;
      if (isBorder(x, y - 1)) dirs |= UP;
      if (isBorder(x, y + 1)) dirs |= DOWN;
      if (isBorder(x - 1, y)) dirs |= LEFT;
      if (isBorder(x + 1, y)) dirs |= RIGHT;
      const s = active[i] ? style.active : style.normal;
      grid.setCell(area.x + x, area.y + y, JOINS[dirs], 1, s.fg ?? DEFAULT_COLOR, s.bg ?? DEFAULT_COLOR, s.flags ?? 0);
    }
  }
}

function markRect(mask: Uint8Array, area: Rect, r: Rect): void {
  const x0 = Math.max(0, r.x - area.x);
  const y0 = Math.max(0, r.y - area.y);
  const x1 = Math.min(area.cols, r.x + r.cols - area.x);
  const y1 = Math.min(area.rows, r.y + r.rows - area.y);
  for (let y = y0; y < y1; y++) mask.fill(1, y * area.cols + x0, y * area.cols + Math.max(x0, x1));
}

/**
 * Write `title` into the border line just above the pane at `rect`, one column in from
 * its left edge and padded with a space each side, clipped to the pane's width. Does
 * nothing when the pane has no border above it inside `area`. Returns columns written.
 */
export function paintBorderTitle(
  grid: Grid,
  area: Rect,
  rect: Rect,
  title: string | readonly Segment[],
  style: Style,
): number {
  const y = rect.y - 1;
  if (y < area.y || y >= area.y + area.rows || rect.cols < 4) return 0;
  const segments: readonly Segment[] = typeof title === 'string' ? [{ text: title }] : title;
  const x = rect.x + 1;
  const max = Math.min(rect.cols - 2, area.x + area.cols - x);
  let used = grid.writeText(x, y, ' ', style, max);
  used += grid.writeSegments(x + used, y, segments, style, max - used - 1);
  used += grid.writeText(x + used, y, ' ', style, max - used);
  return used;
}
