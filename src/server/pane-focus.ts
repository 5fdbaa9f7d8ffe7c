/*
 * Which panes have the focus, and telling their programs, as tmux 3.3a does
 * (window.c's window_pane_update_focus and its callers). A pane has the focus when it is
 * its window's active pane and a client whose terminal has the focus shows that window.
 * When that changes, a program that asked for focus reports (DEC mode 1004) is sent
 * ESC [ I or ESC [ O, and the pane-focus-in/-out hooks run (server.paneFocusChanged).
 *
 * What is looked at again, and when (as tmux):
 *   a client attaches or switches session      the active pane of the window it leaves
 *                                              and of the one it shows     (always)
 *   a client's terminal reports focus in/out   the active pane of its window  (always)
 *   a window's active pane changes             its last and new active pane   (focus-events on)
 *   a session's current window changes         the panes that had the focus in it and
 *                                              the new window's active pane  (focus-events on)
 *   a program turns on focus reports           it is told at once whether it has the focus
 *                                              (focus-events on)
 *   the pane with the focus closes             its window's new active pane   (always)
 * With focus-events off nothing here runs for pane output, window or pane selection.
 */
import type { ClientHandle } from './client/handle.js';
import type { Pane } from './pane.js';
import type { Server } from './server.js';
import type { Session, Window } from './window.js';

const FOCUS_IN = '\x1b[I';
const FOCUS_OUT = '\x1b[O';

/** Start following focus for `server`'s panes. */
export function installPaneFocus(server: Server): void {
  const m = server.model;
  /** Panes that have the focus (tmux's PANE_FOCUSED), with their window. */
  const focused = new Map<Pane, Window>();
  /** Panes whose program has focus reports on, as last seen (focus-events on only). */
  const reporting = new WeakSet<Pane>();
  let eventsOn = server.options.get('focus-events') as boolean;

  const hasFocus = (w: Window, p: Pane): boolean => {
    if (w.active !== p.id || !w.panes.has(p.id)) return false;
    for (const c of server.clients) if (c.focused && c.session?.current === w) return true;
    return false;
  };

  /** tmux's window_pane_update_focus. */
  const update = (w: Window, p: Pane | undefined): void => {
    if (!p) return;
    const now = hasFocus(w, p);
    if (now === focused.has(p)) return;
    if (now) focused.set(p, w);
    else focused.delete(p);
    if (p.alive && p.term.modes.sendFocusMode) p.writeDirect(now ? FOCUS_IN : FOCUS_OUT);
    server.paneFocusChanged(p, now);
  };
  const activeOf = (w: Window | undefined): Pane | undefined => w?.panes.get(w.active);
  const updateWindow = (w: Window | undefined): void => {
    if (w) update(w, activeOf(w));
  };

  const clientMoved = (c: ClientHandle): void => {
    const old: Session | undefined = c.previousSession;
    if (old && old !== c.session && m.sessions.includes(old)) updateWindow(old.current);
    updateWindow(c.session?.current);
  };
  server.clientEvents.on('client-attached', clientMoved);
  server.clientEvents.on('client-session-changed', clientMoved);
  server.clientEvents.on('client-focus-panes', (c) => updateWindow(c.session?.current));

  /** Windows whose pane with the focus closed: their new active pane is looked at once the layout has it. */
  const lostFocus = new WeakSet<Window>();
  m.events.on('window-changed', ({ window, what }) => {
    if (lostFocus.has(window)) {
      lostFocus.delete(window);
      updateWindow(window);
    }
    if (!eventsOn || what !== 'active') return;
    if (window.lastActive !== undefined) update(window, window.panes.get(window.lastActive));
    for (const p of focused.keys()) if (window.panes.get(p.id) === p) update(window, p);
    updateWindow(window);
  });
  m.events.on('window-selected', ({ session, window }) => {
    if (!eventsOn) return;
    for (const w of session.windows) for (const p of focused.keys()) if (w.panes.get(p.id) === p) update(w, p);
    updateWindow(window);
  });
  m.events.on('pane-closed', (p) => {
    const w = focused.get(p);
    if (!w) return;
    focused.delete(p);
    lostFocus.add(w);
  });
  m.events.on('options-changed', () => {
    eventsOn = server.options.get('focus-events') as boolean;
  });
  // A program that turns focus reports on is told where the focus is (tmux's input.c, mode 1004).
  m.events.on('pane-output', (p) => {
    if (!eventsOn) return;
    const on = p.term.modes.sendFocusMode;
    if (on === reporting.has(p)) return;
    if (!on) {
      reporting.delete(p);
      return;
    }
    reporting.add(p);
    p.writeDirect(focused.has(p) ? FOCUS_IN : FOCUS_OUT);
  });
}
