/*
 * select-layout -E's spread (core/layout/spread.ts) against tmux 3.3a's layout_spread_out
 * worked by hand: the split holding the pane shares its cells equally, the last child the
 * rest; a split already even hands on to the one above; title rows stay with the edge pane.
 */
import { describe, expect, it } from 'vitest';
import { computeRects, spreadOut, type LayoutNode } from '../../src/core/layout/layout.js';

const pane = (id: number): LayoutNode => ({ type: 'pane', pane: id });
const split = (dir: 'h' | 'v', weights: number[], ...children: LayoutNode[]): LayoutNode => ({ type: 'split', dir, weights, children });

/** Each pane's width (or height) in a window of cols×rows. */
function extents(root: LayoutNode, cols: number, rows: number, what: 'cols' | 'rows'): number[] {
  return [...computeRects(root, cols, rows).values()].map((r) => r[what]);
}

describe('spreadOut (select-layout -E)', () => {
  it('shares a split among its panes: (E − borders) / n each, the last the rest', () => {
    const root = split('h', [10, 2, 66], pane(0), pane(1), pane(2));
    const out = spreadOut(root, 1, 80, 24)!;
    expect(extents(out, 80, 24, 'cols')).toEqual([26, 26, 26]);
    // 81 columns: 79 left after two borders, 26 each, the last 27.
    expect(extents(spreadOut(root, 0, 81, 24)!, 81, 24, 'cols')).toEqual([26, 26, 27]);
  });

  it('leaves an even split and spreads the one above instead; nothing when every one is even', () => {
    const inner = split('v', [11, 12], pane(1), pane(2));
    const root = split('h', [60, 19], pane(0), inner);
    const out = spreadOut(root, 2, 80, 24)!;
    expect([...computeRects(out, 80, 24).entries()]).toEqual([
      [0, { x: 0, y: 0, cols: 39, rows: 24 }],
      [1, { x: 40, y: 0, cols: 40, rows: 11 }],
      [2, { x: 40, y: 12, cols: 40, rows: 12 }],
    ]);
    expect(spreadOut(out, 2, 80, 24)).toBeUndefined();
    expect(spreadOut(pane(0), 0, 80, 24)).toBeUndefined();
  });

  it('spreads only the split that changes, the rest of the tree untouched', () => {
    const root = split('v', [5, 18], split('h', [30, 49], pane(0), pane(1)), pane(2));
    const out = spreadOut(root, 0, 80, 24)!;
    expect(extents(out, 80, 24, 'cols')).toEqual([39, 40, 80]);
    expect(extents(out, 80, 24, 'rows')).toEqual([5, 5, 18]);
  });

  it('with title lines on top, the split at the top keeps a row for its first pane', () => {
    const root = split('v', [2, 3, 17], pane(0), pane(1), pane(2));
    // 24 rows: 23 shared, 7 each, the last 23 − 8 × 2 = 7; the first pane gets its title row back.
    expect(extents(spreadOut(root, 1, 80, 24, 'top')!, 80, 24, 'rows')).toEqual([8, 7, 7]);
    expect(extents(spreadOut(root, 1, 80, 24, 'bottom')!, 80, 24, 'rows')).toEqual([7, 7, 8]);
    expect(extents(spreadOut(root, 1, 80, 24)!, 80, 24, 'rows')).toEqual([7, 7, 8]);
  });

  it('does nothing when the split is too small for one cell each', () => {
    const root = split('h', [1, 3], pane(0), pane(1));
    expect(spreadOut(root, 0, 2, 5)).toBeUndefined();
  });
});
