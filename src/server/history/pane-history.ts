/*
 * A pane's history, in two tiers, so ten thousand lines cost little memory:
 *
 *   archive (oldest)   compact lines: the text and its style runs, ~100-200 bytes a line
 *   xterm scrollback   the newest LIVE_LINES lines, full cell arrays (~12 bytes a cell)
 *   xterm screen       the visible rows
 *
 * A plain @xterm/headless keeps every history line at full width (200 columns × 12 bytes
 * = 2.4 KB a line: ~28 MB for 10,000 lines at 200×50). Here xterm's scrollback is only
 * LIVE_LINES + SLACK; as each line scrolls (xterm reports every scroll synchronously),
 * the line leaving the live region is copied into the archive — while it is still in
 * xterm, SLACK lines before xterm recycles it. The history above the screen is exactly
 * the last history-limit lines: the archive is trimmed to the limit less the live lines.
 *
 * `archivedUpTo` is where the archive ends in xterm's normal buffer: an absolute line
 * number (counting the lines xterm has trimmed from the buffer's start). Lines from there
 * on are "live": xterm's, not archived. What moves lines in xterm's buffer keeps it true:
 *   scroll         the lines leaving the live region are queued (archive())
 *   resize         nothing archived stays in xterm while it resizes (resize()): its reflow
 *                  and the rows it pulls back from the scrollback only move live lines
 *   RIS, ED 2,     the screen's used rows are queued behind the live lines; RIS then
 *   DECCOLM        makes a new buffer, followed from its first line (sequences.ts)
 *   ED 3           the history is emptied (clear())
 * A live line xterm trims before it could be queued counts as dropped (`lost`).
 *
 * Lines are addressed 0 … length()−1 from the oldest kept line to the last screen row;
 * copy mode, search and capture-pane read them through line() and paint them through
 * paintLine(), whichever tier they are in. Only the normal screen has history.
 */
import type { Grid } from '../../render/grid.js';
import { ArchiveStore } from './archive.js';
import { PendingLines } from './pending.js';
import { combinedTexts, extrasOf, packLine, packedCells, usedCells } from './pack.js';
import { linkOf } from '../../render/links.js';
import { DEFAULT_COLOR, withUnderline } from '../../render/style.js';
import { followResetsAndClears } from './sequences.js';
import { paintTerminal } from '../../render/paint-terminal.js';
import { cursorInText, dropBottomRows, normalBuffer, normalIsActive, placeCursorInText, wordColour, wordFlags, type HeadlessTerminal, type InnerBuffer, type InnerLine } from '../../render/xterm.js';

/** History lines kept in xterm's own (fast, full-width) form. */
export const LIVE_LINES = 100;
/** Lines past the live ones xterm keeps before recycling: archiving happens in between. */
const SLACK = 64;
const SPACE = 0x20;
/** Scrolled lines are compacted once output has paused this long (or at any read). */
const FLUSH_IDLE_MS = 200;

/** A line of any tier, as text with its wrapped flag (for search and copy). */
export interface LineText {
  text: string;
  wrapped: boolean;
}

export class PaneHistory {
  private readonly store: ArchiveStore;
  /** Scrolled lines not compacted yet (see history/pending.ts). */
  private readonly pending: PendingLines;
  private limit: number;
  /** The normal buffer followed (a full reset makes xterm start a new one). */
  private normal!: InnerBuffer;
  private readonly subs: Array<{ dispose(): void }> = [];
  private bufferSubs: Array<{ dispose(): void }> = [];
  /** Lines xterm has trimmed from the followed buffer's start, in total. */
  private trimmed = 0;
  /** Absolute number (counting trimmed ones) of the first xterm line not archived. */
  private archivedUpTo = 0;
  /** Lines gone other than by eviction from the archive or its queue (cleared, trimmed unqueued). */
  private lost = 0;
  private lastScroll = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  /** Does a clear (ED 2, DECCOLM) keep the screen in the history? (the pane's scroll-on-clear) */
  scrollOnClear: () => boolean = () => true;

