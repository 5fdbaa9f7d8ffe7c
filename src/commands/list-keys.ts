/*
 * list-keys (lsk): the key bindings, as `bind-key` lines (tmux's format), or with -N the
 * notes of the prefix table as a readable help list. From a key (prefix ?) it opens as
 * a scrollable overlay.
 */
import { defineCommand } from './types.js';
import { quoteArg } from '../core/parse-command.js';
import { CommandError } from '../core/errors.js';
import { KEY_TABLES } from '../config/load-config.js';
import { visible } from '../core/escape.js';

export default defineCommand({
  name: 'list-keys',
  alias: ['lsk'],
  help: 'List key bindings',
  args: { flags: 'N', options: 'T', minArgs: 0, maxArgs: 0, names: { T: 'key-table' } },
  run(ctx, a) {
    const { keys, options } = ctx.server;
    const only = a.values.get('T');
    if (only && !keys.tableNames().includes(only) && !KEY_TABLES.includes(only)) {
      throw new CommandError(`unknown key table: ${only} (have: ${KEY_TABLES.join(', ')})`);
    }
    const tables = only ? [only] : keys.tableNames();
    const help = a.flags.has('N') || (ctx.client !== undefined && !only);
    if (help) {
      const prefix = String(options.get('prefix'));
      const rows = keys.list(only ?? 'prefix');
      const width = Math.max(...rows.map(([k]) => k.length), 1);
      for (const [key, b] of rows) ctx.out(`${prefix} ${key.padEnd(width)}  ${visible(b.note ?? b.command)}\n`);
      return;
    }
    for (const t of tables) {
      for (const [key, b] of keys.list(t)) {
        ctx.out(`bind-key ${b.repeat ? '-r ' : ''}-T ${t} ${quoteArg(key)} ${visible(b.command)}\n`);
      }
    }
  },
});
