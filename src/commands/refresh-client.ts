/*
 * refresh-client (refresh): draw the client again (-S: only its status line); for a
 * control client, its size, flags and panes' output (refresh-client-control.ts).
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { refreshControl } from './refresh-client-control.js';

export default defineCommand({
  name: 'refresh-client',
  alias: ['refresh'],
  help: 'Redraw the client; set a control client\'s size (-C), flags (-f) or pane output (-A), subscriptions (-B)',
  args: { flags: 'S', options: 'ABCfF', minArgs: 0, maxArgs: 0, names: { A: 'pane:state', B: 'name:what:format', C: 'XxY', f: 'flags', F: 'flags' } },
  run(ctx, a) {
    if (refreshControl(ctx, a)) return;
    const c = ctx.client;
    if (!c) throw new CommandError('no current client');
    c.refresh(a.flags.has('S'));
  },
});
