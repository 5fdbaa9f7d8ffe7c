/*
 * -I of split-window and display-message: the CLI's stdin written into an empty pane (one
 * made by `split-window -I` or `split-window ''`, running no program) as it arrives, until
 * it ends, as tmux's window_pane_start_input. The command finishes when the stdin has
 * ended, the CLI has gone, or the pane was closed; what was written stays. A command with
 * no CLI behind it (a key binding, the prompt, a control client, a hook) writes nothing,
 * as tmux gives such a client's command no stdin.
 */
import type { CommandContext } from './types.js';
import type { Pane } from '../server/pane.js';
import { CommandError } from '../core/errors.js';

/** Write the CLI's stdin into `pane`, which must be empty; resolves when it is done. */
export async function readStdinInto(ctx: CommandContext, pane: Pane): Promise<void> {
  if (!pane.empty) throw new CommandError('pane is not empty');
  if (!ctx.readInput || ctx.client) return;
  const panes = ctx.server.model.panes;
  await ctx.readInput((piece) => {
    if (panes.get(pane.id) !== pane) return false;
    pane.input(piece);
    return true;
  });
}
