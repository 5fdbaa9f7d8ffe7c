/*
 * list-buffers (lsb): the paste buffers, newest first: name, size and the start of the text.
 */
import { defineCommand } from './types.js';
import { visible } from '../core/escape.js';

export default defineCommand({
  name: 'list-buffers',
  alias: ['lsb'],
  help: 'List paste buffers',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    for (const b of ctx.server.buffers.all()) {
      const sample = visible([...b.text].slice(0, 50).join(''));
      ctx.out(`${visible(b.name)}: ${Buffer.byteLength(b.text)} bytes: "${sample}"\n`);
    }
  },
});
