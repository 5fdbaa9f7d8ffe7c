/*
 * The client half of the handshake: connect to the server's socket (starting the server
 * first when the command may, as `tmux new` does), say HELLO, and wait for WELCOME. A
 * server of another protocol version, or one that does not answer, gives a clear error
 * instead of a hang.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeFrame, FrameDecoder, MsgType, parseJson, PROTOCOL_VERSION, type Frame } from '../protocol/frames.js';
import { VERSION } from '../core/version.js';
import { takeStartLock } from '../protocol/start-lock.js';
import { scrubInjected } from '../core/spawn-env.js';
import { makeDirs } from '../core/paths.js';

const HANDSHAKE_TIMEOUT_MS = 5000;
const START_TIMEOUT_MS = 10000;

/**
 * Node flags the server runs with. `--max-semi-space-size=1` (MB) caps V8's young
 * generation, which otherwise grows to 16 MB a semi-space while panes print and keeps
 * that much resident afterwards: with 50 panes of `seq` 148 MB RSS instead of 193, 1.5
 * MB a pane instead of 2.35, no change measured in throughput or keystroke latency
 * (docs/adr/0007, docs/performance.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

export class ClientError extends Error {}

export interface Connected {
  socket: net.Socket;
  decoder: FrameDecoder;
  /** Frames that arrived together with WELCOME. */
  pending: Frame[];
}

function tryConnect(sock: string): Promise<net.Socket | NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    const s = net.connect(sock);
    s.once('connect', () => resolve(s));
    s.once('error', (err) => resolve(err as NodeJS.ErrnoException));
  });
}

/**
 * Start a server on `sock` and wait for it to report ready (or why it could not start).
 * When another server holds the start lock (several commands starting one at once, or a
 * server still on its way out after kill-server), wait for that one to listen — or, if
 * it goes away instead, start one again.
 */
export async function startServer(sock: string, configFile: string | undefined): Promise<void> {
  const end = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const result = await spawnServer(sock, configFile);
    if (result === 'ready') return;
    if (!result.startsWith('busy:')) throw new ClientError(result.replace(/^error: /, ''));
    if (await waitForWinner(sock, end)) return;
  }
}

/** Start one server process; what it reported on fd 3. */
async function spawnServer(sock: string, configFile: string | undefined): Promise<string> {
  const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'main.js');
  makeDirs(path.dirname(sock));
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, main, '--socket', sock, '--config', configFile ?? ''], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    cwd: '/',
    // Nothing a ccmux pane was given (profile secrets, isolation) goes into a new server.
    env: scrubInjected(process.env, { HOME: os.userInfo().homedir }),
  });
  const pipe = child.stdio[3] as NodeJS.ReadableStream;
  let text = '';
  const result = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve(`error: the server did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    pipe.on('data', (d: Buffer) => (text += d.toString()));
    pipe.on('end', () => {
      clearTimeout(timer);
      resolve(text.trim() || 'error: the server exited without saying why (see its log in the state directory)');
    });
    pipe.on('error', () => undefined);
  });
  child.unref();
  (pipe as unknown as { destroy?: () => void }).destroy?.();
  return result;
}

/**
 * Another server holds the start lock: true once it accepts connections on `sock`, false
 * when it let go of the lock without doing so (it exited: start another).
 */
async function waitForWinner(sock: string, end: number): Promise<boolean> {
  for (;;) {
    const s = await tryConnect(sock);
    if (s instanceof net.Socket) {
      s.destroy();
      return true;
    }
    const lock = await takeStartLock(sock, process.getuid?.() ?? 0);
    if (lock) {
      await new Promise<void>((r) => lock.close(() => r()));
      return false;
    }
    if (Date.now() > end) throw new ClientError(`another server is starting on ${sock} but did not start listening within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
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
