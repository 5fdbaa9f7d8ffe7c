/*
 * A pane's visible screen as Grid cells, kept from one frame to the next so that a frame
 * repaints only the rows that changed: a keystroke's echo costs one row, not the whole
 * pane (painting a 200×50 pane cell by cell through xterm's API takes ~0.3 ms).
 *
 * A row is repainted when xterm reported it changed, or when the buffer line shown there is
 * another object than the one it was painted from (scrolling moves line objects; a trimmed
 * scrollback recycles them), or when anything else moved: the terminal's size, the active
 * buffer (normal/alternate), the viewport. xterm's own renderers repaint on exactly these
 * signals: the parser's dirty-row range (`onRequestRefreshRows`, fired at the end of each
 * parse, undefined meaning every row), scrolling and resizing; with none of them (or the
 * switch to another buffer, as a reset does) since the last update, nothing is looked at.
 *
 * One canvas per pane, shared by every client: a pane has one size whoever looks at it.
 * Each update that repaints something counts one `version`, and each row keeps the version
 * it was last repainted in, so a client that copied the pane at version v copies again
 * only the rows `changedSince(row, v)` (client/composed-screen.ts).
 * Reaches into xterm's internals through xterm.ts (line identity, changed rows); the
 * damage test in test/unit/pane-canvas.test.ts compares it with a full repaint.
 */
import type { IBufferCell, Terminal } from '@xterm/headless';
import { Grid } from './grid.js';
import { paintLine } from './paint-terminal.js';
import { activeLines, onRowsChanged, type HeadlessTerminal } from './xterm.js';

export class PaneCanvas {
  /** Made on first use: a pane nobody looks at (a window not shown) costs no cells. */
  private grid: Grid | null = null;
  /** The xterm line object each row was last painted from. */
  private painted: (object | undefined)[] = [];
  /** Rows xterm reported changed since the last update. */
  private dirty: Uint8Array;
  private allDirty = true;
  private top = -1;
  private bufferType = '';
  /** Whether xterm said anything changed (rows, scroll, size, buffer) since the last update. */
  private touched = true;
  /** Updates that repainted a row, so far; `rowVersions[r]`: the one that last repainted row r. */
  private painting = 0;
  private rowVersions = new Uint32Array(0);
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly term: Terminal) {
    this.dirty = new Uint8Array(term.rows);
    this.subscriptions = [
      onRowsChanged(term as HeadlessTerminal, (range) => {
        if (range) this.markRows(range.start, range.end);
        else this.markAll();
      }),
      term.onScroll(() => this.markAll()),
      term.onResize(() => this.markAll()),
      term.buffer.onBufferChange(() => this.markAll()),
    ];
  }

  /** Rows `start`..`end` (screen rows, inclusive) must be repainted. */
  markRows(start: number, end: number): void {
    this.touched = true;
    if (!this.grid) return; // everything is painted on first use anyway
    const last = Math.min(end, this.dirty.length - 1);
    for (let r = Math.max(0, start); r <= last; r++) this.dirty[r] = 1;
  }

  /** Everything must be repainted (e.g. after `reset`). */
  markAll(): void {
    this.touched = true;
    this.allDirty = true;
  }

  /** The terminal's visible screen, repainting what changed since the last call. */
  update(): Grid {
    // Nothing happened to the terminal since the last update: the same screen (the panes
    // nobody printed in, every frame; ~2 µs each, where the checks below cost ~10).
    if (!this.touched && this.grid) return this.grid;
    this.touched = false;
    const term = this.term;
    const cols = term.cols;
    const rows = term.rows;
    if (!this.grid || this.grid.cols !== cols || this.grid.rows !== rows) {
      this.grid = new Grid(cols, rows);
      this.dirty = new Uint8Array(rows);
      this.painted = [];
      this.rowVersions = new Uint32Array(rows);
      this.allDirty = true;
    }
    const buffer = term.buffer.active;
    const top = buffer.viewportY;
    if (top !== this.top || buffer.type !== this.bufferType) {
      this.top = top;
      this.bufferType = buffer.type;
      this.allDirty = true;
    }
    const grid = this.grid;
    const lines = activeLines(term as HeadlessTerminal);
    const all = this.allDirty;
    const dirty = this.dirty;
    let cell: IBufferCell | undefined;
    let version = 0;
    for (let r = 0; r < rows; r++) {
      const obj = lines.get(top + r);
      if (!all && dirty[r] === 0 && obj === this.painted[r]) continue;
      if (!cell) {
        cell = buffer.getNullCell();
        version = ++this.painting;
      }
      this.rowVersions[r] = version;
      paintLine(grid, 0, r, buffer.getLine(top + r), cols, cols, cell, term as HeadlessTerminal);
      if (this.palette) applyPalette(grid, r, cols, this.palette);
      this.painted[r] = obj;
    }
    dirty.fill(0);
    this.allDirty = false;
    return grid;
  }

  /**
   * The pane's palette: entry N replaces palette colour N wherever a cell has it (NO_ENTRY:
   * kept); null for none. The program's own entries (OSC 4) before pane-colours', as tmux's
   * colour_palette_get; merged when either changes, and a change repaints every row.
   */
  private palette: Int32Array | null = null;
  private optionPalette: Int32Array | null = null;
  private programPalette: Int32Array | null = null;

  /** pane-colours' palette (server/pane-palette.ts). */
  setPalette(palette: Int32Array | null): void {
    this.optionPalette = palette;
    this.mergePalettes();
  }

  /** The program's own (server/pane-osc-palette.ts). */
  setProgramPalette(palette: Int32Array | null): void {
    this.programPalette = palette && palette.slice();
    this.mergePalettes();
  }

  /** The colour palette entry `n` is drawn in, or NO_ENTRY. */
  paletteColour(n: number): number {
    return this.palette?.[n] ?? NO_ENTRY;
  }

  private mergePalettes(): void {
    const [option, program] = [this.optionPalette, this.programPalette];
    const merged = !program ? option : !option ? program : program.map((c, i) => (c !== NO_ENTRY ? c : option[i]!));
    const old = this.palette;
    if (old === merged || (old && merged && old.every((c, i) => c === merged[i]))) return;
    this.palette = merged;
    this.markAll();
  }

  /** How many updates have repainted something: a client that copied the screen now is at this version. */
  get version(): number {
    return this.painting;
  }

  /** Whether row `r` was repainted after version `v` (by an update since a copy at v). */
  changedSince(r: number, v: number): boolean {
    return this.rowVersions[r]! > v;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** A palette entry that keeps the colour (pane-colours has no item there). */
export const NO_ENTRY = -2;

/** Row `r`'s palette colours (0 to 255: foreground, background, underline) replaced by `palette`'s entries. */
function applyPalette(grid: Grid, r: number, cols: number, palette: Int32Array): void {
  const from = r * cols;
  for (let i = from; i < from + cols; i++) {
    const fg = grid.fg[i]!;
    if (fg >= 0 && fg < 256 && palette[fg] !== NO_ENTRY) grid.fg[i] = palette[fg]!;
    const bg = grid.bg[i]!;
    if (bg >= 0 && bg < 256 && palette[bg] !== NO_ENTRY) grid.bg[i] = palette[bg]!;
    const ul = grid.ul[i]!;
    if (ul >= 0 && ul < 256 && palette[ul] !== NO_ENTRY) grid.ul[i] = palette[ul]!;
  }
}
