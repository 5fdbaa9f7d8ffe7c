/*
 * if-shell (if): run a shell command (formats expanded first) and then the first command
 * if it exited 0, else the second one if given; -F: no shell, the first argument is a
 * format, true unless it expands to "" or "0"; -b: the shell command runs in the
 * background and the caller goes on. As tmux's; configs use it to branch on the host,
 * the tmux version or a file's presence.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { expandFor } from '../server/format-vars.js';
import { runShellJob } from './shell-job.js';
import { jobCwd, jobEnv } from './run-shell.js';

export default defineCommand({
  name: 'if-shell',
  alias: ['if'],
  help: 'Run a command if a shell command succeeds (or a format is true with -F)',
  args: {
    flags: 'bF', options: 't', minArgs: 2, maxArgs: 3,
    names: { t: 'target-pane' },
    positional: 'shell-command command [command]',
    target: { kind: 'pane', optional: true },
  },
  async run(ctx, a) {
    const [test, yes, no] = a.args as [string, string, string | undefined];
    const scope = a.target ? { session: a.target.session, window: a.target.window, pane: a.target.pane } : {};
    const text = expandFor(ctx.server, test, scope);
    const decide = async (ok: boolean): Promise<void> => {
      const command = ok ? yes : no;
      if (command !== undefined && !(await ctx.runner.runString(ctx, command))) throw new CommandError(`'${command}' failed`);
    };
    if (a.flags.has('F')) return decide(text !== '' && text !== '0');
    const job = runShellJob(text, jobCwd(ctx, a), jobEnv(ctx, a)).then((r) => decide(r.status === 0));
    if (!a.flags.has('b')) return job;
    const client = ctx.client;
    job.catch((err: Error) => (client ? client.showMessage(err.message) : ctx.server.log.warn({ command: text, err: err.message }, 'if-shell -b failed')));
  },
});
