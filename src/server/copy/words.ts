/*
 * Word motions for copy mode (vi w b e W B E, emacs M-f M-b), as tmux 3.3a's grid reader
 * moves: pure functions over a CopySource that return where the cursor goes.
 *
 * The text is walked cell by cell across lines; the end of a line that does not wrap on
 * counts as a blank, a wrapped line continues the word. Each cell has a class: blank,
 * separator (a character of the session's word-separators, as tmux) or word — so with
 * tmux's default separators (ASCII punctuation but _), "foo.bar" is three words. The
 * "space" variants (W B E) know only blank and non-blank. The second cell of a wide
 * character is never a stop.
 */
import { comparePos, contentWidth, continues, lineCells, type CopySource, type Pos } from './source.js';
import type { WordSelection } from './selection.js';

type Cls = 0 | 1 | 2;

/** tmux 3.3a's default word-separators. */
export const DEFAULT_WORD_SEPARATORS = '!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~';

class Walker {
  private readonly cache = new Map<number, string[]>();
  readonly n: number;

  constructor(
    private readonly src: CopySource,
    private readonly cols: number,
    private readonly spaceOnly: boolean,
    private readonly separators: string,
  ) {
    this.n = src.length();
  }

  private cells(line: number): string[] {
    let c = this.cache.get(line);
    if (!c) {
      if (this.cache.size > 256) this.cache.clear();
      c = lineCells(this.src, line, this.cols);
      this.cache.set(line, c);
    }
    return c;
  }

  /** A position's class; col === cols is the virtual blank at a line's end. */
  cls(p: Pos): Cls {
    if (p.col >= this.cols) return 0;
    const ch = this.cells(p.line)[p.col] ?? ' ';
    if (ch === ' ' || ch === '') return 0;
    if (this.spaceOnly) return 2;
    return this.separators.includes(ch) ? 1 : 2;
  }

  next(p: Pos): Pos | null {
    let { line, col } = p;
    for (;;) {
      col++;
      if (col > this.cols || (col === this.cols && continues(this.src, line))) {
        line++;
        col = 0;
        if (line >= this.n) return null;
      }
      if (col === this.cols || this.cells(line)[col] !== '') return { line, col };
    }
  }

  prev(p: Pos): Pos | null {
    let { line, col } = p;
    for (;;) {
      col--;
      if (col < 0) {
        line--;
        if (line < 0) return null;
        col = continues(this.src, line) ? this.cols - 1 : this.cols;
      }
      if (col === this.cols || this.cells(line)[col] !== '') return { line, col };
    }
  }
}

/** A stop on the virtual end-of-line blank is shown on the line's last cell. */
function clampCol(p: Pos, cols: number): Pos {
  return p.col >= cols ? { line: p.line, col: cols - 1 } : p;
}

/**
 * Where a motion that ran past the last word stops, as tmux's grid reader stops: on the
 * last line, one past its text (`past`) or on its end.
 */
function endOfAll(src: CopySource, cols: number, past: boolean): Pos {
  const line = Math.max(0, src.length() - 1);
  const width = contentWidth(lineCells(src, line, cols));
  return { line, col: Math.min(cols - 1, width + (past ? 1 : 0)) };
}

/** vi w (W with spaceOnly): the start of the next word. */
export function nextWord(src: CopySource, from: Pos, cols: number, spaceOnly = false, separators = DEFAULT_WORD_SEPARATORS): Pos {
  const w = new Walker(src, cols, spaceOnly, separators);
  let p: Pos | null = from;
  const c = w.cls(from);
  if (c !== 0) {
    while (p && w.cls(p) === c) p = w.next(p);
  }
  while (p && w.cls(p) === 0) p = w.next(p);
  return p ? clampCol(p, cols) : endOfAll(src, cols, true);
}

/** vi b (B): the start of this word, or of the one before. */
export function previousWord(src: CopySource, from: Pos, cols: number, spaceOnly = false, separators = DEFAULT_WORD_SEPARATORS): Pos {
  const w = new Walker(src, cols, spaceOnly, separators);
  let p = w.prev(from);
  while (p && w.cls(p) === 0) p = w.prev(p);
  if (!p) return { line: 0, col: 0 };
  const c = w.cls(p);
  for (let q = w.prev(p); q && w.cls(q) === c; q = w.prev(q)) p = q;
  return clampCol(p, cols);
}

/** vi e (E): the end of this word, or of the next. */
export function nextWordEnd(src: CopySource, from: Pos, cols: number, spaceOnly = false, separators = DEFAULT_WORD_SEPARATORS): Pos {
  const w = new Walker(src, cols, spaceOnly, separators);
  let p = w.next(from);
  while (p && w.cls(p) === 0) p = w.next(p);
  if (!p) return endOfAll(src, cols, false);
  const c = w.cls(p);
  for (let q = w.next(p); q && w.cls(q) === c; q = w.next(q)) p = q;
  return clampCol(p, cols);
}

/** emacs M-f (next-word-end with emacs keys): just past the end of this word, or of the next (tmux's emacs motion). */
export function nextWordEndEmacs(src: CopySource, from: Pos, cols: number, spaceOnly = false, separators = DEFAULT_WORD_SEPARATORS): Pos {
  const w = new Walker(src, cols, spaceOnly, separators);
  let p: Pos | null = from;
  while (p && w.cls(p) === 0) p = w.next(p);
  if (!p) return endOfAll(src, cols, true);
  const c = w.cls(p);
  while (p && w.cls(p) === c) p = w.next(p);
  return p ? clampCol(p, cols) : endOfAll(src, cols, true);
}

/**
 * The ends of a selection by words `w` with the cursor at `cursor`, as tmux's SEL_WORD
 * (window_copy_synchronize_cursor_end): before where it began, from the start of the
 * cursor's word (of the word before, on a blank) to the end of the first word; otherwise
 * from the first word's start to the end of the cursor's word (the cursor itself when the
 * cell after it is a blank), its last cell with vi keys, past it with emacs keys.
 */
export function wordSelection(src: CopySource, w: WordSelection, cursor: Pos, cols: number, separators: string, emacs: boolean): { anchor: Pos; moving: Pos } {
  if (comparePos(cursor, w.origin) < 0) return { anchor: w.end, moving: wordStartAt(src, cursor, cols, separators) };
  const cells = lineCells(src, cursor.line, cols);
  const after = cells[cursor.col + 1];
  const atEnd = cursor.col < contentWidth(cells) && (after === undefined || after === ' ');
  return { anchor: w.start, moving: atEnd ? cursor : (emacs ? nextWordEndEmacs : nextWordEnd)(src, cursor, cols, false, separators) };
}

/** The start of the word at `p`, or of the word before it when `p` is a blank (tmux's previous_word_pos). */
export function wordStartAt(src: CopySource, p: Pos, cols: number, separators: string): Pos {
  const w = new Walker(src, cols, false, separators);
  const c = w.cls(p);
  if (c === 0) return previousWord(src, p, cols, false, separators);
  let start = p;
  for (let q = w.prev(p); q && w.cls(q) === c; q = w.prev(q)) start = q;
  return clampCol(start, cols);
}
