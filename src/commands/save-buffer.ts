/*
 * save-buffer (saveb): write a paste buffer (the newest, or -b NAME) to a file; -a
 * appends; "-" prints it instead.
 */
import fs from 'node:fs';
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { callerPath, fileError } from './buffer-file.js';

export default defineCommand({
  name: 'save-buffer',
  alias: ['saveb'],
  help: 'Save a paste buffer to a file',
  args: { flags: 'a', options: 'b', minArgs: 1, maxArgs: 1, names: { b: 'buffer-name' }, positional: 'path' },
  run(ctx, a) {
    const name = a.values.get('b');
    const b = ctx.server.buffers.get(name);
    if (!b) throw new CommandError(name === undefined ? 'no buffers' : `no buffer ${name}`);
    if (a.args[0] === '-') {
      ctx.out(b.text);
      return;
    }
    const file = callerPath(ctx, a.args[0]!);
    try {
      if (a.flags.has('a')) fs.appendFileSync(file, b.text, { mode: 0o600 });
      else fs.writeFileSync(file, b.text, { mode: 0o600 });
    } catch (err) {
      throw fileError(file, err);
    }
  },
});
