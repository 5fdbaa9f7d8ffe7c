/*
 * clock-mode: show a big clock in a pane (prefix t), as tmux 3.3a: in clock-mode-colour,
 * 24-hour or 12-hour time as clock-mode-style says; any key ends it. The pane's program
 * goes on running behind it.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'clock-mode',
  help: 'Show a big clock in a pane',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    ctx.server.model.setClockMode(a.target!.pane, true);
  },
});
