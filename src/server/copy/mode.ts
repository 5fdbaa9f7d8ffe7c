/*
 * Copy mode's state for one pane, and how it is drawn: a view onto the pane's lines
 * (copy/source.ts) that stays where the user put it while output keeps arriving, a
 * cursor, a selection and the last search. Shared by every client showing the pane, as
 * in tmux. Entered with prefix [, PgUp, the wheel or a mouse drag; q / Escape leave.
 *
 *   top      the line shown in the first row (absolute: 0 = the oldest kept line)
 *   cx, cy   the cursor, in view coordinates
 *   sel      the selection (copy/selection.ts), anchored at an absolute position
 *   query    the last search and its direction; `match` is the current hit (copy/search.ts)
 *   mark     set-mark's position, absolute (jump-to-mark swaps it with the cursor)
 *
 * Absolute positions are shifted when the history drops its oldest lines (`evicted`), so
 * nothing moves under the user. What each command does (tmux's send-keys -X names, bound
 * to keys in the copy-mode-vi and copy-mode key tables) is in copy/commands.ts.
 */
import type { Grid } from '../../render/grid.js';
import type { CursorState } from '../../render/screen-writer.js';
import { DEFAULT_COLOR, type Rect, type Style } from '../../render/style.js';
import type { HeadlessTerminal } from '../../render/xterm.js';
import type { PaneHistory } from '../history/pane-history.js';

/** What copy mode needs of a pane (a Pane is one; copy mode does not import it). */
export interface CopyModeHost {
  readonly term: HeadlessTerminal;
  readonly history: PaneHistory;
  copyMode: CopyMode | null;
}
import { altSource, comparePos, contentWidth, lineCells, type CopySource, type Pos } from './source.js';
import { matchesIn, rangeSpan, type Range } from './search.js';
import { ordered, selectedSpan, selectionText, type Selection } from './selection.js';
import { DEFAULT_WORD_SEPARATORS, wordSelection } from './words.js';
import type { JumpKind } from './line-motions.js';

/** How long marking a view's matches may take (ms), each time it is drawn. */
const PAINT_SEARCH_MS = 100;

/** mode-style's default, for a caller that has no options at hand. */
const MODE_STYLE: Style = { fg: 0, bg: 3, flags: 0 };

/** How copy mode draws: mode-style (selection, indicator) and the window's copy-mode-*-style options. */
export interface CopyStyles {
  mode: Style;
  match: Style;
  current: Style;
  mark: Style;
}

/** tmux's defaults of mode-style, copy-mode-match-style, -current-match-style and -mark-style. */
export const DEFAULT_COPY_STYLES: CopyStyles = { mode: MODE_STYLE, match: { fg: 0, bg: 6 }, current: { fg: 0, bg: 5 }, mark: { fg: 0, bg: 1 } };

export class CopyMode {
  /** History line shown in the first row. */
  top: number;
  /** Cursor, in view coordinates. */
  cx = 0;
  cy: number;
  /** The column cursor-up/-down keep to (tmux's lastcx), and the length of the line it was taken on (lastsx). */
  lastcx = 0;
  lastsx = 0;
  sel: Selection | null = null;
  /** other-end made the cursor move the selection's start (tmux's CURSORDRAG_SEL), for #{selection_start_x} and the rest. */
  dragsStart = false;
  /** A line selection is being made upwards from its first line: the cursor keeps to line starts (tmux's LINE_SEL_RIGHT_LEFT). */
  lineUp = false;
  /** Rectangle selection (rectangle-toggle); kept for the next begin-selection, as tmux does. */
  rect = false;
  query: string | null = null;
  /** The query is a regular expression (search-forward, search-backward), not text (their -text forms, the incremental search). */
  regex = false;
  /** The matches of `query` are shown (tmux's searchmark, #{search_present}): a search that finds one sets it, most other commands clear it (commands.ts). */
  marks = false;
  forward = true;
  match: Range | null = null;
  /** Emacs keys: the selection stops before the cursor instead of including its cell. */
  emacs = false;
  /** The session's word-separators (word motions) and the window's wrap-search, as of the last command. */
  separators = DEFAULT_WORD_SEPARATORS;
  wrapSearch = true;
  /** The mark (set-mark, jump-to-mark), absolute; where copy mode was entered until set. Its line is drawn only once set. */
  mark: Pos;
  showMark = false;
  /** A short word shown next to the position indicator ("no match: foo"). */
  notice: string | null = null;
  /** Where an incremental search began (absolute); a changed text searches again from here. */
  searchStart: Pos | null = null;
  /** No position indicator (copy-mode -H, as a double click's selection does; toggle-position). */
  hidePosition = false;
  /** The last jump (jump-forward … jump-to-backward) and its character, for jump-again and jump-reverse. */
  lastJump: { kind: JumpKind; ch: string } | null = null;
  /** The repeat count the next command runs with (send-keys -N without keys, as tmux's prefix); 1 after each. */
  repeat = 1;
  private evictedSeen: number;
  private altSrc: CopySource | null = null;

