/*
 * respawn-window (respawnw): start a window afresh, as tmux 3.3 does: every pane but the
 * first is closed, the first takes the whole window and its program starts again (the
 * command given, else its own). Refused while a pane's program runs, unless -k.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { refuseClaude, respawn } from './respawn-pane.js';

export default defineCommand({
  name: 'respawn-window',
  alias: ['respawnw'],
  help: 'Start a window afresh with its first pane\'s program (-k: kill running ones)',
  args: { flags: 'k', options: 'cet', minArgs: 0, maxArgs: -1, names: { c: 'start-directory', e: 'environment', t: 'target-window' }, positional: '[shell-command [argument ...]]', target: { kind: 'window' } },
  async run(ctx, a) {
    const r = a.target!;
    if (!a.flags.has('k') && r.window.orderedPanes().some((p) => p.alive)) throw new CommandError(`respawn window failed: window ${r.session.name}:${r.session.indexOf(r.window)} still active`);
    refuseClaude(r, 'window');
    const first = ctx.server.model.keepFirstPane(r.window);
    await respawn(ctx, a, { ...r, pane: first }, true);
  },
});
