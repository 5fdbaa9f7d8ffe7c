/*
 * resize-pane (resizep): move a pane's border by N cells (-L -R -U -D, default 1) or set
 * its width/height (-x/-y, cells or % of the window), as tmux's (core/layout/resize-pane.ts),
 * or toggle zoom (-Z): the pane takes the whole window until zoomed out, another pane is
 * selected, or the layout changes. -M, from a
 * mouse binding (MouseDrag1Border), moves the border under the mouse with it until the
 * button is released, as tmux's cmd_resize_pane_mouse_update. -T trims the lines below
 * the cursor that pushed lines into the history, bringing those back onto the screen
 * (tmux's grid_remove_history; pane-history.ts says which lines can come back); nothing
 * while the pane is in a mode.
 */
import { defineCommand } from './types.js';
import { paneAt, resizePane as layoutResize } from '../core/layout/layout.js';
import { resizePaneBy, resizePaneTo } from '../core/layout/resize-pane.js';
import { INT_MAX, numberArg } from './number-arg.js';
import type { MouseTarget } from '../server/mouse-target.js';
import type { Server } from '../server/server.js';

/** -x/-y: cells, or a percentage of the window's (args_percentage, rounded down). */
function cellsOf(text: string, total: number, what: string): number {
  if (!text.endsWith('%')) return numberArg(text, 0, INT_MAX, what);
  return Math.floor((total * numberArg(text.slice(0, -1), 0, 100, what)) / 100);
}

export default defineCommand({
  name: 'resize-pane',
  alias: ['resizep'],
  help: 'Resize a pane, or zoom it with -Z',
  args: { flags: 'DLMRTUZ', options: 'txy', minArgs: 0, maxArgs: 1, names: { t: 'target-pane', x: 'width', y: 'height' }, positional: '[adjustment]', target: { kind: 'pane' } },
  run(ctx, a) {
    if (a.flags.has('T')) {
      const p = a.target!.pane;
      if (!p.copyMode && !p.clockMode) p.trimBelowCursor();
      return;
    }
    if (a.flags.has('M')) {
      const m = ctx.mouse;
      if (!m || ctx.client?.session !== m.session) return;
      m.setDrag({ update: (now) => mouseResize(ctx.server, now) });
      mouseResize(ctx.server, m);
      return;
    }
    const r = a.target!;
    const w = r.window;
    if (a.flags.has('Z')) {
      // As tmux: a zoomed window is unzoomed whichever pane is named; else the pane is made
      // active and zoomed.
      if (w.zoomed) ctx.server.model.setZoom(w, false);
      else if (w.panes.size > 1) {
        ctx.server.model.selectPane(w, r.pane.id);
        ctx.server.model.setZoom(w, true);
      }
      return;
    }
    // As tmux: out of zoom, the adjustment read, then -x, -y and a direction, each moving the
    // layout as tmux's layout_resize_pane_to and layout_resize_pane (core/layout/resize-pane.ts).
    ctx.server.model.setZoom(w, false);
    const adjust = a.args[0] === undefined ? 1 : numberArg(a.args[0], 1, INT_MAX, 'adjustment');
    let layout = w.layout;
    const size = { cols: w.cols, rows: w.rows };
    const titles = w.titleSide();
    const id = r.pane.id;
    if (a.values.has('x')) layout = resizePaneTo(layout, id, 'h', cellsOf(a.values.get('x')!, w.cols, 'width'), size, titles);
    if (a.values.has('y')) {
      let y = cellsOf(a.values.get('y')!, w.rows, 'height');
      // The cell holds the pane's title line too, when it is at the titled edge.
      const rect = w.rects().get(id);
      if (rect && ((titles === 'top' && rect.y === 1) || (titles === 'bottom' && rect.y + rect.rows === w.rows - 1))) y++;
      layout = resizePaneTo(layout, id, 'v', y, size, titles);
    }
    if (a.flags.has('L')) layout = resizePaneBy(layout, id, 'h', -adjust, size, titles);
    else if (a.flags.has('R')) layout = resizePaneBy(layout, id, 'h', adjust, size, titles);
    else if (a.flags.has('U')) layout = resizePaneBy(layout, id, 'v', -adjust, size, titles);
    else if (a.flags.has('D')) layout = resizePaneBy(layout, id, 'v', adjust, size, titles);
    ctx.server.model.setLayout(w, layout);
  },
});

/** The borders at window cell (x, y): each as the pane before it (left or above) and the axis it moves along. */
function bordersAt(layout: Parameters<typeof paneAt>[0], cols: number, rows: number, x: number, y: number): Array<{ pane: number; axis: 'h' | 'v' }> {
  if (paneAt(layout, cols, rows, x, y) !== undefined) return [];
  const found: Array<{ pane: number; axis: 'h' | 'v' }> = [];
  const left = x > 0 ? paneAt(layout, cols, rows, x - 1, y) : undefined;
  const right = paneAt(layout, cols, rows, x + 1, y);
  if (left !== undefined && right !== undefined && left !== right) found.push({ pane: left, axis: 'h' });
  const above = y > 0 ? paneAt(layout, cols, rows, x, y - 1) : undefined;
  const below = paneAt(layout, cols, rows, x, y + 1);
  if (above !== undefined && below !== undefined && above !== below) found.push({ pane: above, axis: 'v' });
  return found;
}

/**
 * One step of a border drag (tmux's cmd_resize_pane_mouse_update): the borders at or next
 * to where the mouse was move by as much as it moved since.
 */
function mouseResize(server: Server, m: MouseTarget): void {
  const w = m.window;
  if (!m.session.windows.includes(w) || w.zoomed) return;
  const rows = w.rows;
  // On the status line the mouse counts as on the window's last row, as tmux's.
  // Through the part shown of a window bigger than the client (m.ox, m.oy), as tmux's.
  const inWindow = (y: number) => Math.min(rows - 1, Math.max(0, y - m.areaY) + m.oy);
  const x = m.x + m.ox;
  const y = inWindow(m.y);
  const lx = m.lx + m.ox;
  const ly = inWindow(m.ly);
  const seen = new Set<string>();
  let layout = w.layout;
  for (const [dx, dy] of [[0, 0], [0, 1], [1, 0], [0, -1], [-1, 0]] as const) {
    for (const b of bordersAt(w.layout, w.cols, rows, lx + dx, ly + dy)) {
      const id = `${b.pane}${b.axis}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (b.axis === 'v' && y !== ly) layout = layoutResize(layout, b.pane, 'D', y - ly, w.cols, rows);
      else if (b.axis === 'h' && x !== lx) layout = layoutResize(layout, b.pane, 'R', x - lx, w.cols, rows);
    }
  }
  if (layout !== w.layout) server.model.setLayout(w, layout);
}
