/*
 * Where copied text goes: a new paste buffer (list-buffers, paste-buffer, prefix ]) and,
 * unless set-clipboard is off, the clipboard of the terminals showing the pane, through their
 * Ms capability (tmux's: `ESC ] 52 ; ; <base64> BEL` with the clipboard feature; none without).
 * Also runs a copy-mode command for whoever issued it (keys, send-keys -X, the mouse) and
 * applies its outcome — copied text kept, piped text sent to its command (copy-pipe.ts) —
 * so all three behave the same.
 */
import type { Pane } from '../pane.js';
import type { Server } from '../server.js';
import type { ClientHandle } from '../client/handle.js';
import { exitCopyMode } from './mode.js';
import { runCopyCommand, type CopyStatus } from './commands.js';
import { pipeCommand, pipeToCommand } from './copy-pipe.js';
import { expandFor } from '../format-vars.js';

/** `text` as the clipboard capability (Ms) takes it: base64. */
export function clipboardText(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Put `text` on the clipboard of each client's terminal (set-buffer -w, load-buffer -w). */
export function sendClipboard(clients: Iterable<ClientHandle>, text: string): void {
  const b64 = clipboardText(text);
  for (const c of clients) c.setClipboard(b64);
}

/** Keep copied text: a new paste buffer, and the clipboard of clients showing the pane. */
export function keepCopy(server: Server, pane: Pane, text: string): void {
  if (!text) return;
  server.buffers.add(text);
  if (server.options.get('set-clipboard') === false) return;
  const w = server.model.windowOf(pane);
  const b64 = clipboardText(text);
  for (const c of server.clients) if (w && c.session?.current === w) c.setClipboard(b64);
}

/** append-selection's text: added to the newest buffer (keeping its name), only itself to the clipboard. */
function appendCopy(server: Server, pane: Pane, text: string): void {
  const top = server.buffers.get();
  if (!top) return keepCopy(server, pane, text);
  server.buffers.add(top.text + text, top.name);
  if (!server.options.get('set-clipboard')) return;
  const w = server.model.windowOf(pane);
  for (const c of server.clients) if (w && c.session?.current === w) c.setClipboard(clipboardText(text));
}

/** Run a copy-mode command on `pane` and apply its outcome: keep copied text, leave copy mode, redraw. */
export function runCopyCommandOn(server: Server, pane: Pane, name: string, args: string[]): CopyStatus {
  const m = pane.copyMode;
  if (!m) return 'unbound';
  const window = server.model.windowOf(pane);
  const at = { pane, window, session: window && server.model.sessionOf(window) };
  const out = runCopyCommand(m, name, args, {
    emacs: server.options.get('mode-keys', at) === 'emacs',
    separators: server.options.get('word-separators', at) as string,
    wrapSearch: server.options.get('wrap-search', at) as boolean,
  });
  if (out.copied) keepCopy(server, pane, out.copied);
  if (out.appended) appendCopy(server, pane, out.appended);
  if (out.piped) {
    const session = at.session;
    const command = pipeCommand(out.piped.command && expandFor(server, out.piped.command, { session, window, pane }), server.options.get('copy-command') as string);
    if (command) pipeToCommand(command, out.piped.text, pane.currentPath() ?? server.opts.home, server.spawnEnv(session?.environ), server.log);
  }
  if (out.status === 'exit') exitCopyMode(pane);
  server.model.paneDisplayChanged(pane);
  return out.status;
}
