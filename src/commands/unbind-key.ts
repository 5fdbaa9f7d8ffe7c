/*
 * unbind-key (unbind): remove a key binding (-a: every binding of the table).
 */
import { defineCommand } from './types.js';
import { tableAndKey } from './bind-key.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'unbind-key',
  alias: ['unbind'],
  help: 'Remove a key binding',
  args: { flags: 'anq', options: 'T', minArgs: 0, maxArgs: 1, names: { T: 'key-table' }, positional: 'key' },
  run(ctx, a) {
    if (a.flags.has('a')) {
      const { table } = tableAndKey(a, 'a');
      ctx.server.keys.unbindAll(table);
      return;
    }
    if (!a.args[0]) throw new CommandError('unbind-key: missing key');
    const { table, key } = tableAndKey(a, a.args[0]);
    // A key that is not bound is no error (tmux 3.3: configs unbind defaults that may be gone); a table that does not exist is.
    if (!ctx.server.keys.tableNames().includes(table)) {
      if (!a.flags.has('q')) throw new CommandError(`table ${table} doesn't exist`);
      return;
    }
    ctx.server.keys.unbind(table, key);
  },
});
