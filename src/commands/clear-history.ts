/*
 * clear-history (clearhist): empty a pane's history, the lines above its screen; the
 * screen stays. As in tmux, a pane in copy mode leaves it first. A program clears its own
 * history the same way with ESC [ 3 J (`clear` sends it).
 */
import { defineCommand } from './types.js';
import { exitCopyMode } from '../server/copy/mode.js';

export default defineCommand({
  name: 'clear-history',
  alias: ['clearhist'],
  help: "Clear a pane's history",
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const pane = a.target!.pane;
    exitCopyMode(pane);
    pane.history.clear();
    ctx.server.model.paneDisplayChanged(pane);
  },
});
