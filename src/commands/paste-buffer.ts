/*
 * paste-buffer (pasteb): type a paste buffer (the newest, or -b NAME) into a pane
 * (prefix ]), as tmux's cmd-paste-buffer.c does: each newline becomes the separator
 * (-s, else a carriage return as a terminal sends Enter, or with -r the newline kept);
 * with -p, and only when the pane's program enabled bracketed paste (\e[?2004h), the
 * text is wrapped in \e[200~ … \e[201~ so it knows it was pasted. -d deletes the buffer
 * afterwards.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';

/** What paste-buffer writes for `text`: newlines replaced by `sep`, bracketed when `bracket`. */
export function pasteBytes(text: string, sep: string, bracket: boolean): string {
  if (text === '') return '';
  const body = text.split('\n').join(sep);
  return bracket ? `\x1b[200~${body}\x1b[201~` : body;
}

export default defineCommand({
  name: 'paste-buffer',
  alias: ['pasteb'],
  help: 'Paste a buffer into a pane',
  args: { flags: 'dpr', options: 'bst', minArgs: 0, maxArgs: 0, names: { b: 'buffer-name', s: 'separator', t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const name = a.values.get('b');
    const b = ctx.server.buffers.get(name);
    if (!b) {
      if (name !== undefined) throw new CommandError(`no buffer ${name}`);
      return;
    }
    const r = a.target!;
    const sep = a.values.get('s') ?? (a.flags.has('r') ? '\n' : '\r');
    const bytes = pasteBytes(b.text, sep, a.flags.has('p') && r.pane.term.modes.bracketedPasteMode);
    if (bytes !== '') r.pane.write(bytes);
    if (a.flags.has('d')) ctx.server.buffers.delete(b.name);
  },
});
