/*
 * The Grid: a screen's worth of cells in flat typed arrays, indexed `y * cols + x`.
 * Panes, borders, the status line and overlays are painted into one; the ScreenWriter
 * diffs two of them.
 *
 *   codes   the cell's code point; CLUSTER when it holds several (base + combining
 *           marks), whose text is then in `clusters`; 0 in a wide char's trailing cell
 *   widths  1, or 2 for a wide char's first cell and 0 for its trailing placeholder
 *   fg, bg  colours as encoded in style.ts (-1 default, 0..255 palette, RGB_FLAG | rgb)
 *   flags   attribute bitmask from style.ts (with the underline style)
 *   ul      underline colour (-1: the text's), encoded as fg and bg
 *   link    hyperlink number (links.ts), 0 for none
 *
 * Invariant kept by every method: a width-2 cell is always followed by a width-0 cell
 * with the same colours, flags, underline colour and link, and a width-0 cell always
 * follows a width-2 one.
 * Overwriting half of a wide char turns its other half into a blank.
 */

import { forEachCell } from './cell-width.js';
import { DEFAULT_COLOR, mergeStyle, type Rect, type Segment, type Style } from './style.js';

/** The arrays rowEquals always compares (byteViews' first ones); ul and link follow. */
const BASE_ARRAYS = 5;

/** `codes` value of a cell whose text is in `clusters`. */
export const CLUSTER = -2;
const SPACE = 0x20;

