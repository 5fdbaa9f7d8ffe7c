/*
 * Windows linked into sessions, and the operations that move them between sessions and
 * indexes: link-window, unlink-window, move-window, swap-window, the shuffle of
 * new-window -a/-b, renumbering — as tmux's winlinks (server_link_window,
 * server_unlink_window, session_detach) do them.
 *
 *   WindowLinks: Window → the sessions it is linked into, in the order they were linked
 *                (tmux's w->winlinks: window_linked_sessions_list lists them so)
 *   Session:     its own index, flags, current and last window for each (window.ts)
 *
 * The Model calls these with a MovesHost: what they need of it (options, closing a
 * window's panes, ending a session, a group's sessions following one of them) and
 * `raise`, the Model's own emitter, so the events are still the Model's.
 */
import { CommandError } from '../core/errors.js';
import type { ModelEvents } from './events.js';
import type { Session, Window } from './window.js';

/** Which sessions each window is linked into. */
export class WindowLinks {
  private readonly of = new Map<Window, Session[]>();

  /** The sessions `w` is linked into, in the order it was linked (empty when none). */
  sessionsOf(w: Window): readonly Session[] {
    return this.of.get(w) ?? [];
  }

  add(w: Window, s: Session): void {
    const list = this.of.get(w);
    if (!list) this.of.set(w, [s]);
    else if (!list.includes(s)) list.push(s);
  }

  remove(w: Window, s: Session): void {
    const list = (this.of.get(w) ?? []).filter((x) => x !== s);
    if (list.length === 0) this.of.delete(w);
    else this.of.set(w, list);
  }

  /** Windows with `s` in place of `old` keep their place in each list (swap-window). */
  replace(w: Window, old: Session, s: Session): void {
    const list = this.of.get(w);
    if (!list) return;
    const i = list.indexOf(old);
    if (i >= 0 && !list.includes(s)) list[i] = s;
  }
}

export interface MovesHost {
  readonly links: WindowLinks;
  baseIndex(s: Session): number;
  renumbers(s: Session): boolean;
  /** Close every pane of `w`, which no session holds any more. */
  closePanes(w: Window): void;
  /** `s` lost its last window: it ends, and so do the sessions grouped with it (tmux's server_destroy_session_group). */
  emptied(s: Session): void;
  /** Are `a` and `b` two sessions of one group? */
  grouped(a: Session, b: Session): boolean;
  /** The sessions grouped with `s` take its windows, as tmux's session_group_synchronize_from. */
  synced(s: Session): void;
  raise<K extends keyof ModelEvents>(type: K, payload: ModelEvents[K]): void;
}

/** Link `w` into `s` at `index` (free); current there when `select`. */
export function attach(h: MovesHost, w: Window, s: Session, index: number, select: boolean): void {
  s.addWindow(w, index, false);
  h.links.add(w, s);
  h.raise('window-created', { window: w, session: s });
  if (select) s.select(w);
}

/**
 * Unlink `w` from `s` (tmux's session_detach): the session ends when it was its last
 * window, else is renumbered when `renumber` and renumber-windows say so. The window's
 * panes are closed when no session holds it any more.
 */
export function detach(h: MovesHost, w: Window, s: Session, renumber: boolean): void {
  if (!s.windows.includes(w)) return;
  h.links.remove(w, s);
  if (h.links.sessionsOf(w).length === 0) h.closePanes(w);
  const left = s.removeWindow(w);
  h.raise('window-closed', { window: w, session: s });
  if (!left) {
    h.emptied(s);
    return;
  }
  if (renumber && h.renumbers(s)) renumberWindows(h, s);
  h.synced(s);
}

/**
 * Unlink `there` from `s` for a window taking its index (-k of move-window, link-window,
 * new-window): closed when no other
 * session holds it, and no other window made current in its place. Returns whether it
 * was current (the window taking its place is then).
 */
