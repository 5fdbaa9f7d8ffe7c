/*
 * A window's layout when the window changes size, as tmux 3.3a's layout_resize: the change
 * along each axis is shared one cell at a time among the children of a split that runs
 * that way, first child first, round after round (a split across it passes the whole
 * change to every child); a shrink takes a cell only from a child that can spare one, and
 * stops when no pane can shrink further (the window then stays as large as the layout,
 * as tmux's resize_window).
 *
 *   24│75 (100 columns) grown to 150:  49│100   (each got 25, not a share by size)
 *
 * The result's weights are the new cells, so geometry.ts gives exactly these. A pane with
 * a title line (pane-border-status, at the window's top or bottom edge) keeps a row for
 * it, as tmux's layout_resize_check. Pure.
 */
import { minExtent, splitSizes } from './geometry.js';
import type { TitleSide } from './spread.js';
import type { LayoutNode, SplitDir } from './tree.js';

/** A layout node with its cells, while it is being resized (resize-pane.ts works on them too). */
export interface Cell {
  node: LayoutNode;
  cols: number;
  rows: number;
  /** At the window's top (bottom) edge: holds the title line when titles are there. */
  top: boolean;
  bottom: boolean;
  children: Cell[];
}

export function extent(cell: Cell, dir: SplitDir): number {
  return dir === 'h' ? cell.cols : cell.rows;
}

export function setExtent(cell: Cell, dir: SplitDir, n: number): void {
  if (dir === 'h') cell.cols = n;
  else cell.rows = n;
}

/** The cells of `node` laid out in cols×rows; `top`/`bottom`: at the window's edge. */
export function build(node: LayoutNode, cols: number, rows: number, top: boolean, bottom: boolean): Cell {
  const cell: Cell = { node, cols, rows, top, bottom, children: [] };
  if (node.type === 'pane') return cell;
  const sizes = splitSizes(node, node.dir === 'h' ? cols : rows);
  const last = node.children.length - 1;
  cell.children = node.children.map((child, i) => {
    const v = node.dir === 'v';
    return build(child, v ? cols : sizes[i]!, v ? sizes[i]! : rows, top && (!v || i === 0), bottom && (!v || i === last));
  });
  return cell;
}

/** How many cells `cell` can give up along `dir` (tmux's layout_resize_check). */
export function spare(cell: Cell, dir: SplitDir, titles: TitleSide): number {
  if (cell.node.type === 'pane') {
    const titled = dir === 'v' && ((titles === 'top' && cell.top) || (titles === 'bottom' && cell.bottom));
    return Math.max(0, extent(cell, dir) - (titled ? 2 : 1));
  }
  const each = cell.children.map((child) => spare(child, dir, titles));
  return cell.node.dir === dir ? each.reduce((a, b) => a + b, 0) : Math.min(...each);
}

/** Grow (or shrink, for a negative `change`) `cell` along `dir` (tmux's layout_resize_adjust). */
export function adjust(cell: Cell, dir: SplitDir, change: number, titles: TitleSide): void {
  setExtent(cell, dir, extent(cell, dir) + change);
  if (cell.node.type === 'pane') return;
  if (cell.node.dir !== dir) {
    for (const child of cell.children) adjust(child, dir, change, titles);
    return;
  }
  while (change !== 0) {
    const before = change;
    for (const child of cell.children) {
      if (change === 0) break;
      if (change > 0) {
        adjust(child, dir, 1, titles);
        change--;
      } else if (spare(child, dir, titles) > 0) {
        adjust(child, dir, -1, titles);
        change++;
      }
    }
    // The caller never asks for more than spare() allows; this only guards against a loop.
    if (change === before) break;
  }
}

/** The layout the cells make: each split's weights its children's cells. */
export function toTree(cell: Cell): LayoutNode {
  const node = cell.node;
  if (node.type === 'pane') return node;
  return { ...node, children: cell.children.map(toTree), weights: cell.children.map((child) => extent(child, node.dir)) };
}

/**
 * The layout `root`, laid out in `from`, resized to `to` (tmux's layout_resize), and the
 * size it takes: `to`, or more where `to` is below the layout's minimum — the size the
 * window then has, as tmux's resize_window (the client sees part of it). A layout that
 * did not fit `from` starts from its minimum.
 */
export function resizeLayout(
  root: LayoutNode,
  from: { cols: number; rows: number },
  to: { cols: number; rows: number },
  titles: TitleSide = 'off',
): { layout: LayoutNode; cols: number; rows: number } {
  if (root.type === 'pane' || (from.cols === to.cols && from.rows === to.rows)) {
    return { layout: root, cols: Math.max(to.cols, minExtent(root, 'h')), rows: Math.max(to.rows, minExtent(root, 'v')) };
  }
  const cell = build(root, Math.max(from.cols, minExtent(root, 'h')), Math.max(from.rows, minExtent(root, 'v')), true, true);
  for (const dir of ['h', 'v'] as const) {
    const size = dir === 'h' ? to.cols : to.rows;
    const now = extent(cell, dir);
    const limit = spare(cell, dir, titles);
    let change = size - now;
    if (change < -limit) change = -limit;
    if (limit === 0) change = size <= now ? 0 : size - now;
    if (change !== 0) adjust(cell, dir, change, titles);
  }
  return { layout: toTree(cell), cols: Math.max(to.cols, cell.cols), rows: Math.max(to.rows, cell.rows) };
}
