/*
 * Spreading panes out evenly (select-layout -E, prefix E), as tmux 3.3a's
 * layout_spread_out: the split holding the pane shares its extent equally among its
 * children — each (E − (n − 1)) / n cells, the last child the rest — and when that
 * changes nothing, the split above it is tried, and so on up to the root.
 *
 *   before  0000│1│2222222     after   00000│11111│2222
 *
 * With pane title lines (pane-border-status top or bottom), a split at the window's top
 * (bottom) edge keeps its title row out of the share and gives it back to the child at
 * that edge, as tmux's layout_add_border does. The new sizes become the split's weights,
 * so the cells are exactly these.
 */
import { extentOf, rectAt, splitSizes } from './geometry.js';
import { nodeAt, replaceAt, requirePanePath, type LayoutNode, type LayoutPath } from './tree.js';

/** Title lines by each pane: where, if anywhere (the window's titleSide()). */
export type TitleSide = 'off' | 'top' | 'bottom';

/** Is the node at `path` at the window's top (`first`) or bottom edge? (layout_cell_is_top/_bottom) */
function atEdge(root: LayoutNode, path: LayoutPath, first: boolean): boolean {
  let node = root;
  for (const i of path) {
    if (node.type !== 'split') return false;
    if (node.dir === 'v' && i !== (first ? 0 : node.children.length - 1)) return false;
    node = node.children[i]!;
  }
  return true;
}

/** Does the node at `path` hold a title row? (tmux's layout_add_border) */
function hasTitleRow(root: LayoutNode, path: LayoutPath, titles: TitleSide): boolean {
  return titles !== 'off' && atEdge(root, path, titles === 'top');
}

/**
 * The cells tmux's layout_spread_cell gives the children of the split at `path`, or
 * undefined when it leaves them as they are (one child, no room, nothing changes).
 */
function spreadSizes(root: LayoutNode, path: LayoutPath, cols: number, rows: number, titles: TitleSide): number[] | undefined {
  const split = nodeAt(root, path);
  if (split.type !== 'split') return undefined;
  const n = split.children.length;
  if (n <= 1) return undefined;
  const extent = extentOf(rectAt(root, path, cols, rows), split.dir);
  const vertical = split.dir === 'v';
  const size = vertical && hasTitleRow(root, path, titles) ? extent - 1 : extent;
  if (size < n - 1) return undefined;
  const each = Math.floor((size - (n - 1)) / n);
  if (each === 0) return undefined;
  const now = splitSizes(split, extent);
  const sizes = split.children.map((_, i) => {
    const share = i === n - 1 ? size - (each + 1) * (n - 1) : each;
    return vertical && hasTitleRow(root, [...path, i], titles) ? share + 1 : share;
  });
  return sizes.some((s, i) => s !== now[i]) ? sizes : undefined;
}

/**
 * The layout with the panes around `pane` spread out evenly in a window of cols×rows
 * (select-layout -E), or undefined when no split above it changes.
 */
export function spreadOut(root: LayoutNode, pane: number, cols: number, rows: number, titles: TitleSide = 'off'): LayoutNode | undefined {
  const path = requirePanePath(root, pane);
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const at = path.slice(0, depth);
    const sizes = spreadSizes(root, at, cols, rows, titles);
    if (!sizes) continue;
    const split = nodeAt(root, at);
    if (split.type !== 'split') continue;
    return replaceAt(root, at, { ...split, children: split.children.slice(), weights: sizes });
  }
  return undefined;
}
