/*
 * copy-mode: scroll back through a pane's history (prefix [; -u also pages up, as
 * prefix PgUp does; -e leaves copy mode when scrolled back to the bottom; -H hides the
 * position indicator; -M, from a mouse binding, enters it in the pane under the mouse and
 * starts a drag selection there, as tmux's MouseDrag1Pane); -s shows another pane's lines
 * in the target pane; -q leaves it.
 */
import { defineCommand } from './types.js';
import { enterCopyMode, exitCopyMode } from '../server/copy/mode.js';
import { startCopyDrag } from '../server/copy/mouse.js';
import { mousePane } from '../server/mouse-target.js';

export default defineCommand({
  name: 'copy-mode',
  help: 'Enter copy mode',
  args: {
    flags: 'eHMqu',
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
    let pane = r.pane;
    const mouse = a.flags.has('M') ? ctx.mouse : undefined;
    if (a.flags.has('M')) {
      // As tmux: nothing without a mouse event in the client's own session.
      const under = mouse && mousePane(mouse);
      if (!mouse || !under || ctx.client?.session !== mouse.session) return;
      pane = under;
    }
    const entering = !pane.copyMode;
    ctx.server.model.setClockMode(pane, false);
    enterCopyMode(pane, { exitAtBottom: a.flags.has('e'), pageUp: a.flags.has('u'), hidePosition: a.flags.has('H'), from: a.source?.pane });
    if (mouse && entering) startCopyDrag(ctx.server, mouse);
    ctx.server.model.paneDisplayChanged(pane);
  },
});
