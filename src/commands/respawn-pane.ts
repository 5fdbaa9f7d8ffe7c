/*
 * respawn-pane (respawnp) and what respawn-window shares with it: start a program again
 * in a pane whose program has exited — or, with -k, is killed first — keeping the pane's
 * id, place and history, as tmux 3.3 does. The command given (after `--` or not) replaces
 * the pane's, else the pane's own runs again; in -c's directory or the pane's own; with
 * the session's environment and -e. A Claude pane is refused: what ccmux made for it
 * (its dir, its session) belongs to the claude it ran; close it and start another.
 */
import { defineCommand } from './types.js';
import { startDirectory } from './pane-request.js';
import { valuesOf, type ParsedArgs } from './args.js';
import { parseEnvAssignments } from '../core/spawn-env.js';
import { CommandError } from '../core/errors.js';
import { claudeOf } from '../claude/pane-info.js';
import { asTeammate } from './teammate-env.js';
import { forgetTeammate } from '../claude/teammate.js';
import type { CommandContext } from './types.js';
import type { Resolved } from '../server/targets.js';

/** Refuse to respawn a Claude pane (see above). */
export function refuseClaude(r: Resolved, what: string): void {
  for (const p of what === 'pane' ? [r.pane] : r.window.orderedPanes()) {
    if (claudeOf(p)) throw new CommandError(`respawn ${what} failed: %${p.id} is a Claude pane (its dir and session belong to the claude it runs): kill it and start another`);
  }
}

/** Start the pane of `r` again as -c, -e and the arguments ask; `kill` hangs up a running program first. */
export async function respawn(ctx: CommandContext, a: ParsedArgs, r: Resolved, kill: boolean): Promise<void> {
  const explicit = parseEnvAssignments(valuesOf(a, 'e'));
  if (typeof explicit === 'string') throw new CommandError(explicit);
  const p = r.pane;
  const cwd = a.values.has('c') ? startDirectory(ctx, a.values.get('c')!, r) : p.launch.cwd;
  const req = asTeammate(ctx, { cwd, env: ctx.server.spawnEnv(r.session.environ, explicit), argv: a.args.length ? a.args : p.startArgv });
  await ctx.server.spawn(req, (rq, started) => {
    // What it ran goes (a live one only with -k, else the model refuses): a teammate again is followed anew.
    if (kill || !p.alive) forgetTeammate(ctx.server, p);
    ctx.server.model.respawnPane(p, rq, kill, started);
  });
}

export default defineCommand({
  name: 'respawn-pane',
  alias: ['respawnp'],
  help: 'Start a pane\'s program again (-k: kill the running one first)',
  args: { flags: 'k', options: 'cet', minArgs: 0, maxArgs: -1, names: { c: 'start-directory', e: 'environment', t: 'target-pane' }, positional: '[shell-command [argument ...]]', target: { kind: 'pane' } },
  async run(ctx, a) {
    refuseClaude(a.target!, 'pane');
    await respawn(ctx, a, a.target!, a.flags.has('k'));
  },
});
