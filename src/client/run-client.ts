/*
 * A ccmux client process after the handshake: send the command, print what comes back,
 * stream our stdin to the server when the command asks for it (READ_OPEN: split-window
 * -I), and — if the command attached — become the thin terminal relay: raw stdin to the
 * server, frames to stdout, SIGWINCH as a resize. When the server took the terminal
 * over (direct mode, server/tty-direct.ts) the client only sets it raw, reports resizes
 * and waits to be told to exit. The terminal is always restored on the
 * way out, whatever ends the session (detach, exit, a lost server).
 */
import { spawn } from 'node:child_process';
import { encodeFrame, MsgType, parseJson, READ_FRAME_BYTES, type Frame } from '../protocol/frames.js';
import { linkToServer, printReject, type LinkOptions } from './server-link.js';

export type RunClientOptions = LinkOptions;

/** What puts the user's terminal back as it was before ccmux drew on it. */
const RESTORE_TERMINAL = '\x1b[?2026l\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?1004l\x1b[?2004l\x1b[0m\x1b]8;;\x1b\\\x1b[?25h\x1b[?1049l\r';

/** Run the command to completion; resolves with the process exit code. */
export function runClient(o: RunClientOptions): Promise<number> {
  const { socket } = o;
  const stdin = process.stdin;
  const stdout = process.stdout;
  let attached = false;
  /** The server reads and writes our terminal itself (we only set it raw). */
  let direct = false;
  let done = false;

  return new Promise<number>((resolve) => {
    const finish = (code: number, message?: string, exec?: { command: string; shell: string }) => {
      if (done) return;
      done = true;
      if (attached) {
        try {
          stdin.setRawMode?.(false);
        } catch {
          /* terminal gone */
        }
        stdin.pause();
        process.removeListener('SIGWINCH', onResize);
      }
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        if (message && !link.outputGone) stdout.write(message + '\n');
        socket.destroy();
        if (!exec) return resolve(code);
        // detach-client -E: the command runs in this terminal in the client's place, as tmux's client_exec.
        // Its $0 is the shell's name and $SHELL the shell, as there.
        const child = spawn(exec.shell, ['-c', exec.command], { stdio: 'inherit', argv0: exec.shell.split('/').pop() || exec.shell, env: { ...process.env, SHELL: exec.shell } });
        child.on('error', () => resolve(1));
        child.on('exit', (c, signal) => resolve(c ?? (signal ? 128 + 1 : 1)));
      };
      if (!link.outputGone && stdout.writableLength > 0) {
        stdout.once('drain', end);
        stdout.once('error', end);
      } else end();
    };

    const onResize = () => {
      socket.write(encodeFrame(MsgType.Resize, { cols: stdout.columns || 80, rows: stdout.rows || 24 }));
    };

    const handle = (f: Frame) => {
      switch (f.type) {
        case MsgType.Stdout:
          link.write(f.payload, stdout);
          break;
        case MsgType.Stderr:
          link.write(f.payload, process.stderr);
          break;
        case MsgType.Output:
          link.write(f.payload, stdout);
          break;
        case MsgType.Attached: {
          attached = true;
          stdin.setRawMode?.(true);
          direct = parseJson(f).direct === true;
          if (direct) {
            // The server reads and writes our terminal itself: we must not read it too.
            stdin.pause();
            socket.write(encodeFrame(MsgType.TtyReady, {}));
          } else {
            stdin.resume();
            stdin.on('data', (d: Buffer) => socket.write(encodeFrame(MsgType.Input, d)));
          }
          process.on('SIGWINCH', onResize);
          onResize();
          break;
        }
        case MsgType.ReadOpen:
          sendStdin();
          break;
        case MsgType.Suspend: {
          // suspend-client or a lock: the server has restored the terminal and stopped using it.
          const m = parseJson(f);
          stdin.setRawMode?.(false);
          const relayed = !direct;
          if (relayed) stdin.pause();
          let resumed = false;
          const resume = () => {
            if (done || resumed) return;
            resumed = true;
            stdin.setRawMode?.(true);
            if (relayed) stdin.resume();
            socket.write(encodeFrame(MsgType.Resume, {}));
            onResize();
          };
          if (typeof m.lock === 'string') {
            // The lock command runs in this terminal (tmux's lock-command); when it ends, the session is back.
            const child = spawn('/bin/sh', ['-c', m.lock], { stdio: 'inherit' });
            child.on('error', resume);
            child.on('exit', resume);
          } else {
            process.once('SIGCONT', resume);
            process.kill(process.pid, 'SIGTSTP');
          }
          break;
        }
        case MsgType.Detached: {
          const m = parseJson(f);
          // detach-client -P: the parent (the login shell, ssh) is hung up, as tmux's client does.
          if (m.hangup === true) process.once('exit', () => process.kill(process.ppid, 'SIGHUP'));
          const exec = typeof m.exec === 'string' && typeof m.shell === 'string' ? { command: m.exec, shell: m.shell } : undefined;
          finish(typeof m.code === 'number' ? m.code : 0, typeof m.message === 'string' && m.message !== '' ? m.message : undefined, exec);
          break;
        }
        case MsgType.Exit: {
          const m = parseJson(f);
          finish(typeof m.code === 'number' ? m.code : 1);
          break;
        }
        case MsgType.Reject:
          printReject(f);
          finish(1);
          break;
      }
    };

    /**
     * Our stdin to the server, read by read as it comes (a terminal's: line by line, until
     * ^D), then READ_DONE; while the socket is full, stdin waits. Read once: asked again,
     * only READ_DONE.
     */
    let stdinRead = false;
    const sendStdin = () => {
      if (stdinRead) {
        socket.write(encodeFrame(MsgType.ReadDone, {}));
        return;
      }
      stdinRead = true;
      let ended = false;
      const end = (error?: string) => {
        if (ended) return;
        ended = true;
        stdin.pause();
        socket.write(encodeFrame(MsgType.ReadDone, error ? { error } : {}));
      };
      stdin.on('data', (d: Buffer) => {
        let full = false;
        for (let at = 0; at < d.length; at += READ_FRAME_BYTES) full = !socket.write(encodeFrame(MsgType.Read, d.subarray(at, at + READ_FRAME_BYTES))) || full;
        if (full) {
          stdin.pause();
          socket.once('drain', () => !ended && stdin.resume());
        }
      });
      stdin.on('end', () => end());
      stdin.on('error', (err) => end(err.message));
      stdin.resume();
    };

    // The reader of our output going away drops the rest of it and lets the command finish.
    const link = linkToServer(o, handle, () => finish(1));
    // A lost server cannot restore the terminal it drew on: the client does, as tmux does —
    // main screen, mouse, focus and paste reporting off, no synchronized-output block or
    // hyperlink left open, attributes reset, cursor shown — and says so on a clean line.
    socket.on('close', () => finish(1, attached ? `${link.outputGone ? '' : RESTORE_TERMINAL}[lost server]` : 'ccmux: the server closed the connection'));
    process.on('SIGHUP', () => finish(0));
    process.on('SIGTERM', () => finish(0));
    link.start();
  });
}
