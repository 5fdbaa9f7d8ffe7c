/*
 * show-prompt-history (showphist) and clear-prompt-history (clearphist): what was typed
 * at each kind of prompt (-T command, search, target, window-target; all without -T),
 * printed as tmux prints it: "History for TYPE:", a blank line, "N: line" each, a blank.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { PROMPT_TYPES, promptType, type PromptType } from '../server/prompt-history.js';
import type { ParsedArgs } from './args.js';

function typesOf(a: ParsedArgs): readonly PromptType[] {
  const name = a.values.get('T');
  if (name === undefined) return PROMPT_TYPES;
  const t = promptType(name);
  if (!t) throw new CommandError(`invalid type: ${name}`);
  return [t];
}

export const showPromptHistory = defineCommand({
  name: 'show-prompt-history',
  alias: ['showphist'],
  help: 'Show what was typed at prompts',
  args: { flags: '', options: 'T', minArgs: 0, maxArgs: 0, names: { T: 'type' } },
  run(ctx, a) {
    let out = '';
    for (const t of typesOf(a)) {
      out += `History for ${t}:\n\n`;
      ctx.server.promptHistory.get(t).forEach((line, i) => (out += `${i + 1}: ${line}\n`));
      out += '\n';
    }
    ctx.out(out);
  },
});

export const clearPromptHistory = defineCommand({
  name: 'clear-prompt-history',
  alias: ['clearphist'],
  help: 'Forget what was typed at prompts',
  args: { flags: '', options: 'T', minArgs: 0, maxArgs: 0, names: { T: 'type' } },
  run(ctx, a) {
    for (const t of typesOf(a)) ctx.server.promptHistory.clear(t);
  },
});
