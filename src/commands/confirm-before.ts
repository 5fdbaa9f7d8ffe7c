/*
 * confirm-before (confirm): ask y/n in the status line before running a command
 * (prefix x and & use it). Needs an attached client; from the CLI it just runs.
 */
import { defineCommand } from './types.js';
import { Confirm } from '../server/client/modes.js';
import { expandFor } from '../server/format-vars.js';
import { current } from '../server/targets.js';
import { quoteArgv } from '../core/parse-command.js';

export default defineCommand({
  name: 'confirm-before',
  alias: ['confirm'],
  help: 'Ask for confirmation before running a command',
  args: { flags: '', options: 'p', minArgs: 1, maxArgs: -1, names: { p: 'prompt' }, positional: 'command' },
  async run(ctx, a) {
    const command = a.args.length === 1 ? a.args[0]! : quoteArgv(a.args);
    if (!ctx.client) {
      await ctx.runner.runString(ctx, command);
      return;
    }
    const question = expandFor(ctx.server, a.values.get('p') ?? `${command.split(' ')[0]}? (y/n)`, current(ctx));
    ctx.client.openMode(new Confirm(question, (c) => c.runBinding(command)));
  },
});
