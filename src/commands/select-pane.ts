/*
 * select-pane (selectp): make a pane active — by target, or the neighbour in a direction
 * (-L -R -U -D, wrapping around as tmux does); -l the last active one; -T sets its title.
 */
import { LIMITS, boundText } from '../core/limits.js';
import { defineCommand } from './types.js';
import { neighbourPane } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'select-pane',
  alias: ['selectp'],
  help: 'Select a pane',
  args: { flags: 'DLlRUZ', options: 'tT', minArgs: 0, maxArgs: 0, names: { T: 'title', t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const r = a.target!;
    const w = r.window;
    if (a.values.has('T')) {
      ctx.server.model.setPaneTitle(r.pane, boundText(a.values.get('T')!, LIMITS.title));
      return;
    }
    let target = r.pane.id;
    const dir = (['L', 'R', 'U', 'D'] as const).find((d) => a.flags.has(d));
    if (dir) {
      const cur = r.pane.term.buffer.active;
      const rect = w.rects().get(r.pane.id);
      const hint = rect ? { x: rect.x + cur.cursorX, y: rect.y + cur.cursorY } : undefined;
      const n = neighbourPane(w.layout, r.pane.id, dir, w.cols, w.rows, hint);
      if (n === undefined) return;
      target = n;
    } else if (a.flags.has('l')) {
      if (w.lastActive === undefined) throw new CommandError('no last pane');
      target = w.lastActive;
    }
    const zoomed = w.zoomed;
    ctx.server.model.selectPane(w, target);
    if (zoomed && a.flags.has('Z')) ctx.server.model.setZoom(w, true);
  },
});
