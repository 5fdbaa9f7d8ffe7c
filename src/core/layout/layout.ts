/*
 * The layout tree's edits: split, remove and resize panes (tmux's layout_split_pane,
 * layout_close_pane and layout_resize_pane), and the entry point re-exporting the whole
 * layout API (types in layout/tree.ts, cells in layout/geometry.ts, directions in
 * layout/navigate.ts, presets in layout/presets.ts, checkpoint reading in layout/parse.ts,
 * spreading panes out evenly in layout/spread.ts).
 *
 * An edit made at a known window size rewrites the weights of the split it changes to that
 * split's current cell sizes (and those of any split above whose sharing a changed minimum
 * size would shift), so every pane it does not mean to move stays exactly where it was on
 * screen; the other splits keep their weights, and with them their proportions.
 */

import { extentOf, minExtent, rectAt, splitSizes } from './geometry.js';
import { fullSplit } from './full-split.js';
import {
  LayoutError,
  hasPane,
  replaceAt,
  requirePanePath,
  splitAt,
  sum,
  type Direction,
  type LayoutNode,
  type LayoutPath,
  type LayoutSplit,
  type SplitDir,
} from './tree.js';

export { LayoutError, hasPane, listPanes, renamePanes, rotatePanes, singlePane, swapPanes } from './tree.js';
export type { Direction, LayoutNode, LayoutPane, LayoutSplit, SplitDir } from './tree.js';
export { computeRects, minimumSize, paneAt, type Rect } from './geometry.js';
export { neighbourPane } from './navigate.js';
export { PRESETS, presetLayout, type Preset, type MainPaneOptions } from './presets.js';
export { parseLayout } from './parse.js';
export { dumpTmuxLayout, parseTmuxLayout, layoutChecksum } from './tmux-layout.js';
export { spreadOut, type TitleSide } from './spread.js';

export interface SplitOptions {
  /** Put the new pane left of / above the target instead of right of / below it (split-window -b). */
  before?: boolean;
  /** Size of the new pane in cells (split-window -l N). */
  cells?: number;
  /** Size of the new pane as a percentage of the target's current extent (split-window -l N%). */
  percent?: number;
  /** Split the whole window rather than the target (split-window -f, join-pane -f): the new pane spans its full height or width. */
  full?: boolean;
}

/** The current cell sizes of the split at `path`, or undefined when one is 0 (the window is too small). */
function cellWeights(root: LayoutNode, path: LayoutPath, cols: number, rows: number): number[] | undefined {
  const split = splitAt(root, path);
  const sizes = splitSizes(split, extentOf(rectAt(root, path, cols, rows), split.dir));
  return sizes.every((s) => s >= 1) ? sizes : undefined;
}

/**
 * An edit changes the minimum extent of the subtree at `path`, and with it how the splits above
 * share their cells when a minimum binds. Pin those splits whose sharing at `size` would change
 * to the cells they have now, so that the panes the edit does not mean to move stay put.
 */
function keepAncestors(before: LayoutNode, after: LayoutNode, path: LayoutPath, size: { cols: number; rows: number }): LayoutNode {
  let result = after;
  for (let depth = 0; depth < path.length; depth++) {
    const splitPath = path.slice(0, depth);
    const was = cellWeights(before, splitPath, size.cols, size.rows);
    const split = splitAt(result, splitPath);
    const now = splitSizes(split, extentOf(rectAt(result, splitPath, size.cols, size.rows), split.dir));
    if (was && was.some((cells, i) => cells !== now[i])) result = replaceAt(result, splitPath, { ...split, weights: was });
  }
  return result;
}

/**
 * [first, second] cells of a target of `extent` cells split in two around a 1-cell border,
 * as tmux's layout_split_pane: the new pane gets `cells`, or `percent` of the extent
 * (rounded down), or half; a size that does not fit is clamped so that both get at least a
 * cell (with -b, one that runs past the target gives the new pane 1, as tmux's unsigned
 * sum does). Throws LayoutError('no space for new pane') under 3 cells.
 */
