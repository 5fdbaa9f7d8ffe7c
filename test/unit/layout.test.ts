/*
 * The layout tree: splits, removal, resizing, cell rectangles, directional navigation,
 * presets and checkpoint parsing, plus a property test that random edits at random window
 * sizes always tile the area exactly.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LayoutError,
  PRESETS,
  computeRects,
  hasPane,
  listPanes,
  minimumSize,
  neighbourPane,
  paneAt,
  parseLayout,
  presetLayout,
  type Preset,
  removePane,
  resizePane,
  singlePane,
  splitPane,
  swapPanes,
  type LayoutNode,
  type Rect,
} from '../../src/core/layout/layout.js';
import { cellsOrPercent, mainPaneExtents, spreadWeights } from '../../src/core/layout/presets.js';

const S = { cols: 80, rows: 24 };
const P = (pane: number): LayoutNode => ({ type: 'pane', pane });
const rect = (x: number, y: number, cols: number, rows: number): Rect => ({ x, y, cols, rows });
const rectsOf = (root: LayoutNode, size = S) => Object.fromEntries(computeRects(root, size.cols, size.rows));

/** 1|2 at 80×24: 1 gets 40 columns, 2 gets 39. */
const twoSide = () => splitPane(singlePane(1), 1, 2, 'h', S);
/** 1 | (2 over 3): 1 {0,0,40,24}, 2 {41,0,39,12}, 3 {41,13,39,11}. */
const nested = () => splitPane(twoSide(), 2, 3, 'v', S);
/** 1 | ((2|4) over 3): 2 and 4 are 19 columns each. */
const deep = () => splitPane(nested(), 2, 4, 'h', S);

/** Rects are inside the area, never negative, and no cell belongs to two panes. */
function expectDisjoint(root: LayoutNode, cols: number, rows: number): void {
  const owner = new Int32Array(cols * rows).fill(-1);
  const problems: string[] = [];
  for (const [pane, r] of computeRects(root, cols, rows)) {
    if (Math.min(r.x, r.y, r.cols, r.rows) < 0 || r.x + r.cols > cols || r.y + r.rows > rows) problems.push(`${pane} out of bounds`);
    for (let y = r.y; y < Math.min(r.y + r.rows, rows); y++) {
      for (let x = r.x; x < Math.min(r.x + r.cols, cols); x++) {
        if (owner[y * cols + x] !== -1) problems.push(`${pane} overlaps ${owner[y * cols + x]} at ${x},${y}`);
        owner[y * cols + x] = pane;
      }
    }
  }
  expect(problems.slice(0, 3)).toEqual([]);
}

/**
 * Every cell is a pane cell or a border cell: checked from the rects alone, each split's
 * children (as the bounding boxes of their panes) span its cross extent and follow each other
 * with exactly one border cell between them, from its first cell to its last.
 */
function expectTiles(root: LayoutNode, cols: number, rows: number): void {
  const rects = computeRects(root, cols, rows);
  const box = (node: LayoutNode): Rect => {
    const rs = listPanes(node).map((p) => rects.get(p)!);
    const x = Math.min(...rs.map((r) => r.x));
    const y = Math.min(...rs.map((r) => r.y));
    return rect(x, y, Math.max(...rs.map((r) => r.x + r.cols)) - x, Math.max(...rs.map((r) => r.y + r.rows)) - y);
  };
  const check = (node: LayoutNode, area: Rect): void => {
    if (node.type === 'pane') {
      expect(rects.get(node.pane)).toEqual(area);
      expect(area.cols >= 1 && area.rows >= 1).toBe(true);
      return;
    }
    const h = node.dir === 'h';
    let pos = h ? area.x : area.y;
    for (const child of node.children) {
      const b = box(child);
      expect(h ? [b.x, b.y, b.rows] : [b.y, b.x, b.cols]).toEqual(h ? [pos, area.y, area.rows] : [pos, area.x, area.cols]);
      pos += (h ? b.cols : b.rows) + 1;
      check(child, b);
    }
    expect(pos - 1).toBe(h ? area.x + area.cols : area.y + area.rows);
  };
  check(root, rect(0, 0, cols, rows));
}

