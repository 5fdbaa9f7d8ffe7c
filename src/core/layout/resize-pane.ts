/*
 * resize-pane's -L -R -U -D and -x -y, as tmux 3.3a's layout_resize_pane and
 * layout_resize_pane_to. The cell that moves is the pane's (or its nearest ancestor's)
 * in the nearest split that runs that way — the one before it when it is the last — and
 * a change moves the border after that cell: growing takes cells from the first cell
 * after it with some to spare (else, before it), shrinking gives them to the cell after
 * it, taken from the cell itself or the nearest before it with some to spare, until the
 * change is done or nothing can move.
 *
 *   19│19│19│20   resize-pane -t 1 -L 5   19│14│24│20   (pane 1's right border moved)
 *
 * So -L on a pane moves its right border left, and on the last pane its left border;
 * -x on the last pane moves its left border. Pure; works on resize-layout.ts's cells.
 */
import { adjust, build, extent, spare, toTree, type Cell } from './resize-layout.js';
import type { TitleSide } from './spread.js';
import { requirePanePath, type LayoutNode, type SplitDir } from './tree.js';

interface Place {
  root: Cell;
  /** The children of the split that runs along `dir`, and the index of the cell that holds the pane. */
  cells: Cell[];
  index: number;
}

/** The pane's cell in the nearest split along `dir` (layout_resize_pane's lc and lcparent), or undefined. */
function place(layout: LayoutNode, pane: number, dir: SplitDir, size: { cols: number; rows: number }): Place | undefined {
  const path = requirePanePath(layout, pane);
  const root = build(layout, size.cols, size.rows, true, true);
  const chain: Cell[] = [root];
  for (const i of path) chain.push(chain[chain.length - 1]!.children[i]!);
  for (let k = path.length; k > 0; k--) {
    const parent = chain[k - 1]!;
    if (parent.node.type === 'split' && parent.node.dir === dir) return { root, cells: parent.children, index: path[k - 1]! };
  }
  return undefined;
}

/** Grow cell `i` by up to `needed` from the first cell after it with room (or before it): the cells moved. */
function grow(cells: Cell[], i: number, dir: SplitDir, needed: number, titles: TitleSide): number {
  let from = -1;
  for (let j = i + 1; j < cells.length && from < 0; j++) if (spare(cells[j]!, dir, titles) > 0) from = j;
  for (let j = i - 1; j >= 0 && from < 0; j--) if (spare(cells[j]!, dir, titles) > 0) from = j;
  if (from < 0) return 0;
  const size = Math.min(spare(cells[from]!, dir, titles), needed);
  adjust(cells[i]!, dir, size, titles);
  adjust(cells[from]!, dir, -size, titles);
  return size;
}

/** Shrink cell `i` (or the nearest before it with room) by up to `needed`, giving it to the cell after `i`. */
function shrink(cells: Cell[], i: number, dir: SplitDir, needed: number, titles: TitleSide): number {
  let from = -1;
  for (let j = i; j >= 0 && from < 0; j--) if (spare(cells[j]!, dir, titles) !== 0) from = j;
  if (from < 0 || i + 1 >= cells.length) return 0;
  const size = Math.min(spare(cells[from]!, dir, titles), needed);
  adjust(cells[i + 1]!, dir, size, titles);
  adjust(cells[from]!, dir, -size, titles);
  return size;
}

function resizeAt(at: Place, dir: SplitDir, change: number, titles: TitleSide): LayoutNode {
  const i = at.index === at.cells.length - 1 ? at.index - 1 : at.index;
  let needed = Math.abs(change);
  while (needed > 0) {
    const moved = change > 0 ? grow(at.cells, i, dir, needed, titles) : shrink(at.cells, i, dir, needed, titles);
    if (moved === 0) break;
    needed -= moved;
  }
  return toTree(at.root);
}

/**
 * The layout after `resize-pane -L/-R/-U/-D`: pane's cell grown (`change` > 0: -R, -D) or
 * shrunk (-L, -U) along `dir` in a window of `size`; unchanged when no split runs that way.
 */
export function resizePaneBy(layout: LayoutNode, pane: number, dir: SplitDir, change: number, size: { cols: number; rows: number }, titles: TitleSide = 'off'): LayoutNode {
  const at = place(layout, pane, dir, size);
  return at && change !== 0 ? resizeAt(at, dir, change, titles) : layout;
}

/** The layout after `resize-pane -x/-y`: the pane's cell (its ancestor's, along `dir`) made `want` cells, as far as it can. */
export function resizePaneTo(layout: LayoutNode, pane: number, dir: SplitDir, want: number, size: { cols: number; rows: number }, titles: TitleSide = 'off'): LayoutNode {
  const at = place(layout, pane, dir, size);
  if (!at) return layout;
  const have = extent(at.cells[at.index]!, dir);
  const change = at.index === at.cells.length - 1 ? have - want : want - have;
  return change !== 0 ? resizeAt(at, dir, change, titles) : layout;
}
