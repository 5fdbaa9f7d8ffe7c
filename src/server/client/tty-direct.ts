/*
 * Direct terminal I/O for attached clients, tmux's way: the server opens the client's
 * terminal itself and reads keys from it and writes frames to it, so a keystroke crosses
 * one process (the server) instead of two. The client process only sets the terminal
 * raw, reports resizes and waits to be told to exit. Measured with
 * scripts/bench/tools/relay-floor.mjs: one do-nothing node process between a terminal and
 * a pane costs a keystroke ~0.25 ms median, two (client + server over a socket) ~0.45 ms.
 *
 * tmux passes the terminal's fd over its socket; Node cannot send fds over a Unix socket,
 * so the client names its terminal (path and device number) and the server — the same
 * uid, checked at connect by peer-cred.ts — opens that path. It is used only when it is a
 * terminal under /dev with the device number the client reported; otherwise, or when
 * anything fails, the client relays as before. Opened O_NOCTTY (never the server's
 * controlling terminal) and O_NONBLOCK (open and I/O never block the server).
 */
import fs from 'node:fs';
import tty from 'node:tty';
import type { HelloMsg } from '../../protocol/frames.js';

/** The client's terminal as a stream (read: its keys; write: our frames), or null. */
export function openClientTerminal(hello: HelloMsg): tty.ReadStream | null {
  const file = hello.ttyPath;
  if (!file || typeof hello.ttyRdev !== 'number' || !file.startsWith('/dev/') || file.includes('/../')) return null;
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isCharacterDevice() || st.rdev !== hello.ttyRdev || st.uid !== process.getuid?.() || !tty.isatty(fd)) {
      fs.closeSync(fd);
      return null;
    }
    const stream = new tty.ReadStream(fd);
    stream.pause();
    return stream;
  } catch {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed by the stream */
    }
    return null;
  }
}
