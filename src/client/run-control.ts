/*
 * A ccmux client process in control mode (`ccmux -C …`, `ccmux -CC …`), after the
 * handshake: stdin goes to the server as it comes (it splits it into command lines),
 * what the server sends — guard lines, output, notifications — goes to stdout as it is,
 * and when the server says the client is done this prints `%exit` (with a reason, if
 * any) as tmux's client does.
 *
 * -CC is for a terminal that speaks the protocol itself (iTerm2): the output is wrapped
 * in DCS 1000p … ST, and the terminal is made raw with no echo, as tmux does (cfmakeraw
 * with output processing kept); Enter sends CR there, which is turned into LF as tmux's
 * ICRNL does. The terminal is put back on the way out, whatever ends it.
 */
import { encodeFrame, MsgType, parseJson, type Frame } from '../protocol/frames.js';
import { DCS_END, DCS_START, exitLine } from '../protocol/control-lines.js';
import { linkToServer, printReject, type LinkOptions } from './server-link.js';

export interface RunControlOptions extends LinkOptions {
  mode: 1 | 2;
}

/** Run a control session to its end; resolves with the process exit code. */
export function runControl(o: RunControlOptions): Promise<number> {
  const { socket, mode } = o;
  const stdin = process.stdin;
  const stdout = process.stdout;
  const raw = mode === 2 && stdin.isTTY === true;
  let done = false;

  return new Promise<number>((resolve) => {
    const finish = (code: number, reason: string) => {
      if (done) return;
      done = true;
      stdin.pause();
      stdin.removeAllListeners('data');
      let tail = exitLine(reason) + '\n';
      if (mode === 2) tail += DCS_END;
      const end = () => {
        if (raw) {
          try {
            stdin.setRawMode(false);
          } catch {
            /* terminal gone */
          }
        }
        socket.destroy();
        resolve(code);
      };
      if (link.outputGone) end();
      else stdout.write(tail, end);
    };

    const handle = (f: Frame) => {
      switch (f.type) {
        case MsgType.Output:
        case MsgType.Stdout:
          // A slow reader of our output holds the server's output back (it then pauses or drops panes).
          link.write(f.payload, stdout);
          break;
        case MsgType.Stderr:
          link.write(f.payload, process.stderr);
          break;
        case MsgType.Detached:
        case MsgType.Exit: {
          const m = parseJson(f);
          finish(typeof m.code === 'number' ? m.code : 0, typeof m.message === 'string' ? m.message : '');
          break;
        }
        case MsgType.Reject:
          printReject(f);
          finish(1, '');
          break;
      }
    };

    const link = linkToServer(o, handle, () => finish(1, ''));
    // tmux's CLIENT_EXIT_LOST_SERVER.
    socket.on('close', () => finish(1, 'server exited unexpectedly'));
    process.on('SIGHUP', () => finish(0, ''));
    process.on('SIGTERM', () => finish(0, 'terminated'));

    if (raw) stdin.setRawMode(true);
    if (mode === 2) link.write(DCS_START, stdout);
    link.start();
    stdin.on('data', (d: Buffer) => {
      const data = raw ? Buffer.from(d.toString('latin1').replace(/\r/g, '\n'), 'latin1') : d;
      socket.write(encodeFrame(MsgType.Input, data));
    });
    stdin.on('end', () => socket.write(encodeFrame(MsgType.InputEnd, {})));
    stdin.resume();
  });
}
