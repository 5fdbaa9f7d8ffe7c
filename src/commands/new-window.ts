/*
 * new-window (neww): a new window in the current (or -t) session, started in the active
 * pane's directory; with --claude it runs Claude in an isolated pane (with --worktree,
 * in a git worktree of its own).
 */
import { LIMITS } from '../core/limits.js';
import { defineCommand, type CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';
import { askedForWorktree, paneRequest, PANE_LONG_NAMES, PANE_LONG_OPTIONS } from './pane-request.js';
import { resolveWindow } from '../server/targets.js';
import { CommandError } from '../core/errors.js';
import { validateName } from '../core/target.js';
import { expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'new-window',
  alias: ['neww'],
  help: 'Create a new window',
  args: { flags: 'adP', options: 'ceFnt', long: PANE_LONG_OPTIONS, minArgs: 0, maxArgs: -1, names: { c: 'start-directory', e: 'environment', F: 'format', n: 'window-name', t: 'target-window', ...PANE_LONG_NAMES }, positional: '[shell-command [argument ...]]' },
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
  let index: number | undefined;
  const m = t ? /:=?(\d+)$/.exec(t) ?? /^=?(\d+)$/.exec(t) : null;
  if (m) {
    index = Number(m[1]);
    if (!(index <= LIMITS.windowIndex)) throw new CommandError(`window index ${m[1]} is too large (at most ${LIMITS.windowIndex})`);
  }
  if (a.flags.has('a')) index = r.session.freeIndex(r.session.indexOf(r.window) + 1);
  const name = a.values.get('n');
  if (name !== undefined) {
    const bad = validateName('window', name);
    if (bad) throw new CommandError(bad);
  }
  const req = paneRequest(ctx, a, r.session, r.pane);
  const w = await server.spawn(req, (rq, started) => server.model.newWindow(r.session, rq, { select: !a.flags.has('d'), index, name }, started));
  a.made = { session: r.session, window: w, pane: w.activePane };
  if (a.flags.has('P')) ctx.out(expandFor(server, a.values.get('F') ?? '#{session_name}:#{window_index}.#{pane_index}', { session: r.session, window: w, pane: w.activePane }) + '\n');
}
