/*
 * copy-mode: scroll back through a pane's history (prefix [; -u also pages up, as
 * prefix PgUp does; -e leaves copy mode when scrolled back to the bottom; -H hides the
 * position indicator; -s shows another pane's lines in the target pane; -q leaves it).
 */
import { defineCommand } from './types.js';
import { enterCopyMode, exitCopyMode } from '../server/copy/mode.js';

export default defineCommand({
  name: 'copy-mode',
  help: 'Enter copy mode',
  args: {
    flags: 'eHqu',
    options: 'st',
    minArgs: 0,
    maxArgs: 0,
    names: { s: 'src-pane', t: 'target-pane' },
    target: { kind: 'pane' },
    source: { kind: 'pane', given: true },
  },
  run(ctx, a) {
    const r = a.target!;
    if (a.flags.has('q')) {
      exitCopyMode(r.pane);
      ctx.server.model.paneDisplayChanged(r.pane);
      return;
    }
    ctx.server.model.setClockMode(r.pane, false);
    enterCopyMode(r.pane, { exitAtBottom: a.flags.has('e'), pageUp: a.flags.has('u'), hidePosition: a.flags.has('H'), from: a.source?.pane });
    ctx.server.model.paneDisplayChanged(r.pane);
  },
});
