/*
 * refresh-client (refresh): draw a client's screen again from scratch (prefix r), or with
 * -S only its status line, as tmux 3.3a. The client is -t, else the one a binding came
 * from, else the most recently active one. For a control client, its size, flags, panes'
 * output and subscriptions (-C -f -F -A -B, refresh-client-control.ts). Panning
 * (-L/-R/-U/-D/-c) and -l are not taken.
 */
import { defineCommand } from './types.js';
import { refreshControl } from './refresh-client-control.js';

export default defineCommand({
  name: 'refresh-client',
  alias: ['refresh'],
  help: "Redraw a client's screen (-S: its status line); set a control client's size (-C), flags (-f), pane output (-A) or subscriptions (-B)",
  args: { flags: 'S', options: 'ABCfFt', minArgs: 0, maxArgs: 0, names: { A: 'pane:state', B: 'name:what:format', C: 'XxY', f: 'flags', F: 'flags', t: 'target-client' }, target: { kind: 'client' } },
  run(ctx, a) {
    if (refreshControl(ctx, a)) return;
    a.client!.refresh(a.flags.has('S'));
  },
});
