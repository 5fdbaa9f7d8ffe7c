/*
 * show-environment (showenv): the global environment (-g) or a session's (-t, or the
 * current one), sorted by name: `NAME=value`, `-NAME` for one marked removed; with -s as
 * lines for sh to eval (`NAME="value"; export NAME;` / `unset NAME;`); -h shows the
 * hidden variables instead of the others. One variable by name, as tmux's.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { showEnvLine } from '../core/environ.js';

export default defineCommand({
  name: 'show-environment',
  alias: ['showenv'],
  help: 'Show the environment new panes get',
  args: { flags: 'ghs', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-session' }, positional: '[name]', target: { kind: 'session', optional: true, canFail: true } },
  run(ctx, a) {
    const t = a.values.get('t');
    if (t !== undefined && !a.session) throw new CommandError(`no such session: ${t}`);
    let env;
    if (a.flags.has('g')) env = ctx.server.environ;
    else if (a.session) env = a.session.environ;
    else throw new CommandError('no current session');
    const name = a.args[0];
    let entries = env.list();
    if (name !== undefined) {
      const e = env.find(name);
      if (!e) throw new CommandError(`unknown variable: ${name}`);
      entries = [[name, e]];
    }
    const hidden = a.flags.has('h');
    const lines = entries.filter(([, e]) => e.hidden === hidden).map(([k, e]) => showEnvLine(k, e, a.flags.has('s')) + '\n');
    ctx.out(lines.join(''));
  },
});
