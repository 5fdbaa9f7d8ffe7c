/*
 * resize-pane (resizep): move a pane's border by N cells (-L -R -U -D, default 1), set
 * its width/height (-x/-y, cells or %), or toggle zoom (-Z): the pane takes the whole
 * window until zoomed out, another pane is selected, or the layout changes.
 */
import { defineCommand } from './types.js';
import { resizePane as layoutResize, type Direction } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';

const OPPOSITE: Record<Direction, Direction> = { L: 'R', R: 'L', U: 'D', D: 'U' };

function amount(text: string | undefined, total: number): number {
  if (text === undefined) return 1;
  const m = /^(\d+)(%?)$/.exec(text);
  if (!m) throw new CommandError(`invalid adjustment: ${text}`);
  return m[2] ? Math.round((Number(m[1]) * total) / 100) : Number(m[1]);
}

export default defineCommand({
  name: 'resize-pane',
  alias: ['resizep'],
  help: 'Resize a pane, or zoom it with -Z',
  args: { flags: 'DLRUZ', options: 'txy', minArgs: 0, maxArgs: 1, names: { t: 'target-pane', x: 'width', y: 'height' }, positional: '[adjustment]', target: { kind: 'pane' } },
  run(ctx, a) {
    const r = a.target!;
    const w = r.window;
    if (a.flags.has('Z')) {
      if (w.panes.size > 1 || w.zoomed) {
        ctx.server.model.selectPane(w, r.pane.id);
        ctx.server.model.setZoom(w, !w.zoomed);
      }
      return;
    }
    ctx.server.model.setZoom(w, false);
    let layout = w.layout;
    const rect = w.rects().get(r.pane.id)!;
    // -x/-y: as tmux, grow or shrink the pane by its right (bottom) border, or by its left
    // (top) border when it has none on that side. (A shrink used to grow it instead.)
    const resizeTo = (want: number, have: number, first: Direction, second: Direction) => {
      const d = want - have;
      if (d === 0) return;
      const before = layout;
      layout = layoutResize(layout, r.pane.id, first, d, w.cols, w.rows);
      if (layout === before) layout = layoutResize(layout, r.pane.id, second, d, w.cols, w.rows);
    };
    if (a.values.has('x')) resizeTo(amount(a.values.get('x'), w.cols), rect.cols, 'R', 'L');
    if (a.values.has('y')) resizeTo(amount(a.values.get('y'), w.rows), rect.rows, 'D', 'U');
    const dir = (['L', 'R', 'U', 'D'] as Direction[]).find((d) => a.flags.has(d));
    if (dir) {
      const n = amount(a.args[0], dir === 'L' || dir === 'R' ? w.cols : w.rows);
      const before = layout;
      layout = layoutResize(layout, r.pane.id, dir, n, w.cols, w.rows);
      // As tmux: with no border on that side, move the opposite border the same way.
      if (layout === before) layout = layoutResize(layout, r.pane.id, OPPOSITE[dir], -n, w.cols, w.rows);
    }
    ctx.server.model.setLayout(w, layout);
  },
});
