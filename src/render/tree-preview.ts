/*
 * The preview under a tree view's list (choose-tree), drawn as tmux's window-tree.c
 * draws it: a pane's screen cut to the space around its cursor (screen_write_preview);
 * a window as its panes side by side, each with its index in a small box; a session as
 * its windows side by side, each showing its active pane and labelled "index:name".
 * When the slots would be narrower than 24 columns only some are shown, with `<` / `>`
 * at the sides and an offset (the `<` and `>` keys) that scrolls them. Pure over grids.
 */
import type { Grid } from './grid.js';
import type { Rect, Style } from './style.js';
import { INVERSE } from './style.js';

/** A screen to preview: its cells and, when the cursor is shown, where it is. */
export interface PreviewScreen {
  grid: Grid;
  cursor: { x: number; y: number } | null;
}

/** One slot of a session or window preview. */
export interface PreviewSlot {
  screen: PreviewScreen;
  /** The label drawn in its middle (" 0:bash ", " 1 "), and a shorter one for when it does not fit. */
  label: string;
  short?: string;
  active: boolean;
}

/** Draw `src` into `rect` of `grid` as tmux's screen_write_preview: the part around its cursor. */
export function paintPreviewScreen(grid: Grid, rect: Rect, src: PreviewScreen): void {
  const nx = rect.cols;
  const ny = rect.rows;
  const sx = src.grid.cols;
  const sy = src.grid.rows;
  let px = 0;
  let py = 0;
  if (src.cursor) {
    px = src.cursor.x < Math.floor(nx / 3) ? 0 : src.cursor.x - Math.floor(nx / 3);
    if (px + nx > sx) px = nx > sx ? 0 : sx - nx;
    py = src.cursor.y < Math.floor(ny / 3) ? 0 : src.cursor.y - Math.floor(ny / 3);
    if (py + ny > sy) py = ny > sy ? 0 : sy - ny;
  }
  grid.blit(src.grid, px, py, rect.x, rect.y, Math.min(nx, sx - px), Math.min(ny, sy - py));
  if (src.cursor) {
    const x = rect.x + src.cursor.x - px;
    const y = rect.y + src.cursor.y - py;
    if (x >= rect.x && x < rect.x + nx && y >= rect.y && y < rect.y + ny && x < grid.cols && y < grid.rows) {
      const i = y * grid.cols + x;
      grid.flags[i] = grid.flags[i]! | INVERSE;
    }
  }
}

/** A label in the middle of a slot, boxed when there is room (window_tree_draw_label). */
function paintLabel(grid: Grid, px: number, py: number, sx: number, sy: number, style: Style, label: string): void {
  const len = label.length;
  if (sx === 0 || sy === 1 || len > sx) return;
  const ox = Math.floor((sx - len + 1) / 2);
  const oy = Math.floor((sy + 1) / 2);
  if (ox > 1 && ox + len < sx - 1 && sy >= 3) {
    const x0 = px + ox - 1;
    const y0 = py + oy - 1;
    grid.writeText(x0, y0, `┌${'─'.repeat(len)}┐`, {});
    grid.writeText(x0, y0 + 1, '│', {});
    grid.fillRect({ x: x0 + 1, y: y0 + 1, cols: len, rows: 1 }, {});
    grid.writeText(x0 + len + 1, y0 + 1, '│', {});
    grid.writeText(x0, y0 + 2, `└${'─'.repeat(len)}┘`, {});
  }
  grid.writeText(px + ox, py + oy, label, style);
}

function vline(grid: Grid, x: number, y: number, rows: number): void {
  if (x < 0 || x >= grid.cols) return;
  for (let r = 0; r < rows; r++) grid.writeText(x, y + r, '│', {});
}

/**
 * Slots side by side in `rect` (window_tree_draw_session / _window). `current` is the slot
 * shown when the preview is not scrolled; `offset` scrolls, clamped here. Returns the
 * clamped offset.
 */
export function paintPreviewSlots(
  grid: Grid,
  rect: Rect,
  slots: readonly PreviewSlot[],
  current: number,
  offset: number,
  colours: { normal: number; active: number },
  /** Centre labels in the whole share of each slot (tmux does for a window's panes), not in its drawn width. */
  labelInShare = false,
): number {
  const total = slots.length;
  const sx = rect.cols;
  const sy = rect.rows;
  if (total === 0) return 0;
  let visible = Math.floor(sx / total) < 24 ? Math.max(1, Math.floor(sx / 24)) : total;
  visible = Math.min(visible, total);
  let start: number;
  let end: number;
  if (current < visible) {
    start = 0;
    end = visible;
  } else if (current >= total - visible) {
    start = total - visible;
    end = total;
  } else {
    start = current - Math.floor(visible / 2);
    end = start + visible;
  }
  offset = Math.max(-start, Math.min(total - end, offset));
  start += offset;
  end += offset;
  let left = start !== 0;
  let right = end !== total;
  if ((left && right && sx <= 6) || ((left || right) && sx <= 3)) left = right = false;
  const room = sx - (left ? 3 : 0) - (right ? 3 : 0);
  const each = Math.floor(room / visible);
  const remaining = room - visible * each;
  if (each === 0) return offset;
  const mid = rect.y + Math.floor(sy / 2);
  if (left) {
    vline(grid, rect.x + 2, rect.y, sy);
    grid.writeText(rect.x, mid, '<', {});
  }
  if (right) {
    vline(grid, rect.x + sx - 3, rect.y, sy);
    grid.writeText(rect.x + sx - 1, mid, '>', {});
  }
  for (let loop = start, i = 0; loop < end; loop++, i++) {
    const slot = slots[loop]!;
    const off = (left ? 3 : 0) + i * each;
    const width = loop === end - 1 ? each + remaining : each - 1;
    paintPreviewScreen(grid, { x: rect.x + off, y: rect.y, cols: width, rows: sy }, slot.screen);
    const label = slot.label.length > width && slot.short ? slot.short : slot.label;
    paintLabel(grid, rect.x + off, rect.y, labelInShare ? each : width, sy, { fg: slot.active ? colours.active : colours.normal }, label);
    if (loop !== end - 1) vline(grid, rect.x + off + width, rect.y, sy);
  }
  return offset;
}
