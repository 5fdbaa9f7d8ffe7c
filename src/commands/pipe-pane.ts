/*
 * pipe-pane (pipep): connect a pane to a shell command, as tmux 3.3a does. The command
 * (expanded as a format for the pane, then run by `/bin/sh -c` in the pane's directory
 * with the server's environment) reads what the pane's program prints from then on (-O,
 * the default), and/or what it prints is typed into the pane (-I). A pane has one pipe:
 * any pipe it had is closed first; with no command that is all, and with -o a pane that
 * had a pipe is left without one (so one key toggles logging). `#{pane_pipe}` is 1 while
 * a pipe is open. How output is bounded for a slow command: server/pane-pipe.ts.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { PanePipe } from '../server/pane-pipe.js';
import { expandFor } from '../server/format-vars.js';
import { jobEnv } from './run-shell.js';

export default defineCommand({
  name: 'pipe-pane',
  alias: ['pipep'],
  help: "Pipe a pane's output to a shell command (or its output into the pane)",
  args: { flags: 'IOo', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-pane' }, positional: '[shell-command]', target: { kind: 'pane' } },
  run(ctx, a) {
    const { model } = ctx.server;
    const { session, window, pane } = a.target!;
    const had = pane.pipe?.open ?? false;
    if (pane.pipe) model.setPanePipe(pane, null);
    const text = a.args[0] ?? '';
    if (text === '' || (a.flags.has('o') && had)) return;
    if (!pane.alive) throw new CommandError('target pane has exited');
    const input = a.flags.has('I');
    const output = input ? a.flags.has('O') : true;
    let pipe: PanePipe;
    try {
      pipe = new PanePipe({
        command: expandFor(ctx.server, text, { session, window, pane }),
        cwd: pane.currentPath() || ctx.server.opts.home,
        env: jobEnv(ctx, a),
        output,
        input,
        toPane: (d) => pane.writeDirect(d),
        closed: () => {
          if (pane.pipe === pipe) model.setPanePipe(pane, null);
        },
      });
    } catch (err) {
      throw new CommandError(`pipe-pane: cannot run /bin/sh: ${(err as Error).message}`);
    }
    model.setPanePipe(pane, pipe);
  },
});
