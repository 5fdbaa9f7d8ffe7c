/*
 * Sessions and windows: the tree the server owns.
 *
 *   Session ($id, name) ── winlinks: index → Window (@id, name)
 *                                                └─ layout tree of Pane (%id) leaves
 *
 * A window may be linked into several sessions (tmux's winlinks: link-window, session
 * groups), at its own index in each; what belongs to the link — the index, the status
 * flags (activity, bell, a Claude alert), being current or last — is kept by the
 * session, what belongs to the window — panes, layout, name, size — by the window.
 *
 * A window's size is the area its clients can show, as window-size decides it
 * (window-size.ts: the latest, largest or smallest client, minus the status line); its
 * panes' rects come from the layout tree (or the whole area for the zoomed pane). This file holds data and the small operations on it; creating processes
 * and talking to clients is the server's job.
 */
import { Environ } from '../core/environ.js';
import {
  computeRects,
  listPanes,
  removePane as layoutRemove,
  singlePane,
  type LayoutNode,
  type Preset,
  type Rect,
} from '../core/layout/layout.js';
import { resizeLayout } from '../core/layout/resize-layout.js';
import type { Pane } from './pane.js';
import { LocalOptions } from '../config/local-options.js';
import type { Reuse } from './reuse.js';

/** A status flag of a window in one session (tmux's WINLINK_ACTIVITY, _BELL, _SILENCE; 'alert' is a Claude pane's). */
export type WindowFlag = 'activity' | 'bell' | 'silence' | 'alert';

export class Window {
  layout: LayoutNode;
  readonly panes = new Map<number, Pane>();
  active: number;
  lastActive: number | undefined;
  zoomed = false;
  private fixed: string | undefined;
  /**
   * A name set by the user (new-window -n, rename-window) wins over the automatic one. As
   * tmux, naming a window turns its automatic-rename off (a window option of its own,
   * which show-window-options shows and tmux-resurrect saves).
   */
  get fixedName(): string | undefined {
    return this.fixed;
  }

  set fixedName(name: string | undefined) {
    this.fixed = name;
    if (name) this.options.set('automatic-rename', false);
  }
  /** When a pane of it last had output, or it was made or went current (#{window_activity}, tmux's activity_time). */
  activityAt = Date.now();
  /** The preset layout last applied (next-layout cycles from it). */
  preset: Preset | undefined;
  /** The layout (tmux's layout string) before the last select-layout, which `select-layout -o` restores (tmux's old_layout). */
  oldLayout: string | undefined;
  /** Window options set on this window (`set -w -t`), over the global ones. */
  readonly options = new LocalOptions();
  /**
   * A size given with resize-window (tmux's window-size manual for this window): its
   * clients no longer size it; each shows what fits of it.
   */
  manualSize: { cols: number; rows: number } | undefined;
  /** The size it was made at: its size under window-size manual (tmux's manual_sx/sy). */
  readonly createdSize: { cols: number; rows: number };

  constructor(
    readonly id: number,
    first: Pane,
    public cols: number,
    public rows: number,
  ) {
    this.createdSize = { cols, rows };
    this.layout = singlePane(first.id);
    this.panes.set(first.id, first);
    this.active = first.id;
  }

  get activePane(): Pane {
    return this.panes.get(this.active)!;
  }

  /** The window's name: the fixed one, else the automatic one (automatic-rename-format). */
  get name(): string {
    return this.nameIn();
  }

  /**
   * The automatic name from an automatic-rename-format of the window's own (set by the
   * server: window-name.ts); undefined while the format is ccmux's default, drawn here.
   */
  autoName: (reuse?: Reuse) => string | undefined = () => undefined;

  /**
   * The window's name, its program looked up with `reuse` (a frame's: see reuse.ts). The
   * default automatic name is ccmux's automatic-rename-format: `[tmux]` in a mode, `claude`
   * for a Claude pane, else its program, and `[dead]` after it when it has exited.
   */
  nameIn(reuse?: Reuse): string {
    if (this.fixedName !== undefined) return this.fixedName;
    const p = this.panes.get(this.active);
    if (!p) return '';
    const auto = this.autoName(reuse);
    if (auto !== undefined) return auto;
    const name = p.copyMode || p.clockMode ? '[tmux]' : (p.kind ?? p.recentCommand(reuse));
    return p.alive ? name : `${name}[dead]`;
  }

