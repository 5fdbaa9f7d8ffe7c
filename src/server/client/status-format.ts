/*
 * A status line drawn from a status-format item (the lines past the first with `status`
 * 2 to 5, and a first line whose format is not tmux's default), as tmux 3.3a's
 * format_draw draws text with no list in it: the expanded text's #[…] styles over the
 * status style, and its #[align=…] sections placed — left from column 0, right against
 * the right edge, centre halfway between them, absolute-centre in the middle of the line;
 * when they do not fit the centre gives way first, then the right, then the left. tmux's
 * window-list directives (list=, range=, the < > markers) are not drawn. Pure over a Grid.
 */
import type { Align } from '../../config/styled-text.js';
import { styledRuns } from '../../config/styled-text.js';
import { Grid } from '../../render/grid.js';
import { segmentsWidth } from '../../render/status-line.js';
import type { Segment, Style } from '../../render/style.js';
import { runOver } from './status-segments.js';

/** Paint row `y` of `grid` as a status line showing `text` (expanded) over `style`. */
export function paintFormatLine(grid: Grid, y: number, text: string, style: Style): void {
  const cols = grid.cols;
  grid.fillRect({ x: 0, y, cols, rows: 1 }, style);
  const sections: Record<Align, Segment[]> = { left: [], centre: [], right: [], 'absolute-centre': [] };
  for (const run of styledRuns(text)) sections[run.align ?? 'left'].push({ text: run.text, style: runOver(style, run.style) });
  // Each section drawn on its own first (tmux draws each into a screen of its own).
  const draw = (segs: Segment[]): Grid | null => {
    const w = segmentsWidth(segs);
    if (w === 0) return null;
    const g = new Grid(w, 1);
    g.fillRect({ x: 0, y: 0, cols: w, rows: 1 }, style);
    g.writeSegments(0, 0, segs, style);
    return g;
  };
  const left = draw(sections.left);
  const centre = draw(sections.centre);
  const right = draw(sections.right);
  const abs = draw(sections['absolute-centre']);
  let wl = left?.cols ?? 0;
  let wc = centre?.cols ?? 0;
  let wr = right?.cols ?? 0;
  while (wl + wc + wr > cols) {
    if (wc > 0) wc--;
    else if (wr > 0) wr--;
    else wl--;
  }
  if (left && wl > 0) grid.blit(left, 0, 0, 0, y, wl, 1);
  if (right && wr > 0) grid.blit(right, right.cols - wr, 0, cols - wr, y, wr, 1);
  if (centre && wc > 0) grid.blit(centre, Math.floor(centre.cols / 2) - Math.floor(wc / 2), 0, wl + Math.floor((cols - wr - wl) / 2) - Math.floor(wc / 2), y, wc, 1);
  if (abs) {
    const wa = Math.min(abs.cols, cols);
    grid.blit(abs, 0, 0, Math.floor((cols - wa) / 2), y, wa, 1);
  }
}
