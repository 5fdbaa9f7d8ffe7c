/*
 * A mouse key nothing binds, or send-keys -M, as tmux's window_pane_key for a mouse key:
 * a pane in a mode takes no mouse (clock mode ends), a program that asked for the mouse
 * gets the report at its own coordinates, in its encoding (core/mouse-encode.ts), if the
 * mouse is over it and it is visible.
 */
import { encodeMouse } from '../core/mouse-encode.js';
import type { Pane } from './pane.js';
import type { Server } from './server.js';
import { mouseAt, mousePane, type MouseTarget } from './mouse-target.js';

/** A mouse key nothing binds, or send-keys -M: to the pane, as tmux's window_pane_key. */
export function forwardMouse(server: Server, m: MouseTarget, pane: Pane | undefined = mousePane(m)): void {
  if (!pane) return;
  if (pane.clockMode) {
    server.model.setClockMode(pane, false);
    return;
  }
  if (pane.copyMode || m.ignore) return;
  const w = server.model.windowOf(pane);
  if (!w || (w.zoomed && w.active !== pane.id)) return;
  const mm = pane.mouseMode();
  if (mm.tracking === 'none') return;
  const at = mouseAt(m, pane);
  if (!at) return;
  const bytes = encodeMouse(m.event, at.x, at.y, mm.tracking, mm.encoding);
  if (bytes) pane.write(bytes);
}
