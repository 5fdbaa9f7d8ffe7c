/*
 * The sizes of tmux 3.3a's SPAWN_FULLSIZE split (split-window -f, join-pane -f): whether
 * the window's layout fits in what is left of it (layout_set_size_check), and how its
 * cells shrink into it (layout_resize_child_cells), each cell's share by
 * layout_new_pane_size — in proportion to its size, kept above what its own panes need and
 * below what leaves its later siblings theirs, the last cell taking the rest. Pure; works
 * on resize-layout.ts's cells.
 */
import { build, extent, setExtent, spare, toTree, type Cell } from './resize-layout.js';
import type { LayoutNode, SplitDir } from './tree.js';

/** tmux's layout_new_pane_size: the cells `cell` gets of `size`, `left` of them not yet given to its later siblings. */
function newSize(cell: Cell, dir: SplitDir, previous: number, size: number, countLeft: number, left: number): number {
  if (countLeft === 1) return left;
  let min = 2 * (countLeft - 1);
  const own = extent(cell, dir);
  const need = own - spare(cell, dir, 'off');
  if (need > min) min = need;
  let n = Math.floor((own * size) / previous);
  const max = left - min;
  if (max >= 0 && n > max) n = max;
  return Math.max(1, n);
}

/** tmux's layout_resize_child_cells: `cell`'s children fitted into its (new) size. */
function resizeChildren(cell: Cell): void {
  if (cell.node.type === 'pane') return;
  const dir = cell.node.dir;
  const cross: SplitDir = dir === 'h' ? 'v' : 'h';
  const count = cell.children.length;
  const previous = cell.children.reduce((a, c) => a + extent(c, dir), 0) + count - 1;
  let available = extent(cell, dir);
  cell.children.forEach((child, i) => {
    setExtent(child, cross, extent(cell, cross));
    const n = newSize(child, dir, previous, extent(cell, dir), count - i, available);
    setExtent(child, dir, n);
    available = Math.max(0, available - (n + 1));
    resizeChildren(child);
  });
}

/** tmux's layout_set_size_check: can `cell` be made `size` cells along `dir`? */
function fits(cell: Cell, dir: SplitDir, size: number): boolean {
  if (cell.node.type === 'pane') return size >= 1;
  const count = cell.children.length;
  if (cell.node.dir !== dir) return cell.children.every((c) => c.node.type === 'pane' || fits(c, dir, size));
  let available = size;
  if (available < count * 2 - 1) return false;
  const previous = extent(cell, dir);
  for (let i = 0; i < count; i++) {
    const child = cell.children[i]!;
    const n = newSize(child, dir, previous, size, count - i, available);
    if (i === count - 1) {
      if (n > available) return false;
      available -= n;
    } else {
      if (n + 1 > available) return false;
      available -= n + 1;
    }
    if (!fits(child, dir, n)) return false;
  }
  return true;
}

/**
 * The layout `root` (of a window of `size`) split whole along `dir`: `created` in `made`
 * cells before or after the rest, which keeps `kept` cells; undefined when the layout does
 * not fit in them (tmux's "no space for new pane").
 */
export function fullSplit(root: LayoutNode, created: LayoutNode, dir: SplitDir, size: { cols: number; rows: number }, kept: number, made: number, before: boolean): LayoutNode | undefined {
  const cell = build(root, size.cols, size.rows, true, true);
  if (!fits(cell, dir, kept)) return undefined;
  setExtent(cell, dir, kept);
  resizeChildren(cell);
  const shrunk = toTree(cell);
  if (shrunk.type === 'split' && shrunk.dir === dir) {
    return before
      ? { ...shrunk, children: [created, ...shrunk.children], weights: [made, ...shrunk.weights] }
      : { ...shrunk, children: [...shrunk.children, created], weights: [...shrunk.weights, made] };
  }
  return { type: 'split', dir, children: before ? [created, shrunk] : [shrunk, created], weights: before ? [made, kept] : [kept, made] };
}
