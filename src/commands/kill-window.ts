/*
 * kill-window (killw): close a window and all its panes; -a closes all the others.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'kill-window',
  alias: ['killw'],
  help: 'Kill a window',
  args: { flags: 'a', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    const r = a.target!;
    if (a.flags.has('a')) {
      for (const w of [...r.session.windows]) if (w !== r.window) ctx.server.model.killWindow(w);
      return;
    }
    ctx.server.model.killWindow(r.window);
  },
});
