/*
 * Copying a pane's xterm buffer into a region of the composed Grid.
 *
 * This runs for every pane of every frame, so it reads the buffer through one reused
 * IBufferCell, decodes its colours and attributes from xterm's packed words in one go
 * (xterm.ts: not eleven method calls a cell), and writes straight into the Grid's typed
 * arrays. The visible lines of
 * the active buffer (normal or alternate) are copied from `viewportY` on; the rect
 * clips what does not fit and blanks what the terminal does not cover. A wide char
 * cut by the rect's right edge becomes a blank in its colours. Underline style and colour
 * and hyperlinks, which xterm's API does not give, are read through xterm.ts.
 */

import type { IBufferCell, IBufferLine, Terminal } from '@xterm/headless';
import type { Grid } from './grid.js';
import { linkOf } from './links.js';
import { cellBgWord, cellExtended, cellFgWord, hasExtended, underlineColourOf, underlineStyleOf, wordColour, wordFlags, type HeadlessTerminal } from './xterm.js';
import { DEFAULT_COLOR, withUnderline, type Rect } from './style.js';

const SPACE = 0x20;

/**
 * Paint the visible part of `term`'s active buffer into `rect` of `grid`. `viewportY` is
 * the first buffer line to show (default: the terminal's own viewport, i.e. following
 * output); pass a smaller one to show scrollback.
 */
export function paintTerminal(grid: Grid, term: Terminal, rect: Rect, viewportY?: number): void {
  const buffer = term.buffer.active;
  const top = viewportY ?? buffer.viewportY;
  const span = Math.min(rect.cols, grid.cols - rect.x);
  const cols = Math.min(span, term.cols);
  const rows = Math.min(rect.rows, grid.rows - rect.y);
  const cell: IBufferCell = buffer.getNullCell();
  for (let r = 0; r < rows; r++) {
    const line = r < term.rows ? buffer.getLine(top + r) : undefined;
    paintLine(grid, rect.x, rect.y + r, line, cols, span, cell, term as HeadlessTerminal);
  }
}

/**
 * Paint one buffer line into row `y` of `grid` from column `x0`: its first `cols` cells,
 * then blanks up to `span` columns (all blanks when `line` is undefined). `cell` is a
 * scratch IBufferCell of the line's buffer, `term` its terminal (for its hyperlinks).
 */
export function paintLine(grid: Grid, x0: number, y: number, line: IBufferLine | undefined, cols: number, span: number, cell: IBufferCell, term: HeadlessTerminal): void {
  let c = 0;
  let afterWide = false;
  if (line) {
    for (; c < cols; c++) {
      if (!line.getCell(c, cell)) break;
      const width = cell.getWidth();
      if (width === 0) {
        // A wide char's trailing half was written with it; a stray zero-width cell is a blank.
        if (!afterWide) grid.setCell(x0 + c, y, SPACE, 1, DEFAULT_COLOR, DEFAULT_COLOR, 0);
        afterWide = false;
        continue;
      }
      afterWide = width === 2;
      const fw = cellFgWord(cell);
      const bw = cellBgWord(cell);
      const fg = wordColour(fw);
      const bg = wordColour(bw);
      let flags = wordFlags(fw, bw);
      let ul = DEFAULT_COLOR;
      let link = 0;
      if (hasExtended(bw)) {
        // Underline style and colour, hyperlink (not IBufferCell.isUnderline(): it says
        // every linked cell is underlined).
        const ext = cellExtended(cell);
        const underline = underlineStyleOf(fw, ext);
        flags = withUnderline(flags, underline);
        if (underline) ul = underlineColourOf(ext);
        if (ext?.urlId) link = linkOf(term, ext.urlId);
      }
      if (width === 2 && c + 1 >= cols) {
        grid.setCell(x0 + c, y, SPACE, 1, fg, bg, flags, ul, link);
        continue;
      }
      const chars = cell.getChars();
      grid.setCell(x0 + c, y, chars.length === 0 ? SPACE : chars, width, fg, bg, flags, ul, link);
    }
  }
  for (; c < span; c++) grid.setCell(x0 + c, y, SPACE, 1, DEFAULT_COLOR, DEFAULT_COLOR, 0);
}
