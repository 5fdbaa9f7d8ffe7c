/*
 * A window's pane borders and title lines on a client's screen: the border map
 * (render/borders.ts, tmux's screen-redraw.c) worked out from the window's panes and its
 * pane-border-status, -lines and -indicators and fill-character, kept per window until one
 * of those changes, painted in pane-border-style and pane-active-border-style; then each
 * pane's title line (pane-border-status top or bottom): the border's characters in the
 * pane's border style with pane-border-format, expanded for the pane, over them, as tmux's
 * screen_redraw_make_pane_status. ccmux's `claude` status draws a Claude pane's state
 * (or the pane's number) there instead, in a window that has a Claude pane. A window
 * bigger than the client shows only its part in the client's view (window-view.ts): the
 * map is worked out for that part, a title cut at the view's left edge is drawn whole
 * into one row and cut, as tmux's screen_redraw_draw_pane_status.
 */
import { Grid } from '../../render/grid.js';
import { borderMap, paintBorderMap, type BorderIndicators, type BorderInput, type BorderLines, type BorderMap, type BorderPane, type TitleSlot } from '../../render/borders.js';
import type { Rect, Segment, Style } from '../../render/style.js';
import { expandFor } from '../format-vars.js';
import type { Session, Window } from '../window.js';
import type { Pane } from '../pane.js';
import type { Server } from '../server.js';
import { styleOf } from './window-list.js';
import { segmentsOver } from './status-segments.js';
import type { WindowView } from './window-view.js';

const maps = new WeakMap<Window, { key: string; map: BorderMap }>();

/** The window's border map for an area of `area`, worked out again only when what it depends on changed. */
function mapOf(server: Server, s: Session, w: Window, area: Rect, rects: ReadonlyMap<number, Rect>, view: WindowView): BorderMap {
  const at = { session: s, window: w };
  const { options } = server;
  const base = options.get('pane-base-index', at) as number;
  const panes: BorderPane[] = [];
  w.orderedPanes().forEach((p, i) => {
    const r = rects.get(p.id);
    if (r) panes.push({ id: p.id, x: r.x, y: r.y, cols: r.cols, rows: r.rows, index: i + base });
  });
  const fill = String(options.get('fill-character', at));
  // tmux's server_is_marked(s, s->curw, …): only in the session the pane was marked in, on its current window.
  const marked = server.model.marked.get();
  const inp: BorderInput = {
    cols: area.cols,
    rows: area.rows,
    wcols: w.cols,
    wrows: w.rows,
    ox: view.x,
    oy: view.y,
    panes,
    active: w.active,
    ...(marked && marked.session === s && marked.window === w && s.current === w && rects.has(marked.pane.id) ? { marked: marked.pane.id } : {}),
    status: w.titleSide(),
    lines: options.get('pane-border-lines', at) as BorderLines,
    indicators: options.get('pane-border-indicators', at) as BorderIndicators,
    ...(fill ? { fill } : {}),
  };
  const key = JSON.stringify(inp);
  const hit = maps.get(w);
  if (hit && hit.key === key) return hit.map;
  const map = borderMap(inp);
  maps.set(w, { key, map });
  return map;
}

/**
 * Paint window `w`'s borders and title lines into `area` of `grid`; `rects` are its panes'
 * (window coordinates), `view` the part of the window shown (from its top-left unless given).
 */
export function paintWindowBorders(server: Server, grid: Grid, s: Session, w: Window, area: Rect, rects: ReadonlyMap<number, Rect>, view: WindowView = { x: 0, y: 0, cols: area.cols, rows: area.rows, bigger: false }): void {
  const map = mapOf(server, s, w, area, rects, view);
  const at = { session: s, window: w, pane: w.activePane };
  const normal = styleOf(server, 'pane-border-style', at);
  const active = styleOf(server, 'pane-active-border-style', at);
  paintBorderMap(grid, map, area.x, area.y, { normal, active });
  if (map.titles.length === 0) return;
  const claude = w.borderStatus() === 'claude';
  for (const slot of map.titles) {
    const sy = slot.y - view.y;
    const sx = slot.x - view.x;
    if (sy < 0 || sy >= area.rows || slot.cols <= 0 || sx >= area.cols || sx + slot.cols <= 0) continue;
    const pane = w.panes.get(slot.pane.id);
    if (!pane) continue;
    const style: Style = slot.pane.id === w.active ? active : normal;
    // A title cut at the left edge: drawn whole into a row of its own, then its part shown copied in.
    const cut = sx < 0;
    const into = cut ? new Grid(slot.cols + 1, 1) : grid;
    const y = cut ? 0 : area.y + sy;
    const x0 = cut ? 1 : area.x + sx;
    const max = cut ? slot.cols : Math.max(0, Math.min(slot.cols, area.cols - sx));
    paintTitle(server, into, s, w, pane, slot, style, x0, y, max, claude);
    if (cut) grid.blit(into, 1 - sx, 0, area.x, area.y + sy, Math.min(area.cols, slot.cols + sx), 1);
  }
}

/** One pane's title line at (x0, y) of `grid`, `max` cells of it: the border under it, then the pane's format (or Claude state). */
function paintTitle(server: Server, grid: Grid, s: Session, w: Window, pane: Pane, slot: TitleSlot, style: Style, x0: number, y: number, max: number, claude: boolean): void {
  for (let i = 0; i < max; i++) grid.setCell(x0 + i, y, slot.codes[i]!, 1, style.fg ?? -1, style.bg ?? -1, style.flags ?? 0);
  let segs: readonly Segment[];
  if (claude) {
    // ccmux's own title: the Claude state (or the pane's number), a space either side.
    const title = pane.borderTitle ?? `${slot.pane.index}`;
    segs = [...(typeof title === 'string' ? [{ text: title }] : title), { text: ' ' }];
    if (x0 - 1 >= 0) grid.writeText(x0 - 1, y, ' ', style, 1);
  } else {
    const fmt = String(server.options.get('pane-border-format', { session: s, window: w, pane }));
    segs = segmentsOver(expandFor(server, fmt, { session: s, window: w, pane }, true), style);
    // A Claude pane's state follows its pane-border-format: Claude Code's agent teams set
    // `pane-border-status top` and a format of their own, and a teammate's state must show.
    const title = pane.borderTitle;
    if (title !== undefined) segs = [...segs, ...(typeof title === 'string' ? [{ text: title }] : title), { text: ' ' }];
  }
  grid.writeSegments(x0, y, segs, style, max);
}
