/*
 * Finding a target's session, window and pane by its text, as tmux 3.3a's cmd-find.c
 * does once a target has been split into its parts (targets.ts splits it):
 *
 *   session  $id; the exact name; a client's name (its session); unless exact (=name),
 *            a unique prefix, then a unique fnmatch pattern
 *   window   (in a session) +N / -N from the current window by number, wrapping; ! ^ $;
 *            an index; a unique exact name; unless exact, a unique prefix, then a unique
 *            fnmatch pattern. Without a session, @id, else in the current session, else
 *            (a bare word) a session's current window
 *   pane     (in a window) %id; !; {up-of} {down-of} {left-of} {right-of}; +N / -N by
 *            number, wrapping; an index (from pane-base-index); top, bottom, left, right,
 *            top-left, … (the pane at that edge's middle or corner). Without a window, %id,
 *            else in the current window, else (a bare word) a window or a session
 *
 * Several matches are no match, as in tmux. Each function returns null where tmux's
 * returns -1; the caller says what could not be found.
 */
import { neighbourPane } from '../core/layout/layout.js';
import { fnmatch } from '../core/format/fnmatch.js';
import type { ClientHandle } from './client/handle.js';
import type { Pane } from './pane.js';
import type { Resolved } from './resolved.js';
import type { Server } from './server.js';
import type { Session, Window } from './window.js';

/** What the lookups need: the server, where the command stands, and the clients by name. */
export interface FindState {
  server: Server;
  /** The caller's current session, window and pane (tmux's fs->current). */
  current: () => Resolved;
  /** The session a linked window is taken in when no session was named. */
  preferred: () => Session | undefined;
  client: (name: string) => ClientHandle | undefined;
}

/** The one item `match` accepts, or null for none or several. */
function unique<T>(items: Iterable<T>, match: (x: T) => boolean): T | null {
  let found: T | null = null;
  for (const x of items) {
    if (!match(x)) continue;
    if (found !== null) return null;
    found = x;
  }
  return found;
}

/** A count after + or - (tmux's strtonum 1..INT_MAX; 1 when there is none; 0, no move, when bad). */
export function offsetCount(text: string): number {
  if (text.length === 1) return 1;
  return /^[1-9]\d{0,9}$/.test(text.slice(1)) && Number(text.slice(1)) <= 2147483647 ? Number(text.slice(1)) : 0;
}

/** `list[i]` moved by `step`, wrapping (tmux's winlink_next_by_number, window_pane_next_by_number). */
function wrapped<T>(list: T[], i: number, step: number): T {
  return list[(((i + step) % list.length) + list.length) % list.length]!;
}

/** A window index as tmux's strtonum(0, INT_MAX) reads one, or null. */
export function indexNumber(text: string): number | null {
  return /^\d{1,10}$/.test(text) && Number(text) <= 2147483647 ? Number(text) : null;
}

/** cmd_find_get_session. */
export function findSessionNamed(st: FindState, spec: string, exact: boolean): Session | null {
  const sessions = st.server.model.sessions;
  if (spec.startsWith('$')) return sessions.find((s) => `$${s.id}` === spec) ?? null;
  const named = st.server.model.findSession(spec);
  if (named) return named;
  const client = st.client(spec);
  if (client?.session) return client.session;
  if (exact) return null;
  return unique(sessions, (s) => s.name.startsWith(spec)) ?? unique(sessions, (s) => fnmatch(spec, s.name));
}

/** cmd_find_get_window_with_session (not for a free index: resolveWindowIndex does that). */
export function findWindowIn(s: Session, spec: string, exact: boolean): Window | null {
  const sorted = s.sorted();
  if (spec.startsWith('@')) return s.windows.find((w) => `@${w.id}` === spec) ?? null;
  if (!exact && (spec[0] === '+' || spec[0] === '-')) {
    const n = offsetCount(spec);
    const i = sorted.indexOf(s.current);
    if (i >= 0) return wrapped(sorted, i, spec[0] === '+' ? n : -n);
  }
  if (!exact) {
    if (spec === '!') return s.last ?? null;
    if (spec === '^') return sorted[0] ?? null;
    if (spec === '$') return sorted.at(-1) ?? null;
  }
  if (spec[0] !== '+' && spec[0] !== '-') {
    const idx = indexNumber(spec);
    if (idx !== null) {
      const w = s.findIndex(idx);
      if (w) return w;
    }
  }
  const named = s.windows.filter((w) => w.name === spec);
  if (named.length) return named.length === 1 ? named[0]! : null;
  if (exact) return null;
  return unique(sorted, (w) => w.name.startsWith(spec)) ?? unique(sorted, (w) => fnmatch(spec, w.name));
}