  constructor(
    readonly pane: CopyModeHost,
    /** Leave copy mode when scrolled back to the bottom (entered by the mouse wheel, as tmux -e). */
    readonly exitAtBottom: boolean,
    /** The pane whose lines are shown (copy-mode -s), the pane itself unless given. */
    readonly from: Pick<CopyModeHost, 'term' | 'history'> = pane,
  ) {
    const buf = from.term.buffer.active;
    this.top = this.bottomTop();
    this.cy = buf.cursorY;
    this.cx = buf.cursorX;
    this.evictedSeen = this.src.evicted;
    this.mark = this.cursorPos();
  }

  dispose(): void {}

  /** The alternate screen has no history: copy mode shows it as it is. */
  private get alt(): boolean {
    return this.from.term.buffer.active !== this.from.term.buffer.normal;
  }

  /** The lines copy mode reads: the history, or the alternate screen. */
  get src(): CopySource {
    if (!this.alt) return this.from.history;
    return (this.altSrc ??= altSource(this.from.term));
  }

  /** Keep the view, selection and match on the same text when the oldest lines are dropped. */
  private sync(): void {
    const ev = this.src.evicted;
    if (ev === this.evictedSeen) return;
    const d = ev - this.evictedSeen;
    this.evictedSeen = ev;
    this.top = Math.max(0, this.top - d);
    const shift = (p: Pos) => ({ line: Math.max(0, p.line - d), col: p.col });
    if (this.sel) {
      const w = this.sel.word;
      this.sel = {
        ...this.sel,
        anchor: shift(this.sel.anchor),
        ...(this.sel.end ? { end: shift(this.sel.end) } : {}),
        ...(w ? { word: { ...w, start: shift(w.start), end: shift(w.end), origin: shift(w.origin) } } : {}),
      };
    }
    if (this.match) this.match = { start: shift(this.match.start), end: shift(this.match.end) };
    this.mark = shift(this.mark);
  }

  /** The first line of the view, clamped to the live bottom. */
  viewTop(): number {
    this.sync();
    return Math.min(this.top, this.bottomTop());
  }

  private bottomTop(): number {
    return this.alt ? 0 : this.from.history.historySize();
  }

  get rows(): number {
    return this.pane.term.rows;
  }

  get cols(): number {
    return this.pane.term.cols;
  }

  /** Lines scrolled back from the live bottom. */
  offset(): number {
    return this.bottomTop() - this.viewTop();
  }

  /** The cursor as an absolute position. */
  cursorPos(): Pos {
    return { line: this.viewTop() + this.cy, col: this.cx };
  }

  /**
   * Put the cursor on `p`, scrolling as little as needed to show it; with `found` (a search
   * hit) as tmux's window_copy_scroll_to: a line out of view goes a quarter of the view above
   * its bottom (or to the very top or bottom of the history when that is nearer).
   */
  moveTo(p: Pos, found = false): void {
    let top = this.viewTop();
    const line = Math.max(0, Math.min(this.src.length() - 1, p.line));
    if (line < top || line >= top + this.rows) {
      if (!found) top = line < top ? line : line - this.rows + 1;
      else {
        const gap = Math.floor(this.rows / 4);
        const hsize = this.bottomTop();
        top = line < this.rows ? 0 : line > hsize + this.rows - gap ? hsize : line + gap - this.rows;
      }
    }
    this.top = Math.max(0, Math.min(this.bottomTop(), top));
    this.cy = line - this.top;
    this.cx = Math.max(0, Math.min(this.cols - 1, p.col));
  }