export function displace(h: MovesHost, s: Session, there: Window): boolean {
  const wasCurrent = s.current === there;
  h.links.remove(there, s);
  if (h.links.sessionsOf(there).length === 0) h.closePanes(there);
  s.forgetWindow(there);
  h.raise('window-closed', { window: there, session: s });
  return wasCurrent;
}

/**
 * Link window `w` into session `s` at `index` (link-window; move-window's first half).
 * A taken index is refused unless `kill`, which unlinks the window there (closed when it
 * was in no other session); the window linked in takes its place, current if that was.
 */
export function linkWindow(h: MovesHost, w: Window, from: Session, s: Session, index: number | undefined, select: boolean, kill: boolean): void {
  if (from !== s && h.grouped(from, s)) throw new CommandError('sessions are grouped');
  const there = index === undefined ? undefined : s.findIndex(index);
  if (there === w) throw new CommandError(`same index: ${index}`);
  if (there && !kill) throw new CommandError(`index in use: ${index}`);
  if (s.windows.includes(w)) throw new CommandError(`window @${w.id} is already linked to ${s.name}`);
  if (there) select = displace(h, s, there) || select;
  attach(h, w, s, index ?? s.freeIndex(h.baseIndex(s)), select || !s.current);
  h.synced(s);
}

/**
 * Move window `w` from session `from` to `s` at `index` (or the first free one): linked
 * there, unlinked from `from`. Within one session it changes index; not selected, a
 * current window hands the focus on as if it had closed. `from` ends when it was its
 * last window, or is renumbered (renumber-windows) unless `renumber` is false.
 */
export function moveWindow(h: MovesHost, w: Window, from: Session, s: Session, index: number | undefined, select: boolean, o: { kill?: boolean; renumber?: boolean }): void {
  const there = index === undefined ? undefined : s.findIndex(index);
  if (there === w) throw new CommandError(`same index: ${index}`);
  if (there && !o.kill) throw new CommandError(`index in use: ${index}`);
  if (from !== s && h.grouped(from, s)) throw new CommandError('sessions are grouped');
  if (from !== s && s.windows.includes(w)) throw new CommandError(`window @${w.id} is already linked to ${s.name}`);
  const to = index ?? s.freeIndex(h.baseIndex(s));
  if (there) select = displace(h, s, there) || select;
  const renumber = o.renumber !== false && h.renumbers(s);
  if (from === s) {
    if (!select && s.current === w) s.select(s.successorOf(w)!);
    if (s.current !== w) s.unstack(w);
    s.setIndex(w, to);
    s.relink(w);
    if (select || !s.current) s.select(w);
    h.raise('window-changed', { window: w, what: 'name' });
    if (renumber) renumberWindows(h, s);
    h.synced(s);
    return;
  }
  h.links.remove(w, from);
  const left = from.removeWindow(w);
  h.raise('window-closed', { window: w, session: from });
  if (left) {
    h.synced(from);
    if (o.renumber !== false && h.renumbers(from)) renumberWindows(h, from);
  } else {
    h.emptied(from);
  }
  attach(h, w, s, to, select);
  h.synced(s);
}

/**
 * Unlink `w` from `s` (unlink-window): refused when no other session holds it (outside
 * `s`'s group) unless `kill`, which then closes it.
 */
export function unlinkWindow(h: MovesHost, w: Window, s: Session, kill: boolean, groupSize: number): void {
  if (!kill && h.links.sessionsOf(w).length <= groupSize) throw new CommandError('window only linked to one session');
  detach(h, w, s, false);
}

/**
 * Number the windows of `s` from base-index without gaps (move-window -r, renumber-windows).
 * As tmux's session_renumber_windows, the session's windows are linked anew (it goes last
 * among each one's sessions) and its group is not told: move-window -r renumbers one
 * session of a group only, until the next change of the group's windows.
 */
export function renumberWindows(h: MovesHost, s: Session): void {
  for (const w of s.renumber(h.baseIndex(s))) h.raise('window-changed', { window: w, what: 'name' });
  for (const w of s.windows) {
    h.links.remove(w, s);
    h.links.add(w, s);
  }
}

