/*
 * load-buffer (loadb): read a file, or with `-` the CLI's stdin, into a paste buffer (a new
 * one, or -b NAME; nothing read makes none, as tmux); -w also puts it on the clipboard
 * (OSC 52) of the terminal of -t's client, or the current one.
 */
import fs from 'node:fs';
import { defineCommand, type CommandContext } from './types.js';
import { CommandError } from '../core/errors.js';
import { sendClipboard } from '../server/copy/clipboard.js';
import { callerPath, fileError } from './buffer-file.js';

/** Larger files are refused: a paste buffer is typed into a pane whole. */
const MAX_BYTES = 16 << 20;

/** `-`: the CLI's stdin, whole (client-stdin.ts), at most MAX_BYTES; a command with no CLI behind it has none. */
async function readStdin(ctx: CommandContext): Promise<string> {
  if (!ctx.readInput || ctx.client) throw new CommandError('load-buffer: no stdin to read here (run `ccmux load-buffer -` from a shell)');
  const pieces: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  await ctx.readInput((piece) => {
    size += piece.length;
    if (size > MAX_BYTES) {
      tooBig = true;
      return false;
    }
    pieces.push(piece);
    return true;
  });
  if (tooBig) throw new CommandError(`stdin: larger than ${MAX_BYTES >> 20} MB`);
  return Buffer.concat(pieces).toString('utf8');
}

export default defineCommand({
  name: 'load-buffer',
  alias: ['loadb'],
  help: 'Load a file into a paste buffer',
  args: { flags: 'w', options: 'bt', minArgs: 1, maxArgs: 1, names: { b: 'buffer-name', t: 'target-client' }, positional: 'path', target: { kind: 'client', optional: true, canFail: true } },
  async run(ctx, a) {
    let text: string;
    if (a.args[0] === '-') text = await readStdin(ctx);
    else {
      const file = callerPath(ctx, a.args[0]!);
      try {
        if (fs.statSync(file).size > MAX_BYTES) throw new CommandError(`${file}: larger than ${MAX_BYTES >> 20} MB`);
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        if (err instanceof CommandError) throw err;
        throw fileError(file, err);
      }
    }
    // Nothing read makes no buffer, as tmux's cmd_load_buffer_done.
    if (text === '') return;
    ctx.server.buffers.add(text, a.values.get('b'));
    if (a.flags.has('w') && a.client) sendClipboard([a.client], text); // -t's client, else the current one, as tmux
  },
});
