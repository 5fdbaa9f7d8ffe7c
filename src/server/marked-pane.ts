/*
 * The marked pane: one per server, as tmux's marked_pane (server.c). It is held as tmux
 * holds it — a session, the winlink the window had there, the window and the pane — and
 * is only "set" while all of those still hold together (tmux's server_check_marked, which
 * is cmd_find_valid_state): the session alive, the window still linked there by the same
 * winlink (`Session.winlinkOf`: a move, renumber or swap-window gives it another one), the
 * pane still in that window. A pane that leaves its window (killed, join-pane, break-pane)
 * clears it outright (tmux's window_lost_pane).
 *
 *   select-pane -m / -M, choose-tree m / M   set and clear it (through the model)
 *   {marked} and ~                           resolve to it (targets.ts)
 *   join-pane, move-pane, swap-pane, swap-window   take it as their -s by default
 *   pane_marked, pane_marked_set, window_marked_flag, session_marked, the M window flag,
 *   the marked pane's reversed borders        read it
 */
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';

/** The marked pane, when it is set. */
export interface Marked {
  session: Session;
  window: Window;
  pane: Pane;
}

export class MarkedPane {
  private held: { marked: Marked; winlink: object | undefined } | undefined;

  /** `alive(s)`: is session `s` still one of the server's? */
  constructor(private readonly alive: (s: Session) => boolean) {}

  /** The marked pane if it is still valid (server_check_marked), else undefined. */
  get(): Marked | undefined {
    if (!this.held) return undefined;
    const { marked: m, winlink } = this.held;
    if (!this.alive(m.session)) return undefined;
    if (winlink === undefined || m.session.winlinkOf(m.window) !== winlink) return undefined;
    if (m.window.panes.get(m.pane.id) !== m.pane) return undefined;
    return m;
  }

  /** Is `p`, in window `w` of session `s`, the marked pane (server_is_marked)? */
  is(s: Session, w: Window, p: Pane): boolean {
    const m = this.get();
    return m !== undefined && m.session === s && m.window === w && m.pane === p;
  }

  /** Is the marked pane in window `w` as linked into `s` (window_marked_flag, the M flag)? */
  inWindow(s: Session, w: Window): boolean {
    const m = this.get();
    return m !== undefined && m.session === s && m.window === w;
  }

  set(s: Session, w: Window, p: Pane): void {
    this.held = { marked: { session: s, window: w, pane: p }, winlink: s.winlinkOf(w) };
  }

  clear(): void {
    this.held = undefined;
  }

  /** Pane `p` left its window (closed or moved): it is no longer marked, as tmux's window_lost_pane. */
  lost(p: Pane): boolean {
    if (this.held?.marked.pane !== p) return false;
    this.held = undefined;
    return true;
  }
}
