/*
 * wait: block until a Claude pane reaches a state — for scripts that hand work to
 * several Claude panes and act when one needs them: `ccmux wait --until needs-input -t %3`.
 * Several states may be given comma-separated; --timeout SECONDS gives up with exit 1.
 * Prints the state reached. Given a channel (or -L/-S/-U) instead, it is tmux's `wait`,
 * the alias of wait-for (wait-for.ts), so tmux scripts work unchanged.
 */
import { defineCommand } from './types.js';
import { claudeOf, teammateOf } from '../claude/pane-info.js';
import { CommandError } from '../core/errors.js';
import { CLAUDE_STATES, type ClaudeState } from '../claude/state-machine.js';
import { awarenessOf } from '../claude/awareness.js';
import { waitFor } from './wait-for.js';

export default defineCommand({
  name: 'wait',
  help: 'Wait until a Claude pane is working, needs-input, idle or exited',
  args: { flags: 'LSU', options: 't', long: { until: 'value', timeout: 'value' }, minArgs: 0, maxArgs: 1, names: { t: 'target-pane', until: 'state[,state...]', timeout: 'seconds' }, positional: '[channel]', target: { kind: 'pane', optional: true } },
  async run(ctx, a) {
    // tmux's `wait` is wait-for: a channel, or -L/-S/-U, and no --until.
    if (a.args[0] !== undefined && !a.values.has('until')) return waitFor(ctx, a, a.args[0]);
    if (a.flags.size) throw new CommandError(`-${[...a.flags].join('')} go with a channel (wait-for); a Claude pane is waited for with --until`);
    if (a.args[0] !== undefined) throw new CommandError('a channel (wait-for) or --until (a Claude pane), not both');
    const until = a.values.get('until');
    if (!until) throw new CommandError(`wait needs --until (one of ${CLAUDE_STATES.join(', ')})`);
    const states = until.split(',').map((s) => s.trim());
    for (const s of states) if (!CLAUDE_STATES.includes(s as ClaudeState)) throw new CommandError(`unknown state: ${s} (have: ${CLAUDE_STATES.join(', ')})`);
    const t = a.values.get('timeout');
    if (t !== undefined && !(Number(t) > 0)) throw new CommandError(`invalid --timeout: ${t}`);
    const r = a.target;
    if (!r) throw new CommandError('no current pane');
    const aw = awarenessOf(ctx.server);
    if (!(claudeOf(r.pane) ?? teammateOf(r.pane)) || !aw?.status(r.pane.id)) throw new CommandError(`pane %${r.pane.id} is not a Claude pane`);
    let timer: NodeJS.Timeout | undefined;
    let resolveFn: ((s: ClaudeState | 'gone') => void) | undefined;
    const reached = await Promise.race([
      new Promise<ClaudeState | 'gone'>((resolve) => {
        resolveFn = resolve;
        aw.waitFor(r.pane.id, states as ClaudeState[]).then(resolve);
      }),
      new Promise<'timeout'>((resolve) => {
        if (t !== undefined) timer = setTimeout(() => resolve('timeout'), Number(t) * 1000);
      }),
    ]);
    clearTimeout(timer);
    if (reached === 'timeout') {
      if (resolveFn) aw.cancelWait(resolveFn);
      throw new CommandError(`timed out after ${t}s; pane %${r.pane.id} is ${aw.status(r.pane.id)?.state ?? 'gone'}`);
    }
    if (reached === 'gone') throw new CommandError(`pane %${r.pane.id} closed`);
    ctx.out(`${reached}\n`);
  },
});