describe('splitPane', () => {
  it('splits side by side like tmux: the odd column goes left, the border between', () => {
    expect(rectsOf(twoSide())).toEqual({ 1: rect(0, 0, 40, 24), 2: rect(41, 0, 39, 24) });
  });

  it('splits stacked', () => {
    const root = splitPane(singlePane(1), 1, 2, 'v', S);
    expect(rectsOf(root)).toEqual({ 1: rect(0, 0, 80, 12), 2: rect(0, 13, 80, 11) });
  });

  it('puts the new pane before the target with `before`', () => {
    const root = splitPane(singlePane(1), 1, 2, 'h', S, { before: true });
    expect(listPanes(root)).toEqual([2, 1]);
    expect(rectsOf(root)).toEqual({ 2: rect(0, 0, 40, 24), 1: rect(41, 0, 39, 24) });
  });

  it('sizes the new pane in cells or percent of the target', () => {
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { cells: 10 }))[2]).toEqual(rect(70, 0, 10, 24));
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { percent: 30 }))[2]).toEqual(rect(56, 0, 24, 24));
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'v', S, { cells: 5, before: true }))).toEqual({
      2: rect(0, 0, 80, 5),
      1: rect(0, 6, 80, 18),
    });
  });

  it('nests a split across the parent direction', () => {
    expect(nested()).toEqual({
      type: 'split', dir: 'h', weights: [40, 39],
      children: [P(1), { type: 'split', dir: 'v', children: [P(2), P(3)], weights: [12, 11] }],
    });
    expect(rectsOf(nested())).toEqual({ 1: rect(0, 0, 40, 24), 2: rect(41, 0, 39, 12), 3: rect(41, 13, 39, 11) });
  });

  it('adds a sibling when splitting along the parent direction, moving no other pane', () => {
    const root = splitPane(twoSide(), 2, 3, 'h', S);
    expect(root.type === 'split' && root.children).toEqual([P(1), P(2), P(3)]);
    expect(rectsOf(root)).toEqual({ 1: rect(0, 0, 40, 24), 2: rect(41, 0, 19, 24), 3: rect(61, 0, 19, 24) });
  });

  it('keeps other panes in place even when a minimum size starts to bind above the split', () => {
    // The right column is 5 wide by weight (4.67 cells); splitting pane 2 makes it need 5.
    const root = parseLayout({
      type: 'split', dir: 'h', weights: [13, 10, 1], children: [P(0), P(1), {
        type: 'split', dir: 'v', weights: [1, 1], children: [{ type: 'split', dir: 'h', weights: [2, 1], children: [P(2), P(4)] }, P(3)],
      }],
    });
    const size = { cols: 114, rows: 30 };
    const before = rectsOf(root, size);
    const after = rectsOf(splitPane(root, 2, 5, 'h', size), size);
    expect([after[0], after[1], after[3], after[4]]).toEqual([before[0], before[1], before[3], before[4]]);
    expect([after[2], after[5]]).toEqual([rect(109, 0, 1, 15), rect(111, 0, 1, 15)]);
  });

  it('refuses under 3 cells; clamps a size that does not fit, as tmux layout_split_pane does', () => {
    const tiny = { cols: 2, rows: 24 };
    expect(() => splitPane(singlePane(1), 1, 2, 'h', tiny)).toThrow(new LayoutError('no space for new pane'));
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', { cols: 3, rows: 1 }), { cols: 3, rows: 1 })).toEqual({
      1: rect(0, 0, 1, 1),
      2: rect(2, 0, 1, 1),
    });
    // Too big: the new pane gets all but one cell and the border (tmux: 1|78 for -l 100 in 80).
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { cells: 100 }))).toEqual({ 1: rect(0, 0, 1, 24), 2: rect(2, 0, 78, 24) });
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { cells: 78 }))[1]).toEqual(rect(0, 0, 1, 24));
    // Too small: 1 cell (tmux: -l 0 gives 78|1; 1% of 24 rows is 0).
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { cells: 0 }))[2]).toEqual(rect(79, 0, 1, 24));
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'v', S, { percent: 1 }))[2]).toEqual(rect(0, 23, 80, 1));
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { percent: 200 }))[2]).toEqual(rect(2, 0, 78, 24));
    // -b with a size past the target: tmux's unsigned sum leaves the new pane 1 cell.
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { cells: 100, before: true }))).toEqual({ 2: rect(0, 0, 1, 24), 1: rect(2, 0, 78, 24) });
    expect(rectsOf(splitPane(singlePane(1), 1, 2, 'h', S, { cells: 30, before: true }))[2]).toEqual(rect(0, 0, 30, 24));
  });

  it('rejects a missing target, a pane already present and bad sizes', () => {
    expect(() => splitPane(twoSide(), 9, 3, 'h', S)).toThrow(LayoutError);
    expect(() => splitPane(twoSide(), 1, 2, 'h', S)).toThrow(/already/);
    expect(() => splitPane(twoSide(), 1, 3, 'h', S, { cells: -1 })).toThrow(LayoutError);
    expect(() => splitPane(twoSide(), 1, 3, 'h', S, { percent: 1.5 })).toThrow(LayoutError);
  });
});

