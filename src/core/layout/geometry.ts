/*
 * From layout weights to cell rectangles. A split of extent E with n children has E − (n − 1)
 * cells to share after its borders; each child gets at least its minimum extent (1 for a pane,
 * more for a subtree) when they fit, and the rest goes by weight. Rounding is by cumulative
 * edges (edge k = round(free × first k weights / all weights)), so the sizes always add up
 * exactly and the same weights give the same cells every time.
 *
 * When an area is too small for its minimum, children are served in order until the cells run
 * out: later panes get 0-size rects, never negative or overlapping ones.
 */

import { LayoutError, sum, type LayoutNode, type LayoutPath, type LayoutSplit, type SplitDir } from './tree.js';

export interface Rect {
  x: number;
  y: number;
  cols: number;
  rows: number;
}

/** The extent of a rect along a split direction: columns for 'h', rows for 'v'. */
export function extentOf(rect: Rect, dir: SplitDir): number {
  return dir === 'h' ? rect.cols : rect.rows;
}

/** The fewest cells `node` needs along `dir` for every pane to get at least one. */
export function minExtent(node: LayoutNode, dir: SplitDir): number {
  if (node.type === 'pane') return 1;
  const mins = node.children.map((child) => minExtent(child, dir));
  return node.dir === dir ? sum(mins) + mins.length - 1 : Math.max(...mins);
}

/** The smallest window area in which every pane of the layout gets at least 1×1 cells. */
export function minimumSize(root: LayoutNode): { cols: number; rows: number } {
  return { cols: minExtent(root, 'h'), rows: minExtent(root, 'v') };
}

/** The cells each child of `split` gets along its direction when the split spans `extent`. */
export function splitSizes(split: LayoutSplit, extent: number): number[] {
  const mins = split.children.map((child) => minExtent(child, split.dir));
  return allocate(split.weights, mins, extent - (split.children.length - 1));
}

function allocate(weights: readonly number[], mins: readonly number[], available: number): number[] {
  const n = weights.length;
  if (available <= 0) return new Array<number>(n).fill(0);
  if (sum(mins) > available) {
    let left = available;
    return mins.map((min) => {
      const size = Math.min(min, left);
      left -= size;
      return size;
    });
  }
  // Children whose share would fall below their minimum are pinned to it, and the rest is
  // shared again among the others, until every remaining share is large enough.
  const pinned = new Array<boolean>(n).fill(false);
  let free = available;
  let total = 0;
  for (let changed = true; changed; ) {
    free = available - sum(mins.filter((_, i) => pinned[i]));
    total = sum(weights.filter((_, i) => !pinned[i]));
    changed = false;
    for (let i = 0; i < n; i++) {
      if (!pinned[i] && free * weights[i]! < mins[i]! * total) pinned[i] = changed = true;
    }
  }
  const sizes = mins.slice();
  const last = pinned.lastIndexOf(false);
  let weightSoFar = 0;
  let edge = 0;
  for (let i = 0; i <= last; i++) {
    if (pinned[i]) continue;
    weightSoFar += weights[i]!;
    const next = i === last ? free : Math.min(free, Math.round((free * weightSoFar) / total));
    sizes[i] = next - edge;
    edge = next;
  }
  return repairMinimums(sizes, mins);
}

/** Floating-point rounding can leave a share a cell short of its minimum: take it from a child with room. */
function repairMinimums(sizes: number[], mins: readonly number[]): number[] {
  for (let i = 0; i < sizes.length; i++) {
    for (let j = sizes.length - 1; sizes[i]! < mins[i]! && j >= 0; j--) {
      const spare = Math.min(sizes[j]! - mins[j]!, mins[i]! - sizes[i]!);
      if (j === i || spare <= 0) continue;
      sizes[j]! -= spare;
      sizes[i]! += spare;
    }
  }
  return sizes;
}

/** The rects of a split's children inside the split's rect `rect`. */
export function childRects(split: LayoutSplit, rect: Rect): Rect[] {
  const horizontal = split.dir === 'h';
  const start = horizontal ? rect.x : rect.y;
  const end = start + extentOf(rect, split.dir);
  let pos = start;
  return splitSizes(split, end - start).map((size) => {
    const at = Math.min(pos, end);
    pos = at + size + 1;
    return horizontal
      ? { x: at, y: rect.y, cols: size, rows: rect.rows }
      : { x: rect.x, y: at, cols: rect.cols, rows: size };
  });
}

/** The rect of the node at `path` in a window area of cols×rows. */
export function rectAt(root: LayoutNode, path: LayoutPath, cols: number, rows: number): Rect {
  let node = root;
  let rect: Rect = { x: 0, y: 0, cols: Math.max(0, cols), rows: Math.max(0, rows) };
  for (const i of path) {
    if (node.type !== 'split' || !node.children[i]) throw new LayoutError(`no node at path ${path.join('.')}`);
    rect = childRects(node, rect)[i]!;
    node = node.children[i]!;
  }
  return rect;
}

/**
 * Cell rectangles of every pane (in layout order) for a window area of cols×rows. Borders
 * between siblings take 1 cell and children plus borders fill their parent exactly; every
 * pane gets at least 1×1 whenever the area is at least minimumSize(root).
 */
export function computeRects(root: LayoutNode, cols: number, rows: number): Map<number, Rect> {
  const rects = new Map<number, Rect>();
  const place = (node: LayoutNode, rect: Rect): void => {
    if (node.type === 'pane') {
      rects.set(node.pane, rect);
      return;
    }
    childRects(node, rect).forEach((childRect, i) => place(node.children[i]!, childRect));
  };
  place(root, { x: 0, y: 0, cols: Math.max(0, cols), rows: Math.max(0, rows) });
  return rects;
}

/** The pane at cell (x, y), or undefined on a border or outside the area. */
export function paneAt(root: LayoutNode, cols: number, rows: number, x: number, y: number): number | undefined {
  for (const [pane, r] of computeRects(root, cols, rows)) {
    if (x >= r.x && x < r.x + r.cols && y >= r.y && y < r.y + r.rows) return pane;
  }
  return undefined;
}
