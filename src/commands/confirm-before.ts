/*
 * confirm-before (confirm): ask in the status line before running a command (prefix x
 * and & use it), as tmux 3.3a: the prompt is -p's (a format) or "Confirm 'NAME'? (y/n)"
 * with the full name of its first command, one key answers and only y (or Y) runs it; -t the client asked (else the
 * caller's, or the one most recently on the current session). ccmux never waits for the
 * answer before the next command: -b, tmux's way of saying so, is what it always does.
 * From the CLI with no client attached it runs at once (there is nobody to ask).
 */
import { defineCommand } from './types.js';
import { Prompt } from '../server/client/modes.js';
import { clientFor, expandFor } from '../server/format-vars.js';
import { current, findClient } from '../server/targets.js';
import { parseCommandString, quoteArgv } from '../core/parse-command.js';
import type { AttachedClient } from '../server/client/handle.js';

export default defineCommand({
  name: 'confirm-before',
  alias: ['confirm'],
  help: 'Ask for confirmation before running a command',
  args: { flags: 'b', options: 'pt', minArgs: 1, maxArgs: -1, names: { p: 'prompt', t: 'target-client' }, positional: 'command' },
  async run(ctx, a) {
    const command = a.args.length === 1 ? a.args[0]! : quoteArgv(a.args);
    const scope = current(ctx);
    const client = (a.values.has('t') ? findClient(ctx.server.clients, a.values.get('t')!) : clientFor(ctx.server, ctx.client, scope.session)) as AttachedClient | undefined;
    if (!client?.openMode) {
      await ctx.runner.runString(ctx, command);
      return;
    }
    // tmux's default names the first command only, by its full name.
    let first: string | undefined;
    try {
      const word = parseCommandString(command)[0]?.[0];
      first = word === undefined ? undefined : (ctx.runner.fullName(word) ?? word);
    } catch {
      first = undefined;
    }
    const question = expandFor(ctx.server, a.values.get('p') ?? `Confirm '${first ?? command}'? (y/n)`, { ...scope, client }, true);
    client.openMode(
      new Prompt(question, '', (answer, c) => {
        if (answer === 'y' || answer === 'Y') return c.runBinding(command);
      }, { kind: 'single' }),
    );
  },
});
