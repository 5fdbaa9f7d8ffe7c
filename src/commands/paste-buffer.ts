/*
 * paste-buffer (pasteb): type a paste buffer (the newest, or -b NAME) into a pane
 * (prefix ]). Newlines become carriage returns, as a terminal sends them; when the
 * program enabled bracketed paste the text is wrapped so it knows it was pasted. -d
 * deletes the buffer afterwards.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'paste-buffer',
  alias: ['pasteb'],
  help: 'Paste a buffer into a pane',
  args: { flags: 'dpr', options: 'bt', minArgs: 0, maxArgs: 0, names: { b: 'buffer-name', t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const name = a.values.get('b');
    const b = ctx.server.buffers.get(name);
    if (!b) {
      if (name !== undefined) throw new CommandError(`no buffer ${name}`);
      return;
    }
    const r = a.target!;
    let text = a.flags.has('r') ? b.text : b.text.replace(/\r?\n/g, '\r');
    if (a.flags.has('p') || r.pane.term.modes.bracketedPasteMode) text = `\x1b[200~${text}\x1b[201~`;
    r.pane.write(text);
    if (a.flags.has('d')) ctx.server.buffers.delete(b.name);
  },
});
