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
 * xterm, SLACK lines before xterm recycles it. The archive is a ring of at most
 * history-limit − LIVE_LINES lines.
 *
 * Lines are addressed 0 … length()−1 from the oldest kept line to the last screen row;
 * copy mode, search and capture-pane read them through line() and paint them through
 * paintLine(), whichever tier they are in. Only the normal screen has history.
 */
import type { Grid } from '../../render/grid.js';
import { ArchiveStore, decodeColour, decodeFlags, type ComplexText } from './archive.js';
import { PendingLines } from './pending.js';
import { paintTerminal } from '../../render/paint-terminal.js';
import { normalBuffer, normalIsActive, type HeadlessTerminal, type InnerBuffer, type InnerLine } from '../../render/xterm.js';

/** History lines kept in xterm's own (fast, full-width) form. */
export const LIVE_LINES = 100;
/** Lines past LIVE_LINES xterm keeps before recycling: archiving happens in between. */
const SLACK = 64;
const SPACE = 0x20;
/** Scrolled lines are compacted once output has paused this long (or at any read). */
const FLUSH_IDLE_MS = 200;

/** A line of any tier, as text with its wrapped flag (for search and copy). */
export interface LineText {
  text: string;
  wrapped: boolean;
}

/** xterm's own line: packed cells, 3 words each. */

