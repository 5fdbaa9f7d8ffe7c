/*
 * refresh-client (refresh): draw a client's screen again from scratch (prefix r), or with
 * -S only its status line, as tmux 3.3a. The client is -t, else the one a binding came
 * from, else the most recently active one. tmux's other flags (-C for control clients,
 * panning with -L/-R/-U/-D/-c, -A -B -f -l) are not taken.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'refresh-client',
  alias: ['refresh'],
  help: "Redraw a client's screen (-S: its status line)",
  args: { flags: 'S', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-client' }, target: { kind: 'client' } },
  run(ctx, a) {
    a.client!.refresh(a.flags.has('S'));
  },
});
