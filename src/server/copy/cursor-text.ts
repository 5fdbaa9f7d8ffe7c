/*
 * The text under copy mode's cursor or the mouse, for the formats copy_cursor_word,
 * copy_cursor_line, mouse_word and mouse_line (tmux's format_grid_word and format_grid_line for all four): the word around a
 * cell — back to a word separator or space, then on to the next, across lines the
 * terminal wrapped — and a line's text up to its last non-blank. Pure over a CopySource.
 */
import { contentWidth, lineCells, type CopySource, type Pos } from './source.js';

/** The word at `at` (empty on a separator or a space). */
export function wordAt(src: CopySource, at: Pos, cols: number, separators: string): string {
  const stop = (c: string) => c === '' || c === ' ' || separators.includes(c);
  let { line, col } = at;
  let cells = lineCells(src, line, cols);
  // Back to the cell before the word (or the start of the first line it wraps from).
  let found = false;
  for (;;) {
    if (stop(cells[col] ?? ' ')) {
      found = cells[col] !== '';
      if (cells[col] === '') return '';
      break;
    }
    if (col === 0) {
      if (line === 0 || !src.line(line)?.wrapped) break;
      line--;
      cells = lineCells(src, line, cols);
      col = contentWidth(cells);
      if (col === 0) break;
    }
    col--;
  }
  let word = '';
  for (;;) {
    if (found) {
      const end = contentWidth(cells);
      if (end === 0 || col === end - 1) {
        if (line + 1 >= src.length() || !src.line(line + 1)?.wrapped) break;
        line++;
        cells = lineCells(src, line, cols);
        col = 0;
      } else col++;
    }
    found = true;
    const c = cells[col] ?? ' ';
    if (stop(c)) break;
    word += c;
  }
  return word;
}

/** Line `line`'s text, trailing blanks left out. */
export function lineText(src: CopySource, line: number, cols: number): string {
  const cells = lineCells(src, line, cols);
  return cells.slice(0, contentWidth(cells)).join('');
}
