/*
 * Copy mode's motions to a character, a paragraph edge or a bracket, as tmux 3.3a's
 * window-copy.c and grid-reader.c make them: pure functions from a position in a
 * CopySource to the position to move to (null: no move).
 *
 *   jumps        jump-forward / -backward to the next / previous cell holding a
 *                character, jump-to-forward / -backward to the cell before / after it;
 *                they go on across wrapped lines only (a line the terminal wrapped)
 *   paragraphs   previous-paragraph: back over blank lines, then to the blank line
 *                before the text (or the first line); next-paragraph: the same forward,
 *                to the end of the blank line after the text (or the last line)
 *   brackets     next- / previous-matching-bracket: from a bracket ({[( or )]}) to its
 *                partner, counting nested ones; emacs keys try the next / previous cell
 *                first, then move by word; vi keys look for a bracket to the end of the
 *                line and go back from a closing one
 */
import { contentWidth, continues, lineCells, type CopySource, type Pos } from './source.js';
import { nextWordEndEmacs, previousWord } from './words.js';

export type JumpKind = 'jump-forward' | 'jump-backward' | 'jump-to-forward' | 'jump-to-backward';

/** The kind a jump-reverse of `kind` runs. */
export const REVERSE_JUMP: Readonly<Record<JumpKind, JumpKind>> = {
  'jump-forward': 'jump-backward',
  'jump-backward': 'jump-forward',
  'jump-to-forward': 'jump-to-backward',
  'jump-to-backward': 'jump-to-forward',
};

const width = (src: CopySource, line: number, cols: number) => contentWidth(lineCells(src, line, cols));

/** The first cell at or after `from` holding `ch`, on its line and the lines it wraps into (grid_reader_cursor_jump). */
function findForward(src: CopySource, from: Pos, cols: number, ch: string): Pos | null {
  let col = from.col;
  for (let line = from.line; line < src.length(); line++) {
    const cells = lineCells(src, line, cols);
    for (const end = contentWidth(cells); col < end; col++) if (cells[col] === ch) return { line, col };
    if (!continues(src, line)) return null;
    col = 0;
  }
  return null;
}

/** The last cell at or before `from` holding `ch`, back through the lines wrapped into it (grid_reader_cursor_jump_back). */
function findBackward(src: CopySource, from: Pos, cols: number, ch: string): Pos | null {
  let col = from.col;
  for (let line = from.line; line >= 0; line--) {
    const cells = lineCells(src, line, cols);
    for (; col >= 0; col--) if (cells[col] === ch) return { line, col };
    if (line === 0 || !src.line(line)?.wrapped) return null;
    col = width(src, line - 1, cols) - 1;
  }
  return null;
}

/** One cell left (grid_reader_cursor_left): to the previous line's end when `wrap` or when this line continues it. */
function left(src: CopySource, p: Pos, cols: number, wrap: boolean): Pos {
  const cells = lineCells(src, p.line, cols);
  let col = p.col;
  while (col > 0 && cells[col] === '') col--;
  if (col === 0 && p.line > 0 && (wrap || src.line(p.line)?.wrapped)) return { line: p.line - 1, col: Math.max(0, width(src, p.line - 1, cols)) };
  return { line: p.line, col: col > 0 ? col - 1 : 0 };
}

/** One cell right (grid_reader_cursor_right with wrap): to the next line's start past this line's end. */
function right(src: CopySource, p: Pos, cols: number): Pos {
  const cells = lineCells(src, p.line, cols);
  let col = p.col + 1;
  while (col < cols && cells[col] === '') col++;
  const end = contentWidth(cells);
  if (col > end && p.line + 1 < src.length()) return { line: p.line + 1, col: 0 };
  return { line: p.line, col: Math.min(col, end) };
}

/** Where a jump of `kind` to `ch` from the cursor `at` lands, or null (no such character). */
export function jump(src: CopySource, at: Pos, cols: number, kind: JumpKind, ch: string): Pos | null {
  switch (kind) {
    case 'jump-forward':
      return findForward(src, { line: at.line, col: at.col + 1 }, cols, ch);
    case 'jump-to-forward': {
      const hit = findForward(src, { line: at.line, col: at.col + 2 }, cols, ch);
      return hit && left(src, hit, cols, true);
    }
    case 'jump-backward':
      return findBackward(src, left(src, at, cols, false), cols, ch);
    case 'jump-to-backward': {
      const hit = findBackward(src, left(src, left(src, at, cols, false), cols, false), cols, ch);
      return hit && right(src, hit, cols);
    }
  }
}

