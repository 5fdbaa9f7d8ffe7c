/*
 * A pane's program setting the clipboard with OSC 52 (ESC ] 52 ; c ; BASE64 BEL), as tmux
 * 3.3a's input_osc_52 takes it, by the global set-clipboard option:
 *
 *   on         the text becomes a paste buffer and goes to the clipboard of the terminals
 *              showing the pane (OSC 52 to each client); the pane-set-clipboard hook runs.
 *              `ESC ] 52 ; c ; ? BEL` asks for the clipboard: the newest buffer is the reply.
 *   external   (tmux's default) and off: the program's sequence is ignored; copy mode
 *              still copies to the terminals' clipboard under external (copy/clipboard.ts).
 *
 * So Claude Code's copy (and vim's, or any program's OSC 52) reaches the user's clipboard
 * through ccmux once `set -s set-clipboard on`, as through tmux. The sequence is taken out
 * of the pane's output either way (xterm would ignore it too). parseOsc52 is pure.
 */
import type { Server } from './server.js';
import type { Pane } from './pane.js';
import { clipboardText } from './copy/clipboard.js';

/** The most a program may put on the clipboard at once (decoded bytes; tmux's input buffer is 1 MB too). */
export const OSC52_MAX_BYTES = 1 << 20;

export type Osc52 = { kind: 'query' } | { kind: 'set'; text: string };

/** What OSC 52's data (`c;BASE64`, `;BASE64`, `c;?`) asks for, or null for a malformed or empty one. */
export function parseOsc52(data: string): Osc52 | null {
  const semi = data.indexOf(';');
  if (semi < 0) return null;
  const value = data.slice(semi + 1);
  if (value === '') return null;
  if (value === '?') return { kind: 'query' };
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  if ((value.length / 4) * 3 > OSC52_MAX_BYTES + 2) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 0 ? null : { kind: 'set', text: bytes.toString('utf8') };
}

/** Apply each pane's OSC 52 as set-clipboard says. */
export function installPaneClipboard(server: Server): void {
  server.model.events.on('pane-clipboard', ({ pane, data }) => {
    if (server.options.get('set-clipboard') !== true) return; // on (a boolean, as alsoBoolean keeps it)
    const req = parseOsc52(data);
    if (!req) return;
    if (req.kind === 'query') {
      const top = server.buffers.get();
      pane.write(`\x1b]52;;${top ? Buffer.from(top.text, 'utf8').toString('base64') : ''}\x07`);
      return;
    }
    server.buffers.add(req.text);
    sendToViewers(server, pane, clipboardText(req.text));
    server.clientEvents.emit('pane-set-clipboard', pane);
  });
}

/** Base64 text to the clipboard of each client whose current window holds `pane` (tmux's tty_write to the pane's viewers). */
function sendToViewers(server: Server, pane: Pane, b64: string): void {
  for (const c of server.clients) if (!c.control && c.session?.current.panes.has(pane.id)) c.setClipboard(b64);
}
