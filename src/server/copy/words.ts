/*
 * Word motions for copy mode (vi w b e W B E, emacs M-f M-b): pure functions over a
 * CopySource that return where the cursor goes.
 *
 * The text is walked cell by cell across lines; the end of a line that does not wrap on
 * counts as a blank, a wrapped line continues the word. Each cell has a class: blank,
 * word (letters, digits, _) or punctuation — so, as in vi, "foo.bar" is three words.
 * The "space" variants (W B E) know only blank and non-blank. The second cell of a wide
 * character is never a stop.
 */
import { continues, lineCells, type CopySource, type Pos } from './source.js';

type Cls = 0 | 1 | 2;

const WORD = /[\p{L}\p{N}_]/u;

class Walker {
  private readonly cache = new Map<number, string[]>();
  readonly n: number;

  constructor(
    private readonly src: CopySource,
    private readonly cols: number,
    private readonly spaceOnly: boolean,
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
    return WORD.test(ch) ? 2 : 1;
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

/** vi w (W with spaceOnly): the start of the next word. */
export function nextWord(src: CopySource, from: Pos, cols: number, spaceOnly = false): Pos {
  const w = new Walker(src, cols, spaceOnly);
  let p: Pos | null = from;
  let last = from;
  const c = w.cls(from);
  if (c !== 0) {
    while (p && w.cls(p) === c) [last, p] = [p, w.next(p)];
  }
  while (p && w.cls(p) === 0) [last, p] = [p, w.next(p)];
  return clampCol(p ?? last, cols);
}

/** vi b (B): the start of this word, or of the one before. */
export function previousWord(src: CopySource, from: Pos, cols: number, spaceOnly = false): Pos {
  const w = new Walker(src, cols, spaceOnly);
  let p = w.prev(from);
  while (p && w.cls(p) === 0) p = w.prev(p);
  if (!p) return { line: 0, col: 0 };
  const c = w.cls(p);
  for (let q = w.prev(p); q && w.cls(q) === c; q = w.prev(q)) p = q;
  return clampCol(p, cols);
}

/** vi e (E): the end of this word, or of the next. */
export function nextWordEnd(src: CopySource, from: Pos, cols: number, spaceOnly = false): Pos {
  const w = new Walker(src, cols, spaceOnly);
  let p = w.next(from);
  while (p && w.cls(p) === 0) p = w.next(p);
  if (!p) return from;
  const c = w.cls(p);
  for (let q = w.next(p); q && w.cls(q) === c; q = w.next(q)) p = q;
  return clampCol(p, cols);
}