describe('removePane', () => {
  const three = () => splitPane(twoSide(), 2, 3, 'h', S);

  it('gives a first pane’s space to its right neighbour', () => {
    expect(rectsOf(removePane(three(), 1, S)!)).toEqual({ 2: rect(0, 0, 60, 24), 3: rect(61, 0, 19, 24) });
    expect(rectsOf(removePane(three(), 1)!)).toEqual({ 2: rect(0, 0, 60, 24), 3: rect(61, 0, 19, 24) });
  });

  it('gives any other pane’s space to the previous sibling', () => {
    expect(rectsOf(removePane(three(), 2, S)!)).toEqual({ 1: rect(0, 0, 60, 24), 3: rect(61, 0, 19, 24) });
    expect(rectsOf(removePane(three(), 3, S)!)).toEqual({ 1: rect(0, 0, 40, 24), 2: rect(41, 0, 39, 24) });
  });

  it('collapses a split left with one child, and returns null for the last pane', () => {
    expect(removePane(twoSide(), 2)).toEqual(P(1));
    expect(removePane(singlePane(1), 1)).toBeNull();
    expect(removePane(nested(), 2)).toEqual({ type: 'split', dir: 'h', children: [P(1), P(3)], weights: [40, 39] });
    expect(() => removePane(twoSide(), 7)).toThrow(LayoutError);
  });

  it('merges a collapsed split into a grandparent of the same direction, keeping rects', () => {
    const root = removePane(deep(), 3, S)!;
    expect(root.type === 'split' && [root.dir, root.children]).toEqual(['h', [P(1), P(2), P(4)]]);
    expect(rectsOf(root)).toEqual({ 1: rect(0, 0, 40, 24), 2: rect(41, 0, 19, 24), 4: rect(61, 0, 19, 24) });
  });
});