  /** Panes in layout order (tmux's pane indexes). */
  orderedPanes(): Pane[] {
    return listPanes(this.layout).map((id) => this.panes.get(id)!).filter(Boolean);
  }

  /** The pane-border-status option as it applies to this window (set by the server). */
  borderStatus: () => 'off' | 'top' | 'bottom' | 'claude' = () => 'off';

  /** Does the window show a title line by each pane (pane-border-status)? */
  hasTitleLines(): boolean {
    return this.titleSide() !== 'off';
  }

  /** Where the panes' title lines are: pane-border-status, with `claude` top in a window that has a Claude pane, else off. */
  titleSide(): 'off' | 'top' | 'bottom' {
    const mode = this.borderStatus();
    if (mode !== 'claude') return mode;
    for (const p of this.panes.values()) if (p.kind === 'claude') return 'top';
    return 'off';
  }

  /**
   * Where each visible pane is drawn inside the window area. With title lines, a pane at
   * the top edge (bottom edge, for pane-border-status bottom) gives that row to its
   * title; the others have a border there already (tmux's layout_add_border).
   */
  rects(): Map<number, Rect> {
    return this.titled(this.zoomed ? new Map([[this.active, { x: 0, y: 0, cols: this.cols, rows: this.rows }]]) : computeRects(this.layout, this.cols, this.rows));
  }

  /**
   * Where pane `id` is: its rect on screen, or for a pane a zoom hides, its place in the
   * layout (what tmux's formats show of a hidden pane).
   */
  paneRect(id: number): Rect | undefined {
    return this.rects().get(id) ?? (this.zoomed ? this.titled(computeRects(this.layout, this.cols, this.rows)).get(id) : undefined);
  }

  private titled(rects: Map<number, Rect>): Map<number, Rect> {
    const side = this.titleSide();
    if (side === 'off') return rects;
    for (const [id, r] of rects) {
      if (r.rows <= 1) continue;
      if (side === 'top' && r.y === 0) rects.set(id, { ...r, y: 1, rows: r.rows - 1 });
      if (side === 'bottom' && r.y + r.rows === this.rows) rects.set(id, { ...r, rows: r.rows - 1 });
    }
    return rects;
  }

  /** Resize the window area and every pane's terminal to its rect. */
  resize(cols: number, rows: number): void {
    // No smaller than the layout's minimum (tmux's resize_window): never a pane of no cells.
    const r = resizeLayout(this.layout, { cols: this.cols, rows: this.rows }, { cols: Math.max(1, cols), rows: Math.max(1, rows) }, this.titleSide());
    this.layout = r.layout;
    this.cols = r.cols;
    this.rows = r.rows;
    this.applySizes();
  }

  /** Give each pane the size of its rect (after a layout change). */
  applySizes(): void {
    // Panes a zoom hides are sized to their place in the layout too, as tmux's resize_window
    // (which unzooms, resizes the layout and every pane, and zooms again).
    const rects = this.zoomed ? new Map([...this.titled(computeRects(this.layout, this.cols, this.rows)), ...this.rects()]) : this.rects();
    for (const [id, r] of rects) this.panes.get(id)?.resize(r.cols, r.rows);
  }

  selectPane(id: number): void {
    if (!this.panes.has(id) || id === this.active) return;
    this.lastActive = this.active;
    this.active = id;
    if (this.zoomed) {
      this.zoomed = false;
      this.applySizes();
    }
  }

  /** Take a pane out of the layout. Returns false when it was the last one (the window dies). */
  removePane(id: number): boolean {
    if (!this.panes.has(id)) return true;
    this.panes.delete(id);
    const next = layoutRemove(this.layout, id, { cols: this.cols, rows: this.rows });
    if (next === null) return false;
    this.layout = next;
    if (this.zoomed && this.active === id) this.zoomed = false;
    if (this.lastActive === id) this.lastActive = undefined;
    if (this.active === id) {
      const fallback = this.lastActive ?? listPanes(this.layout)[0]!;
      this.active = fallback;
      this.lastActive = undefined;
    }
    this.applySizes();
    return true;
  }
}