  /** Scroll the view by n lines (negative: back into history). Returns 'exit' when exitAtBottom applies. */
  scroll(n: number): 'exit' | 'handled' {
    this.top = Math.max(0, Math.min(this.bottomTop(), this.viewTop() + n));
    if (this.exitAtBottom && n > 0 && this.top >= this.bottomTop()) return 'exit';
    return 'handled';
  }

  /**
   * page-up/-down and halfpage-up/-down, as tmux's window_copy_pageup1/pagedown: the view
   * moves by the rows less two (half of them), and where it cannot move further the cursor
   * moves instead; the column is kept (lastcx) as by cursor-up/-down, the cursor going to
   * the end of a line's text it was at or past. Returns 'exit' at the bottom for
   * exitAtBottom.
   */
  page(dir: -1 | 1, half: boolean): 'exit' | 'handled' {
    this.takeColumn();
    const n = this.rows > 2 ? (half ? Math.floor(this.rows / 2) : this.rows - 2) : 1;
    const hsize = this.bottomTop();
    const oy = this.offset();
    if (dir < 0) {
      if (oy + n > hsize) {
        this.top = 0;
        this.cy = Math.max(0, this.cy - n);
      } else this.top = this.viewTop() - n;
    } else if (oy < n) {
      this.top = hsize;
      this.cy = Math.min(this.rows - 1, this.cy + n);
    } else this.top = this.viewTop() + n;
    if (!this.sel || !this.rect) this.keepColumn();
    return this.exitAtBottom && dir > 0 && this.offset() === 0 ? 'exit' : 'handled';
  }

  /**
   * Move the cursor up or down, scrolling at the edges of the view. As tmux's
   * window_copy_cursor_up/down, the column is remembered (lastcx) while the cursor
   * passes shorter lines, and a cursor at the end of its line stays at the end of each
   * line it reaches; not while a rectangle is being selected.
   */
  moveCursor(dy: number): 'exit' | 'handled' {
    const free = !this.sel || !this.rect;
    if (free) this.takeColumn();
    const y = this.cy + dy;
    let r: 'exit' | 'handled' = 'handled';
    if (y < 0) {
      this.cy = 0;
      r = this.scroll(y);
    } else if (y >= this.rows) {
      this.cy = this.rows - 1;
      r = this.scroll(y - this.rows + 1);
    } else this.cy = y;
    if (free) this.keepColumn();
    return r;
  }

  /** Where the text of line `line` ends (absolute): the end-of-line column. */
  textEnd(line: number): number {
    return contentWidth(lineCells(this.src, line, this.cols));
  }

  /** Before a vertical move: remember the cursor's column and its line's length (lastcx, lastsx), unless it is at that line's end. */
  private takeColumn(): void {
    const ox = this.textEnd(this.cursorPos().line);
    if (this.cx !== ox) {
      this.lastcx = this.cx;
      this.lastsx = ox;
    }
    this.cx = this.lastcx;
  }

  /** After a vertical move: the remembered column, or the new line's end when the cursor was at or past the old one's. */
  private keepColumn(): void {
    const px = this.textEnd(this.cursorPos().line);
    if ((this.cx >= this.lastsx && this.cx !== px) || this.cx > px) this.cx = Math.min(px, this.cols - 1);
  }

  /**
   * Move the cursor a cell left or right, never onto the second cell of a wide character,
   * as tmux's grid reader: right from the end of a line's text (the screen's edge while a
   * rectangle is selected) to the start of the next line, left from its start to the end
   * of the previous line's text.
   */
  moveCol(dx: number): void {
    const at = this.cursorPos();
    const cells = lineCells(this.src, at.line, this.cols);
    let x = this.cx;
    if (dx > 0) {
      const px = this.sel && this.rect ? this.cols : contentWidth(cells);
      if (x >= px && at.line < this.src.length() - 1) {
        this.moveTo({ line: at.line + 1, col: 0 });
        return;
      }
      if (x < px) {
        x++;
        while (x < px && cells[x] === '') x++;
      }
      this.cx = Math.min(x, this.cols - 1);
      return;
    }
    while (x > 0 && cells[x] === '') x--;
    if (x === 0 && at.line > 0) {
      this.moveTo({ line: at.line - 1, col: this.textEnd(at.line - 1) });
      return;
    }
    this.cx = Math.max(0, x - 1);
  }

  /** set-mark: the mark at the cursor, its line shown. */
  setMark(): void {
    this.mark = this.cursorPos();
    this.showMark = true;
  }

