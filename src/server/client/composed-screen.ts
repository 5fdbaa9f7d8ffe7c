/*
 * A client's composed screen, kept from one frame to the next, and which of its rows the
 * last frame changed. A frame that only carries pane output (the echo of a key, a program
 * printing) copies in only the pane rows repainted since this client last copied them
 * (PaneCanvas versions); the borders, the other rows and every pane nobody printed in
 * are left as they are, and the ScreenWriter compares only the rows marked changed. The
 * status line is painted again when the client says it changed (`invalidateStatus`), in a
 * re-check frame, or when it is older than REUSE_MS (window names, the clock: the values
 * reuse.ts lets a frame reuse that long; a frame that keeps it asks for the re-check). Composing everything (compose.ts) costs time in proportion to
 * the panes and cells on screen — with 31 panes ~0.6 ms a key, most of a keystroke's
 * work (docs/performance.md, latency) — where this costs what the output changed.
 *
 * Everything is composed again when anything else may have changed what the screen
 * shows: the client asked for it (`invalidate`: every model event but pane output, an
 * option, a mode opened or closed, a resize), or, checked every frame, the session,
 * window, zoom, active pane, pane rectangles (and the part of the window shown: a window
 * bigger than the client follows the cursor) or status position are not those of the
 * last full compose, a mode (prompt, list, confirmation) is open over the panes, a pane is in copy mode or clock mode, or
 * border titles are on. test/unit/composed-screen.test.ts holds it to a full compose.
 */
import { Grid } from '../../render/grid.js';
import type { CursorState } from '../../render/screen-writer.js';
import { REUSE_MS, type FrameReuse } from '../reuse.js';
import type { Pane } from '../pane.js';
import type { Session, Window } from '../window.js';
import { composeClient, paintStatus, paneArea, paneCursor, paneRect, viewOf, type ComposeClient, type ShownRect } from './compose.js';
import { paneColours, type PaneColours } from './pane-style.js';

/** What a frame may copy over from the last full compose: the same of each. */
interface Shape {
  session: Session;
  window: Window;
  zoomed: boolean;
  active: number;
  /** Each pane with its part on screen (clipped to the area and the client's view of the window), in the layout's order. */
  panes: Array<{ pane: Pane; rect: ShownRect }>;
  /** The status line's first row and how many it has (-1, 0 when off). */
  statusY: number;
  statusLines: number;
}

export class ComposedScreen {
  grid: Grid;
  /** Rows the last compose changed (1) or left as the frame before had them (0). */
  readonly changed: Uint8Array;
  private full = true;
  private shape: Shape | null = null;
  /** The canvas version each pane on screen was last copied at. */
  private copied = new Map<Pane, number>();
  /** Each pane's default colours (window-style) as of the last full compose; options changing composes everything. */
  private colours = new Map<Pane, PaneColours>();
  /** The status line must be painted again; when it was last painted (performance.now()). */
  private statusDirty = true;
  private statusAt = 0;

  constructor(cols: number, rows: number) {
    this.grid = new Grid(cols, rows);
    this.changed = new Uint8Array(rows);
  }

  /** The next frame composes everything. */
  invalidate(): void {
    this.full = true;
  }

  /** The next frame paints the status line again (a message, a window's flags or name, a Claude state). */
  invalidateStatus(): void {
    this.statusDirty = true;
  }

  /** Compose the client's screen for `frame`; `changed` says which rows moved. Returns where the cursor goes. */
  compose(c: ComposeClient, frame: FrameReuse): CursorState {
    const grid = this.grid;
    const shape = this.full ? null : this.sameShape(c);
    if (!shape) {
      const cursor = composeClient(c, grid, frame);
      this.changed.fill(1);
      this.full = false;
      this.statusDirty = false;
      this.statusAt = performance.now();
      this.shape = this.shapeOf(c);
      this.copied = new Map();
      this.colours = new Map();
      for (const { pane } of this.shape?.panes ?? []) {
        this.copied.set(pane, pane.canvas.version);
        this.colours.set(pane, paneColours(c.server, this.shape!.session, this.shape!.window, pane));
      }
      return cursor;
    }
    this.changed.fill(0);
    let cursor: CursorState = { x: 0, y: 0, visible: false };
    for (const { pane, rect } of shape.panes) {
      const canvas = pane.canvas;
      const src = canvas.update();
      const seen = this.copied.get(pane) ?? -1;
      if (canvas.version > seen) {
        // Each run of changed rows in one copy (a scrolled full-width pane: one block).
        for (let r = 0; r < rect.rows; r++) {
          if (!canvas.changedSince(rect.sy + r, seen)) continue;
          let end = r + 1;
          while (end < rect.rows && canvas.changedSince(rect.sy + end, seen)) end++;
          grid.blit(src, rect.sx, rect.sy + r, rect.x, rect.y + r, rect.cols, end - r);
          const colours = this.colours.get(pane);
          if (colours) grid.defaultColours({ x: rect.x, y: rect.y + r, cols: rect.cols, rows: end - r }, colours.fg, colours.bg);
          this.changed.fill(1, rect.y + r, rect.y + end);
          r = end;
        }
        this.copied.set(pane, canvas.version);
      }
      if (pane.id === shape.active) cursor = paneCursor(pane, rect);
    }
    if (shape.statusY >= 0) {
      const now = performance.now();
      if (this.statusDirty || frame.fresh || now - this.statusAt >= REUSE_MS) {
        paintStatus(c, grid, frame, shape.statusY);
        this.changed.fill(1, shape.statusY, shape.statusY + shape.statusLines);
        this.statusDirty = false;
        this.statusAt = now;
      } else {
        // Window names and status text as of statusAt: a re-check frame repaints them when they expire.
        frame.reused(this.statusAt);
      }
    }
    return cursor;
  }

  /** The shape of the client's screen now, or null when a frame could not be copied over (see the top). */
  private shapeOf(c: ComposeClient): Shape | null {
    const session = c.session;
    if (!session || c.mode) return null;
    const window = session.current;
    if (window.hasTitleLines()) return null;
    const { statusOn, statusTop, lines, area } = paneArea(c, this.grid);
    const view = viewOf(c, area);
    const panes: Shape['panes'] = [];
    for (const [id, r] of window.rects()) {
      const pane = window.panes.get(id);
      const rect = pane && paneRect(r, area, view);
      if (!pane || !rect) continue;
      if (pane.copyMode || pane.clockMode) return null;
      panes.push({ pane, rect });
    }
    return { session, window, zoomed: window.zoomed, active: window.active, panes, statusY: statusOn ? (statusTop ? 0 : this.grid.rows - lines) : -1, statusLines: lines };
  }

  /** The shape of the last full compose if the client's screen still has it, else null. */
  private sameShape(c: ComposeClient): Shape | null {
    const was = this.shape;
    const now = this.shapeOf(c);
    if (!was || !now) return null;
    if (now.session !== was.session || now.window !== was.window || now.zoomed !== was.zoomed || now.active !== was.active) return null;
    if (now.statusY !== was.statusY || now.statusLines !== was.statusLines || now.panes.length !== was.panes.length) return null;
    for (let i = 0; i < now.panes.length; i++) {
      const a = now.panes[i]!;
      const b = was.panes[i]!;
      if (a.pane !== b.pane || a.rect.x !== b.rect.x || a.rect.y !== b.rect.y || a.rect.cols !== b.rect.cols || a.rect.rows !== b.rect.rows) return null;
      if (a.rect.sx !== b.rect.sx || a.rect.sy !== b.rect.sy) return null;
    }
    return was;
  }
}
