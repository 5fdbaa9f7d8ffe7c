/*
 * Mouse input of an attached client: a click focuses the pane under it (or selects a
 * window in the status line), the wheel scrolls that pane's history through copy mode —
 * unless the program in the pane asked for mouse events, in which case it gets them,
 * re-encoded at pane-relative coordinates in the encoding it asked for. A left-button
 * drag selects and copies (copy/mouse.ts); pressed on the border between two panes, it
 * moves that border with the mouse (as tmux).
 */
import { statusLines } from '../../config/status-lines.js';
import type { MouseEvent } from '../../core/input-decoder.js';
import { encodeMouse } from '../../core/mouse-encode.js';
import { paneAt, resizePane } from '../../core/layout/layout.js';
import type { Server } from '../server.js';
import type { Pane } from '../pane.js';
import type { Session } from '../window.js';
import type { OptionLayers } from '../../config/local-options.js';
import { continueMouseSelection, startMouseSelection, type CopyMouseClient } from '../copy/mouse.js';

/** What mouse handling needs of the client the mouse is in. */
export interface MouseClient extends CopyMouseClient {
  readonly server: Server;
  readonly session: Session | null;
  readonly rows: number;
  /** Where its options are looked up (client.ts). */
  readonly at: OptionLayers;
  readonly statusLayout: { windows: Array<{ index: number; x: number; cols: number }> } | null;
  exitCopyMode(pane: Pane): void;
}

const WHEEL_LINES = 3;

/** A border being dragged: the pane before it (left or above), along which axis, where the mouse was. */
interface BorderDrag {
  pane: number;
  axis: 'h' | 'v';
  at: number;
}
const borderDrags = new WeakMap<MouseClient, BorderDrag>();

/** Press on a border (no pane under the mouse): the pane left of or above it, and the axis. */
function borderAt(layout: Parameters<typeof paneAt>[0], cols: number, rows: number, x: number, y: number): BorderDrag | undefined {
  const left = x > 0 ? paneAt(layout, cols, rows, x - 1, y) : undefined;
  const right = paneAt(layout, cols, rows, x + 1, y);
  if (left !== undefined && right !== undefined && left !== right) return { pane: left, axis: 'h', at: x };
  const above = y > 0 ? paneAt(layout, cols, rows, x, y - 1) : undefined;
  const below = paneAt(layout, cols, rows, x, y + 1);
  if (above !== undefined && below !== undefined && above !== below) return { pane: above, axis: 'v', at: y };
  return undefined;
}

/** Move a dragged border with the mouse; true when the event belonged to a border drag. */
function continueBorderDrag(c: MouseClient, ev: MouseEvent, areaY: number): boolean {
  const d = borderDrags.get(c);
  if (!d) return false;
  if (ev.action === 'release') {
    borderDrags.delete(c);
    return true;
  }
  if (ev.action !== 'drag') return true;
  const w = c.session?.current;
  if (!w || !w.panes.has(d.pane)) {
    borderDrags.delete(c);
    return true;
  }
  const now = d.axis === 'h' ? ev.x : ev.y - areaY;
  const delta = now - d.at;
  if (delta === 0) return true;
  const layout = resizePane(w.layout, d.pane, d.axis === 'h' ? 'R' : 'D', delta, w.cols, w.rows);
  if (layout !== w.layout) {
    c.server.model.setLayout(w, layout);
    d.at = now;
  }
  return true;
}

export async function handleMouse(c: MouseClient, ev: MouseEvent): Promise<void> {
  const s = c.session;
  if (!s) return;
  const w = s.current;
  const { options } = c.server;
  const lines = Math.min(statusLines(options, c.at), Math.max(0, c.rows - 1));
  const statusTop = options.get('status-position', c.at) === 'top';
  // The status line's first row: the window list is drawn there.
  const statusY = lines > 0 ? (statusTop ? 0 : c.rows - lines) : -1;
  const areaY = statusTop ? lines : 0;
  if (continueBorderDrag(c, ev, areaY)) return;
  if (continueMouseSelection(c, ev)) return;
  if (lines > 0 && ev.y >= statusY && ev.y < statusY + lines) {
    if (ev.y !== statusY) return;
    if (ev.action === 'press' && ev.button === 0) await clickStatus(c, ev.x);
    return;
  }
  const y = ev.y - areaY;
  const id = w.zoomed ? w.active : paneAt(w.layout, w.cols, w.rows, ev.x, y);
  if (id === undefined) {
    const border = ev.action === 'press' && ev.button === 0 && !w.zoomed ? borderAt(w.layout, w.cols, w.rows, ev.x, y) : undefined;
    if (border) borderDrags.set(c, border);
    return;
  }
  const pane = w.panes.get(id);
  if (!pane) return;
  const rect = w.rects().get(id)!;
  if (ev.action === 'press' && id !== w.active) {
    c.server.model.selectPane(w, id);
  }
  const mm = pane.mouseMode();
  if (mm.tracking !== 'none' && !pane.copyMode) {
    const bytes = encodeMouse(ev, ev.x - rect.x, y - rect.y, mm.tracking, mm.encoding);
    if (bytes) pane.write(bytes);
    return;
  }
  if (ev.action === 'press' && ev.button === 0) {
    startMouseSelection(c, pane, rect, areaY, ev.x - rect.x, y - rect.y);
  } else if (ev.action === 'wheelUp') {
    if (!pane.copyMode) c.enterCopyMode(pane, { exitAtBottom: true });
    pane.copyMode!.scroll(-WHEEL_LINES);
    c.server.model.paneDisplayChanged(pane);
  } else if (ev.action === 'wheelDown' && pane.copyMode) {
    if (pane.copyMode.scroll(WHEEL_LINES) === 'exit') c.exitCopyMode(pane);
    c.server.model.paneDisplayChanged(pane);
  }
}

/** Clicking a window's name in the status line selects it. */
async function clickStatus(c: MouseClient, x: number): Promise<void> {
  const s = c.session!;
  const left = c.statusLayout?.windows;
  if (!left) return;
  const hit = left.find((r) => x >= r.x && x < r.x + r.cols);
  if (hit) {
    const w = s.findIndex(hit.index);
    if (w) {
      c.server.model.selectWindow(s, w);
    }
  }
}
