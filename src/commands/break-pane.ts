/*
 * break-pane (breakp): take a pane (-s) out of its window into a window of its own, in
 * -t's session at -t's index (the first free one for "work:"), as tmux 3.3 does: -a/-b
 * put it after/before -t's window (moving the windows there up), -n names it, -d keeps
 * the current window, -P prints it (-F format). A window's only pane moves with its
 * window. The pane keeps its program, history, id and what ccmux knows of it (Claude).
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { validateName } from '../core/target.js';
import { expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'break-pane',
  alias: ['breakp'],
  help: 'Break a pane out into a new window',
  args: { flags: 'abdP', options: 'Fnst', minArgs: 0, maxArgs: 0, names: { F: 'format', n: 'window-name', s: 'src-pane', t: 'dst-window' }, target: { kind: 'window-index' }, source: { kind: 'pane' } },
  run(ctx, a) {
    const { model } = ctx.server;
    const src = a.source!;
    const dest = a.dest!;
    const name = a.values.get('n');
    if (name !== undefined) {
      const bad = validateName('window', name);
      if (bad) throw new CommandError(bad);
    }
    let index = dest.index;
    if (a.flags.has('a') || a.flags.has('b')) {
      const at = dest.window ?? dest.session.current;
      const atIndex = dest.session.indexOf(at);
      index = a.flags.has('b') ? atIndex : atIndex + 1;
      model.shuffleUp(dest.session, index);
    }
    const w = model.breakPane(src.pane, dest.session, { index, name, select: !a.flags.has('d') });
    if (a.flags.has('P')) ctx.out(expandFor(ctx.server, a.values.get('F') ?? '#{session_name}:#{window_index}.#{pane_index}', { session: dest.session, window: w, pane: src.pane }) + '\n');
  },
});
