/*
 * Things drawn over the composed screen: bordered boxes (the help overlay, popups,
 * confirm prompts) and a one-line message or prompt over the status line.
 *
 * A box is a frame of box-drawing chars with an optional title in its top edge and its
 * lines inside, one column of padding each side; lines that do not fit are cut.
 */

import { textWidth } from './cell-width.js';
import type { Grid } from './grid.js';
import { segmentsWidth } from './status-line.js';
import type { Rect, Segment, Style } from './style.js';

/** A box's content: each line plain text or a list of styled segments. */
export type BoxLines = readonly (string | readonly Segment[])[];

function toSegments(line: string | readonly Segment[]): readonly Segment[] {
  return typeof line === 'string' ? [{ text: line }] : line;
}

/** The size of the smallest box showing `title` and every line of `lines` uncut. */
export function boxSize(title: string, lines: BoxLines): { cols: number; rows: number } {
  let inner = title ? textWidth(title) + 2 : 0;
  for (const line of lines) inner = Math.max(inner, segmentsWidth(toSegments(line)) + 2);
  return { cols: inner + 2, rows: lines.length + 2 };
}

/** A rect of at most `cols` × `rows` centred in `grid`. */
export function centerRect(grid: Grid, cols: number, rows: number): Rect {
  const c = Math.min(cols, grid.cols);
  const r = Math.min(rows, grid.rows);
  return { x: (grid.cols - c) >> 1, y: (grid.rows - r) >> 1, cols: c, rows: r };
}

/**
 * Draw a box filling `rect` (clipped to the grid): frame and title in `borderStyle`
 * (default `style`), the inside filled with `style` and showing `lines` from the top.
 */
export function paintBox(
  grid: Grid,
  rect: Rect,
  title: string,
  lines: BoxLines,
  style: Style,
  borderStyle: Style = style,
): void {
  const x0 = Math.max(0, rect.x);
  const y0 = Math.max(0, rect.y);
  const cols = Math.min(grid.cols, rect.x + rect.cols) - x0;
  const rows = Math.min(grid.rows, rect.y + rect.rows) - y0;
  if (cols < 2 || rows < 2) return;
  const x1 = x0 + cols - 1;
  const y1 = y0 + rows - 1;
  grid.fillRect({ x: x0 + 1, y: y0 + 1, cols: cols - 2, rows: rows - 2 }, style);
  grid.fillRect({ x: x0 + 1, y: y0, cols: cols - 2, rows: 1 }, borderStyle, '─');
  grid.fillRect({ x: x0 + 1, y: y1, cols: cols - 2, rows: 1 }, borderStyle, '─');
  grid.fillRect({ x: x0, y: y0 + 1, cols: 1, rows: rows - 2 }, borderStyle, '│');
  grid.fillRect({ x: x1, y: y0 + 1, cols: 1, rows: rows - 2 }, borderStyle, '│');
  grid.writeText(x0, y0, '┌', borderStyle);
  grid.writeText(x1, y0, '┐', borderStyle);
  grid.writeText(x0, y1, '└', borderStyle);
  grid.writeText(x1, y1, '┘', borderStyle);
  if (title && cols >= 5) grid.writeText(x0 + 1, y0, ` ${title} `, borderStyle, cols - 2);
  const inner = cols - 4;
  if (inner <= 0) return;
  for (let i = 0; i < lines.length && i < rows - 2; i++) {
    grid.writeSegments(x0 + 2, y0 + 1 + i, toSegments(lines[i]), style, inner);
  }
}

/**
 * Show a one-line message or prompt on row `y` (usually the status line): the row filled
 * with `style` and the text from column 0, cut at the right edge. Returns the columns
 * used, where a prompt's cursor goes.
 */
export function paintMessage(grid: Grid, y: number, text: string | readonly Segment[], style: Style): number {
  grid.fillRect({ x: 0, y, cols: grid.cols, rows: 1 }, style);
  return grid.writeSegments(0, y, toSegments(text), style);
}
