/*
 * list-commands (lscm): every command with its aliases and usage.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'list-commands',
  alias: ['lscm'],
  help: 'List the commands',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    for (const c of [...ctx.runner.list()].sort((a, b) => a.name.localeCompare(b.name))) {
      ctx.out(`${c.name}${c.alias?.length ? ` (${c.alias.join(', ')})` : ''} ${c.usage}\n`);
    }
  },
});
