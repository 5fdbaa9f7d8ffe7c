/*
 * kill-pane (killp): close a pane, hanging up its whole process session; -a closes every
 * other pane of the window instead. The last pane takes its window (and session) with it.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'kill-pane',
  alias: ['killp'],
  help: 'Kill a pane',
  args: { flags: 'a', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const r = a.target!;
    if (a.flags.has('a')) {
      for (const p of r.window.orderedPanes()) if (p !== r.pane) ctx.server.model.closePane(p);
      return;
    }
    ctx.server.model.closePane(r.pane);
  },
});