describe('computeRects', () => {
  it('tiles nested layouts exactly at many sizes', () => {
    for (const [cols, rows] of [[80, 24], [5, 3], [211, 57], [7, 4]] as const) {
      expectTiles(deep(), cols, rows);
      expectDisjoint(deep(), cols, rows);
    }
  });

  it('keeps proportions across a resize to small and back', () => {
    const root = splitPane(splitPane(singlePane(1), 1, 2, 'h', { cols: 200, rows: 50 }, { percent: 30 }), 1, 3, 'v', { cols: 200, rows: 50 });
    const big = rectsOf(root, { cols: 200, rows: 50 });
    const small = rectsOf(root, { cols: 20, rows: 10 });
    expect(small[2]!.cols).toBe(6);
    expect(rectsOf(root, { cols: 200, rows: 50 })).toEqual(big);
    expect(big[2]).toEqual(rect(140, 0, 60, 50));
  });

  it('gives every pane a cell when the area allows, whatever the weights', () => {
    const light: LayoutNode = { type: 'split', dir: 'h', weights: [1, 1000], children: [P(1), P(2)] };
    expect(rectsOf(light, { cols: 10, rows: 1 })[1]).toEqual(rect(0, 0, 1, 1));
    const heavy = parseLayout({ ...(deep() as object), weights: [1000, 1] });
    expect(minimumSize(heavy)).toEqual({ cols: 5, rows: 3 });
    expect(rectsOf(heavy, { cols: 10, rows: 3 })[1]).toEqual(rect(0, 0, 6, 3));
    expectTiles(heavy, 10, 3);
    // A subtree short of its minimum is set to it and the others share the rest by weight.
    const third = { type: 'split', dir: 'v', weights: [1, 1], children: [{ type: 'split', dir: 'h', weights: [1, 1], children: [P(3), P(4)] }, P(5)] };
    const shared = parseLayout({ type: 'split', dir: 'h', weights: [1000, 1000, 1], children: [P(1), P(2), third] });
    expect([1, 2, 5].map((p) => rectsOf(shared, { cols: 20, rows: 3 })[p]!.cols)).toEqual([8, 7, 3]);
  });

  it('gives every pane a cell when decimal weights land on a rounding boundary', () => {
    // 0.7 + 0.2 is 0.8999999999999999: pane 2's edge rounds down onto pane 1's.
    const root = parseLayout({ type: 'split', dir: 'h', weights: [0.7, 0.2, 0.8, 3.3], children: [P(1), P(2), P(3), P(4)] });
    expect(Object.values(rectsOf(root, { cols: 28, rows: 1 })).map((r) => r.cols)).toEqual([4, 1, 5, 15]);
    expectTiles(root, 28, 1);
  });

  it('gives 0-size rects but no overlap when the area is too small', () => {
    const five = presetLayout([1, 2, 3, 4, 5], 'even-horizontal');
    const cols = Object.values(rectsOf(five, { cols: 7, rows: 2 })).map((r) => r.cols);
    expect(cols).toEqual([1, 1, 1, 0, 0]);
    for (const [c, r] of [[7, 2], [3, 1], [0, 0], [9, 1]] as const) expectDisjoint(five, c, r);
    expectTiles(five, 9, 1);
  });
});

describe('resizePane', () => {
  const cols = (root: LayoutNode) => Object.values(rectsOf(root)).map((r) => r.cols);

  it('moves the border on the given side, growing the pane', () => {
    expect(cols(resizePane(twoSide(), 1, 'R', 5, 80, 24))).toEqual([45, 34]);
    expect(cols(resizePane(twoSide(), 2, 'L', 5, 80, 24))).toEqual([35, 44]);
  });

  it('moves the border inwards for a negative amount', () => {
    expect(cols(resizePane(twoSide(), 1, 'R', -5, 80, 24))).toEqual([35, 44]);
    expect(cols(resizePane(twoSide(), 2, 'L', -5, 80, 24))).toEqual([45, 34]);
  });

  it('changes only the two sides of the border', () => {
    const three = splitPane(twoSide(), 2, 3, 'h', S);
    expect(rectsOf(resizePane(three, 2, 'R', 5, 80, 24))).toEqual({ 1: rect(0, 0, 40, 24), 2: rect(41, 0, 24, 24), 3: rect(66, 0, 14, 24) });
    expect(rectsOf(resizePane(nested(), 2, 'D', 3, 80, 24))).toEqual({ 1: rect(0, 0, 40, 24), 2: rect(41, 0, 39, 15), 3: rect(41, 16, 39, 8) });
  });

  it('uses the nearest ancestor that has a neighbour on that side', () => {
    expect(rectsOf(resizePane(deep(), 2, 'L', 4, 80, 24))).toMatchObject({ 1: rect(0, 0, 36, 24), 2: rect(37, 0, 21, 12), 4: rect(59, 0, 21, 12) });
  });

  it('clamps so that no pane goes below one cell', () => {
    expect(cols(resizePane(twoSide(), 1, 'R', 1000, 80, 24))).toEqual([78, 1]);
    expect(cols(resizePane(twoSide(), 2, 'L', Infinity, 80, 24))).toEqual([1, 78]);
    expect(rectsOf(resizePane(deep(), 1, 'R', 1000, 80, 24))).toMatchObject({ 1: rect(0, 0, 76, 24), 2: rect(77, 0, 1, 12), 4: rect(79, 0, 1, 12), 3: rect(77, 13, 3, 11) });
  });

  it('returns the layout unchanged when there is nothing on that side', () => {
    const root = twoSide();
    expect(resizePane(root, 1, 'U', 3, 80, 24)).toBe(root);
    expect(resizePane(root, 1, 'L', 3, 80, 24)).toBe(root);
    expect(resizePane(root, 2, 'R', -3, 80, 24)).toBe(root);
    expect(resizePane(singlePane(1), 1, 'R', 3, 80, 24)).toEqual(singlePane(1));
  });
});

