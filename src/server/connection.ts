/*
 * One socket connection to the server, from HELLO to close.
 *
 *   HELLO ──(protocol ok)──> WELCOME ──> COMMAND → run → STDOUT/STDERR … EXIT
 *                                                   └─ attach → becomes a Client:
 *                                                      INPUT/RESIZE in, OUTPUT out
 *
 * Anything malformed (bad frame, wrong first message, bad JSON) drops this connection
 * with a REJECT that says why; the server itself never throws over a peer's bytes. A peer
 * of another uid (possible only when the socket file is not private) is refused first
 * (peer-cred.ts).
 */
import type net from 'node:net';
import { encodeFrame, FrameDecoder, MsgType, parseJson, ProtocolError, PROTOCOL_VERSION, type Frame, type HelloMsg } from '../protocol/frames.js';
import { VERSION } from '../core/version.js';
import type { Server } from './server.js';
import { Client } from './client.js';
import { runCommandLine } from '../commands/run.js';
import { refusal } from './peer-cred.js';

/** How long a peer may take to say HELLO before it is dropped. */
const HELLO_TIMEOUT_MS = 5000;

export class Connection {
  private readonly decoder = new FrameDecoder();
  private hello: HelloMsg | null = null;
  private client: Client | null = null;
  private closed = false;
  private busy = false;
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    readonly server: Server,
    readonly socket: net.Socket,
  ) {
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    this.helloTimer = setTimeout(() => this.reject('no HELLO received'), HELLO_TIMEOUT_MS);
    // Bytes wait in the socket until a 'data' listener is attached: only once the peer is let in.
    const refused = refusal(socket, server.opts.socketPath, process.getuid?.() ?? 0);
    if (refused === null) socket.on('data', (chunk) => this.onData(chunk));
    else {
      void refused.then((why) => {
        if (why) this.reject(why);
        else if (!this.closed) {
          socket.on('data', (chunk) => this.onData(chunk));
          socket.resume(); // handing the socket to the helper process paused it
        }
      });
    }
  }

  send(type: MsgType, payload?: Buffer | string | object): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(encodeFrame(type, payload));
  }

  private onData(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.reject((err as Error).message);
      return;
    }
    for (const f of frames) {
      if (this.closed) return;
      try {
        this.handle(f);
      } catch (err) {
        if (err instanceof ProtocolError) {
          this.reject(err.message);
          return;
        }
        this.server.log.error({ err }, 'error handling message');
        this.reject(`internal error: ${(err as Error).message}`);
        return;
      }
    }
  }

  private handle(f: Frame): void {
    if (!this.hello) {
      if (f.type !== MsgType.Hello) throw new ProtocolError(`expected HELLO, got ${MsgType[f.type] ?? f.type}`);
      this.onHello(parseJson(f));
      return;
    }
    if (this.client) {
      this.client.handleFrame(f);
      return;
    }
    if (f.type !== MsgType.Command) throw new ProtocolError(`unexpected ${MsgType[f.type]} before a command`);
    if (this.busy) throw new ProtocolError('one command at a time');
    const msg = parseJson(f);
    const argv = msg.argv;
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new ProtocolError('COMMAND.argv must be an array of strings');
    this.busy = true;
    void this.runCommand(argv as string[]);
  }

  private onHello(msg: Record<string, unknown>): void {
    clearTimeout(this.helloTimer);
    if (msg.protocol !== PROTOCOL_VERSION) {
      this.reject(
        `protocol version mismatch: this client speaks ${String(msg.protocol)}, the server (ccmux ${VERSION}, pid ${process.pid}) speaks ${PROTOCOL_VERSION}; ` +
          'use the same ccmux for both, or stop the old server with its own ccmux (kill-server)',
      );
      return;
    }
    const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 10000 ? v : d);
    const env: Record<string, string> = {};
    if (msg.env && typeof msg.env === 'object') {
      for (const [k, v] of Object.entries(msg.env as Record<string, unknown>)) if (typeof v === 'string') env[k] = v;
    }
    this.hello = {
      protocol: PROTOCOL_VERSION,
      version: typeof msg.version === 'string' ? msg.version : '?',
      pid: num(msg.pid, 0),
      cwd: typeof msg.cwd === 'string' ? msg.cwd : '/',
      tty: msg.tty === true,
      cols: num(msg.cols, 80),
      rows: num(msg.rows, 24),
      env,
      ...(typeof msg.ttyPath === 'string' && typeof msg.ttyRdev === 'number' ? { ttyPath: msg.ttyPath, ttyRdev: msg.ttyRdev } : {}),
    };
    this.send(MsgType.Welcome, { protocol: PROTOCOL_VERSION, version: VERSION, pid: process.pid });
  }

  private async runCommand(argv: string[]): Promise<void> {
    const hello = this.hello!;
    let code = 0;
    let attachTo = null;
    try {
      const res = await runCommandLine(this.server, argv, {
        caller: hello,
        out: (t) => this.send(MsgType.Stdout, t),
        err: (t) => this.send(MsgType.Stderr, t),
      });
      code = res.code;
      attachTo = res.attach;
    } catch (err) {
      this.server.log.error({ err, argv }, 'command failed');
      this.send(MsgType.Stderr, `internal error: ${(err as Error).message}\n`);
      code = 1;
    }
    if (this.closed) return;
    if (attachTo && code === 0) {
      this.client = new Client(this.server, this, hello, attachTo);
      return;
    }
    this.send(MsgType.Exit, { code });
    this.socket.end();
    // A server that was started for a command that left no session has nothing to do.
    if (this.server.sessions.length === 0 && this.server.options.get('exit-empty')) this.server.shutdown('no sessions');
  }

  private reject(message: string): void {
    clearTimeout(this.helloTimer);
    this.server.log.warn({ message }, 'dropping connection');
    this.send(MsgType.Reject, { message });
    this.socket.end();
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.helloTimer);
    this.client?.disconnected();
    if (!this.socket.destroyed) setTimeout(() => this.socket.destroy(), 1000).unref();
  }
}
