/*
 * The status line: one row of styled segments, a left group and a right-aligned right
 * group. When both do not fit, the right group keeps its place if it fits on its own and
 * the left group is cut one column short of it, so the two never run together; a right
 * group wider than the whole line is dropped. Cuts never split a wide char: the column
 * it would straddle stays blank.
 */

import { textWidth } from './cell-width.js';
import type { Grid } from './grid.js';
import type { Segment, Style } from './style.js';

/** Where the two groups ended up, for mapping clicks back to segments. */
export interface StatusLayout {
  /** Columns used by the left group, from column 0. */
  leftCols: number;
  /** Column the right group starts at; `grid.cols` when it was not drawn. */
  rightX: number;
}

/** Total columns a list of segments takes. */
export function segmentsWidth(segments: readonly Segment[]): number {
  let cols = 0;
  for (const seg of segments) cols += textWidth(seg.text);
  return cols;
}

/**
 * Paint row `y` of `grid` as a status line: the row filled with `style`, `left` from
 * column 0 and `right` against the right edge, each segment's style layered over `style`.
 */
export function paintStatusLine(
  grid: Grid,
  y: number,
  left: readonly Segment[],
  right: readonly Segment[],
  style: Style,
): StatusLayout {
  const cols = grid.cols;
  grid.fillRect({ x: 0, y, cols, rows: 1 }, style);
  const rightCols = segmentsWidth(right);
  const rightX = rightCols > 0 && rightCols <= cols ? cols - rightCols : cols;
  if (rightX < cols) grid.writeSegments(rightX, y, right, style);
  const leftMax = rightX < cols && segmentsWidth(left) > rightX ? rightX - 1 : rightX;
  const leftCols = grid.writeSegments(0, y, left, style, leftMax);
  return { leftCols, rightX };
}

/**
 * Which segment of a status line painted with `layout` is at column `x`, e.g. for a
 * mouse click; undefined over the padding between the groups or past the row's end.
 */
export function statusSegmentAt(
  layout: StatusLayout,
  left: readonly Segment[],
  right: readonly Segment[],
  x: number,
): { side: 'left' | 'right'; index: number } | undefined {
  const find = (segments: readonly Segment[], col: number): number => {
    for (let i = 0; i < segments.length; i++) {
      col += textWidth(segments[i].text);
      if (x < col) return i;
    }
    return -1;
  };
  const i = x < layout.leftCols ? find(left, 0) : x >= layout.rightX ? find(right, layout.rightX) : -1;
  if (i < 0) return undefined;
  return { side: x < layout.leftCols ? 'left' : 'right', index: i };
}
