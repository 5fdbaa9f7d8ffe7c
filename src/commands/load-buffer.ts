/*
 * load-buffer (loadb): read a file into a paste buffer (a new one, or -b NAME); -w also
 * puts it on the clipboard of the attached terminal(s) (OSC 52).
 */
import fs from 'node:fs';
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { sendClipboard } from '../server/copy/clipboard.js';
import { callerPath, fileError } from './buffer-file.js';

/** Larger files are refused: a paste buffer is typed into a pane whole. */
const MAX_BYTES = 16 << 20;

export default defineCommand({
  name: 'load-buffer',
  alias: ['loadb'],
  help: 'Load a file into a paste buffer',
  args: { flags: 'w', options: 'b', minArgs: 1, maxArgs: 1, names: { b: 'buffer-name' }, positional: 'path' },
  run(ctx, a) {
    if (a.args[0] === '-') throw new CommandError('load-buffer: reading stdin is not supported; give a file');
    const file = callerPath(ctx, a.args[0]!);
    let text: string;
    try {
      if (fs.statSync(file).size > MAX_BYTES) throw new CommandError(`${file}: larger than ${MAX_BYTES >> 20} MB`);
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (err instanceof CommandError) throw err;
      throw fileError(file, err);
    }
    ctx.server.buffers.add(text, a.values.get('b'));
    if (a.flags.has('w')) sendClipboard(ctx.client ? [ctx.client] : ctx.server.clients, text);
  },
});
