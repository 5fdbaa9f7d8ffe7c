/*
 * choose-buffer's `e`: a paste buffer edited in the editor option's program, in a popup
 * over the client (tmux 3.3a's popup_editor and window_buffer_start_edit). The buffer is
 * written to a file of its own in the server's state dir (0600, never another
 * directory's), `EDITOR FILE` runs through the shell in a popup 9/10 of the terminal,
 * centred, closing when the editor exits; then, as tmux: an editor that failed, an empty
 * file, or a buffer deleted or replaced meanwhile changes nothing; a final newline the
 * editor added to a buffer that had none is dropped; else the buffer takes the text,
 * keeping its name and place. The file is removed either way. Nothing here waits on the
 * disk synchronously.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { paneLaunchFor } from '../pane-launch.js';
import type { PasteBuffer } from '../paste-buffers.js';
import type { Server } from '../server.js';
import type { AttachedClient } from './handle.js';
import { BORDER_LINES, Popup, popupColours } from './popup.js';

/** What the buffer becomes from what the editor left (tmux's window_buffer_edit_close_cb); undefined: unchanged. */
export function editedText(old: string, edited: string): string | undefined {
  if (edited === '') return undefined;
  const text = old !== '' && !old.endsWith('\n') && edited.endsWith('\n') ? edited.slice(0, -1) : edited;
  return text === '' ? undefined : text;
}

/** A single-quoted word for `sh -c`. */
function quoted(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Edit buffer `b` for client `c`; `done` runs after the editor has closed and the buffer
 * has been updated (the view that asked opens again). False when nothing was started
 * (editor empty, the file not written, the client gone or showing something else).
 */
export async function editBuffer(server: Server, c: AttachedClient, b: PasteBuffer, done: () => void): Promise<boolean> {
  const editor = String(server.options.get('editor'));
  if (editor === '') return false;
  const file = path.join(server.opts.stateDir, `buffer-edit-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  try {
    await fs.writeFile(file, b.text, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    server.opts.log.warn({ err, file }, 'cannot write a buffer to edit');
    return false;
  }
  const s = c.session;
  if (!s || !server.clients.has(c)) {
    await fs.rm(file, { force: true });
    return false;
  }
  const cols = c.cols;
  const rows = c.rows;
  const w = Math.floor((cols * 9) / 10);
  const h = Math.floor((rows * 9) / 10);
  const at = { session: s, window: s.current };
  const { options } = server;
  const lines = String(options.get('popup-border-lines', at));
  const launch = paneLaunchFor(`%${s.current.activePane.id}`, { cwd: os.tmpdir(), env: server.spawnEnv(s.environ), argv: [`${editor} ${quoted(file)}`] }, {
    term: options.get('default-terminal') as string,
    shell: options.get('default-shell', at) as string,
    defaultCommand: '',
    socketPath: server.opts.socketPath,
    serverPid: process.pid,
    sessionId: s.id,
  });
  const finish = async (status: { code: number; signal: number } | undefined) => {
    try {
      if (status && status.code === 0 && status.signal === 0 && server.buffers.get(b.name) === b) {
        const text = editedText(b.text, await fs.readFile(file, 'utf8'));
        if (text !== undefined && server.buffers.get(b.name) === b) b.text = text;
      }
    } catch (err) {
      server.opts.log.warn({ err, file }, 'cannot read an edited buffer back');
    } finally {
      await fs.rm(file, { force: true });
      done();
    }
  };
  let popup: Popup;
  try {
    popup = new Popup(c, {
      rect: { x: Math.floor(cols / 2) - Math.floor(w / 2), y: Math.floor(rows / 2) - Math.floor(h / 2), cols: w, rows: h },
      lines: lines in BORDER_LINES ? (lines as keyof typeof BORDER_LINES) : 'single',
      title: '',
      style: popupColours(undefined, String(options.get('popup-style', at)), 'style'),
      borderStyle: popupColours(undefined, String(options.get('popup-border-style', at)), 'border-style'),
      closeOnExit: 'any',
      launch,
      historyLimit: 0,
      onClose: (status) => void finish(status),
    }, server.opts.spawner);
  } catch (err) {
    server.opts.log.warn({ err, editor }, 'cannot start the editor');
    await fs.rm(file, { force: true });
    return false;
  }
  if (!popup.isClosed) c.openMode(popup);
  return true;
}
