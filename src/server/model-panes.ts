/*
 * The operations that move panes between places: swap-pane, rotate-window, join-pane and
 * move-pane, break-pane, and respawn-window's closing of all panes but the first. Each
 * keeps the model's invariants (a window keeps a pane, a pane is in one window) and the
 * active and last panes as tmux's cmd-swap-pane.c, cmd-rotate-window.c, cmd-join-pane.c
 * and cmd-break-pane.c leave them.
 *
 * The Model calls these with a PanesHost: what they need of it (which window a pane is
 * in and recording a new one, zoom, dropping an emptied window, a new window for a pane,
 * the window moves of model-moves.ts) and `raise`, the Model's own emitter, so the events
 * are still the Model's.
 */
import { CommandError } from '../core/errors.js';
import { LayoutError, renamePanes, rotatePanes as layoutRotate, singlePane, splitPane as layoutSplit, removePane as layoutRemove, swapPanes as layoutSwap, type LayoutNode, type SplitDir } from '../core/layout/layout.js';
import type { ModelEvents } from './events.js';
import * as moves from './model-moves.js';
import type { MovesHost } from './model-moves.js';
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';

/** Where a pane joins its new window: as split-window's options. */
export type JoinOptions = { before?: boolean; cells?: number; percent?: number; select: boolean; full?: boolean };

export interface PanesHost {
  readonly moves: MovesHost;
  windowOf(p: Pane): Window | undefined;
  sessionOf(w: Window): Session | undefined;
  /** Pane `id` is in `w` now. */
  place(id: number, w: Window): void;
  /** Pane `id` is in no window (for the moment). */
  unplace(id: number): void;
  setZoom(w: Window, on: boolean): void;
  /** A window left with no pane leaves every session. */
  dropWindow(w: Window): void;
  /** Drop a pane from the model and end its program ('pane-closed'). */
  forgetPane(p: Pane): void;
  /** An id no pane has or will have (a placeholder while a layout is rearranged). */
  spareId(): number;
  /** `p` leaves its place: it is no longer the marked pane (marked-pane.ts). */
  unmark(p: Pane): void;
  /** A new window of `cols` x `rows` holding `p` alone, linked into no session yet. */
  windowFor(p: Pane, cols: number, rows: number): Window;
  moveWindow(w: Window, s: Session, index: number | undefined, select: boolean): void;
  renameWindow(w: Window, name: string): void;
  raise<K extends keyof ModelEvents>(type: K, payload: ModelEvents[K]): void;
}

/**
 * Exchange the places of panes `src` and `dst` (swap-pane), in one window or across two,
 * as tmux's cmd-swap-pane.c: both windows unzoomed first (zoomed again afterwards on
 * their active pane when `keepZoom` and they were); with `select` the panes that moved
 * in become active (in one window: `dst`), else each window's active pane that moved out
 * is replaced by the one that moved in; across windows a last pane that left is forgotten.
 */
export function swapPanes(h: PanesHost, src: Pane, dst: Pane, o: { select: boolean; keepZoom: boolean }): void {
  const sw = h.windowOf(src)!;
  const dw = h.windowOf(dst)!;
  const rezoom = [sw, dw].filter((w) => o.keepZoom && w.zoomed);
  h.setZoom(dw, false);
  h.setZoom(sw, false);
  if (src !== dst) {
    if (sw === dw) sw.layout = layoutSwap(sw.layout, src.id, dst.id);
    else {
      sw.layout = renamePanes(sw.layout, new Map([[src.id, dst.id]]));
      dw.layout = renamePanes(dw.layout, new Map([[dst.id, src.id]]));
      sw.panes.delete(src.id);
      dw.panes.delete(dst.id);
      sw.panes.set(dst.id, dst);
      dw.panes.set(src.id, src);
      h.place(src.id, dw);
      h.place(dst.id, sw);
    }
    if (o.select) {
      sw.selectPane(dst.id);
      if (sw !== dw) dw.selectPane(src.id);
    } else {
      if (sw.active === src.id) sw.selectPane(dst.id);
      if (dw.active === dst.id) dw.selectPane(src.id);
    }
    if (sw !== dw) {
      if (sw.lastActive === src.id) sw.lastActive = undefined;
      if (dw.lastActive === dst.id) dw.lastActive = undefined;
    }
    sw.applySizes();
    dw.applySizes();
    h.raise('window-changed', { window: sw, what: 'layout' });
    if (sw !== dw) h.raise('window-changed', { window: dw, what: 'layout' });
  }
  for (const w of rezoom) h.setZoom(w, true);
}