/** cmd_find_get_window: @id; else in the current session; else, unless `only`, a session's current window. */
export function findWindowAnywhere(st: FindState, spec: string, exact: boolean, only: boolean): { session: Session; window: Window } | null {
  if (spec.startsWith('@')) {
    const w = st.server.model.sessions.flatMap((s) => s.windows).find((x) => `@${x.id}` === spec);
    const s = w && st.server.model.sessionOf(w, st.preferred());
    return w && s ? { session: s, window: w } : null;
  }
  const cur = st.current().session;
  const w = findWindowIn(cur, spec, exact);
  if (w) return { session: cur, window: w };
  if (only) return null;
  const s = findSessionNamed(st, spec, false);
  return s ? { session: s, window: s.current } : null;
}

/** cmd_find_get_pane_with_window. */
export function findPaneIn(st: FindState, w: Window, spec: string): Pane | null {
  if (spec.startsWith('%')) {
    const p = st.server.model.panes.get(Number(spec.slice(1)));
    return p && /^%\d+$/.test(spec) && w.panes.get(p.id) === p ? p : null;
  }
  if (spec === '!') return w.lastActive !== undefined ? (w.panes.get(w.lastActive) ?? null) : null;
  const dirs: Record<string, 'L' | 'R' | 'U' | 'D'> = { '{up-of}': 'U', '{down-of}': 'D', '{left-of}': 'L', '{right-of}': 'R' };
  // Neighbours and offsets are of the current pane (tmux's fs->current->wp), if it is here.
  const cur = st.current().pane;
  const from = w.panes.get(cur.id) === cur ? cur.id : w.active;
  if (dirs[spec]) {
    const id = neighbourPane(w.layout, from, dirs[spec]!, w.cols, w.rows);
    return id === undefined ? null : (w.panes.get(id) ?? null);
  }
  const order = w.orderedPanes();
  if (spec[0] === '+' || spec[0] === '-') {
    const i = order.findIndex((p) => p.id === from);
    if (i >= 0) return wrapped(order, i, spec[0] === '+' ? offsetCount(spec) : -offsetCount(spec));
  }
  const idx = indexNumber(spec);
  if (idx !== null) {
    const base = st.server.options.get('pane-base-index', { window: w }) as number;
    const p = order[idx - base];
    if (p && idx >= base) return p;
  }
  return paneAtEdge(w, spec);
}

/**
 * tmux's window_find_string: the visible pane at the middle of an edge or at a corner of
 * the window (title lines left out), the first in pane order whose cells, borders
 * included, hold it (window_get_active_at).
 */
function paneAtEdge(w: Window, spec: string): Pane | null {
  const side = w.titleSide();
  const top = side === 'top' ? 1 : 0;
  const bottom = w.rows - 1 - (side === 'bottom' ? 1 : 0);
  let x = Math.floor(w.cols / 2);
  let y = Math.floor(w.rows / 2);
  const at: Record<string, () => void> = {
    top: () => (y = top),
    bottom: () => (y = bottom),
    left: () => (x = 0),
    right: () => (x = w.cols - 1),
    'top-left': () => ((x = 0), (y = top)),
    'top-right': () => ((x = w.cols - 1), (y = top)),
    'bottom-left': () => ((x = 0), (y = bottom)),
    'bottom-right': () => ((x = w.cols - 1), (y = bottom)),
  };
  const set = at[spec.toLowerCase()];
  if (!set) return null;
  set();
  const rects = w.rects();
  for (const p of w.orderedPanes()) {
    const r = rects.get(p.id);
    if (r && x >= r.x && x <= r.x + r.cols && y >= r.y && y <= r.y + r.rows) return p;
  }
  return null;
}

/** cmd_find_get_pane: %id; else in the current window; else, unless `only`, a window's (or a session's) active pane. */
export function findPaneAnywhere(st: FindState, spec: string, only: boolean): Resolved | null {
  if (spec.startsWith('%')) {
    const p = /^%\d+$/.test(spec) ? st.server.model.panes.get(Number(spec.slice(1))) : undefined;
    const w = p && st.server.model.windowOf(p);
    const s = w && st.server.model.sessionOf(w, st.preferred());
    return p && w && s ? { session: s, window: w, pane: p } : null;
  }
  const cur = st.current();
  const p = findPaneIn(st, cur.window, spec);
  if (p) return { session: cur.session, window: cur.window, pane: p };
  if (only) return null;
  const found = findWindowAnywhere(st, spec, false, false);
  return found ? { ...found, pane: found.window.activePane } : null;
}
