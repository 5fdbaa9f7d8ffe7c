/*
 * delete-buffer (deleteb): drop a paste buffer, the newest or the one named with -b.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'delete-buffer',
  alias: ['deleteb'],
  help: 'Delete a paste buffer',
  args: { flags: '', options: 'b', minArgs: 0, maxArgs: 0, names: { b: 'buffer-name' } },
  run(ctx, a) {
    const name = a.values.get('b');
    if (!ctx.server.buffers.delete(name)) throw new CommandError(name === undefined ? 'no buffer' : `unknown buffer: ${name}`);
  },
});