/** A rectangle of terminal cells with their characters, colours and attributes. */
export class Grid {
  readonly codes: Int32Array;
  readonly widths: Uint8Array;
  readonly fg: Int32Array;
  readonly bg: Int32Array;
  readonly flags: Uint16Array;
  readonly ul: Int32Array;
  readonly link: Int32Array;
  /**
   * Some cell may have an underline colour or a link (false: `ul` and `link` hold only
   * defaults, and rowEquals need not compare them — almost every grid, almost always).
   */
  private extras = false;
  private readonly clusters = new Map<number, string>();

  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    const n = cols * rows;
    this.codes = new Int32Array(n);
    this.widths = new Uint8Array(n);
    this.fg = new Int32Array(n);
    this.bg = new Int32Array(n);
    this.flags = new Uint16Array(n);
    this.ul = new Int32Array(n);
    this.link = new Int32Array(n);
    this.clear();
  }

  /** Blank every cell, in `style` or the default colours. */
  clear(style?: Style): void {
    this.codes.fill(SPACE);
    this.widths.fill(1);
    this.fg.fill(style?.fg ?? DEFAULT_COLOR);
    this.bg.fill(style?.bg ?? DEFAULT_COLOR);
    this.flags.fill(style?.flags ?? 0);
    this.ul.fill(DEFAULT_COLOR);
    this.link.fill(0);
    this.extras = false;
    this.clusters.clear();
  }

  /** The text of cell `i`: '' for a wide char's trailing cell. */
  char(i: number): string {
    const code = this.codes[i];
    if (code === CLUSTER) return this.clusters.get(i) ?? ' ';
    return code === 0 ? '' : String.fromCodePoint(code);
  }

  /**
   * Set one cell. `ch` is a code point or the cell's text (one code point plus any
   * combining marks; '' means a space). A wide char (`width` 2) also fills x + 1 with its
   * placeholder, and becomes a blank if it has no room. Out-of-range cells are ignored,
   * and so is `width` 0: trailing cells are written with their wide char. `ul` and `link`:
   * the underline colour and hyperlink (default: none).
   */
  setCell(x: number, y: number, ch: string | number, width: number, fg: number, bg: number, flags: number, ul = DEFAULT_COLOR, link = 0): void {
    const cols = this.cols;
    if (x < 0 || y < 0 || x >= cols || y >= this.rows || width === 0) return;
    const i = y * cols + x;
    const widths = this.widths;
    const old = widths[i];
    if (old === 0 && x > 0 && widths[i - 1] === 2) this.blank(i - 1);
    if (width === 2 && x + 1 >= cols) {
      ch = SPACE;
      width = 1;
    }
    if (width === 2) {
      if (widths[i + 1] === 2 && x + 2 < cols) this.blank(i + 2);
      this.put(i + 1, 0, 0, fg, bg, flags, ul, link);
    } else if (old === 2 && x + 1 < cols) {
      this.blank(i + 1);
    }
    this.put(i, ch, width, fg, bg, flags, ul, link);
  }

  /**
   * Write `text` from (x, y) on, splitting it into cells like a terminal does, and stop
   * before the first char that would pass `maxCols` columns (or the right edge).
   * Returns the number of columns used.
   */
  writeText(x: number, y: number, text: string, style: Style, maxCols = this.cols - x): number {
    const limit = Math.min(maxCols, this.cols - x);
    const fg = style.fg ?? DEFAULT_COLOR;
    const bg = style.bg ?? DEFAULT_COLOR;
    const flags = style.flags ?? 0;
    let used = 0;
    forEachCell(text, (ch, w) => {
      if (used + w > limit) return false;
      this.setCell(x + used, y, ch, w, fg, bg, flags);
      used += w;
    });
    return used;
  }

  /** Write styled segments one after another, each layered over `base`; returns columns used. */
  writeSegments(x: number, y: number, segments: readonly Segment[], base: Style, maxCols = this.cols - x): number {
    let used = 0;
    for (const seg of segments) {
      used += this.writeText(x + used, y, seg.text, mergeStyle(base, seg.style), maxCols - used);
    }
    return used;
  }

  /** Fill the part of `rect` inside the grid with `ch` (a narrow char) in `style`. */
  fillRect(rect: Rect, style: Style, ch = ' '): void {
    const x0 = Math.max(0, rect.x);
    const y0 = Math.max(0, rect.y);
    const x1 = Math.min(this.cols, rect.x + rect.cols);
    const y1 = Math.min(this.rows, rect.y + rect.rows);
    const fg = style.fg ?? DEFAULT_COLOR;
    const bg = style.bg ?? DEFAULT_COLOR;
    const flags = style.flags ?? 0;
    const code = ch.codePointAt(0) ?? SPACE;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) this.setCell(x, y, code, 1, fg, bg, flags);
    }
  }

  /** Whether cell `i` of this grid and of `other` (same size) look the same. */
  equalsCell(other: Grid, i: number): boolean {
    const code = this.codes[i];
    return (
      code === other.codes[i] &&
      this.fg[i] === other.fg[i] &&
      this.bg[i] === other.bg[i] &&
      this.flags[i] === other.flags[i] &&
      this.widths[i] === other.widths[i] &&
      this.ul[i] === other.ul[i] &&
      this.link[i] === other.link[i] &&
      (code !== CLUSTER || this.clusters.get(i) === other.clusters.get(i))
    );
  }

  /**
   * Whether row `y` of this grid and of `other` (same size) look the same, by comparing
   * their memory (a frame compares every row, most of them unchanged). A row of `other`
   * holding clusters counts as changed: the caller then compares it cell by cell.
   */
  rowEquals(other: Grid, y: number): boolean {
    const a = this.byteViews();
    const b = other.byteViews();
    const first = y * this.cols;
    const end = first + this.cols;
    const arrays = this.extras || other.extras ? a.length : BASE_ARRAYS;
    for (let k = 0; k < arrays; k++) {
      const size = a[k].length / (this.cols * this.rows);
      if (a[k].compare(b[k], first * size, end * size, first * size, end * size) !== 0) return false;
    }
    return other.clusters.size === 0 || other.codes.subarray(first, end).indexOf(CLUSTER) < 0;
  }

  private views: Buffer[] | undefined;

  /** The typed arrays as Buffers over the same memory (for native compares). */
  private byteViews(): Buffer[] {
    this.views ??= [this.codes, this.widths, this.fg, this.bg, this.flags, this.ul, this.link].map((t) => Buffer.from(t.buffer, t.byteOffset, t.byteLength));
    return this.views;
  }

  /** Copy cell `i` of `other` (same size) into this grid, as is. */
  copyCell(other: Grid, i: number): void {
    const code = other.codes[i];
    this.codes[i] = code;
    this.widths[i] = other.widths[i];
    this.fg[i] = other.fg[i];
    this.bg[i] = other.bg[i];
    this.flags[i] = other.flags[i];
    this.ul[i] = other.ul[i];
    this.link[i] = other.link[i];
    if (other.extras && (other.ul[i] !== DEFAULT_COLOR || other.link[i] !== 0)) this.extras = true;
    if (code === CLUSTER) this.clusters.set(i, other.clusters.get(i)!);
  }

  /**
   * Copy `cols`×`rows` cells of `src` from (sx, sy) to (dx, dy) of this grid, clipped to
   * both. A wide char cut in half by the copied region's edges, here or in `src`, becomes a
   * blank; so does one of this grid's next to the region whose other half is overwritten.
   */
  blit(src: Grid, sx: number, sy: number, dx: number, dy: number, cols: number, rows: number): void {
    const n = Math.min(cols, this.cols - dx, src.cols - sx);
    const h = Math.min(rows, this.rows - dy, src.rows - sy);
    if (n <= 0 || h <= 0 || sx < 0 || sy < 0 || dx < 0 || dy < 0) return;
    if (src.extras) this.extras = true;
    if (sx === 0 && dx === 0 && n === this.cols && n === src.cols) {
      // Whole rows on both sides: one block (a grid never has a wide char cut at its edges).
      const from = sy * n;
      const to = dy * n;
      const end = from + h * n;
      this.codes.set(src.codes.subarray(from, end), to);
      this.widths.set(src.widths.subarray(from, end), to);
      this.fg.set(src.fg.subarray(from, end), to);
      this.bg.set(src.bg.subarray(from, end), to);
      this.flags.set(src.flags.subarray(from, end), to);
      this.ul.set(src.ul.subarray(from, end), to);
      this.link.set(src.link.subarray(from, end), to);
      if (src.clusters.size > 0) {
        for (let i = 0; i < end - from; i++) if (this.codes[to + i] === CLUSTER) this.clusters.set(to + i, src.clusters.get(from + i) ?? ' ');
      }
      return;
    }
    for (let r = 0; r < h; r++) {
      const from = (sy + r) * src.cols + sx;
      const to = (dy + r) * this.cols + dx;
      const end = from + n;
      if (dx > 0 && this.widths[to - 1] === 2) this.blank(to - 1);
      if (dx + n < this.cols && this.widths[to + n] === 0) this.blank(to + n);
      this.codes.set(src.codes.subarray(from, end), to);
      this.widths.set(src.widths.subarray(from, end), to);
      this.fg.set(src.fg.subarray(from, end), to);
      this.bg.set(src.bg.subarray(from, end), to);
      this.flags.set(src.flags.subarray(from, end), to);
      this.ul.set(src.ul.subarray(from, end), to);
      this.link.set(src.link.subarray(from, end), to);
      if (this.widths[to] === 0) this.blank(to);
      if (this.widths[to + n - 1] === 2) this.blank(to + n - 1);
      if (src.clusters.size > 0) {
        for (let i = 0; i < n; i++) if (this.codes[to + i] === CLUSTER) this.clusters.set(to + i, src.clusters.get(from + i) ?? ' ');
      }
    }
  }

  /**
   * In `rect`, a cell's default foreground becomes `fg` and its default background `bg`
   * (a pane's window-style, as tmux's tty_default_colours); -1 leaves that one alone.
   */
  defaultColours(rect: Rect, fg: number, bg: number): void {
    if (fg === DEFAULT_COLOR && bg === DEFAULT_COLOR) return;
    const x0 = Math.max(0, rect.x);
    const x1 = Math.min(this.cols, rect.x + rect.cols);
    const y1 = Math.min(this.rows, rect.y + rect.rows);
    for (let y = Math.max(0, rect.y); y < y1; y++) {
      for (let i = y * this.cols + x0, end = y * this.cols + x1; i < end; i++) {
        if (fg !== DEFAULT_COLOR && this.fg[i] === DEFAULT_COLOR) this.fg[i] = fg;
        if (bg !== DEFAULT_COLOR && this.bg[i] === DEFAULT_COLOR) this.bg[i] = bg;
      }
    }
  }

  /** Row `y` as plain text, trailing placeholders left out (for tests and debugging). */
  lineText(y: number): string {
    let s = '';
    for (let i = y * this.cols, end = i + this.cols; i < end; i++) s += this.char(i);
    return s;
  }

  private blank(i: number): void {
    this.codes[i] = SPACE;
    this.widths[i] = 1;
  }

  private put(i: number, ch: string | number, width: number, fg: number, bg: number, flags: number, ul: number, link: number): void {
    let code: number;
    if (typeof ch === 'number') {
      code = ch;
    } else {
      const cp = ch.codePointAt(0);
      code = cp === undefined ? SPACE : ch.length === (cp > 0xffff ? 2 : 1) ? cp : CLUSTER;
      if (code === CLUSTER) this.clusters.set(i, ch);
    }
    this.codes[i] = code;
    this.widths[i] = width;
    this.fg[i] = fg;
    this.bg[i] = bg;
    this.flags[i] = flags;
    this.ul[i] = ul;
    this.link[i] = link;
    if (ul !== DEFAULT_COLOR || link !== 0) this.extras = true;
  }
}