describe('neighbourPane', () => {
  const go = (root: LayoutNode, pane: number, dir: 'L' | 'R' | 'U' | 'D', hint?: { x: number; y: number }) =>
    neighbourPane(root, pane, dir, 80, 24, hint);

  it('finds the pane across the border, overlapping most', () => {
    expect([go(nested(), 1, 'R'), go(nested(), 2, 'L'), go(nested(), 3, 'L'), go(nested(), 2, 'D'), go(nested(), 3, 'U')]).toEqual([2, 1, 1, 3, 2]);
    const grid = parseLayout({
      type: 'split', dir: 'v', weights: [1, 1], children: [
        { type: 'split', dir: 'h', weights: [50, 29], children: [P(1), P(2)] },
        { type: 'split', dir: 'h', weights: [20, 59], children: [P(3), P(4)] },
      ],
    });
    expect([go(grid, 1, 'D'), go(grid, 1, 'D', { x: 5, y: 3 }), go(grid, 4, 'U')]).toEqual([4, 3, 1]);
  });

  it('prefers the pane under the hint', () => {
    expect(go(nested(), 1, 'R', { x: 10, y: 20 })).toBe(3);
    expect(go(nested(), 1, 'L', { x: 10, y: 20 })).toBe(3);
  });

  it('wraps around to the opposite edge', () => {
    expect([go(nested(), 1, 'L'), go(nested(), 2, 'R'), go(nested(), 2, 'U'), go(nested(), 3, 'D')]).toEqual([2, 1, 3, 2]);
    expect(go(nested(), 1, 'U')).toBe(1);
  });

  it('is undefined only for a single pane', () => {
    expect(neighbourPane(singlePane(1), 1, 'L', 80, 24)).toBeUndefined();
    expect(() => go(nested(), 9, 'L')).toThrow(LayoutError);
  });
});

describe('paneAt, listPanes, hasPane, swapPanes', () => {
  it('finds panes by cell and nothing on borders', () => {
    const at = (x: number, y: number) => paneAt(nested(), 80, 24, x, y);
    expect([at(39, 0), at(40, 0), at(41, 0), at(50, 11), at(50, 12), at(50, 13), at(80, 0), at(-1, 0)]).toEqual([
      1, undefined, 2, 2, undefined, 3, undefined, undefined,
    ]);
  });

  it('lists panes in layout order', () => {
    expect(listPanes(deep())).toEqual([1, 2, 4, 3]);
    expect([hasPane(deep(), 4), hasPane(deep(), 5)]).toEqual([true, false]);
  });

  it('swaps two panes’ places', () => {
    const before = rectsOf(nested());
    const swapped = swapPanes(nested(), 1, 3);
    expect(listPanes(swapped)).toEqual([3, 2, 1]);
    expect(rectsOf(swapped)).toEqual({ 3: before[1], 2: before[2], 1: before[3] });
    expect(() => swapPanes(nested(), 1, 9)).toThrow(LayoutError);
  });
});

