/*
 * command-prompt: read a line in the status line and run it as a command (prefix :),
 * or substitute it into a template (%% or %1) — how prefix , renames a window.
 */
import { defineCommand } from './types.js';
import { Prompt } from '../server/client/modes.js';
import { expandFor } from '../server/format-vars.js';
import { current } from '../server/targets.js';
import { CommandError } from '../core/errors.js';
import { quoteArg } from '../core/parse-command.js';

export default defineCommand({
  name: 'command-prompt',
  help: 'Prompt for a command (or for text to put into a template)',
  args: { flags: '', options: 'Ip', minArgs: 0, maxArgs: 1, names: { I: 'initial-text', p: 'prompt' }, positional: '[template]' },
  run(ctx, a) {
    if (!ctx.client) throw new CommandError('command-prompt needs an attached client');
    const scope = current(ctx);
    const initial = expandFor(ctx.server, a.values.get('I') ?? '', scope);
    const template = a.args[0];
    const label = a.values.get('p') ?? (template ? `(${template.split(' ')[0]})` : ':');
    ctx.client.openMode(
      new Prompt(label, initial, async (text, c) => {
        if (!template) {
          if (text.trim()) await c.runBinding(text);
          return;
        }
        // Inside '...' in a template the text goes in literally; elsewhere it is quoted as one word.
        const cmd = template.replace(/'%%'|'%1'|%%|%1/g, (m) => (m.startsWith("'") ? quoteArg(text) : text));
        await c.runBinding(cmd);
      }),
    );
  },
});