  constructor(
    private readonly term: HeadlessTerminal,
    limit: number,
  ) {
    this.limit = limit;
    this.store = new ArchiveStore(limit);
    this.pending = new PendingLines(limit);
    this.follow();
    this.subs.push(term.onScroll(() => this.archive()));
    this.subs.push(term.buffer.onBufferChange(() => normalBuffer(term) !== this.normal && this.follow()));
    this.subs.push(...followResetsAndClears(term, this));
  }

  /** xterm's scrollback setting for a history limit. */
  static xtermScrollback(limit: number): number {
    return limit > 0 ? Math.min(limit, LIVE_LINES) + SLACK : 0;
  }

  /** Oldest lines dropped from the history, in total (copy mode keeps its place with it). */
  get evicted(): number {
    this.flush();
    return this.store.evicted + this.pending.dropped + this.lost;
  }

  dispose(): void {
    for (const s of [...this.subs, ...this.bufferSubs]) s.dispose();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.store.clear();
    this.pending.clear();
  }

  /** Follow xterm's current normal buffer from its first line (at start, and after RIS). */
  private follow(): void {
    for (const s of this.bufferSubs) s.dispose();
    this.normal = normalBuffer(this.term);
    this.trimmed = 0;
    this.archivedUpTo = 0;
    this.bufferSubs = [
      this.normal.lines.onTrim((n) => {
        this.trimmed += n;
        if (this.archivedUpTo < this.trimmed) {
          this.lost += this.trimmed - this.archivedUpTo;
          this.archivedUpTo = this.trimmed;
        }
      }),
    ];
  }

  /** Lines kept in xterm's form above the screen (the limit may be below LIVE_LINES). */
  private get liveLines(): number {
    return Math.min(this.limit, LIVE_LINES);
  }

  /** Index in xterm's normal buffer of the first line not archived. */
  private xtermFirst(): number {
    return this.archivedUpTo - this.trimmed;
  }

  /** Index in xterm's normal buffer of the first screen row. */
  private ybase(): number {
    return this.normal.lines.length - this.term.rows;
  }

  /** Live lines: above the screen, not archived. */
  private liveCount(): number {
    return Math.max(0, this.ybase() - this.xtermFirst());
  }

  /** Compact the queued lines into the archive (before any read, and once output pauses). */
  flush(): void {
    if (this.pending.length > 0) this.pending.drain((l) => packLine(this.store, l.words, l.base, l.cells, l.wrapped, l.combined, l.extras));
    this.store.trimTo(this.limit - this.liveCount());
  }

  /** Compact once nothing has scrolled for FLUSH_IDLE_MS; one timer, only while lines wait. */
  private scheduleFlush(): void {
    this.lastScroll = Date.now();
    if (this.flushTimer) return;
    const check = () => {
      const quiet = Date.now() - this.lastScroll;
      if (quiet < FLUSH_IDLE_MS) {
        this.flushTimer = setTimeout(check, FLUSH_IDLE_MS - quiet);
        return;
      }
      this.flushTimer = null;
      this.flush();
    };
    this.flushTimer = setTimeout(check, FLUSH_IDLE_MS);
  }

  /** Queue the lines that have left the live region. */
  private archive(): void {
    if (this.limit > 0) this.queueUpTo(this.trimmed + this.ybase() - this.liveLines);
  }

  /** Queue xterm's lines from archivedUpTo up to the absolute line `end` (exclusive). */
  private queueUpTo(end: number): void {
    if (this.archivedUpTo >= end) return;
    const lines = this.normal.lines;
    for (; this.archivedUpTo < end; this.archivedUpTo++) {
      const idx = this.archivedUpTo - this.trimmed;
      const line = lines.get(idx);
      if (line) this.queue(line, idx + 1 < lines.length && lines.get(idx + 1)!.isWrapped);
    }
    this.scheduleFlush();
  }