describe('presetLayout', () => {
  const sizes = (root: LayoutNode, size = S) => rectsOf(root, size);

  it('lays panes out evenly', () => {
    expect(PRESETS).toEqual(['even-horizontal', 'even-vertical', 'main-horizontal', 'main-vertical', 'tiled']);
    expect(sizes(presetLayout([1, 2, 3], 'even-horizontal'))).toEqual({ 1: rect(0, 0, 26, 24), 2: rect(27, 0, 26, 24), 3: rect(54, 0, 26, 24) });
    const rows = Object.values(sizes(presetLayout([1, 2, 3], 'even-vertical'))).map((r) => [r.cols, r.rows]);
    expect(rows).toEqual([[80, 7], [80, 8], [80, 7]]);
  });

  it('spreads cells as tmux does when it knows the size: equal shares rounded down, the rest to the last', () => {
    const at = (panes: number[], preset: Preset) => Object.values(sizes(presetLayout(panes, preset, S))).map((r) => `${r.x},${r.y},${r.cols}x${r.rows}`);
    // Figures from tmux 3.3a at 80×24 (test/e2e/tmux-layouts.test.ts compares them live).
    expect(at([1, 2], 'even-horizontal')).toEqual(['0,0,39x24', '40,0,40x24']);
    expect(at([1, 2, 3], 'even-vertical')).toEqual(['0,0,80x7', '0,8,80x7', '0,16,80x8']);
    expect(at([1, 2, 3, 4, 5, 6], 'even-horizontal')).toEqual(['0,0,12x24', '13,0,12x24', '26,0,12x24', '39,0,12x24', '52,0,12x24', '65,0,15x24']);
    expect(at([1, 2, 3], 'tiled')).toEqual(['0,0,39x11', '40,0,40x11', '0,12,80x12']);
    expect(at([1, 2, 3, 4, 5, 6, 7, 8], 'tiled').slice(6)).toEqual(['0,16,26x8', '27,16,53x8']);
    expect(spreadWeights(3, 2)).toEqual([1, 1, 1]); // too small to spread: equal shares
  });

  it('sizes the main pane as tmux 3.3a: main-pane-width 80 / -height 24, the others get the rest', () => {
    const big = { cols: 100, rows: 30 };
    expect(sizes(presetLayout([1, 2, 3], 'main-vertical', big), big)).toEqual({ 1: rect(0, 0, 80, 30), 2: rect(81, 0, 19, 14), 3: rect(81, 15, 19, 15) });
    expect(sizes(presetLayout([1, 2, 3], 'main-horizontal', big), big)).toEqual({ 1: rect(0, 0, 100, 24), 2: rect(0, 25, 49, 5), 3: rect(50, 25, 50, 5) });
    const o = { mainWidth: '50%', mainHeight: '10', otherWidth: '30', otherHeight: '40%' };
    expect(sizes(presetLayout([1, 2], 'main-vertical', big, o), big)).toEqual({ 1: rect(0, 0, 69, 30), 2: rect(70, 0, 30, 30) });
    expect(sizes(presetLayout([1, 2], 'main-horizontal', big, o), big)).toEqual({ 1: rect(0, 0, 100, 18), 2: rect(0, 19, 100, 11) });
  });

  it('works out main and other extents as layout_set_main_v does', () => {
    // 80 columns: 79 less the border; the default 80 leaves no room, so the others get one column.
    expect(mainPaneExtents(80, '80', '0', 80)).toEqual([78, 1]);
    expect(mainPaneExtents(200, '80', '0', 80)).toEqual([80, 119]);
    expect(mainPaneExtents(200, '50%', '0', 80)).toEqual([99, 100]);
    expect(mainPaneExtents(200, 'wide', '0', 80)).toEqual([80, 119]); // not a size: the default
    expect(mainPaneExtents(200, '500', '0', 80)).toEqual([80, 119]); // too large: the default
    expect(mainPaneExtents(200, '80', '50', 80)).toEqual([149, 50]); // the other size sets the main one
    expect(mainPaneExtents(200, '80', '150', 80)).toEqual([80, 119]); // no room for it: ignored
    expect(mainPaneExtents(3, '80', '0', 80)).toEqual([1, 1]);
    expect([cellsOrPercent('10%', 0, 99, 99), cellsOrPercent('101%', 0, 99, 99), cellsOrPercent(' +7', 0, 99, 99), cellsOrPercent('7x', 0, 99, 99), cellsOrPercent('', 0, 99, 99)]).toEqual([9, null, 7, null, null]);
  });

  it('tiles as tmux: rows first, a short last row stretched by its last pane', () => {
    expect(presetLayout([1, 2], 'tiled')).toEqual({ type: 'split', dir: 'v', children: [P(1), P(2)], weights: [1, 1] });
    expect(sizes(presetLayout([1, 2, 3], 'tiled'))[3]).toEqual(rect(0, 13, 80, 11));
    expect(sizes(presetLayout([1, 2, 3, 4, 5], 'tiled'))[5]).toEqual(rect(0, 17, 80, 7));
    expect(sizes(presetLayout([1, 2, 3, 4, 5, 6, 7, 8], 'tiled'))).toMatchObject({
      3: rect(54, 0, 26, 7), 6: rect(54, 8, 26, 8), 7: rect(0, 17, 26, 7), 8: rect(27, 17, 53, 7),
    });
  });

  it('is a single pane for one pane, and rejects empty or duplicate lists', () => {
    for (const preset of PRESETS) expect(presetLayout([7], preset)).toEqual(P(7));
    expect(() => presetLayout([], 'tiled')).toThrow(LayoutError);
    expect(() => presetLayout([1, 1], 'tiled')).toThrow(LayoutError);
  });
});

