/*
 * rotate-window (rotatew): move every pane of a window one place on in layout order, up
 * (the default, -U: the first pane goes last) or down (-D), as tmux does; the focus stays
 * in its place, on the pane that comes there. -Z keeps a zoomed window zoomed.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'rotate-window',
  alias: ['rotatew'],
  help: 'Rotate the panes of a window',
  args: { flags: 'DUZ', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    // -U is the direction unless -D is given (with both, -D wins, as in tmux).
    ctx.server.model.rotatePanes(a.target!.window, a.flags.has('D'), a.flags.has('Z'));
  },
});
