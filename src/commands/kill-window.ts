/*
 * kill-window (killw): close a window and all its panes; -a closes all the others.
 */
import { defineCommand } from './types.js';
import { resolveWindow } from '../server/targets.js';

export default defineCommand({
  name: 'kill-window',
  alias: ['killw'],
  usage: '[-a] [-t target-window]',
  help: 'Kill a window',
  args: { flags: 'a', options: 't', minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    const r = resolveWindow(ctx, a.values.get('t'));
    if (a.flags.has('a')) {
      for (const w of [...r.session.windows]) if (w !== r.window) ctx.server.killWindow(w);
      return;
    }
    ctx.server.killWindow(r.window);
  },
});
