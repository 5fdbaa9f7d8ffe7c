/*
 * load-buffer (loadb): read a file into a paste buffer (a new one, or -b NAME); -w also
 * puts it on the clipboard (OSC 52) of the terminal of -t's client, or the current one.
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
  args: { flags: 'w', options: 'bt', minArgs: 1, maxArgs: 1, names: { b: 'buffer-name', t: 'target-client' }, positional: 'path', target: { kind: 'client', optional: true, canFail: true } },
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
    if (a.flags.has('w') && a.client) sendClipboard([a.client], text); // -t's client, else the current one, as tmux
  },
});