  /**
   * Queue a line: a copy of its packed cells, without trailing blanks unless it wraps onto
   * the next (then they are text: the row was full, and its width says where it wrapped).
   */
  private queue(line: InnerLine, wrapsOn: boolean): void {
    const end = packedCells(line, wrapsOn);
    this.pending.push(line._data, end, line.isWrapped, combinedTexts(line, end), extrasOf(line, end, (id) => linkOf(this.term, id)));
  }

  /**
   * The screen's used rows (up to the last one that is not blank) join the history, after
   * the live lines: what tmux does when a screen is cleared (ED 2, DECCOLM) or reset (RIS).
   * The rows stay in xterm, as the screen, for it to erase.
   */
  screenToHistory(): void {
    if (this.limit <= 0) return;
    const lines = this.normal.lines;
    const top = this.ybase();
    let used = this.term.rows;
    while (used > 0 && usedCells(lines.get(top + used - 1)!) === 0) used--;
    if (used === 0) return;
    this.queueUpTo(this.trimmed + top + used);
    this.archivedUpTo = this.trimmed + top;
  }

  /**
   * Empty the history (ED 3, clear-history); the screen stays. The lines above xterm's
   * screen count as archived from now on, so nothing reads them; xterm's own ED 3, or its
   * scrolling, trims them.
   */
  clear(): void {
    this.lost += this.pending.length + this.liveCount();
    this.pending.clear();
    this.store.clear();
    this.archivedUpTo = this.trimmed + this.ybase();
  }

  /**
   * Resize the terminal. Archived lines still in xterm are dropped from it first, so that
   * its reflow (a width change rewraps lines) and the rows it pulls back from its
   * scrollback (more rows) move only live lines, and it gets room enough to trim nothing
   * while doing so; afterwards the lines past the live region are queued, and the
   * scrollback set back (trimming only archived lines). A line being printed is rewrapped
   * too and the cursor stays on its character, as in tmux (xterm only clamps it).
   */
  resize(cols: number, rows: number): void {
    if (cols === this.term.cols && rows === this.term.rows) return;
    const scrollback = this.term.options.scrollback;
    const cursor = cursorInText(this.term); // first: every resize of xterm's buffers clamps it
    this.archive();
    const live = this.liveCount();
    this.term.options.scrollback = live;
    this.term.options.scrollback = (live + this.term.rows) * (Math.ceil(this.term.cols / cols) + 1) + rows;
    this.term.resize(cols, rows);
    this.archive();
    this.term.options.scrollback = scrollback;
    if (cursor) placeCursorInText(this.term, cursor);
  }

  /**
   * resize-pane -T (tmux's grid_remove_history): the screen's rows below the cursor are
   * dropped and as many of the newest history lines come back onto its top, the cursor
   * moving down with its line — at most as many as there are. Only xterm's live lines can
   * come back: a line already in the archive (the screen a clear, ED 2 or RIS moved there;
   * past the LIVE_LINES newest, on a pane taller than that) stays history. Nothing on
   * the alternate screen. Returns how many lines came back.
   */
  trimBelowCursor(): number {
    if (!normalIsActive(this.term)) return 0;
    this.archive();
    const n = Math.min(this.term.rows - 1 - this.normal.y, this.liveCount());
    if (n <= 0) return 0;
    dropBottomRows(this.term, n);
    return n;
  }

  /** Lines in the normal buffer's history and screen, oldest first. */
  length(): number {
    this.flush();
    return this.store.length + this.normal.lines.length - this.xtermFirst();
  }

  /**
   * How many of the oldest lines are archived: those keep their text and wrapping
   * whatever happens next, while the rest (xterm's lines) are rewrapped by a resize.
   */
  archivedLength(): number {
    this.flush();
    return this.store.length;
  }

  /**
   * The bytes the pane's lines take (#{history_bytes}, tmux's is its grid's): the archive's,
   * and xterm's 12 bytes a cell for the lines it keeps, the screen included.
   */
  bytes(): number {
    this.flush();
    return this.store.bytes + (this.normal.lines.length - this.xtermFirst()) * this.term.cols * 12;
  }

  /** Lines above the screen. */
  historySize(): number {
    return this.length() - this.term.rows;
  }

