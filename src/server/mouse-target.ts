/*
 * The mouse event a key binding runs for (tmux's struct mouse_event in a cmdq item): where
 * it happened — the session, the window (the current one, or the one whose entry in the
 * status line was clicked), the pane under it or whose border it is on — and the report
 * itself. Commands reach it through their context (CommandContext.mouse): the `=` and
 * `{mouse}` targets, send-keys -M, copy-mode -M, resize-pane -M, begin-selection, the
 * mouse_* formats, display-menu -xM -yM.
 *
 * While a binding's commands run, their formats see its event (`withMouse`, an
 * AsyncLocalStorage context that follows their awaits, as command-formats.ts does for
 * current_file), so `set -F`, `if -F`, `display -p` and the rest know #{mouse_x}.
 * What a mouse key nothing binds does is mouse-forward.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MouseLocation } from '../core/keys.js';
import type { MouseEvent } from '../core/input-decoder.js';
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';

/** What runs while a drag goes on, set by copy-mode -M, begin-selection and resize-pane -M (tmux's mouse_drag_update/release). */
export interface DragHandlers {
  update(m: MouseTarget): void;
  release?(m: MouseTarget): void;
}

export interface MouseTarget {
  /** The key it was turned into (`MouseDown1Pane`, …). */
  key: string;
  where: MouseLocation;
  session: Session;
  window: Window;
  /** The pane under the mouse, or whose border it is on; undefined on the status line (then `=` names a window or session, not a pane). */
  pane: Pane | undefined;
  /** Client cells, 0-based: where it is now and where the report before it was. */
  x: number;
  y: number;
  lx: number;
  ly: number;
  /** The window cell at the client's top-left of its pane area (tmux's m->ox, m->oy): a window bigger than the client shows from there. */
  ox: number;
  oy: number;
  /** Where the window starts on the client (below a status line at the top). */
  areaY: number;
  /** The status line's first row on the client, or -1 for none, and its rows. */
  statusAt: number;
  statusLines: number;
  /** A double click made by the timer: its presses have gone to the program already. */
  ignore: boolean;
  /** The decoded report, to send on. */
  event: MouseEvent;
  /** Start a drag that goes on without bindings until the button is released (tmux's mouse_drag_update). */
  setDrag(h: DragHandlers): void;
}

/** The pane of a mouse target (tmux's cmd_mouse_pane): the one under it or whose border it is on, if it is still there; none on the status line. */
export function mousePane(m: MouseTarget): Pane | undefined {
  return m.pane && m.window.panes.get(m.pane.id) === m.pane ? m.pane : undefined;
}

/**
 * Where the mouse is in `pane` (tmux's cmd_mouse_at), `last`: where the report before was
 * (the press a drag started at); null when outside it. `clamp` keeps it on the pane's edge.
 */
export function mouseAt(m: MouseTarget, pane: Pane, last = false, clamp = false): { x: number; y: number } | null {
  const rect = m.window.rects().get(pane.id);
  if (!rect) return null;
  let x = (last ? m.lx : m.x) + m.ox - rect.x;
  let y = (last ? m.ly : m.y) + m.oy - m.areaY - rect.y;
  if (clamp) {
    x = Math.max(0, Math.min(rect.cols - 1, x));
    y = Math.max(0, Math.min(rect.rows - 1, y));
  }
  if (x < 0 || y < 0 || x >= rect.cols || y >= rect.rows) return null;
  return { x, y };
}

const running = new AsyncLocalStorage<{ m: MouseTarget; done: boolean }>();

/** The mouse event of the binding whose commands are running now, if any (format-vars-mouse.ts). */
export function runningMouse(): MouseTarget | undefined {
  const s = running.getStore();
  return s && !s.done ? s.m : undefined;
}

/** Runs a mouse key's binding with its event visible to the formats of its commands. */
export async function withMouse<T>(m: MouseTarget, fn: () => Promise<T>): Promise<T> {
  const state = { m, done: false };
  try {
    return await running.run(state, fn);
  } finally {
    state.done = true;
  }
}
