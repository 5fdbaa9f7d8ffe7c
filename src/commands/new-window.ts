/*
 * new-window (neww): a new window in the current (or -t) session, started in the active
 * pane's directory; with --claude it runs Claude in an isolated pane (with --worktree,
 * in a git worktree of its own). As tmux 3.3a's: -a/-b put it after/before -t's window
 * (the current one), moving the windows from there up; -k replaces the window at -t's
 * index; -S with -n selects the window of that name if there is one instead.
 */
import { LIMITS } from '../core/limits.js';
import { defineCommand, type CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';
import { askedForWorktree, paneRequest, PANE_LONG_NAMES, PANE_LONG_OPTIONS } from './pane-request.js';
import { resolveWindow } from '../server/targets.js';
import { CommandError } from '../core/errors.js';
import { validateName } from '../core/target.js';
import { expandFor } from '../server/format-vars.js';
import type { Window } from '../server/window.js';

export default defineCommand({
  name: 'new-window',
  alias: ['neww'],
  help: 'Create a new window',
  args: { flags: 'abdkPS', options: 'ceFnt', long: PANE_LONG_OPTIONS, minArgs: 0, maxArgs: -1, names: { c: 'start-directory', e: 'environment', F: 'format', n: 'window-name', t: 'target-window', ...PANE_LONG_NAMES }, positional: '[shell-command [argument ...]]' },
  async run(ctx, a0) {
    if (askedForWorktree(ctx, a0, (a) => newWindow(ctx, a))) return;
    await newWindow(ctx, a0);
  },
});

async function newWindow(ctx: CommandContext, a: ParsedArgs): Promise<void> {
  const { server } = ctx;
  const t = a.values.get('t');
  // A bare -t names a session or an index in the current one; anything else is not there (as tmux says).
  if (t !== undefined && !t.includes(':') && !/^=?\d+$/.test(t) && !server.model.findSession(t) && !server.model.findSession(t.replace(/^=/, ''))) {
    throw new CommandError(`can't find window: ${t}`);
  }
  const r = resolveWindow(ctx, t && /^[^:]+$/.test(t) && server.model.findSession(t) ? `${t}:` : t === undefined ? undefined : t.includes(':') ? t.replace(/:.*$/, ':') : undefined);
  const name = a.values.get('n');
  if (name !== undefined) {
    const bad = validateName('window', name);
    if (bad) throw new CommandError(bad);
  }
  // The index -t names, and the window there (-t's window, else the current one: -a/-b go after or before it).
  let index: number | undefined;
  let at: Window | undefined = r.window;
  const m = t ? /:=?(\d+)$/.exec(t) ?? /^=?(\d+)$/.exec(t) : null;
  if (m) {
    index = Number(m[1]);
    if (!(index <= LIMITS.windowIndex)) throw new CommandError(`window index ${m[1]} is too large (at most ${LIMITS.windowIndex})`);
    at = r.session.findIndex(index);
  } else if (t !== undefined && /:./.test(t)) {
    at = resolveWindow(ctx, t).window;
    index = r.session.indexOf(at);
  }
  // -S with -n and no index: a window of that name already there is selected instead.
  if (a.flags.has('S') && name !== undefined && index === undefined) {
    const named = r.session.sorted().filter((w) => w.name === name);
    if (named.length > 1) throw new CommandError(`multiple windows named ${name}`);
    if (named.length === 1) {
      if (!a.flags.has('d')) server.model.selectWindow(r.session, named[0]!);
      return;
    }
  }
  if ((a.flags.has('a') || a.flags.has('b')) && at) {
    index = r.session.indexOf(at) + (a.flags.has('b') ? 0 : 1);
    server.model.shuffleUp(r.session, index);
  }
  const req = paneRequest(ctx, a, r.session, r.pane);
  const w = await server.spawn(req, (rq, started) => server.model.newWindow(r.session, rq, { select: !a.flags.has('d'), index, name, kill: a.flags.has('k') }, started));
  a.made = { session: r.session, window: w, pane: w.activePane };
  if (a.flags.has('P')) ctx.out(expandFor(server, a.values.get('F') ?? '#{session_name}:#{window_index}.#{pane_index}', { session: r.session, window: w, pane: w.activePane }) + '\n');
}