export class PaneHistory {
  private readonly store: ArchiveStore;
  /** Lines xterm has trimmed from its scrollback, in total. */
  private trimmed = 0;
  /** Absolute number (counting trimmed ones) of the next xterm line to archive. */
  private archivedUpTo = 0;
  private readonly normal: InnerBuffer;
  private readonly subs: Array<{ dispose(): void }> = [];
  /** Scrolled lines not compacted yet (see history/pending.ts). */
  private readonly pending: PendingLines;
  private lastScroll = 0;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly term: HeadlessTerminal,
    limit: number,
  ) {
    this.store = new ArchiveStore(Math.max(0, limit - LIVE_LINES));
    this.pending = new PendingLines(Math.max(0, limit - LIVE_LINES));
    this.normal = normalBuffer(term);
    this.subs.push(this.normal.lines.onTrim((n) => (this.trimmed += n)));
    this.subs.push(term.onScroll(() => this.archive()));
  }

  /** xterm's scrollback setting for a history limit. */
  static xtermScrollback(limit: number): number {
    return Math.min(limit, LIVE_LINES) + (limit > LIVE_LINES ? SLACK : 0);
  }

  /** Oldest lines dropped from the history, in total (copy mode keeps its place with it). */
  get evicted(): number {
    this.flush();
    return this.store.evicted + this.pending.dropped;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.store.clear();
    this.pending.clear();
  }

  /** Compact the queued lines into the archive (before any read, and once output pauses). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.pending.drain((l) => this.compact(l.words, l.base, l.cells, l.wrapped, l.combined));
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

  /** Queue the lines that left the live region (a trimmed copy of their packed cells). */
  private archive(): void {
    if (!this.store.enabled) return;
    if (!normalIsActive(this.term)) return;
    const lines = this.normal.lines;
    const liveStart = this.trimmed + lines.length - this.term.rows - LIVE_LINES;
    let queued = false;
    while (this.archivedUpTo < liveStart) {
      const idx = this.archivedUpTo - this.trimmed;
      const line = idx >= 0 ? lines.get(idx) : undefined;
      if (line) {
        this.queue(line);
        queued = true;
      }
      this.archivedUpTo++;
    }
    if (queued) this.scheduleFlush();
  }

  private queue(line: InnerLine): void {
    const data = line._data;
    let end = Math.min(line.length, CODES.length);
    while (end > 0) {
      const content = data[(end - 1) * 3]!;
      const cp = content & 0x1fffff;
      if ((cp !== 0 && cp !== SPACE) || content & 0x200000) break;
      if (data[(end - 1) * 3 + 2]! & 0x3000000 || data[(end - 1) * 3 + 1]! & 0x4000000) break;
      end--;
    }
    // Combined chars' text lives outside the cells, in a sparse object keyed by cell (with
    // stale keys for cells since overwritten): visit its keys, not every cell.
    let combined: Map<number, string> | null = null;
    const texts = (line as unknown as { _combined?: Record<number, string> })._combined;
    if (texts) {
      for (const key in texts) {
        const x = Number(key);
        if (x < end && data[x * 3]! & 0x200000) (combined ??= new Map()).set(x, texts[x] ?? ' ');
      }
    }
    this.pending.push(data, end, line.isWrapped, combined);
  }

  /**
   * Compact a queued line into the archive. Reads its packed cells (content = code point
   * | combined flag 0x200000 | width << 22, then the fg and bg words) in one pass without
   * decoding them; only a line with wide, combined or astral characters is read cell by
   * cell.
   */
  private compact(data: Uint32Array, base: number, end: number, wrapped: boolean, combined?: Map<number, string>): void {
    for (let x = 0; x < end; x++) {
      const content = data[base + x * 3]!;
      const cp = content & 0x1fffff;
      if (content >>> 22 !== 1 || content & 0x200000 || cp > 0xffff) {
        this.store.add(data, base, end, CODES, wrapped, this.complexText(data, base, end, combined));
        return;
      }
      CODES[x] = cp === 0 ? SPACE : cp;
    }
    this.store.add(data, base, end, CODES, wrapped);
  }

  /**
   * The text of a line with wide/combined/astral characters, and where each cell starts.
   * Reads the packed cells like compact(), into UTF-16 units; only a combined cell (base +
   * marks, kept outside the cells) is loaded through xterm.
   */
  private complexText(data: Uint32Array, base: number, end: number, combined?: Map<number, string>): ComplexText {
    const cells = new Uint16Array(end + 1);
    let units: Uint16Array = UNITS;
    let len = 0;
    for (let x = 0; x < end; x++) {
      cells[x] = Math.min(len, 0xffff);
      const content = data[base + x * 3]!;
      if (content >>> 22 === 0) continue; // the second half of a wide character
      if (len + 2 > units.length) units = grow(units, len + 2);
      if (content & 0x200000) {
        const chars = combined?.get(x) || ' ';
        if (len + chars.length > units.length) units = grow(units, len + chars.length);
        for (let k = 0; k < chars.length; k++) units[len++] = chars.charCodeAt(k);
        continue;
      }
      const cp = content & 0x1fffff;
      if (cp > 0xffff) {
        units[len++] = 0xd800 + ((cp - 0x10000) >> 10);
        units[len++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      } else units[len++] = cp === 0 ? SPACE : cp;
    }
    cells[end] = Math.min(len, 0xffff);
    let text = '';
    for (let i = 0; i < len; i += 4096) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(len, i + 4096)) as unknown as number[]);
    return { text, cells };
  }

  /** First xterm buffer line that is not also in the archive. */
  private xtermFirst(): number {
    return Math.max(0, this.archivedUpTo - this.trimmed);
  }

  /** Lines in the normal buffer's history and screen, oldest first. */
  length(): number {
    this.flush();
    return this.store.length + this.normal.lines.length - this.xtermFirst();
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
    let c = 0;
    for (; c < Math.min(cellCount, cols); c++) {
      while (run < a.runTo && a.runs[run]! <= c) {
        const fw = a.runs[run + 1]!;
        const bw = a.runs[run + 2]!;
        fg = decodeColour(fw);
        bg = decodeColour(bw);
        flags = decodeFlags(fw, bw);
        run += 3;
      }
      const ch = a.cells ? a.text.slice(a.cells[c], a.cells[c + 1]) : a.text[c]!;
      if (ch === '') continue; // the second half of a wide character
      const wide = a.cells !== undefined && c + 1 < cellCount && a.cells[c + 1] === a.cells[c + 2];
      if (wide && c + 1 >= cols) {
        grid.setCell(x + c, y, SPACE, 1, fg, bg, flags);
        continue;
      }
      grid.setCell(x + c, y, ch, wide ? 2 : 1, fg, bg, flags);
    }
    for (; c < cols; c++) grid.setCell(x + c, y, SPACE, 1, -1, -1, 0);
  }

  /** Change the history limit (set-option history-limit). */
  setLimit(limit: number): void {
    this.flush();
    this.store.setCapacity(Math.max(0, limit - LIVE_LINES));
    this.pending.setCapacity(Math.max(0, limit - LIVE_LINES));
  }
}

/** Scratch for one line's code points (lines are at most this many cells on the fast path). */
const CODES = new Uint16Array(4096);
/** Scratch for a complex line's UTF-16 units (grown for the rare longer one, then kept). */
let UNITS: Uint16Array = new Uint16Array(1024);

function grow(units: Uint16Array, need: number): Uint16Array {
  const next = new Uint16Array(Math.max(need, units.length * 2));
  next.set(units);
  UNITS = next;
  return next;
}
