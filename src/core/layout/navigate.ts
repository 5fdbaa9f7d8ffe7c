/*
 * Moving between panes by direction (tmux select-pane -L/-R/-U/-D), worked out on the cell
 * rectangles: a neighbour is a pane whose rect lies just across the 1-cell border on that side
 * and shares part of the current pane's rows (for L/R) or columns (for U/D). From the window's
 * edge, the search wraps to the panes along the opposite edge, as tmux does.
 */

import { computeRects, type Rect } from './geometry.js';
import { LayoutError, type Direction, type LayoutNode } from './tree.js';

function overlap(start: number, length: number, otherStart: number, otherLength: number): number {
  return Math.max(0, Math.min(start + length, otherStart + otherLength) - Math.max(start, otherStart));
}

/**
 * The pane adjacent to `pane` in `dir`: of the panes touching it across the border, the one
 * covering the `hint` coordinate (e.g. the cursor: its row for L/R, its column for U/D) when
 * given, else the one overlapping the current pane's extent most (the first in layout order on a
 * tie). Wraps around to the opposite edge of the window when there is none on that side; a pane
 * spanning the whole window in that direction gets itself. undefined only for a single pane.
 */
export function neighbourPane(
  root: LayoutNode,
  pane: number,
  dir: Direction,
  cols: number,
  rows: number,
  hint?: { x: number; y: number },
): number | undefined {
  const rects = computeRects(root, cols, rows);
  const cur = rects.get(pane);
  if (!cur) throw new LayoutError(`no pane ${pane} in the layout`);
  if (rects.size === 1) return undefined;

  const across = dir === 'L' || dir === 'R';
  const shared = (r: Rect): number => (across ? overlap(cur.y, cur.rows, r.y, r.rows) : overlap(cur.x, cur.cols, r.x, r.cols));
  const covers = (r: Rect, h: { x: number; y: number }): boolean =>
    across ? h.y >= r.y && h.y < r.y + r.rows : h.x >= r.x && h.x < r.x + r.cols;
  const adjacent: Record<Direction, (r: Rect) => boolean> = {
    L: (r) => r.x + r.cols + 1 === cur.x,
    R: (r) => cur.x + cur.cols + 1 === r.x,
    U: (r) => r.y + r.rows + 1 === cur.y,
    D: (r) => cur.y + cur.rows + 1 === r.y,
  };
  const wrapped: Record<Direction, (r: Rect) => boolean> = {
    L: (r) => r.x + r.cols === cols,
    R: (r) => r.x === 0,
    U: (r) => r.y + r.rows === rows,
    D: (r) => r.y === 0,
  };

  const pick = (touches: (r: Rect) => boolean): number | undefined => {
    const candidates = [...rects].filter(([id, r]) => id !== pane && touches(r) && shared(r) > 0);
    const hinted = hint && candidates.find(([, r]) => covers(r, hint));
    if (hinted) return hinted[0];
    let best: [number, Rect] | undefined;
    for (const candidate of candidates) {
      if (!best || shared(candidate[1]) > shared(best[1])) best = candidate;
    }
    return best?.[0];
  };
  return pick(adjacent[dir]) ?? pick(wrapped[dir]) ?? pane;
}
