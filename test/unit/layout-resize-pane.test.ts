/*
 * resize-pane's border moves (core/layout/resize-pane.ts) against tmux 3.3a's
 * layout_resize_pane and layout_resize_pane_to worked by hand (and checked with tmux: the
 * side by side is in tmux-compat-flags): the border after the pane's cell moves, the last
 * cell moving the one before it; growing takes from the cells after first, then before.
 */
import { describe, expect, it } from 'vitest';
import { computeRects, type LayoutNode } from '../../src/core/layout/layout.js';
import { resizePaneBy, resizePaneTo } from '../../src/core/layout/resize-pane.js';

const pane = (id: number): LayoutNode => ({ type: 'pane', pane: id });
const split = (dir: 'h' | 'v', weights: number[], ...children: LayoutNode[]): LayoutNode => ({ type: 'split', dir, weights, children });
const S = { cols: 80, rows: 24 };
const widths = (root: LayoutNode) => [...computeRects(root, S.cols, S.rows).values()].map((r) => r.cols);
const four = () => split('h', [19, 19, 19, 20], pane(0), pane(1), pane(2), pane(3));

describe('resizePaneBy (resize-pane -L/-R/-U/-D)', () => {
  it('moves the border after the pane, or before the last pane', () => {
    expect(widths(resizePaneBy(four(), 1, 'h', -5, S))).toEqual([19, 14, 24, 20]);
    expect(widths(resizePaneBy(four(), 1, 'h', 5, S))).toEqual([19, 24, 14, 20]);
    expect(widths(resizePaneBy(four(), 3, 'h', 3, S))).toEqual([19, 19, 22, 17]); // -R on the last pane: the border before it
  });

  it('takes from cells further on, then before, until nothing can move', () => {
    expect(widths(resizePaneBy(four(), 1, 'h', 50, S))).toEqual([6, 69, 1, 1]);
    expect(widths(resizePaneBy(four(), 2, 'h', -50, S))).toEqual([5, 1, 1, 70]);
  });

  it('leaves a layout with no split that way alone', () => {
    const root = four();
    expect(resizePaneBy(root, 1, 'v', 5, S)).toBe(root);
  });
});

describe('resizePaneTo (resize-pane -x/-y)', () => {
  it('sizes the pane by its right border, the last pane by its left one', () => {
    expect(widths(resizePaneTo(four(), 0, 'h', 1000, S))).toEqual([74, 1, 1, 1]);
    expect(widths(resizePaneTo(four(), 3, 'h', 30, S))).toEqual([19, 19, 9, 30]);
  });

  it('sizes the ancestor in the split that runs that way', () => {
    const root = split('h', [39, 40], split('v', [11, 12], pane(0), pane(1)), pane(2));
    expect(widths(resizePaneTo(root, 1, 'h', 60, S))).toEqual([60, 60, 19]);
  });
});
