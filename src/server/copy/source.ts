/*
 * What copy mode reads: a pane's lines, numbered 0 … length()−1 from the oldest kept
 * history line to the last screen row, and positions in them.
 *
 *   Pos          { line, col }: an absolute line number and a cell column (a wide
 *                character's two cells are col and col+1; the second one is '')
 *   CopySource   the interface search, selection and word motions are written against;
 *                PaneHistory (history.ts) is one, altSource() shows the alternate screen
 *                (which has no history) the same way
 *
 * Positions are absolute so that output arriving during copy mode does not move them;
 * whoever holds them shifts them down when `evicted` grows (oldest lines dropped).
 */
import { Grid } from '../../render/grid.js';
import { paintTerminal } from '../../render/paint-terminal.js';
import type { LineText } from '../history/pane-history.js';
import type { HeadlessTerminal } from '../../render/xterm.js';

export interface Pos {
  line: number;
  col: number;
}

export interface CopySource {
  length(): number;
  historySize(): number;
  line(i: number): LineText | undefined;
  cellsText(i: number, from: number, to: number): string;
  paintLine(grid: Grid, i: number, x: number, y: number, cols: number): void;
  readonly evicted: number;
}

/** The alternate screen as a CopySource: its rows only, nothing ever evicted. */
export function altSource(term: HeadlessTerminal): CopySource {
  const buf = () => term.buffer.alternate;
  return {
    length: () => term.rows,
    historySize: () => 0,
    line(i) {
      const l = buf().getLine(i);
      return l ? { text: l.translateToString(true), wrapped: l.isWrapped } : undefined;
    },
    cellsText(i, from, to) {
      const l = buf().getLine(i);
      return l ? l.translateToString(false, Math.max(0, from), Math.min(to, term.cols)) : '';
    },
    paintLine(grid, i, x, y, cols) {
      paintTerminal(grid, term, { x, y, cols, rows: 1 }, i);
    },
    evicted: 0,
  };
}

/** -1, 0 or 1 as a is before, at or after b. */
export function comparePos(a: Pos, b: Pos): number {
  return a.line !== b.line ? Math.sign(a.line - b.line) : Math.sign(a.col - b.col);
}

let scratch: Grid | null = null;

/**
 * Line `i` as `cols` cells of text: ' ' for a blank, '' for the second cell of a wide
 * character. Painted the way the screen shows it, so columns always agree with it.
 */
export function lineCells(src: CopySource, i: number, cols: number): string[] {
  if (!scratch || scratch.cols !== cols) scratch = new Grid(cols, 1);
  scratch.clear();
  src.paintLine(scratch, i, 0, 0, cols);
  const out: string[] = new Array(cols);
  for (let x = 0; x < cols; x++) out[x] = scratch.char(x);
  return out;
}

/** The width of a line's cells without its trailing blanks. */
export function contentWidth(cells: readonly string[]): number {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === ' ') end--; // a '' is the second half of a wide char: content
  return end;
}

/** Does line `i` continue on the next line (the next one is wrapped)? */
export function continues(src: CopySource, i: number): boolean {
  return i + 1 < src.length() && src.line(i + 1)?.wrapped === true;
}
