/*
 * split-window (splitw): split a pane left/right (-h) or top/bottom (-v, the default) and
 * start a program (or the shell) in the new pane, in the split pane's directory. -l sets
 * the new pane's size (cells or %; -p N, older tmux's, is -l N%), -b puts it before, -f splits the whole window (the
 * new pane spans its full height or width), -d keeps focus where it was, -Z zooms the
 * window on its active pane afterwards. -I (with no command) makes a pane that runs
 * nothing and shows what the CLI's stdin brings, as it comes, until its end (`make 2>&1 |
 * ccmux splitw -dI`; pane-input.ts); an empty command ('') makes such a pane with nothing in it.
 * --claude runs Claude in the new pane with its own isolated state (see ccmux.toml), and
 * --worktree [NAME] (--base REF) in a new git worktree of its own (claude/worktree.ts).
 */
import { defineCommand, type CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';
import { askedForWorktree, paneRequest, parseSize, PANE_LONG_NAMES, PANE_LONG_OPTIONS } from './pane-request.js';
import { expandFor } from '../server/format-vars.js';
import { CommandError } from '../core/errors.js';
import { readStdinInto } from './pane-input.js';

export default defineCommand({
  name: 'split-window',
  alias: ['splitw'],
  help: 'Split a pane into two',
  args: { flags: 'bdfhIvPZ', options: 'ceFlpt', long: PANE_LONG_OPTIONS, minArgs: 0, maxArgs: -1, names: { c: 'start-directory', e: 'environment', F: 'format', l: 'size', p: 'percentage', t: 'target-pane', ...PANE_LONG_NAMES }, positional: '[shell-command [argument ...]]', target: { kind: 'pane' } },
  async run(ctx, a0) {
    if (a0.flags.has('h') && a0.flags.has('v')) throw new CommandError('-h and -v cannot be used together');
    if (askedForWorktree(ctx, a0, (a) => split(ctx, a))) return;
    await split(ctx, a0);
  },
});

async function split(ctx: CommandContext, a: ParsedArgs): Promise<void> {
  const r = a.target!;
  // -I without a command, or '': a pane that runs nothing (tmux's SPAWN_EMPTY).
  const input = a.flags.has('I') && a.args.length === 0;
  const empty = input || (a.args.length === 1 && a.args[0] === '');
  if (empty && (a.flags.has('claude') || a.values.has('profile'))) throw new CommandError(`${input ? '-I' : "''"} makes a pane that runs nothing: not with --claude or --profile`);
  const req = { ...paneRequest(ctx, a, r.session, r.pane), ...(empty ? { empty: true } : {}) };
  // -p N (tmux before 3.1's, still read by 3.3a): -l N%; -l wins when both are given.
  const o = { before: a.flags.has('b'), full: a.flags.has('f'), ...parseSize(a.values.get('l'), a.values.get('p')), select: !a.flags.has('d') };
  const pane = await ctx.server.spawn(req, (rq, started) => ctx.server.model.splitWindow(r.pane, a.flags.has('h') ? 'h' : 'v', rq, o, started));
  // -Z: the window zoomed afterwards on its active pane, zoomed before or not (tmux's window_push_zoom with always set).
  if (a.flags.has('Z')) ctx.server.model.setZoom(r.window, true);
  a.made = { session: r.session, window: r.window, pane };
  if (a.flags.has('P')) ctx.out(expandFor(ctx.server, a.values.get('F') ?? '#{session_name}:#{window_index}.#{pane_index}', { session: r.session, window: r.window, pane }) + '\n');
  if (input) await readStdinInto(ctx, pane);
}