describe('parseLayout', () => {
  const fails = (json: unknown) => {
    try {
      parseLayout(json);
    } catch (err) {
      expect(err).toBeInstanceOf(LayoutError);
      return (err as Error).message;
    }
    throw new Error('parseLayout accepted it');
  };
  const split = (children: unknown[], weights: unknown = children.map(() => 1)) => ({ type: 'split', dir: 'h', children, weights });

  it('reads back what was written', () => {
    const root = removePane(resizePane(deep(), 2, 'R', 3, 80, 24), 3)!;
    expect(parseLayout(JSON.parse(JSON.stringify(root)))).toEqual(root);
  });

  it('names the path of the first problem', () => {
    expect(fails(split([P(0), { type: 'split', dir: 'v', children: [P(1), P(2)], weights: [1] }]))).toBe('children[1].weights: expected 2 positive numbers');
    expect(fails(split([P(0), P(1)], [1, Infinity]))).toBe('weights: expected 2 positive numbers');
    expect(fails(split([P(0), P(1)], [1, 0]))).toBe('weights: expected 2 positive numbers');
    expect(fails(split([P(0), P(0)]))).toBe('children[1].pane: duplicate pane id 0');
    expect(fails(split([P(0), split([])]))).toBe('children[1].children: expected a non-empty array');
    expect(fails(null)).toMatch(/^layout: expected an object/);
    expect(fails({ type: 'leaf' })).toBe('type: expected "pane" or "split"');
    expect(fails({ ...split([P(0)]), dir: 'x' })).toBe('dir: expected "h" or "v"');
    expect(fails(split([P(0), { type: 'pane', pane: 1.5 }]))).toMatch(/^children\[1\]\.pane: /);
  });

  it('rejects absurd nesting without overflowing the stack', () => {
    let node: unknown = P(0);
    for (let i = 0; i < 10_000; i++) node = split([node]);
    expect(fails(node)).toMatch(/nested more than/);
  });

  it('normalises single-child and same-direction splits', () => {
    expect(parseLayout({ ...split([P(1)]), extra: true })).toEqual(P(1));
    expect(parseLayout(split([P(1), split([P(2), P(3)], [1, 3])], [1, 1]))).toEqual(split([P(1), P(2), P(3)], [1, 0.25, 0.75]));
  });
});

