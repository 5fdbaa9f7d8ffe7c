/*
 * set-buffer (setb): put text in a paste buffer — a new one, or the one named with -b
 * (replacing it; -a appends to it; empty data sets none); -n renames a buffer (the
 * newest, or -b's), and does nothing more; -w
 * also puts it on the clipboard (OSC 52) of the terminal of -t's client, or the current one.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { sendClipboard } from '../server/copy/clipboard.js';

export default defineCommand({
  name: 'set-buffer',
  alias: ['setb'],
  help: 'Set the contents of a paste buffer',
  args: { flags: 'aw', options: 'bnt', minArgs: 0, maxArgs: 1, names: { b: 'buffer-name', n: 'new-buffer-name', t: 'target-client' }, positional: 'data', target: { kind: 'client', optional: true, canFail: true } },
  run(ctx, a) {
    const buffers = ctx.server.buffers;
    const name = a.values.get('b');
    const rename = a.values.get('n');
    const data = a.args[0];
    if (rename !== undefined) {
      // -n renames and does nothing else, as tmux's cmd_set_buffer_exec.
      const b = buffers.get(name);
      if (!b) throw new CommandError(name === undefined ? 'no buffer' : `unknown buffer: ${name}`);
      buffers.delete(b.name);
      buffers.add(b.text, rename);
      return;
    }
    if (data === undefined) throw new CommandError('no data specified');
    // No data sets no buffer (and -a appends nothing), as tmux's cmd_set_buffer_exec.
    if (data === '') return;
    // -a appends to the buffer -b names; without -b the data is a new buffer.
    const old = a.flags.has('a') && name !== undefined ? buffers.get(name) : undefined;
    const text = old ? old.text + data : data;
    buffers.add(text, name);
    if (a.flags.has('w') && a.client) sendClipboard([a.client], text); // -t's client, else the current one, as tmux
  },
});