export class Session {
  /** The windows linked into the session, in the order they were linked. */
  readonly windows: Window[] = [];
  /** Each window's index here (a window linked elsewhere has another index there). */
  private readonly indexes = new Map<Window, number>();
  /** Each window's status flags here (tmux keeps them on the winlink). */
  private readonly flagSets = new Map<Window, Set<WindowFlag>>();
  /**
   * Each window's winlink here, as an identity: a new object where tmux makes a new
   * winlink (linked, moved, renumbered), moved with the index where its window is swapped
   * (swap-window). The marked pane holds the one it was marked through (marked-pane.ts).
   */
  private readonly winlinks = new Map<Window, object>();
  current!: Window;
  /**
   * The windows current before, most recent first (tmux's `lastw` stack): a window that
   * leaves uncovers the one before it, so `{last}` is still a window that was current.
   */
  private lastStack: Window[] = [];
  readonly createdAt = Date.now();
  /** When a client last attached, typed into or acted on it (#{session_activity}): the "best" session is the latest. */
  lastUsed = Date.now();
  /** When a client last attached to it, 0 if none has (#{session_last_attached}). */
  lastAttached = 0;
  /** When a key last came from one of its clients (performance.now()), and whether keys are coming as a paste (assume-paste-time). */
  readonly keyTiming = { lastKeyAt: -Infinity, pasting: false };
  /**
   * What the session's environment adds to or removes from the global one (tmux's
   * session environment): update-environment, new-session -e, set-environment.
   */
  environ = new Environ();
  /** Told when the current window changes (the server raises 'window-selected'); set by the server. */
  onSelect: ((w: Window) => void) | null = null;
  /** The directory it was made in (new-session -c, else the client's): #{session_path}, as tmux's session cwd. */
  path = '';
  /** Session options set on this session (`set -t`), over the global ones. */
  readonly options = new LocalOptions();

  constructor(
    readonly id: number,
    public name: string,
  ) {}

  /** The index of `w` in this session (-1 when it is not linked here). */
  indexOf(w: Window): number {
    return this.indexes.get(w) ?? -1;
  }

  /** Give `w` (linked here) another index. */
  setIndex(w: Window, index: number): void {
    if (this.indexes.has(w)) this.indexes.set(w, index);
  }

  /** The identity of `w`'s winlink here (undefined when it is not linked here). */
  winlinkOf(w: Window): object | undefined {
    return this.winlinks.get(w);
  }

  /** `w` (linked here) gets a new winlink, as tmux links it anew (move-window in a session, a group's sync). */
  relink(w: Window): void {
    if (this.winlinks.has(w)) this.winlinks.set(w, {});
  }

  /** `a` and `b` (linked here) exchange winlinks with their indexes (swap-window in a session: tmux's winlinks stay, their windows swap). */
  swapWinlinks(a: Window, b: Window): void {
    const [la, lb] = [this.winlinks.get(a), this.winlinks.get(b)];
    if (la && lb) {
      this.winlinks.set(a, lb);
      this.winlinks.set(b, la);
    }
  }

  /** The status flags of `w` in this session (empty when it is not linked here). */
  flagsOf(w: Window): Set<WindowFlag> {
    let f = this.flagSets.get(w);
    if (!f) {
      f = new Set();
      if (this.indexes.has(w)) this.flagSets.set(w, f);
    }
    return f;
  }

  /** Windows in index order. */
  sorted(): Window[] {
    return [...this.windows].sort((a, b) => this.indexOf(a) - this.indexOf(b));
  }

  findIndex(index: number): Window | undefined {
    return this.windows.find((w) => this.indexes.get(w) === index);
  }

  /** The lowest free index at or above `base`. */
  freeIndex(base: number): number {
    let i = base;
    while (this.findIndex(i)) i++;
    return i;
  }

  /** Link `w` here at `index` (free: the model checks), current if `select` or the first. */
  addWindow(w: Window, index: number, select: boolean): void {
    this.windows.push(w);
    this.indexes.set(w, index);
    this.flagSets.set(w, new Set());
    this.winlinks.set(w, {});
    if (select || !this.current) this.select(w);
  }

  private unlinkWindow(w: Window): boolean {
    const i = this.windows.indexOf(w);
    if (i < 0) return false;
    this.windows.splice(i, 1);
    this.indexes.delete(w);
    this.flagSets.delete(w);
    this.winlinks.delete(w);
    return true;
  }

  /** The window current before this one (`{last}`, the `-` flag). */
  get last(): Window | undefined {
    return this.lastStack[0];
  }