function splitExtent(extent: number, opts: SplitOptions): [number, number] {
  if (opts.cells !== undefined && opts.percent !== undefined) {
    throw new LayoutError('give the new pane size in cells or as a percentage, not both');
  }
  for (const n of [opts.cells, opts.percent]) {
    if (n !== undefined && !(Number.isSafeInteger(n) && n >= 0)) throw new LayoutError('split size must be a whole number, at least 0');
  }
  if (extent < 3) throw new LayoutError('no space for new pane');
  const size = opts.cells ?? (opts.percent !== undefined ? Math.floor((extent * opts.percent) / 100) : undefined);
  // tmux's size2: the right or bottom cell's size.
  let second: number;
  if (size === undefined) second = Math.floor((extent - 1) / 2); // the odd cell to the left or top
  else if (!opts.before) second = size;
  else second = extent - size - 1 < 0 ? extent - 2 : extent - size - 1;
  second = Math.max(1, Math.min(second, extent - 2));
  return [extent - 1 - second, second];
}

/**
 * Split `target` in two along `dir`; the new pane goes after it (right/below) or, with
 * `before`, in front of it. The new pane's size is `cells`, or `percent` of the target's current
 * extent, or half, clamped as tmux's (splitExtent). Throws LayoutError('no space for new pane')
 * when the target has under 3 cells at window size `size`. Splitting in the direction of the target's
 * parent adds a sibling there rather than nesting. Other panes keep their rects at `size`.
 */
export function splitPane(
  root: LayoutNode,
  target: number,
  newPane: number,
  dir: SplitDir,
  size: { cols: number; rows: number },
  opts: SplitOptions = {},
): LayoutNode {
  const path = requirePanePath(root, target);
  if (!Number.isSafeInteger(newPane) || newPane < 0) throw new LayoutError(`invalid pane id ${newPane}`);
  if (hasPane(root, newPane)) throw new LayoutError(`pane ${newPane} is already in the layout`);
  const created: LayoutNode = { type: 'pane', pane: newPane };
  if (opts.full) return splitFull(root, created, dir, size, opts);
  const [first, second] = splitExtent(extentOf(rectAt(root, path, size.cols, size.rows), dir), opts);
  const kept: LayoutNode = { type: 'pane', pane: target };
  const pair = opts.before ? [created, kept] : [kept, created];

  const parentPath = path.slice(0, -1);
  const parent = path.length > 0 ? splitAt(root, parentPath) : undefined;
  if (parent?.dir === dir) {
    // The target is at least 3 cells wide here, so its parent has room for every child.
    const weights = cellWeights(root, parentPath, size.cols, size.rows)!;
    const i = path[path.length - 1]!;
    const edited = replaceAt(root, parentPath, {
      type: 'split',
      dir,
      children: [...parent.children.slice(0, i), ...pair, ...parent.children.slice(i + 1)],
      weights: [...weights.slice(0, i), first, second, ...weights.slice(i + 1)],
    });
    return keepAncestors(root, edited, parentPath, size);
  }
  return keepAncestors(root, replaceAt(root, path, { type: 'split', dir, children: pair, weights: [first, second] }), path, size);
}

/**
 * tmux's SPAWN_FULLSIZE split (split-window -f, join-pane -f): the whole window is split,
 * the new pane spans its height (or width), and what was there is shrunk into the rest as
 * tmux shrinks it, when it fits there (full-split.ts); a root split the same way takes the
 * new pane as one more child.
 */
function splitFull(root: LayoutNode, created: LayoutNode, dir: SplitDir, size: { cols: number; rows: number }, opts: SplitOptions): LayoutNode {
  const extent = dir === 'h' ? size.cols : size.rows;
  const [first, second] = splitExtent(extent, opts);
  const [kept, made] = opts.before ? [second, first] : [first, second];
  const split = fullSplit(root, created, dir, size, kept, made, opts.before === true);
  if (!split) throw new LayoutError('no space for new pane');
  return split;
}

/**
 * Remove `pane`; its space goes to the previous sibling, or to the next one when it was first
 * (as tmux). A split left with one child collapses into it (merging into the grandparent when
 * that child splits the same way). Returns null when it was the last pane. With the window
 * `size`, the neighbour gets exactly the freed cells and every other pane keeps its rect;
 * without it, the neighbour gets the pane's weight. Throws LayoutError when `pane` is missing.
 */
