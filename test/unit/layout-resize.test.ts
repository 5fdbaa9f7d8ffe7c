/*
 * A window's layout resized (core/layout/resize-layout.ts) against tmux 3.3a's layout_resize
 * worked by hand: a change shared one cell at a time, first child first; a shrink only from
 * panes that can spare a cell, never below the minimum; a title line keeps its row. The
 * e2e side by side with tmux is in tmux-compat-windows.
 */
import { describe, expect, it } from 'vitest';
import { computeRects, type LayoutNode } from '../../src/core/layout/layout.js';
import { resizeLayout as resized } from '../../src/core/layout/resize-layout.js';

const resizeLayout = (...a: Parameters<typeof resized>) => resized(...a).layout;

const pane = (id: number): LayoutNode => ({ type: 'pane', pane: id });
const split = (dir: 'h' | 'v', weights: number[], ...children: LayoutNode[]): LayoutNode => ({ type: 'split', dir, weights, children });

/** Each pane's "WxH" in a window of cols×rows. */
function sizes(root: LayoutNode, cols: number, rows: number): string[] {
  return [...computeRects(root, cols, rows).values()].map((r) => `${r.cols}x${r.rows}`);
}

describe('resizeLayout (tmux layout_resize)', () => {
  it('grows each pane by one cell in turn, not in proportion', () => {
    const root = split('h', [24, 75], pane(0), pane(1));
    const out = resizeLayout(root, { cols: 100, rows: 24 }, { cols: 150, rows: 24 });
    expect(sizes(out, 150, 24)).toEqual(['49x24', '100x24']);
    // An odd change: the first child gets the extra cell.
    expect(sizes(resizeLayout(root, { cols: 100, rows: 24 }, { cols: 103, rows: 24 }), 103, 24)).toEqual(['26x24', '76x24']);
  });

  it('shrinks only panes with a cell to spare, down to the minimum and no further', () => {
    const root = split('h', [2, 97], pane(0), pane(1));
    const out = resizeLayout(root, { cols: 100, rows: 24 }, { cols: 20, rows: 24 });
    expect(sizes(out, 20, 24)).toEqual(['1x24', '18x24']);
    const tiny = resizeLayout(root, { cols: 100, rows: 24 }, { cols: 2, rows: 24 });
    expect((tiny as { weights: number[] }).weights).toEqual([1, 1]);
    // Growing from below the minimum starts from the minimum.
    expect(sizes(resizeLayout(tiny, { cols: 2, rows: 24 }, { cols: 13, rows: 24 }), 13, 24)).toEqual(['6x24', '6x24']);
  });

  it('passes a change across a split to every child, and along one in turns', () => {
    const root = split('h', [40, 39], split('v', [11, 12], pane(0), pane(1)), pane(2));
    const out = resizeLayout(root, { cols: 80, rows: 24 }, { cols: 84, rows: 27 });
    expect(sizes(out, 84, 27)).toEqual(['42x13', '42x13', '41x27']);
  });

  it('keeps a row for the title line of a pane at the titled edge', () => {
    const root = split('v', [5, 18], pane(0), pane(1));
    const out = resizeLayout(root, { cols: 80, rows: 24 }, { cols: 80, rows: 4 }, 'top');
    expect((out as { weights: number[] }).weights).toEqual([2, 1]);
    const untitled = resizeLayout(root, { cols: 80, rows: 24 }, { cols: 80, rows: 4 });
    expect((untitled as { weights: number[] }).weights).toEqual([1, 2]);
  });

  it('leaves a single pane and an unchanged size alone', () => {
    const root = split('h', [1, 3], pane(0), pane(1));
    expect(resizeLayout(root, { cols: 80, rows: 24 }, { cols: 80, rows: 24 })).toBe(root);
    expect(resizeLayout(pane(0), { cols: 80, rows: 24 }, { cols: 9, rows: 9 })).toEqual(pane(0));
  });

  it('says the size the layout takes: no less than its minimum, as the window in tmux', () => {
    const root = split('h', [10, 10, 9], pane(0), pane(1), pane(2));
    expect(resized(root, { cols: 31, rows: 24 }, { cols: 2, rows: 1 })).toMatchObject({ cols: 5, rows: 1 });
    expect(resized(root, { cols: 31, rows: 24 }, { cols: 50, rows: 30 })).toMatchObject({ cols: 50, rows: 30 });
    expect(resized(split('v', [5, 5], pane(0), pane(1)), { cols: 80, rows: 11 }, { cols: 80, rows: 2 }, 'top')).toMatchObject({ rows: 4 });
  });
});
