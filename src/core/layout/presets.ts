/*
 * tmux's preset layouts (select-layout, cycled by next-layout), built as layout trees over a
 * list of panes in order:
 *
 *   even-horizontal  all side by side, equal widths
 *   even-vertical    all stacked, equal heights
 *   main-horizontal  the first pane across the top (main-pane-height), the others side by
 *                    side below it
 *   main-vertical    the first pane on the left (main-pane-width), the others stacked to
 *                    its right
 *   tiled            a grid of rows × columns, filled row by row (tmux's layout_set_tiled)
 */

import { LayoutError, singlePane, type LayoutNode, type SplitDir } from './tree.js';

export type Preset = 'even-horizontal' | 'even-vertical' | 'main-horizontal' | 'main-vertical' | 'tiled';

/** In next-layout order. */
export const PRESETS: readonly Preset[] = ['even-horizontal', 'even-vertical', 'main-horizontal', 'main-vertical', 'tiled'];

/**
 * The main-* presets' sizes, as the window options give them (tmux's main-pane-width /
 * -height and other-pane-width / -height: cells, or N% of the window).
 */
export interface MainPaneOptions {
  mainWidth: string;
  mainHeight: string;
  otherWidth: string;
  otherHeight: string;
}

/** tmux 3.3a's defaults (options-table.c); the window size assumed when none is given is 80×24. */
export const MAIN_PANE_DEFAULTS: MainPaneOptions = { mainWidth: '80', mainHeight: '24', otherWidth: '0', otherHeight: '0' };
const DEFAULT_SIZE = { cols: 80, rows: 24 };

/** tmux's args_string_percentage: `N` in min..max, or `N%` (0..100) of `cur`; null when it is not one. */
export function cellsOrPercent(value: string, min: number, max: number, cur: number): number | null {
  const pct = value.endsWith('%');
  const text = pct ? value.slice(0, -1) : value;
  if (!/^\s*[+-]?\d+$/.test(text)) return null;
  let n = Number(text);
  if (pct) {
    if (n < 0 || n > 100) return null;
    n = Math.floor((cur * n) / 100);
  }
  return n < min || n > max ? null : n;
}

/**
 * The main pane's and the other panes' extents across `extent` cells (less the border
 * between them), as tmux 3.3a's layout_set_main_v/_h work them out: the main size (its
 * default when the option is not a size that fits); when that leaves no room, the main pane
 * takes all but one cell; else an other size that fits (not 0) sets the main pane to the rest.
 */
export function mainPaneExtents(extent: number, main: string, other: string, fallback: number): [number, number] {
  const avail = extent - 1;
  let mainN = cellsOrPercent(main, 0, avail, avail) ?? fallback;
  if (mainN + 1 >= avail) return avail <= 2 ? [1, 1] : [avail - 1, 1];
  const otherN = cellsOrPercent(other, 0, avail, avail);
  if (otherN === null || otherN === 0 || otherN > avail || avail - otherN < mainN) return [mainN, avail - mainN];
  mainN = avail - otherN;
  return [mainN, otherN];
}

/**
 * How tmux spreads `extent` cells over `n` cells with borders between: each gets the same
 * share, rounded down, and the last takes what is left (layout_spread_cell). As weights,
 * they give exactly these sizes at this extent, and shares of any other.
 */
export function spreadWeights(n: number, extent: number | undefined): number[] {
  const each = extent === undefined ? 0 : Math.floor((extent - (n - 1)) / n);
  if (each < 1) return new Array<number>(n).fill(1);
  const weights = new Array<number>(n).fill(each);
  weights[n - 1] = extent! - (n - 1) - each * (n - 1);
  return weights;
}

function even(dir: SplitDir, panes: readonly number[], extent?: number): LayoutNode {
  if (panes.length === 1) return singlePane(panes[0]!);
  return { type: 'split', dir, children: panes.map(singlePane), weights: spreadWeights(panes.length, extent) };
}

function main(dir: SplitDir, others: SplitDir, panes: readonly number[], size: { cols: number; rows: number } | undefined, o: MainPaneOptions): LayoutNode {
  const at = size ?? DEFAULT_SIZE;
  const weights = dir === 'h' ? mainPaneExtents(at.cols, o.mainWidth, o.otherWidth, 80) : mainPaneExtents(at.rows, o.mainHeight, o.otherHeight, 24);
  // The others share the window's whole height (main-vertical) or width, spread as tmux spreads them.
  return {
    type: 'split',
    dir,
    children: [singlePane(panes[0]!), even(others, panes.slice(1), others === 'v' ? at.rows : at.cols)],
    weights,
  };
}

/**
 * As tmux: grow the rows, then the columns, until the grid holds every pane. A short last row
 * keeps the column width for its first panes and its last pane takes what is left.
 */
function tiled(panes: readonly number[], size?: { cols: number; rows: number }): LayoutNode {
  let rows = 1;
  let columns = 1;
  while (rows * columns < panes.length) {
    rows++;
    if (rows * columns < panes.length) columns++;
  }
  const rowNodes: LayoutNode[] = [];
  for (let start = 0; start < panes.length; start += columns) {
    const row = panes.slice(start, start + columns);
    if (row.length === 1) {
      rowNodes.push(singlePane(row[0]!));
      continue;
    }
    const full = spreadWeights(columns, size?.cols);
    const weights = full.slice(0, row.length);
    // A short last row: its last pane takes the place of the columns it does not fill.
    weights[row.length - 1] = full.slice(row.length - 1).reduce((a, b) => a + b, 0) + (size && full[0]! > 1 ? columns - row.length : 0);
    rowNodes.push({ type: 'split', dir: 'h', children: row.map(singlePane), weights });
  }
  if (rowNodes.length === 1) return rowNodes[0]!;
  return { type: 'split', dir: 'v', children: rowNodes, weights: spreadWeights(rowNodes.length, size?.rows) };
}

/**
 * The preset layout `preset` over `panes`, in order; with the window's `size`, the even
 * and tiled cells are spread as tmux spreads them (spreadWeights), and the main-* presets
 * size their main pane by `main` (the window's main-pane-* and other-pane-* options; an
 * 80×24 window when no size is given). Throws LayoutError for an empty or duplicated pane
 * list or an unknown preset name.
 */
export function presetLayout(panes: number[], preset: Preset, size?: { cols: number; rows: number }, mainOptions: MainPaneOptions = MAIN_PANE_DEFAULTS): LayoutNode {
  if (panes.length === 0) throw new LayoutError('a layout needs at least one pane');
  if (new Set(panes).size !== panes.length) throw new LayoutError('duplicate pane ids in the layout');
  if (!PRESETS.includes(preset)) throw new LayoutError(`unknown layout "${String(preset)}", expected one of ${PRESETS.join(', ')}`);
  if (panes.length === 1) return singlePane(panes[0]!);
  switch (preset) {
    case 'even-horizontal':
      return even('h', panes, size?.cols);
    case 'even-vertical':
      return even('v', panes, size?.rows);
    case 'main-horizontal':
      return main('v', 'h', panes, size, mainOptions);
    case 'main-vertical':
      return main('h', 'v', panes, size, mainOptions);
    case 'tiled':
      return tiled(panes, size);
  }
}