/**
 * Rotate the panes of `w` through its layout's places (rotate-window; `down` for -D).
 * The focus stays in its place, on the pane that moved in; the window is unzoomed, or
 * zoomed again on that pane when `keepZoom` and it was zoomed.
 */
export function rotatePanes(h: PanesHost, w: Window, down: boolean, keepZoom: boolean): void {
  const zoom = keepZoom && w.zoomed;
  const place = w.orderedPanes().findIndex((p) => p.id === w.active);
  w.zoomed = false;
  w.layout = layoutRotate(w.layout, down);
  w.selectPane(w.orderedPanes()[place]!.id);
  w.zoomed = zoom && w.panes.size > 1;
  w.applySizes();
  h.raise('window-changed', { window: w, what: 'layout' });
}

/** Close every pane of `w` but its first, which gets the whole window (respawn-window). */
export function keepFirstPane(h: PanesHost, w: Window): Pane {
  const first = w.orderedPanes()[0]!;
  for (const p of [...w.panes.values()]) {
    if (p === first) continue;
    w.panes.delete(p.id);
    h.forgetPane(p);
  }
  w.layout = singlePane(first.id);
  w.zoomed = false;
  w.lastActive = undefined;
  w.active = first.id;
  w.applySizes();
  h.raise('window-changed', { window: w, what: 'layout' });
  return first;
}

/**
 * Move pane `src` next to `dst` (join-pane, move-pane), splitting `dst` as split-window
 * would; `src`'s window closes when it was its last pane. The pane keeps its program,
 * history and id. Throws when the split does not fit.
 */
export function joinPane(h: PanesHost, src: Pane, dst: Pane, dir: SplitDir, o: JoinOptions): void {
  if (src === dst) throw new CommandError('source and target panes must be different');
  const dstW = h.windowOf(dst)!;
  const srcW = h.windowOf(src)!;
  h.setZoom(dstW, false);
  h.setZoom(srcW, false);
  const size = { cols: dstW.cols, rows: dstW.rows };
  const opts = { before: o.before, cells: o.cells, percent: o.percent, full: o.full };
  let layout: LayoutNode;
  try {
    if (srcW === dstW) {
      // As tmux: the target is split first, then the pane leaves its old place.
      const placeholder = h.spareId();
      const split = layoutSplit(dstW.layout, dst.id, placeholder, dir, size, opts);
      layout = renamePanes(layoutRemove(split, src.id, size)!, new Map([[placeholder, src.id]]));
    } else {
      layout = layoutSplit(dstW.layout, dst.id, src.id, dir, size, opts);
    }
  } catch (err) {
    if (err instanceof LayoutError) throw new CommandError('create pane failed: pane too small');
    throw err;
  }
  h.unmark(src);
  if (srcW !== dstW) {
    h.unplace(src.id);
    const left = srcW.removePane(src.id);
    if (left) h.raise('window-changed', { window: srcW, what: 'layout' });
    else h.dropWindow(srcW);
    dstW.panes.set(src.id, src);
    h.place(src.id, dstW);
  }
  dstW.layout = layout;
  dstW.applySizes();
  if (o.select) {
    dstW.selectPane(src.id);
    const s = h.sessionOf(dstW);
    if (s) s.select(dstW);
  }
  h.raise('window-changed', { window: dstW, what: 'layout' });
}

/**
 * Take pane `p` out of its window into a new window of `s` (break-pane), at `index` or
 * the first free one; a window's only pane moves with its window. Returns the pane's
 * window now.
 */
export function breakPane(h: PanesHost, p: Pane, s: Session, o: { index?: number; name?: string; select: boolean }): Window {
  const w = h.windowOf(p)!;
  h.setZoom(w, false);
  if (w.panes.size === 1) {
    h.moveWindow(w, s, o.index, o.select);
    if (o.name !== undefined) h.renameWindow(w, o.name);
    return w;
  }
  if (o.index !== undefined && s.findIndex(o.index)) throw new CommandError(`index in use: ${o.index}`);
  w.removePane(p.id);
  h.unmark(p);
  h.raise('window-changed', { window: w, what: 'layout' });
  const nw = h.windowFor(p, w.cols, w.rows);
  if (o.name !== undefined) nw.fixedName = o.name;
  h.place(p.id, nw);
  moves.attach(h.moves, nw, s, o.index ?? s.freeIndex(h.moves.baseIndex(s)), o.select);
  h.moves.synced(s);
  return nw;
}
