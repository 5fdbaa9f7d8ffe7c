/*
 * Copy mode's selection: pure functions over a CopySource.
 *
 *   Selection   an anchor (where begin-selection or select-line was done) and a mode:
 *               'char' (from the anchor to the cursor, running on across lines), 'line'
 *               (whole lines), or a rectangle (the columns between the two, on each line);
 *               a selection by words (select-word) grows a word at a time
 *
 * The other end is always the cursor. With vi keys the cell under the cursor is part of
 * the selection; with emacs keys it is not (the cursor is a point between characters).
 *
 * The copied text is what the program wrote: lines the terminal wrapped are joined again,
 * blanks at the end of a line are trimmed, wide characters and emoji come out whole
 * (cellsText counts their two cells as one character). As in tmux's vi mode, a
 * selection that runs past the end of its last line's text ends with a newline.
 */
import { textWidth } from '../../render/cell-width.js';
import { comparePos, continues, type CopySource, type Pos } from './source.js';

export interface Selection {
  anchor: Pos;
  mode: 'char' | 'line';
  rect: boolean;
  /** Where the selection ends once stop-selection has fixed it; until then it ends at the cursor. */
  end?: Pos;
  /**
   * A selection by words (select-word, a double click; tmux's SEL_WORD) while it is being
   * made: the word first selected and where the cursor was then. Its ends are the word's,
   * moved out by words as the cursor passes them (wordSelection in words.ts).
   */
  word?: WordSelection;
}

/**
 * The word a selection by words began with (tmux's selrx/endselrx) and the cursor then
 * (dx, dy); `fixed` until the cursor first moves: the ends are the word's as select-word
 * left them (tmux works them out again only when the cursor moves).
 */
export interface WordSelection {
  start: Pos;
  end: Pos;
  origin: Pos;
  fixed: boolean;
}

/** The two ends in order. */
export function ordered(a: Pos, b: Pos): [Pos, Pos] {
  return comparePos(a, b) <= 0 ? [a, b] : [b, a];
}

/** Columns [from, to) of line `line` that the selection covers, or null. */
export function selectedSpan(sel: Selection, cursor: Pos, line: number, cols: number, inclusive: boolean): [number, number] | null {
  const [a, b] = ordered(sel.anchor, cursor);
  if (line < a.line || line > b.line) return null;
  let from: number;
  let to: number;
  if (sel.mode === 'line') {
    from = 0;
    to = cols;
  } else if (sel.rect) {
    from = Math.min(sel.anchor.col, cursor.col);
    to = Math.max(sel.anchor.col, cursor.col) + (inclusive ? 1 : 0);
  } else {
    from = line === a.line ? a.col : 0;
    to = line === b.line ? b.col + (inclusive ? 1 : 0) : cols;
  }
  to = Math.min(to, cols);
  return from < to ? [from, to] : null;
}

/** Width of line `i`'s text without trailing blanks. */
function contentCols(src: CopySource, i: number): number {
  return textWidth((src.line(i)?.text ?? '').replace(/ +$/, ''));
}

/** The selected text, as it would be pasted. */
export function selectionText(src: CopySource, sel: Selection, cursor: Pos, cols: number, inclusive: boolean): string {
  const [a, b] = ordered(sel.anchor, cursor);
  const last = Math.min(b.line, src.length() - 1);
  let out = '';
  let lastTo = 0;
  for (let i = Math.max(0, a.line); i <= last; i++) {
    const span = selectedSpan(sel, cursor, i, cols, inclusive);
    const joined = !sel.rect && i < last && continues(src, i);
    if (span) {
      const text = src.cellsText(i, span[0], span[1]);
      out += joined ? text : text.replace(/ +$/, '');
      lastTo = span[1];
    } else {
      lastTo = 0;
    }
    if (i < last && !joined) out += '\n';
  }
  if (inclusive && lastTo > contentCols(src, last)) out += '\n';
  return out;
}

/** The text from `from` to the end of its (logical) line, as copy-end-of-line copies it. */
export function endOfLineText(src: CopySource, from: Pos, cols: number): string {
  let last = from.line;
  while (continues(src, last)) last++;
  const sel: Selection = { anchor: from, mode: 'char', rect: false };
  return selectionText(src, sel, { line: last, col: cols - 1 }, cols, true).replace(/\n$/, '');
}
