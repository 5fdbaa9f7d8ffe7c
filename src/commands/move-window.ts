/*
 * move-window (movew) and swap-window (swapw), as tmux 3.3a has them.
 *
 * move-window moves -s (the current window) to -t, an index that need not exist ("work:"
 * or none: the first free one): -k closes a window already there, -a/-b put it after or
 * before -t's window (moving the windows there up), -d leaves the current window as it
 * is; without -s, the session it left is renumbered when renumber-windows is on (tmux
 * renumbers only then). -r renumbers the windows of session -t instead.
 *
 * swap-window exchanges the indexes (and sessions) of -s (the marked pane's window, else the
 * current one) and -t. The current window stays
 * the one at its index, as tmux's winlinks stay put; -d makes each moved window current
 * where it went — what tmux 3.3a does, though its manual says the opposite.
 */
import { defineCommand, type CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';

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
    model.moveWindow(a.source!.window, dest.session, destIndex(ctx, a), !a.flags.has('d'), { kill: a.flags.has('k'), renumber: !a.values.has('s'), from: a.source!.session });
  },
});

/**
 * The index -t names for move-window and link-window: with -a/-b, after or before -t's
 * window (or the current one), the windows from there moved up to make room.
 */
export function destIndex(ctx: CommandContext, a: ParsedArgs): number | undefined {
  const dest = a.dest!;
  if (!a.flags.has('a') && !a.flags.has('b')) return dest.index;
  const at = dest.window ?? dest.session.current;
  const atIndex = dest.session.indexOf(at);
  const index = a.flags.has('b') ? atIndex : atIndex + 1;
  ctx.server.model.shuffleUp(dest.session, index);
  return index;
}

export const swapWindow = defineCommand({
  name: 'swap-window',
  alias: ['swapw'],
  help: 'Swap two windows',
  args: { flags: 'd', options: 'st', minArgs: 0, maxArgs: 0, names: { s: 'src-window', t: 'dst-window' }, target: { kind: 'window' }, source: { kind: 'window', defaultMarked: true } },
  run(ctx, a) {
    ctx.server.model.swapWindows(a.source!.window, a.target!.window, a.flags.has('d'), a.source!.session, a.target!.session);
  },
});
