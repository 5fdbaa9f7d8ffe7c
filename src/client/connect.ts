/*
 * The client half of the handshake: connect to the server's socket (starting the server
 * first when the command may, as `tmux new` does: start-server.ts, loaded only then), say
 * HELLO, and wait for WELCOME. A server of another protocol version, or one that does not
 * answer, gives a clear error instead of a hang.
 */
import fs from 'node:fs';
import net from 'node:net';
import { encodeFrame, FrameDecoder, MsgType, parseJson, PROTOCOL_VERSION, type Frame } from '../protocol/frames.js';
import { VERSION } from '../core/version.js';
import { ClientError, tryConnect } from './dial.js';

const HANDSHAKE_TIMEOUT_MS = 5000;

export { ClientError };

export interface Connected {
  socket: net.Socket;
  decoder: FrameDecoder;
  /** Frames that arrived together with WELCOME. */
  pending: Frame[];
}

/**
 * The terminal on stdin and stdout, to offer the server for direct use (see
 * server/tty-direct.ts): only when both are the same character device under /dev, and
 * not when CCMUX_TTY_DIRECT=0.
 */
function ownTerminal(): { ttyPath: string; ttyRdev: number } | undefined {
  if (process.env.CCMUX_TTY_DIRECT === '0') return undefined;
  try {
    const a = fs.fstatSync(0);
    const b = fs.fstatSync(1);
    if (!a.isCharacterDevice() || a.rdev !== b.rdev) return undefined;
    const ttyPath = fs.readlinkSync('/proc/self/fd/0');
    return ttyPath.startsWith('/dev/') ? { ttyPath, ttyRdev: a.rdev } : undefined;
  } catch {
    return undefined;
  }
}

/** Connect and handshake. `start`: start a server when none is running. */
export async function connect(sock: string, opts: { start: boolean; configFile?: string; cols: number; rows: number; tty: boolean; control?: 1 | 2 }): Promise<Connected> {
  let s = await tryConnect(sock);
  if (!(s instanceof net.Socket)) {
    const code = s.code;
    if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw new ClientError(`cannot connect to ${sock}: ${s.message}`);
    if (!opts.start) throw new ClientError(`no server running on ${sock}`);
    // Loaded only here: a command against a running server needs none of it (issue 18).
    const { startServer } = await import('./start-server.js');
    await startServer(sock, opts.configFile);
    s = await tryConnect(sock);
    if (!(s instanceof net.Socket)) throw new ClientError(`server started but cannot connect to ${sock}: ${s.message}`);
  }
  const socket = s;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (typeof v === 'string') env[k] = v;
  const direct = opts.tty ? ownTerminal() : undefined;
  socket.write(
    encodeFrame(MsgType.Hello, {
      protocol: PROTOCOL_VERSION,
      version: VERSION,
      pid: process.pid,
      cwd: process.cwd(),
      tty: opts.tty,
      cols: opts.cols,
      rows: opts.rows,
      env,
      ...(direct ?? {}),
      ...(opts.control ? { control: opts.control } : {}),
    }),
  );
  const decoder = new FrameDecoder();
  return new Promise<Connected>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ClientError(`the server on ${sock} did not answer within ${HANDSHAKE_TIMEOUT_MS / 1000} s`));
    }, HANDSHAKE_TIMEOUT_MS);
    const fail = (msg: string) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.destroy();
      reject(new ClientError(msg));
    };
    socket.on('error', (err) => fail(`connection to ${sock} failed: ${err.message}`));
    socket.on('close', () => fail(`the server on ${sock} closed the connection`));
    socket.on('data', (chunk: Buffer) => {
      let frames: Frame[];
      try {
        frames = decoder.push(chunk);
      } catch {
        fail(`the server on ${sock} does not speak the ccmux protocol (version ${PROTOCOL_VERSION})`);
        return;
      }
      if (!frames.length) return;
      const first = frames[0]!;
      let body: Record<string, unknown>;
      try {
        body = parseJson(first);
      } catch {
        fail(`the server on ${sock} does not speak the ccmux protocol (version ${PROTOCOL_VERSION})`);
        return;
      }
      if (first.type === MsgType.Reject) {
        fail(String(body.message ?? 'the server refused the connection'));
        return;
      }
      if (first.type !== MsgType.Welcome || body.protocol !== PROTOCOL_VERSION) {
        fail(`protocol version mismatch: this ccmux (${VERSION}) speaks ${PROTOCOL_VERSION}, the server on ${sock} speaks ${String(body.protocol)}; stop it with the ccmux that started it (kill-server)`);
        return;
      }
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
      resolve({ socket, decoder, pending: frames.slice(1) });
    });
  });
}
