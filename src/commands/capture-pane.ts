/*
 * capture-pane (capturep): the text of a pane. -p prints it; -S/-E choose the lines
 * (0 = the first visible line, negative = history, "-" = the start of history / the end
 * of the screen), -J joins wrapped lines, -e keeps colours and attributes as escapes,
 * -C writes a backslash as \\ and the escapes' ESC as \033, -a takes the normal screen
 * kept under the alternate one ("no alternate screen" without one, nothing with -q),
 * -P only the escape sequence the pane's output stopped inside, as tmux's.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { captureChunked } from '../server/capture.js';

function lineArg(text: string | undefined, dflt: number, dash: number): number {
  if (text === undefined) return dflt;
  if (text === '-') return dash;
  if (!/^-?\d+$/.test(text)) throw new CommandError(`invalid line number: ${text}`);
  return Number(text);
}

/** -P's text: the pending bytes, with -C each below a space and the backslash as \ooo (cmd_capture_pane_pending). */
function pendingText(bytes: Buffer, escapeC0: boolean): string {
  if (!escapeC0) return bytes.toString('utf8');
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b !== 0x5c ? String.fromCharCode(b) : `\\${(b & 0xff).toString(8).padStart(3, '0')}`;
  return out;
}

export default defineCommand({
  name: 'capture-pane',
  alias: ['capturep'],
  help: 'Capture the contents of a pane',
  args: { flags: 'aCeJNpPq', options: 'bESt', minArgs: 0, maxArgs: 0, names: { b: 'buffer-name', E: 'end-line', S: 'start-line', t: 'target-pane' }, target: { kind: 'pane' } },
  async run(ctx, a) {
    const r = a.target!;
    const alt = r.pane.term.buffer.active !== r.pane.term.buffer.normal;
    const saved = a.flags.has('a');
    if (a.flags.has('P')) {
      const text = pendingText(r.pane.pendingInput, a.flags.has('C'));
      if (a.flags.has('p')) ctx.out(`${text}\n`);
      else if (text) ctx.server.buffers.add(text, a.values.get('b'));
      return;
    }
    if (saved && !alt) {
      if (!a.flags.has('q')) throw new CommandError('no alternate screen');
      if (a.flags.has('p')) ctx.out('\n'); // tmux prints its empty capture
      return;
    }
    const history = alt || saved ? 0 : r.pane.history.historySize();
    const rows = r.pane.rows;
    const start = lineArg(a.values.get('S'), 0, -history);
    const end = lineArg(a.values.get('E'), rows - 1, rows - 1);
    const o = { join: a.flags.has('J'), escapes: a.flags.has('e'), trailing: a.flags.has('N'), escapeC0: a.flags.has('C'), saved };
    // In chunks, letting the server serve others in between (a whole history can be large).
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    const alive = () => ctx.server.model.panes.get(r.pane.id) === r.pane; // the pane may close meanwhile
    if (a.flags.has('p')) {
      await captureChunked(r.pane, start, end, o, (t) => ctx.out(t), ctx.drained ?? turn, alive);
      return;
    }
    const parts: string[] = [];
    await captureChunked(r.pane, start, end, o, (t) => parts.push(t), turn, alive);
    ctx.server.buffers.add(parts.join(''), a.values.get('b'));
  },
});