export function removePane(root: LayoutNode, pane: number, size?: { cols: number; rows: number }): LayoutNode | null {
  const path = requirePanePath(root, pane);
  if (path.length === 0) return null;
  const parentPath = path.slice(0, -1);
  const parent = splitAt(root, parentPath);
  const i = path[path.length - 1]!;

  const settle = (at: LayoutPath, replacement: LayoutNode): LayoutNode => {
    const edited = replaceAt(root, at, replacement);
    return size ? keepAncestors(root, edited, at, size) : edited;
  };

  if (parent.children.length > 2) {
    const cells = size && cellWeights(root, parentPath, size.cols, size.rows);
    const weights = (cells ?? parent.weights).slice();
    const receiver = i === 0 ? 1 : i - 1;
    weights[receiver]! += weights[i]! + (cells ? 1 : 0);
    weights.splice(i, 1);
    const children = parent.children.filter((_, k) => k !== i);
    return settle(parentPath, { type: 'split', dir: parent.dir, children, weights });
  }

  const survivor = parent.children[1 - i]!;
  const grandPath = parentPath.slice(0, -1);
  const grand = parentPath.length > 0 ? splitAt(root, grandPath) : undefined;
  if (survivor.type !== 'split' || grand?.dir !== survivor.dir) return settle(parentPath, survivor);
  return settle(grandPath, mergeInto(root, grandPath, grand, parentPath, survivor, size));
}

/** `grand` with its child at the end of `childPath` replaced by the children of `inner`, a split of the same direction. */
function mergeInto(
  root: LayoutNode,
  grandPath: LayoutPath,
  grand: LayoutSplit,
  childPath: LayoutPath,
  inner: LayoutSplit,
  size?: { cols: number; rows: number },
): LayoutSplit {
  const k = childPath[childPath.length - 1]!;
  let outerWeights = grand.weights;
  let innerWeights = inner.weights.map((w) => (w / sum(inner.weights)) * grand.weights[k]!);
  if (size) {
    // Inner sizes as they are now: `inner` fills its parent's place, whose extent it keeps.
    const outerCells = cellWeights(root, grandPath, size.cols, size.rows);
    const innerCells = splitSizes(inner, extentOf(rectAt(root, childPath, size.cols, size.rows), inner.dir));
    if (outerCells && innerCells.every((s) => s >= 1)) {
      outerWeights = outerCells;
      innerWeights = innerCells;
    }
  }
  return {
    type: 'split',
    dir: grand.dir,
    children: [...grand.children.slice(0, k), ...inner.children, ...grand.children.slice(k + 1)],
    weights: [...outerWeights.slice(0, k), ...innerWeights, ...outerWeights.slice(k + 1)],
  };
}

/** The nearest ancestor split along `axis` in which the subtree holding the leaf at `path` has a sibling at `step`. */
function findBorder(root: LayoutNode, path: LayoutPath, axis: SplitDir, step: 1 | -1) {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const splitPath = path.slice(0, depth);
    const split = splitAt(root, splitPath);
    const index = path[depth]!;
    const neighbour = index + step;
    if (split.dir === axis && neighbour >= 0 && neighbour < split.children.length) return { splitPath, split, index, neighbour };
  }
  return undefined;
}

/**
 * Move the border on side `dir` of `pane` by `cells` (tmux resize-pane -L/-R/-U/-D): outwards,
 * growing the pane against its neighbour there, or inwards for a negative `cells`. The border
 * is the one of the nearest ancestor split of that orientation in which the pane's subtree has
 * a sibling on that side; only the subtrees on its two sides change, and the move is clamped so
 * that no pane goes below 1 cell. A pane with nothing on that side is returned unchanged.
 */
export function resizePane(root: LayoutNode, pane: number, dir: Direction, cells: number, cols: number, rows: number): LayoutNode {
  const path = requirePanePath(root, pane);
  if (Number.isNaN(cells)) throw new LayoutError('resize amount must be a number');
  const axis: SplitDir = dir === 'L' || dir === 'R' ? 'h' : 'v';
  const border = findBorder(root, path, axis, dir === 'L' || dir === 'U' ? -1 : 1);
  if (!border) return root;

  const { splitPath, split, index, neighbour } = border;
  const sizes = splitSizes(split, extentOf(rectAt(root, splitPath, cols, rows), axis));
  const spare = (k: number): number => Math.max(0, sizes[k]! - minExtent(split.children[k]!, axis));
  const moved = Math.max(-spare(index), Math.min(Math.trunc(cells), spare(neighbour)));
  if (moved === 0 || sizes.some((s) => s < 1)) return root;
  const weights = sizes.slice();
  weights[index]! += moved;
  weights[neighbour]! -= moved;
  return replaceAt(root, splitPath, { ...split, weights });
}
