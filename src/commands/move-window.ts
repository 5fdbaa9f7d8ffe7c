/*
 * move-window (movew) and swap-window (swapw), as tmux 3.3a has them.
 *
 * move-window moves -s (the current window) to -t, an index that need not exist ("work:"
 * or none: the first free one): -k closes a window already there, -a/-b put it after or
 * before -t's window (moving the windows there up), -d leaves the current window as it
 * is; without -s, the session it left is renumbered when renumber-windows is on (tmux
 * renumbers only then). -r renumbers the windows of session -t instead.
 *
 * swap-window exchanges the indexes (and sessions) of -s and -t. The current window stays
 * the one at its index, as tmux's winlinks stay put; -d makes each moved window current
 * where it went — what tmux 3.3a does, though its manual says the opposite.
 */
import { defineCommand } from './types.js';

export const moveWindow = defineCommand({
  name: 'move-window',
  alias: ['movew'],
  help: 'Move a window to another index or session, or renumber a session (-r)',
  args: {
    flags: 'abdkr', options: 'st', minArgs: 0, maxArgs: 0, names: { s: 'src-window', t: 'dst-window' },
    target: { kind: 'window-index', sessionWhen: 'r' }, source: { kind: 'window', unless: 'r' },
  },
  run(ctx, a) {
    const { model } = ctx.server;
    if (a.flags.has('r')) {
      model.renumberWindows(a.session!);
      return;
    }
    const dest = a.dest!;
    let index = dest.index;
    if (a.flags.has('a') || a.flags.has('b')) {
      const at = dest.window ?? dest.session.current;
      index = a.flags.has('b') ? at.index : at.index + 1;
      model.shuffleUp(dest.session, index);
    }
    model.moveWindow(a.source!.window, dest.session, index, !a.flags.has('d'), { kill: a.flags.has('k'), renumber: !a.values.has('s') });
  },
});

export const swapWindow = defineCommand({
  name: 'swap-window',
  alias: ['swapw'],
  help: 'Swap two windows',
  args: { flags: 'd', options: 'st', minArgs: 0, maxArgs: 0, names: { s: 'src-window', t: 'dst-window' }, target: { kind: 'window' }, source: { kind: 'window' } },
  run(ctx, a) {
    ctx.server.model.swapWindows(a.source!.window, a.target!.window, a.flags.has('d'));
  },
});