  /**
   * jump-to-mark: the cursor and the mark change places; the view puts the mark's line at
   * its top when it is in the history, else shows the bottom (window_copy_jump_to_mark).
   */
  jumpToMark(): void {
    const was = this.cursorPos();
    const to = this.mark;
    const hsize = this.bottomTop();
    this.cx = Math.min(to.col, this.cols - 1);
    if (to.line < hsize) {
      this.top = to.line;
      this.cy = 0;
    } else {
      this.top = hsize;
      this.cy = Math.min(this.rows - 1, to.line - hsize);
    }
    this.mark = was;
    this.showMark = true;
  }

  /** Start a selection at the cursor. */
  beginSelection(mode: 'char' | 'line'): void {
    const at = this.cursorPos();
    this.sel = { anchor: mode === 'line' ? { line: at.line, col: 0 } : at, mode, rect: this.rect };
    this.dragsStart = false;
    this.lineUp = false;
  }

  /**
   * The selection's start and end as tmux's formats give them (selx/sely, endselx/endsely:
   * absolute lines, 0 the oldest kept): the start is where it began and the end where the
   * cursor is (or was, once stopped), swapped by other-end; a line selection runs from
   * column 0 of its first line to the end of the text of its last.
   */
  selectionEnds(): { start: Pos; end: Pos } | null {
    const now = this.selectionNow();
    if (!now) return null;
    const { sel, moving } = now;
    if (sel.mode === 'line') {
      const [a, b] = sel.anchor.line <= moving.line ? [sel.anchor, moving] : [moving, sel.anchor];
      return { start: { line: a.line, col: 0 }, end: { line: b.line, col: this.textEnd(b.line) } };
    }
    if (this.sel?.word && !this.sel.end) {
      const [a, b] = ordered(sel.anchor, moving);
      return { start: a, end: b };
    }
    return this.dragsStart ? { start: moving, end: sel.anchor } : { start: sel.anchor, end: moving };
  }

  /**
   * The selection as it stands: from its anchor to where it ends (the cursor, or where
   * stop-selection fixed it); a selection by words has its ends moved out to words.
   */
  selectionNow(): { sel: Selection; moving: Pos } | null {
    if (!this.sel) return null;
    const moving = this.sel.end ?? this.cursorPos();
    const w = this.sel.word;
    if (!w || this.sel.end) return { sel: this.sel, moving };
    const ends = w.fixed ? { anchor: w.start, moving: w.end } : wordSelection(this.src, w, moving, this.cols, this.separators, this.emacs);
    return { sel: { anchor: ends.anchor, mode: 'char', rect: this.sel.rect }, moving: ends.moving };
  }

  /** The text of the search match the cursor is on (or just after), while the marks show (#{search_match}). */
  matchAtCursor(): string | null {
    if (!this.marks || !this.query) return null;
    const at = this.cursorPos();
    for (const m of matchesIn(this.src, this.query, at.line, at.line, this.cols, this.regex, { deadline: Date.now() + PAINT_SEARCH_MS })) {
      if (comparePos(at, m.start) < 0 || comparePos(at, m.end) > 0) continue;
      let text = '';
      for (let line = m.start.line; line <= m.end.line; line++) {
        const span = rangeSpan(m, line, this.cols);
        if (span) text += this.src.cellsText(line, span[0], span[1]);
      }
      return text;
    }
    return null;
  }

  /** The selected text, or null without a selection. */
  selectedText(): string | null {
    const now = this.selectionNow();
    return now && selectionText(this.src, now.sel, now.moving, this.cols, !this.emacs);
  }

