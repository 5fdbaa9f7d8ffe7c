/*
 * show-buffer (showb): print a paste buffer, the newest or the one named with -b. To a
 * CLI it is written as it is, byte for byte (no newline added: what `tmux showb > f`
 * writes is the buffer); to an attached client (a key binding, the command prompt) or a
 * control client its control characters are shown as visible escapes, as tmux's
 * cmd_save_buffer_exec does there (utf8_stravisx with VIS_OCTAL|VIS_CSTYLE|VIS_TAB:
 * newlines kept).
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { visible } from '../core/escape.js';

export default defineCommand({
  name: 'show-buffer',
  alias: ['showb'],
  help: 'Show the contents of a paste buffer',
  args: { flags: '', options: 'b', minArgs: 0, maxArgs: 0, names: { b: 'buffer-name' } },
  run(ctx, a) {
    const name = a.values.get('b');
    const b = ctx.server.buffers.get(name);
    if (!b) throw new CommandError(name === undefined ? 'no buffers' : `no buffer ${name}`);
    if (ctx.client || ctx.caller.control) ctx.out(showBufferText(b.text) + '\n');
    else ctx.out(b.text);
  },
});

/** A buffer as show-buffer prints it to a client's view: control characters escaped, newlines kept. */
export function showBufferText(text: string): string {
  return text.split('\n').map(visible).join('\n');
}