/** previous-paragraph: the blank line before the text the cursor is in or after (window_copy_previous_paragraph). */
export function previousParagraph(src: CopySource, at: Pos, cols: number): Pos {
  let line = at.line;
  while (line > 0 && width(src, line, cols) === 0) line--;
  while (line > 0 && width(src, line, cols) > 0) line--;
  return { line, col: 0 };
}

/** next-paragraph: the end of the blank line after the text (window_copy_next_paragraph); `last` is the last line it may reach. */
export function nextParagraph(src: CopySource, at: Pos, cols: number, last = src.length() - 1): Pos {
  let line = at.line;
  while (line < last && width(src, line, cols) === 0) line++;
  while (line < last && width(src, line, cols) > 0) line++;
  return { line, col: width(src, line, cols) };
}

const OPEN = '{[(';
const CLOSE = '}])';

/** Walk from `p` (a bracket `found`) to its partner `partner`, `forward` or back; null when it is not there. */
function walk(src: CopySource, p: Pos, cols: number, found: string, partner: string, forward: boolean): Pos | null {
  let { line, col } = p;
  let cells = lineCells(src, line, cols);
  let end = contentWidth(cells);
  let n = 1;
  while (n !== 0) {
    if (forward) {
      if (col > end) {
        if (line >= src.length() - 1) return null;
        line++;
        col = 0;
        cells = lineCells(src, line, cols);
        end = contentWidth(cells);
      } else col++;
    } else if (col === 0) {
      do {
        if (line === 0) return null;
        line--;
        cells = lineCells(src, line, cols);
        end = contentWidth(cells);
      } while (end === 0 && line > 0);
      if (end === 0) return null;
      col = end - 1;
    } else col--;
    const c = cells[col];
    if (c === found) n++;
    else if (c === partner) n--;
  }
  return { line, col };
}

/** previous-matching-bracket (window_copy_cmd_previous_matching_bracket): where the cursor goes, or null. */
export function previousMatchingBracket(src: CopySource, at: Pos, cols: number, emacs: boolean): Pos | null {
  if (width(src, at.line, cols) === 0) return null;
  let col = at.col;
  let c = lineCells(src, at.line, cols)[col] ?? '';
  if (!CLOSE.includes(c) || c === '') {
    if (!emacs) return null;
    if (col === 0) return previousWord(src, at, cols, false, CLOSE);
    col--;
    c = lineCells(src, at.line, cols)[col] ?? '';
    if (!CLOSE.includes(c) || c === '') return previousWord(src, at, cols, false, CLOSE);
  }
  return walk(src, { line: at.line, col }, cols, c, OPEN[CLOSE.indexOf(c)]!, false);
}

/** next-matching-bracket (window_copy_cmd_next_matching_bracket): where the cursor goes, or null. */
export function nextMatchingBracket(src: CopySource, at: Pos, cols: number, emacs: boolean): Pos | null {
  let line = at.line;
  let cells = lineCells(src, line, cols);
  let end = contentWidth(cells);
  if (end === 0) return null;
  let col = at.col;
  let tried = false;
  for (;;) {
    const c = cells[col] ?? '';
    if (c !== '' && CLOSE.includes(c) && !emacs) {
      // vi: from a closing bracket, back to its opening one (staying put if that fails).
      const back = previousMatchingBracket(src, { line, col }, cols, false);
      return back ?? { line: at.line, col: at.col };
    }
    if (c !== '' && OPEN.includes(c)) return walk(src, { line, col }, cols, c, CLOSE[OPEN.indexOf(c)]!, true);
    if (emacs) {
      if (!tried && col <= end) {
        col++;
        tried = true;
        continue;
      }
      return nextWordEndEmacs(src, at, cols, false, OPEN);
    }
    // vi: on along the line (and the lines it wraps into) for a bracket.
    if (col > end) {
      if (line >= src.length() - 1 || !continues(src, line)) return null;
      line++;
      col = 0;
      cells = lineCells(src, line, cols);
      end = contentWidth(cells);
    } else col++;
  }
}