  /** The text of line `i` (0 = oldest), or undefined out of range. */
  line(i: number): LineText | undefined {
    if (i < 0) return undefined;
    this.flush();
    const n = this.store.length;
    if (i < n) {
      const a = this.store.get(i)!;
      return { text: a.text, wrapped: a.wrapped };
    }
    const l = this.term.buffer.normal.getLine(this.xtermFirst() + i - n);
    return l ? { text: l.translateToString(true), wrapped: l.isWrapped } : undefined;
  }

  /**
   * The width of line `i` in cells: the pane's for xterm's lines; an archived line keeps
   * the width it had (all of it if it wrapped onto the next, else up to its last used cell).
   */
  width(i: number): number {
    this.flush();
    return this.store.width(i) ?? this.term.cols;
  }

  /** Text of the cells [from, to) of line `i` (columns; a wide character counts 2). */
  cellsText(i: number, from: number, to: number): string {
    this.flush();
    const n = this.store.length;
    if (i < n) {
      const a = this.store.get(i)!;
      if (!a.cells) return a.text.slice(from, to);
      const last = a.cells.length - 1;
      return a.text.slice(a.cells[Math.min(from, last)], a.cells[Math.min(to, last)]);
    }
    const l = this.term.buffer.normal.getLine(this.xtermFirst() + i - n);
    return l ? l.translateToString(false, from, to) : '';
  }

  /** Paint line `i` into one row of the grid. */
  paintLine(grid: Grid, i: number, x: number, y: number, cols: number): void {
    this.flush();
    const n = this.store.length;
    if (i >= n) {
      const idx = this.xtermFirst() + i - n;
      if (this.term.buffer.active === this.term.buffer.normal) {
        paintTerminal(grid, this.term, { x, y, cols, rows: 1 }, idx);
      } else {
        for (let c = 0; c < cols; c++) grid.setCell(x + c, y, SPACE, 1, -1, -1, 0);
      }
      return;
    }
    const a = this.store.get(i)!;
    const cellCount = a.cells ? a.cells.length - 1 : a.text.length;
    let run = a.runFrom;
    let fg = -1;
    let bg = -1;
    let flags = 0;
    // Underline style and colour, hyperlink: the extras' runs, where the line has them.
    const extras = a.extras;
    let xr = 0;
    let ustyle = 0;
    let ul = DEFAULT_COLOR;
    let link = 0;
    let c = 0;
    for (; c < Math.min(cellCount, cols); c++) {
      while (run < a.runTo && a.runs[run]! <= c) {
        const fw = a.runs[run + 1]!;
        const bw = a.runs[run + 2]!;
        fg = wordColour(fw);
        bg = wordColour(bw);
        flags = wordFlags(fw, bw);
        run += 3;
      }
      if (extras) {
        while (xr < extras.length && extras[xr]! <= c) {
          ustyle = extras[xr + 1]!;
          ul = extras[xr + 2]!;
          link = extras[xr + 3]!;
          xr += 4;
        }
      }
      const f = ustyle ? withUnderline(flags, ustyle) : flags;
      const ch = a.cells ? a.text.slice(a.cells[c], a.cells[c + 1]) : a.text[c]!;
      if (ch === '') continue; // the second half of a wide character
      const wide = a.cells !== undefined && c + 1 < cellCount && a.cells[c + 1] === a.cells[c + 2];
      if (wide && c + 1 >= cols) {
        grid.setCell(x + c, y, SPACE, 1, fg, bg, f, ul, link);
        continue;
      }
      grid.setCell(x + c, y, ch, wide ? 2 : 1, fg, bg, f, ul, link);
    }
    for (; c < cols; c++) grid.setCell(x + c, y, SPACE, 1, -1, -1, 0);
  }

  /** Change the history limit (set-option history-limit). */
  setLimit(limit: number): void {
    if (limit === this.limit) return;
    this.flush();
    this.limit = limit;
    this.store.setCapacity(limit);
    this.pending.setCapacity(limit);
    this.term.options.scrollback = PaneHistory.xtermScrollback(limit);
    this.archive();
    this.flush();
  }
}
