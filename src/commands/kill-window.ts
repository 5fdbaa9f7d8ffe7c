/*
 * kill-window (killw): close a window and all its panes, in every session it is linked
 * into (each renumbered when renumber-windows is on); -a closes all the others of its
 * session — each in every session it is in, nothing renumbered — and the window itself
 * too when it is linked there twice (never in ccmux: a window is in a session once).
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
      for (const w of r.session.sorted()) if (w !== r.window) ctx.server.model.killWindow(w, false);
      ctx.server.model.renumberAll();
      return;
    }
    ctx.server.model.killWindow(r.window);
  },
});
