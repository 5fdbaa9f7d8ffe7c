/*
 * Geometry checks for restored windows: every pane inside its window, no two panes
 * overlapping, and the rectangles exactly those the checkpointed layout tree gives for the
 * window's size (computeRects from dist/core/layout.js). A window showing pane title lines
 * (pane-border-status "claude", the default, in a window with a Claude pane) draws each
 * title on the border row above the pane; panes at the top of the window have no border
 * there and give their first row to the title, so their layout cell is one row taller.
 */
import { computeRects } from '../../../dist/core/layout/layout.js';

/** Does the window draw title lines (pane-border-status = "claude" and a Claude pane in it)? */
export function titled(w) {
  return w.panes.some((p) => p.claude);
}

/** The layout cell of a pane of `list-windows --json`: the pane plus its title row, if any. */
function cellOf(w, p) {
  const t = titled(w) && p.top === 1 ? 1 : 0;
  return { id: p.id, x: p.left, y: p.top - t, cols: p.width, rows: p.height + t };
}

/** Problems with one window of `list-windows --json` (empty when the panes tile it). */
export function windowProblems(w) {
  const out = [];
  const where = `${w.session}:${w.index}`;
  if (w.zoomed) return out;
  const rects = w.panes.map((p) => cellOf(w, p));
  let area = 0;
  for (const r of rects) {
    if (![r.x, r.y, r.cols, r.rows].every(Number.isInteger) || r.cols < 1 || r.rows < 1) out.push(`${where}: ${r.id} has no valid geometry ${JSON.stringify(r)}`);
    else if (r.x < 0 || r.y < 0 || r.x + r.cols > w.width || r.y + r.rows > w.height) out.push(`${where}: ${r.id} ${JSON.stringify(r)} is outside the ${w.width}x${w.height} window`);
    area += r.cols * r.rows;
  }
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      if (a.x < b.x + b.cols && b.x < a.x + a.cols && a.y < b.y + b.rows && b.y < a.y + a.rows) out.push(`${where}: ${a.id} and ${b.id} overlap`);
    }
  }
  // Panes plus one-cell borders fill the window: the panes cover all but at most the borders.
  const borders = (rects.length - 1) * Math.max(w.width, w.height);
  if (area > w.width * w.height || area < w.width * w.height - borders) out.push(`${where}: panes cover ${area} of ${w.width * w.height} cells`);
  return out;
}

/**
 * Compare a restored window (list-windows --json) with its checkpoint record (layout,
 * cols, rows, panes in order): same pane count and, in order, the same rectangles.
 */
export function matchesCheckpoint(w, rec) {
  const out = [];
  const where = `${w.session}:${w.index}`;
  if (rec.panes.length !== w.panes.length) return [`${where}: ${w.panes.length} panes restored, the checkpoint had ${rec.panes.length}`];
  if (rec.zoomed || w.zoomed) return out;
  if (rec.cols !== w.width || rec.rows !== w.height) return out; // resized since: compared by windowProblems only
  const rects = computeRects(rec.layout, rec.cols, rec.rows);
  rec.panes.forEach((p, i) => {
    const want = rects.get(p.id);
    const got = cellOf(w, w.panes[i]);
    if (!want || want.x !== got.x || want.y !== got.y || want.cols !== got.cols || want.rows !== got.rows) {
      out.push(`${where}: pane ${i} has the cell ${JSON.stringify([got.x, got.y, got.cols, got.rows])}, the checkpoint's layout says ${JSON.stringify(want && [want.x, want.y, want.cols, want.rows])}`);
    }
  });
  return out;
}
