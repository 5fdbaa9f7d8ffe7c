/*
 * copy-mode: scroll back through a pane's history (prefix [; -u also pages up, as
 * prefix PgUp does; -e leaves copy mode when scrolled back to the bottom).
 */
import { defineCommand } from './types.js';
import { enterCopyMode, exitCopyMode } from '../server/copy/mode.js';

export default defineCommand({
  name: 'copy-mode',
  help: 'Enter copy mode',
  args: { flags: 'equ', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const r = a.target!;
    if (a.flags.has('q')) {
      exitCopyMode(r.pane);
      ctx.server.model.paneDisplayChanged(r.pane);
      return;
    }
    ctx.server.model.setClockMode(r.pane, false);
    enterCopyMode(r.pane, { exitAtBottom: a.flags.has('e'), pageUp: a.flags.has('u') });
    ctx.server.model.paneDisplayChanged(r.pane);
  },
});