  /** Set the last window as a checkpoint recorded it: the stack is just `w`, or empty. */
  set last(w: Window | undefined) {
    this.lastStack = w ? [w] : [];
  }

  /** The windows current before, most recent first. */
  stack(): readonly Window[] {
    return this.lastStack;
  }

  /**
   * Make `w` current with `stack` as the windows current before, telling no one (a session
   * of a group taking its group's windows: tmux fixes them up by index, silently).
   */
  setCurrent(w: Window, stack: Window[]): void {
    this.current = w;
    this.lastStack = stack;
  }

  /** Take `w` off the stack of windows current before. */
  unstack(w: Window): void {
    this.lastStack = this.lastStack.filter((x) => x !== w);
  }

  /**
   * Put `nw` where `old` is linked: its index, flags, place in the stack, and current
   * when `old` was (swap-window between sessions: tmux's winlinks stay, their windows swap).
   */
  replaceWindow(old: Window, nw: Window): void {
    const i = this.windows.indexOf(old);
    if (i < 0) return;
    this.windows[i] = nw;
    this.indexes.set(nw, this.indexes.get(old)!);
    this.indexes.delete(old);
    this.flagSets.set(nw, this.flagSets.get(old) ?? new Set());
    this.flagSets.delete(old);
    this.winlinks.set(nw, this.winlinks.get(old) ?? {});
    this.winlinks.delete(old);
    this.restack((w) => (w === old ? nw : w));
    if (this.current === old) {
      (this as { current?: Window }).current = undefined;
      this.select(nw);
    }
  }

  /** Put each window of the stack through `map` (swap-window: the window now at its index). */
  restack(map: (w: Window) => Window): void {
    this.lastStack = this.lastStack.map(map);
  }

  select(w: Window): void {
    if (this.current === w) return;
    this.unstack(w);
    if (this.current) this.lastStack.unshift(this.current);
    this.current = w;
    this.flagsOf(w).clear();
    w.activityAt = Date.now();
    this.onSelect?.(w);
  }

  /** Remove a window; returns false when it was the last one (the session dies). */
  removeWindow(w: Window): boolean {
    const next = this.current === w ? this.successorOf(w) : undefined;
    if (!this.unlinkWindow(w)) return true;
    if (this.windows.length === 0) return false;
    this.unstack(w);
    if (next) {
      this.unstack(next);
      this.current = next;
      this.flagsOf(next).clear();
      this.onSelect?.(next);
    }
    return true;
  }

  /** Renumber windows from `base` (renumber-windows, move-window -r); the windows whose index changed. */
  renumber(base: number): Window[] {
    const changed: Window[] = [];
    this.sorted().forEach((w, i) => {
      if (this.indexOf(w) !== base + i) changed.push(w);
      this.indexes.set(w, base + i);
      // tmux's session_renumber_windows makes every winlink anew.
      this.winlinks.set(w, {});
    });
    return changed;
  }

  /**
   * Take `w` out with no other window made current in its place (move-window -k: the
   * window it kills gives its place to the one moved in, which becomes current if it was).
   */
  forgetWindow(w: Window): void {
    this.unlinkWindow(w);
    this.unstack(w);
    if (this.current === w) (this as { current?: Window }).current = undefined;
  }

  /**
   * The window next-window (`dir` 1) or previous-window (-1) selects, as tmux's
   * session_next/session_previous: the one after (before) the current by index, wrapping
   * around; with `alert`, the nearest such one with an alert flag. Undefined when that is
   * the current window itself (tmux: "no next window").
   */
  adjacent(dir: 1 | -1, alert: boolean): Window | undefined {
    const order = dir === 1 ? this.sorted() : this.sorted().reverse();
    const ok = (w: Window) => !alert || this.flagsOf(w).size > 0;
    const found = order.slice(order.indexOf(this.current) + 1).find(ok) ?? order.find(ok);
    return found === this.current ? undefined : found;
  }

  /**
   * The window made current when the current one `w` leaves without another chosen, as
   * tmux's session_detach picks it: the last one, else the one before by index — the
   * highest when none is before (session_previous wraps around).
   */
  successorOf(w: Window): Window | undefined {
    const others = this.sorted().filter((x) => x !== w);
    const at = this.indexOf(w);
    return this.lastStack.find((x) => x !== w) ?? others.filter((x) => this.indexOf(x) < at).at(-1) ?? others.at(-1);
  }
}