  /**
   * Paint the view into the pane's rect: lines, the mark's line, search matches, the
   * selection and the indicator (the last two in mode-style: a selected cell takes its
   * colours and attributes whole, as tmux's screen_select_cell). As tmux, a style replaces
   * a cell's colours and attributes, and the mark's own cell has the colours swapped.
   */
  paint(grid: Grid, rect: Rect, styles: CopyStyles = DEFAULT_COPY_STYLES): void {
    const modeStyle = styles.mode;
    const top = this.viewTop();
    const src = this.src;
    const rows = Math.min(rect.rows, this.rows);
    const right = rect.x + rect.cols;
    for (let r = 0; r < rows; r++) src.paintLine(grid, top + r, rect.x, rect.y + r, rect.cols);
    const markRow = this.showMark && this.mark.line >= top && this.mark.line < top + rows ? this.mark.line - top : -1;
    const markCell = markRow >= 0 ? (rect.y + markRow) * grid.cols + rect.x + this.mark.col : -1;
    const apply = (st: Style) => (i: number) => {
      const swap = i === markCell;
      grid.fg[i] = (swap ? st.bg : st.fg) ?? DEFAULT_COLOR;
      grid.bg[i] = (swap ? st.fg : st.bg) ?? DEFAULT_COLOR;
      grid.flags[i] = st.flags ?? 0;
    };
    if (markRow >= 0) restyle(grid, rect.x, rect.y + markRow, rect.cols, right, apply(styles.mark));
    if (this.query && this.marks) {
      // A pattern too slow to mark the view with in PAINT_SEARCH_MS loses its marks (tmux's timeout).
      const budget = { deadline: Date.now() + PAINT_SEARCH_MS, timedOut: false };
      const found = matchesIn(src, this.query, top, top + rows - 1, this.cols, this.regex, budget);
      if (budget.timedOut) this.marks = false;
      for (const m of budget.timedOut ? [] : found) {
        const current = this.match !== null && m.start.line === this.match.start.line && m.start.col === this.match.start.col;
        const st = current ? styles.current : styles.match;
        for (let line = Math.max(top, m.start.line); line <= Math.min(top + rows - 1, m.end.line); line++) {
          const span = rangeSpan(m, line, this.cols);
          if (span) restyle(grid, rect.x + span[0], rect.y + line - top, span[1] - span[0], right, apply(st));
        }
      }
    }
    const now = this.selectionNow();
    if (now) {
      for (let r = 0; r < rows; r++) {
        const span = selectedSpan(now.sel, now.moving, top + r, this.cols, !this.emacs);
        if (span) restyle(grid, rect.x + span[0], rect.y + r, span[1] - span[0], right, (i) => {
          grid.fg[i] = modeStyle.fg ?? DEFAULT_COLOR;
          grid.bg[i] = modeStyle.bg ?? DEFAULT_COLOR;
          grid.flags[i] = modeStyle.flags ?? 0;
        });
      }
    }
    this.paintOverlay(grid, rect, modeStyle);
  }

  /** The position indicator "[offset/history]" in the pane's top-right corner, after any notice. */
  paintOverlay(grid: Grid, rect: Rect, modeStyle: Style = MODE_STYLE): void {
    if (this.hidePosition) return;
    const pos = `[${this.offset()}/${this.bottomTop()}]`;
    const text = this.notice && this.notice.length + pos.length + 1 <= rect.cols ? `${this.notice} ${pos}` : pos;
    if (text.length > rect.cols) return;
    grid.writeText(rect.x + rect.cols - text.length, rect.y, text, modeStyle);
  }

  cursor(rect: Rect): CursorState {
    return { x: rect.x + Math.min(this.cx, rect.cols - 1), y: rect.y + Math.min(this.cy, rect.rows - 1), visible: true };
  }
}

/** Apply `fn` to the cells [x, x+n) of row y (not past `right`), whole wide characters included. */
function restyle(grid: Grid, x: number, y: number, n: number, right: number, fn: (i: number) => void): void {
  if (y < 0 || y >= grid.rows) return;
  const row = y * grid.cols;
  let end = Math.min(x + n, right, grid.cols);
  if (x > 0 && grid.widths[row + x] === 0) x--;
  if (end < Math.min(right, grid.cols) && grid.widths[row + end] === 0) end++;
  for (let c = Math.max(0, x); c < end; c++) fn(row + c);
}

/** Put a pane in copy mode (if it is not already), optionally a page up. */
export function enterCopyMode(pane: CopyModeHost, opts: { exitAtBottom?: boolean; pageUp?: boolean; hidePosition?: boolean; from?: Pick<CopyModeHost, 'term' | 'history'> } = {}): CopyMode {
  if (!pane.copyMode) {
    pane.copyMode = new CopyMode(pane, opts.exitAtBottom ?? false, opts.from ?? pane);
    pane.copyMode.hidePosition = opts.hidePosition ?? false;
  }
  if (opts.pageUp) pane.copyMode.scroll(-Math.max(1, pane.copyMode.rows - 1));
  return pane.copyMode;
}

/** Leave copy mode: the pane shows live output again. */
export function exitCopyMode(pane: CopyModeHost): void {
  pane.copyMode?.dispose();
  pane.copyMode = null;
}
