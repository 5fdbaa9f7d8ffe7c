/*
 * list-commands (lscm): every command, or the one named (by name or alias), a line each
 * by -F's format or tmux's (`name (alias) usage`); the format sees command_list_name,
 * command_list_alias (the first alias, as tmux has one) and command_list_usage, and a
 * line that expands to nothing is not printed, as tmux's.
 */
import { defineCommand } from './types.js';
import { expandFormat } from '../core/format.js';
import { formatContext } from '../server/format-vars.js';

const TEMPLATE = '#{command_list_name}#{?command_list_alias, (#{command_list_alias}),} #{command_list_usage}';

export default defineCommand({
  name: 'list-commands',
  alias: ['lscm'],
  help: 'List the commands',
  args: { flags: '', options: 'F', minArgs: 0, maxArgs: 1, names: { F: 'format' }, positional: '[command]' },
  run(ctx, a) {
    const base = formatContext(ctx.server, {});
    const fmt = a.values.get('F') ?? TEMPLATE;
    const only = a.args[0];
    for (const c of [...ctx.runner.list()].sort((x, y) => x.name.localeCompare(y.name))) {
      if (only !== undefined && c.name !== only && !c.alias?.includes(only)) continue;
      const vars: Record<string, string> = { command_list_name: c.name, command_list_alias: c.alias?.[0] ?? '', command_list_usage: c.usage };
      const line = expandFormat(fmt, { ...base, lookup: (n: string) => vars[n] ?? base.lookup(n) });
      if (line !== '') ctx.out(`${line}\n`);
    }
  },
});
