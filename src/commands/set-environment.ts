/*
 * set-environment (setenv): set, mark removed (-r) or forget (-u) a variable of the
 * global environment (-g) or a session's (-t, or the current one), as tmux's; -h marks
 * it hidden (kept for formats, never given to a pane), -F expands the value as a format.
 * What new panes inherit changes; running panes keep what they started with.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { badVariableName } from '../core/environ.js';
import { expandFor } from '../server/format-vars.js';
import { sessionScope } from '../server/targets.js';

export default defineCommand({
  name: 'set-environment',
  alias: ['setenv'],
  help: 'Set an environment variable for new panes',
  args: { flags: 'Fghru', options: 't', minArgs: 1, maxArgs: 2, names: { t: 'target-session' }, positional: 'name [value]', target: { kind: 'session', optional: true, canFail: true } },
  run(ctx, a) {
    const [name, given] = a.args as [string, string | undefined];
    const bad = badVariableName(name);
    if (bad) throw new CommandError(bad);
    const s = a.session;
    const value = given !== undefined && a.flags.has('F') ? expandFor(ctx.server, given, { ...(s ? sessionScope(ctx, s) : {}), client: ctx.client }) : given;
    let env;
    if (a.flags.has('g')) env = ctx.server.environ;
    else if (s) env = s.environ;
    else throw new CommandError(a.values.has('t') ? `no such session: ${a.values.get('t')}` : 'no current session');
    if (a.flags.has('u')) {
      if (value !== undefined) throw new CommandError("can't specify a value with -u");
      env.unset(name);
    } else if (a.flags.has('r')) {
      if (value !== undefined) throw new CommandError("can't specify a value with -r");
      env.clear(name);
    } else {
      if (value === undefined) throw new CommandError('no value specified');
      env.set(name, value, a.flags.has('h'));
    }
  },
});
