/*
 * show-buffer (showb): print a paste buffer, the newest or the one named with -b, as it
 * would be pasted (with a final newline added if it has none).
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'show-buffer',
  alias: ['showb'],
  help: 'Show the contents of a paste buffer',
  args: { flags: '', options: 'b', minArgs: 0, maxArgs: 0, names: { b: 'buffer-name' } },
  run(ctx, a) {
    const name = a.values.get('b');
    const b = ctx.server.buffers.get(name);
    if (!b) throw new CommandError(name === undefined ? 'no buffer' : `no buffer ${name}`);
    ctx.out(b.text.endsWith('\n') ? b.text : `${b.text}\n`);
  },
});
