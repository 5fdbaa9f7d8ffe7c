/*
 * Selecting with the mouse, as in tmux: in a pane whose program did not ask for mouse
 * events, pressing the left button and dragging enters copy mode with a selection from
 * where the button went down to the pointer; releasing copies it (paste buffer, OSC 52)
 * and leaves copy mode. Dragging above or below the pane scrolls its history. A click
 * without a drag in copy mode moves the cursor there and drops the selection.
 *
 * One drag per client, from press to release, kept here (keyed by the client) so the
 * client itself carries no mouse state.
 */
import type { MouseEvent } from '../../core/input-decoder.js';
import type { Rect } from '../../render/style.js';
import type { Server } from '../server.js';

import type { Pane } from '../pane.js';
import { runCopyCommandOn } from './clipboard.js';

/** What mouse selection needs of the client it happens in. */
export interface CopyMouseClient {
  readonly server: Server;
  enterCopyMode(pane: Pane, opts?: { exitAtBottom?: boolean; pageUp?: boolean }): void;
}

interface Drag {
  pane: Pane;
  /** The pane's rect in window coordinates; `areaY` is where the window starts on screen. */
  rect: Rect;
  areaY: number;
  /** Where the button went down, in the pane. */
  x: number;
  y: number;
  dragging: boolean;
}

const drags = new WeakMap<CopyMouseClient, Drag>();

/** The left button went down at (x, y) of a pane that takes mouse selection. */
export function startMouseSelection(c: CopyMouseClient, pane: Pane, rect: Rect, areaY: number, x: number, y: number): void {
  drags.set(c, { pane, rect, areaY, x, y, dragging: false });
}

/** A drag or release that belongs to a selection under way: handle it and return true. */
export function continueMouseSelection(c: CopyMouseClient, ev: MouseEvent): boolean {
  const d = drags.get(c);
  if (!d) return false;
  if (ev.action !== 'drag' && ev.action !== 'release') {
    if (ev.action === 'press') drags.delete(c);
    return false;
  }
  const { pane, rect } = d;
  const server = c.server;
  if (ev.action === 'release') {
    drags.delete(c);
    if (!pane.copyMode) return true;
    if (d.dragging) runCopyCommandOn(server, pane, 'copy-selection-and-cancel', []);
    else {
      pane.copyMode.sel = null;
      pane.copyMode.moveTo({ line: pane.copyMode.viewTop() + d.y, col: d.x });
      server.model.paneDisplayChanged(pane);
    }
    return true;
  }
  if (ev.button !== 0) return true;
  if (!d.dragging) {
    d.dragging = true;
    if (!pane.copyMode) c.enterCopyMode(pane);
    const m = pane.copyMode!;
    m.emacs = server.options.get('mode-keys', { pane, window: server.model.windowOf(pane) }) === 'emacs';
    m.moveTo({ line: m.viewTop() + d.y, col: d.x });
    m.beginSelection('char');
  }
  const m = pane.copyMode;
  if (!m) return true;
  const px = Math.max(0, Math.min(rect.cols - 1, ev.x - rect.x));
  const py = ev.y - d.areaY - rect.y;
  if (py < 0) m.scroll(-1);
  else if (py >= rect.rows) m.scroll(1);
  const row = Math.max(0, Math.min(Math.min(rect.rows, m.rows) - 1, py));
  m.moveTo({ line: m.viewTop() + row, col: px });
  server.model.paneDisplayChanged(pane);
  return true;
}