/**
 * Exchange the windows at two winlinks — `a` in `sa`, `b` in `sb` — as tmux's
 * swap-window: each index now holds the other window; a session's current and last
 * window are the ones now at those indexes; `select` makes each moved window current
 * where it went.
 */
export function swapWindows(h: MovesHost, a: Window, sa: Session, b: Window, sb: Session, select: boolean): void {
  if (a === b) return;
  if (sa !== sb && (sa.windows.includes(b) || sb.windows.includes(a))) throw new CommandError('cannot swap: a window would be linked twice into one session');
  if (sa === sb) {
    const ia = sa.indexOf(a);
    sa.setIndex(a, sa.indexOf(b));
    sa.setIndex(b, ia);
    sa.swapWinlinks(a, b);
    sa.restack((w) => (w === a ? b : w === b ? a : w));
    const cur = sa.current === a ? b : sa.current === b ? a : sa.current;
    if (cur !== sa.current) {
      (sa as { current?: Window }).current = undefined;
      sa.select(cur);
    }
  } else {
    sa.replaceWindow(a, b);
    sb.replaceWindow(b, a);
    h.links.replace(a, sa, sb);
    h.links.replace(b, sb, sa);
  }
  if (select) {
    sb.select(a);
    if (sa !== sb) sa.select(b);
  }
  h.raise('window-changed', { window: a, what: 'name' });
  h.raise('window-changed', { window: b, what: 'name' });
  h.synced(sa);
  if (sb !== sa) h.synced(sb);
}

/**
 * Make room at `index` in `s` by moving the windows from there up by one, as far as the
 * first free index (tmux's winlink_shuffle_up: new-window -a/-b, break-pane -a/-b).
 */
export function shuffleUp(h: MovesHost, s: Session, index: number): void {
  let last = index;
  while (s.findIndex(last)) last++;
  for (; last > index; last--) s.setIndex(s.findIndex(last - 1)!, last);
  h.synced(s);
}

/**
 * Make each session of `others` hold the windows of `from` at the same indexes, as tmux's
 * session_group_synchronize1 does: a session whose current index is gone from `from`
 * first moves on as if its window closed; then every window of `from` is linked anew
 * (each told linked again — control clients hear %window-add for each — and the session
 * goes last among the window's sessions), with `from`'s alert flags added to its own;
 * its current and last windows are the ones now at the indexes they were at; windows
 * `from` has no more are unlinked (closed when no session holds them).
 */
export function syncGroup(h: MovesHost, from: Session, others: readonly Session[]): void {
  if (from.windows.length === 0) return;
  for (const t of others) {
    if (t.current && !from.findIndex(t.indexOf(t.current))) {
      const next = t.successorOf(t.current);
      if (next) t.select(next);
    }
    const currentAt = t.current ? t.indexOf(t.current) : undefined;
    const stackAt = t.stack().map((w) => t.indexOf(w));
    const old = [...t.windows];
    for (const w of from.sorted()) {
      if (t.windows.includes(w)) {
        h.links.remove(w, t);
        h.links.add(w, t);
        t.setIndex(w, from.indexOf(w));
        t.relink(w);
      } else {
        t.addWindow(w, from.indexOf(w), false);
        h.links.add(w, t);
      }
      for (const f of from.flagsOf(w)) t.flagsOf(w).add(f);
      h.raise('window-created', { window: w, session: t });
    }
    const gone = old.filter((w) => !from.windows.includes(w));
    for (const w of gone) {
      h.links.remove(w, t);
      t.forgetWindow(w);
    }
    const cur = (currentAt !== undefined ? t.findIndex(currentAt) : undefined) ?? t.findIndex(from.indexOf(from.current))!;
    t.setCurrent(cur, stackAt.map((i) => t.findIndex(i)).filter((w): w is Window => w !== undefined && w !== cur));
    for (const w of gone) {
      if (h.links.sessionsOf(w).length === 0) h.closePanes(w);
      h.raise('window-closed', { window: w, session: t });
    }
  }
}
