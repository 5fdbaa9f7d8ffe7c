/*
 * The layout tree of a window, as plain JSON-serialisable data (it is checkpointed to disk).
 *
 *   split h, weights [2, 1]          000000│111
 *   ├─ pane 0                        000000│111
 *   └─ split v, weights [1, 1]       000000├───      (10 × 5 cells)
 *      ├─ pane 1                     000000│222
 *      └─ pane 2                     000000│222
 *
 * Leaves are panes; a split lays its children out left-to-right ('h') or top-to-bottom ('v')
 * with a 1-cell border between siblings, like tmux's layout cells. Sizes are weights, which
 * geometry.ts turns into cells for any area; a window that changes size gets new weights
 * that are its new cells, by tmux's rule (resize-layout.ts). A normalised tree has no split with
 * fewer than two children and no split nested directly in a split of the same direction.
 *
 * Trees are immutable: edits return a new tree sharing the untouched subtrees. A node is
 * addressed by its path, the child indexes from the root.
 */
import { UserError } from '../errors.js';

/** 'h': side by side (tmux split-window -h, key %); 'v': stacked (split-window -v, key "). */
export type SplitDir = 'h' | 'v';
export type Direction = 'L' | 'R' | 'U' | 'D';

export interface LayoutPane {
  type: 'pane';
  pane: number;
}

export interface LayoutSplit {
  type: 'split';
  dir: SplitDir;
  children: LayoutNode[];
  /** One positive weight per child: its share of the split's extent (after the borders). */
  weights: number[];
}

export type LayoutNode = LayoutPane | LayoutSplit;

/** Child indexes from the root down to a node. */
export type LayoutPath = readonly number[];

export class LayoutError extends UserError {
  override name = 'LayoutError';
}

/** A layout holding one pane. */
export function singlePane(pane: number): LayoutNode {
  return { type: 'pane', pane };
}

/** Pane ids in layout order (depth-first, left-to-right/top-to-bottom): tmux's pane index order. */
export function listPanes(root: LayoutNode): number[] {
  if (root.type === 'pane') return [root.pane];
  return root.children.flatMap(listPanes);
}

/** Whether `pane` is a leaf of the tree. */
export function hasPane(root: LayoutNode, pane: number): boolean {
  return findPanePath(root, pane) !== undefined;
}

/** The path of `pane`'s leaf, or undefined when it is not in the tree. */
export function findPanePath(root: LayoutNode, pane: number): number[] | undefined {
  if (root.type === 'pane') return root.pane === pane ? [] : undefined;
  for (let i = 0; i < root.children.length; i++) {
    const rest = findPanePath(root.children[i]!, pane);
    if (rest) return [i, ...rest];
  }
  return undefined;
}

/** The path of `pane`'s leaf; throws LayoutError when it is not in the tree. */
export function requirePanePath(root: LayoutNode, pane: number): number[] {
  const path = findPanePath(root, pane);
  if (!path) throw new LayoutError(`no pane ${pane} in the layout`);
  return path;
}

/** The node at `path`. */
export function nodeAt(root: LayoutNode, path: LayoutPath): LayoutNode {
  let node = root;
  for (const i of path) {
    if (node.type !== 'split' || !node.children[i]) throw new LayoutError(`no node at path ${path.join('.')}`);
    node = node.children[i]!;
  }
  return node;
}

/** The split at `path` (which must be one). */
export function splitAt(root: LayoutNode, path: LayoutPath): LayoutSplit {
  const node = nodeAt(root, path);
  if (node.type !== 'split') throw new LayoutError(`node at path ${path.join('.')} is not a split`);
  return node;
}

/** A new tree with the node at `path` replaced. */
export function replaceAt(root: LayoutNode, path: LayoutPath, replacement: LayoutNode): LayoutNode {
  if (path.length === 0) return replacement;
  if (root.type !== 'split') throw new LayoutError(`no node at path ${path.join('.')}`);
  const [i, ...rest] = path as [number, ...number[]];
  const children = root.children.slice();
  children[i] = replaceAt(children[i]!, rest, replacement);
  return { ...root, children, weights: root.weights.slice() };
}

/** Swap two panes' places (tmux swap-pane); throws LayoutError when either is missing. */
export function swapPanes(root: LayoutNode, a: number, b: number): LayoutNode {
  requirePanePath(root, a);
  requirePanePath(root, b);
  if (a === b) return root;
  const swap = (node: LayoutNode): LayoutNode => {
    if (node.type === 'split') return { ...node, children: node.children.map(swap), weights: node.weights.slice() };
    if (node.pane === a) return { type: 'pane', pane: b };
    if (node.pane === b) return { type: 'pane', pane: a };
    return node;
  };
  return swap(root);
}

/**
 * Collapse splits with a single child into that child and merge a split nested in a split of
 * the same direction into its parent, its weights scaled to the share the nested split had.
 */
export function normalizeLayout(node: LayoutNode): LayoutNode {
  if (node.type === 'pane') return node;
  const children: LayoutNode[] = [];
  const weights: number[] = [];
  node.children.forEach((raw, i) => {
    const child = normalizeLayout(raw);
    const weight = node.weights[i]!;
    if (child.type === 'split' && child.dir === node.dir) {
      const total = sum(child.weights);
      children.push(...child.children);
      weights.push(...child.weights.map((w) => Math.max((w / total) * weight, Number.MIN_VALUE)));
    } else {
      children.push(child);
      weights.push(weight);
    }
  });
  if (children.length === 1) return children[0]!;
  return { type: 'split', dir: node.dir, children, weights };
}

/** The total of `values`. */
export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Rotate the panes through the layout's places (tmux rotate-window): up, each pane moves
 * to the place before it in layout order and the first to the last; `down` the other
 * way. The places themselves (the tree, its sizes) stay.
 */
export function rotatePanes(root: LayoutNode, down: boolean): LayoutNode {
  const ids = listPanes(root);
  const n = ids.length;
  const moved = new Map(ids.map((id, i) => [id, ids[down ? (i - 1 + n) % n : (i + 1) % n]!]));
  return renamePanes(root, moved);
}

/** The same layout with its pane ids replaced through `ids` (restoring a saved layout). */
export function renamePanes(node: LayoutNode, ids: ReadonlyMap<number, number>): LayoutNode {
  if (node.type === 'pane') return { type: 'pane', pane: ids.get(node.pane) ?? node.pane };
  return { ...node, children: node.children.map((c) => renamePanes(c, ids)), weights: [...node.weights] };
}