/** The sibling that takes a removed pane's space: the previous one, or the next for a first child. */
function receiverOf(root: LayoutNode, pane: number): LayoutNode {
  if (root.type === 'pane') throw new Error('no parent');
  const i = root.children.findIndex((c) => c.type === 'pane' && c.pane === pane);
  if (i >= 0) return root.children[i === 0 ? 1 : i - 1]!;
  return receiverOf(root.children.find((c) => listPanes(c).includes(pane))!, pane);
}

describe('property: random edits at random sizes', () => {
  const size = fc.record({ cols: fc.integer({ min: 1, max: 220 }), rows: fc.integer({ min: 1, max: 70 }) });
  const op = fc.record({
    kind: fc.constantFrom('split', 'split', 'split', 'split', 'remove', 'resize', 'resize', 'swap'),
    pick: fc.nat(),
    other: fc.nat(),
    dir: fc.constantFrom('L', 'R', 'U', 'D'),
    amount: fc.integer({ min: -60, max: 60 }),
    flag: fc.boolean(),
    size,
  });

  it('always tiles the area; split and close move only the panes they mean to', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40, size: 'max' }), size, (ops, final) => {
        let root = singlePane(0);
        let next = 1;
        for (const o of ops) {
          const panes = listPanes(root);
          const target = panes[o.pick % panes.length]!;
          const before = computeRects(root, o.size.cols, o.size.rows);
          const fits = o.size.cols >= minimumSize(root).cols && o.size.rows >= minimumSize(root).rows;
          if (o.kind === 'split') {
            const opts = o.amount > 0 ? { cells: o.amount, before: o.flag } : o.amount < 0 ? { percent: -o.amount } : { before: o.flag };
            try {
              root = splitPane(root, target, next, o.dir === 'L' || o.dir === 'R' ? 'h' : 'v', o.size, opts);
            } catch (err) {
              expect((err as Error).message).toBe('no space for new pane');
              continue;
            }
            const after = computeRects(root, o.size.cols, o.size.rows);
            for (const [p, r] of before) if (p !== target) expect(after.get(p)).toEqual(r);
            next++;
          } else if (o.kind === 'remove' && panes.length > 1) {
            const receiver = listPanes(receiverOf(root, target));
            root = removePane(root, target, o.flag ? o.size : undefined)!;
            if (o.flag && fits) {
              const after = computeRects(root, o.size.cols, o.size.rows);
              for (const [p, r] of after) if (!receiver.includes(p)) expect(r).toEqual(before.get(p));
              const gone = before.get(target)!;
              const got = receiver.map((p) => after.get(p)!);
              expect(Math.min(...got.map((r) => r.x))).toBeLessThanOrEqual(gone.x);
              expect(Math.min(...got.map((r) => r.y))).toBeLessThanOrEqual(gone.y);
              expect(Math.max(...got.map((r) => r.x + r.cols))).toBeGreaterThanOrEqual(gone.x + gone.cols);
              expect(Math.max(...got.map((r) => r.y + r.rows))).toBeGreaterThanOrEqual(gone.y + gone.rows);
            }
          } else if (o.kind === 'resize') {
            root = resizePane(root, target, o.dir, o.amount, o.size.cols, o.size.rows);
          } else if (o.kind === 'swap') {
            root = swapPanes(root, target, panes[o.other % panes.length]!);
          }
          expect(parseLayout(JSON.parse(JSON.stringify(root)))).toEqual(root);
          expectDisjoint(root, o.size.cols, o.size.rows);
        }
        const min = minimumSize(root);
        expectDisjoint(root, final.cols, final.rows);
        if (final.cols >= min.cols && final.rows >= min.rows) expectTiles(root, final.cols, final.rows);
        expectTiles(root, min.cols + final.cols, min.rows + final.rows);
      }),
      { numRuns: 300 },
    );
  });
});
