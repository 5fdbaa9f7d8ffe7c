/*
 * One socket connection to the server, from HELLO to close.
 *
 *   HELLO ──(protocol ok)──> WELCOME ──> COMMAND → run → STDOUT/STDERR … EXIT
 *                                                   └─ attach → becomes a Client:
 *                                                      INPUT/RESIZE in, OUTPUT out
 *                                                   └─ reads stdin (-I) → READ_OPEN out,
 *                                                      READ … READ_DONE in (client-stdin.ts)
 *   HELLO {control} ──> WELCOME ──> COMMAND → a ControlClient runs it and every line
 *                                   after it (INPUT, INPUT_END in; OUTPUT, DETACHED out)
 *
 * Anything malformed (bad frame, wrong first message, bad JSON) drops this connection
 * with a REJECT that says why; the server itself never throws over a peer's bytes. A peer
 * of another uid (possible only when the socket file is not private) is refused first
 * (peer-cred.ts).
 *
 * What peers can hold is bounded (issue 13.12): at most MAX_CONNECTIONS at once, of which
 * MAX_UNGREETED have not said HELLO yet (each may send at most HELLO_MAX_BYTES until it
 * has) — past either, the longest silent or idle peer is dropped to make room, so a crowd
 * cannot lock real clients out; unfinished frames of all peers together hold at most
 * PENDING_MAX_BYTES (the peer that would pass it is dropped); a frame must be finished
 * within FRAME_TIMEOUT_MS; and a peer that said HELLO but runs no command and is not
 * attached goes after IDLE_MS.
 */
import type net from 'node:net';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, MsgType, parseJson, ProtocolError, PROTOCOL_VERSION, type Frame, type HelloMsg } from '../protocol/frames.js';
import { VERSION } from '../core/version.js';
import type { Server } from './server.js';
import { readTerminfo } from './client/terminfo-read.js';
import { Client } from './client/client.js';
import { ControlClient } from './control/control-client.js';
import { splitArgv } from '../core/parse-command.js';
import { admit, type Admitted } from './peer-cred.js';
import type { CommandRunner } from './command-context.js';
import { ClientStdin } from './client-stdin.js';

/** How long a peer may take to say HELLO before it is dropped. */
const HELLO_TIMEOUT_MS = 5000;
/** Peers at once (attached clients and commands alike). */
const MAX_CONNECTIONS = 1024;
/** Peers at once that have not said HELLO yet. */
const MAX_UNGREETED = 64;
/** The largest frame before HELLO (a HELLO carries the client's environment: well under this). */
const HELLO_MAX_BYTES = 1024 * 1024;
/** Unfinished frames of all peers together. */
const PENDING_MAX_BYTES = 64 * 1024 * 1024;
/** A frame that was begun must be finished within this. */
const FRAME_TIMEOUT_MS = 30_000;
/** A greeted peer that neither runs a command nor is attached is dropped after this. */
const IDLE_MS = 10_000;

/** Every open connection, and the bytes their unfinished frames hold together. */
const open = new Set<Connection>();
let pendingBytes = 0;

/** Command output is sent in frames of at most this size. */
const OUTPUT_FRAME_BYTES = 1024 * 1024;
/** A command producing output waits while this much is still queued for the peer. */
const DRAIN_BELOW = 4 * 1024 * 1024;

export class Connection {
  private readonly decoder = new FrameDecoder();
  private hello: HelloMsg | null = null;
  private client: Client | null = null;
  private controlClient: ControlClient | null = null;
  private closed = false;
  private busy = false;
  private readonly helloTimer: NodeJS.Timeout;
  private idleTimer: NodeJS.Timeout | null = null;
  private frameTimer: NodeJS.Timeout | null = null;
  private held = 0;
  /** Who the peer is, once let in: the owner until its credentials say otherwise. */
  peerUid = -1;
  /** The access list lets this peer only look (server-access -r). */
  peerReadOnly = false;
  /** The CLI's stdin, when its command reads it (-I). */
  private readonly stdin = new ClientStdin(() => this.send(MsgType.ReadOpen, {}));

  constructor(
    readonly server: Server,
    readonly socket: net.Socket,
    readonly runner: CommandRunner,
  ) {
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    this.helloTimer = setTimeout(() => this.reject('no HELLO received'), HELLO_TIMEOUT_MS);
    // One frame at a time until HELLO: what follows it is judged by the limits after it.
    this.decoder.limit = HELLO_MAX_BYTES;
    this.decoder.maxFrames = 1;
    // A crowd of silent peers must not lock out real clients (which say HELLO at once):
    // past a limit, the peer that has been silent longest makes room.
    const ungreeted = [...open].filter((c) => !c.hello);
    if (ungreeted.length >= MAX_UNGREETED) ungreeted[0]!.reject(`too many connections that have not said HELLO (${MAX_UNGREETED}); the longest silent goes`);
    if (open.size >= MAX_CONNECTIONS) {
      const idle = [...open].find((c) => !c.hello || (!c.busy && !c.client));
      if (!idle) {
        open.add(this);
        this.reject(`too many connections (${MAX_CONNECTIONS})`);
        return;
      }
      idle.reject(`too many connections (${MAX_CONNECTIONS}); the longest idle goes`);
    }
    open.add(this);
    // Bytes wait in the socket until a 'data' listener is attached: only once the peer is let in.
    this.peerUid = server.acl.owner;
    const admitted = admit(socket, server.opts.socketPath, server.acl);
    const letIn = (a: Admitted): void => {
      this.peerUid = a.uid;
      this.peerReadOnly = a.access === 'read-only';
      socket.on('data', (chunk) => this.onData(chunk));
    };
    if (!(admitted instanceof Promise)) letIn(admitted);
    else {
      void admitted.then((a) => {
        if ('refused' in a) this.reject(a.refused);
        else if (!this.closed) {
          letIn(a);
          socket.resume(); // handing the socket to the helper process paused it
        }
      });
    }
  }

  send(type: MsgType, payload?: Buffer | string | object): void {
    if (this.closed || this.socket.destroyed) return;
    // Output of any size goes as frames of at most OUTPUT_FRAME_BYTES (one frame over the
    // protocol's limit was "bad frame length" at the client, issue 13.10). The client
    // writes Stdout/Stderr bytes as they come, so a cut inside a character is harmless.
    if ((type === MsgType.Stdout || type === MsgType.Stderr) && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
      for (let at = 0; at < bytes.length; at += OUTPUT_FRAME_BYTES) this.socket.write(encodeFrame(type, bytes.subarray(at, at + OUTPUT_FRAME_BYTES)));
      return;
    }
    this.socket.write(encodeFrame(type, payload));
  }

  /** Resolves when the socket's send buffer is below DRAIN_BELOW (at once if it is), or it closed. */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed || this.socket.destroyed || this.socket.writableLength < DRAIN_BELOW) {
        setImmediate(resolve); // still a turn of the event loop: others get theirs
        return;
      }
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.reject((err as Error).message);
      return;
    }
    pendingBytes += this.decoder.buffered - this.held;
    this.held = this.decoder.buffered;
    if (this.held > 0 && pendingBytes > PENDING_MAX_BYTES) {
      this.reject(`the server holds too much unfinished input (${PENDING_MAX_BYTES >> 20} MB from all peers)`);
      return;
    }
    if (this.held === 0 && this.frameTimer) {
      clearTimeout(this.frameTimer);
      this.frameTimer = null;
    } else if (this.held > 0 && !this.frameTimer) {
      this.frameTimer = setTimeout(() => this.reject(`a message was not finished within ${FRAME_TIMEOUT_MS / 1000} s`), FRAME_TIMEOUT_MS);
      this.frameTimer.unref();
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
    if (this.controlClient) {
      if (f.type === MsgType.Input) this.controlClient.input(f.payload);
      else if (f.type === MsgType.InputEnd) this.controlClient.inputEnded();
      else if (f.type !== MsgType.Resize) throw new ProtocolError(`unexpected ${MsgType[f.type]} from a control client`);
      return;
    }
    if (f.type === MsgType.Read) {
      this.stdin.piece(f.payload);
      // Stdin is read in turns with everyone else: the next READ waits for the next turn of the event loop.
      if (this.stdin.reading && !this.socket.isPaused()) {
        this.socket.pause();
        setImmediate(() => !this.closed && this.socket.resume());
      }
      return;
    }
    if (f.type === MsgType.ReadDone) {
      const m = parseJson(f);
      if (m.error !== undefined && typeof m.error !== 'string') throw new ProtocolError('READ_DONE.error must be a string');
      this.stdin.end(m.error as string | undefined);
      if (this.stdin.error) this.server.log.info({ error: this.stdin.error }, 'client could not read its stdin');
      return;
    }
    if (f.type !== MsgType.Command) throw new ProtocolError(`unexpected ${MsgType[f.type]} before a command`);
    if (this.busy) throw new ProtocolError('one command at a time');
    this.stopIdle();
    const msg = parseJson(f);
    const argv = msg.argv;
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new ProtocolError('COMMAND.argv must be an array of strings');
    this.busy = true;
    if (this.hello.control) {
      const control = (this.controlClient = new ControlClient(this.server, this, this.hello, this.hello.control));
      void Promise.resolve(this.server.whenStarted(this.hello.env)).then(() => control.start(splitArgv(argv as string[]))).then((attached) => {
        // A server started for a control client whose command made no session has nothing to do.
        if (!attached && this.server.model.sessions.length === 0 && this.server.options.get('exit-empty')) this.server.shutdown('no sessions');
      });
      return;
    }
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
    const num = (v: unknown, d: number, max = 10000) => (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < max ? v : d);
    const env: Record<string, string> = {};
    if (msg.env && typeof msg.env === 'object') {
      for (const [k, v] of Object.entries(msg.env as Record<string, unknown>)) if (typeof v === 'string') env[k] = v;
    }
    this.hello = {
      protocol: PROTOCOL_VERSION,
      version: typeof msg.version === 'string' ? msg.version : '?',
      // A pid is up to pid_max (2^22 on Linux); num() is for sizes.
      pid: typeof msg.pid === 'number' && Number.isInteger(msg.pid) && msg.pid > 0 && msg.pid <= 4_194_304 ? msg.pid : 0,
      cwd: typeof msg.cwd === 'string' ? msg.cwd : '/',
      tty: msg.tty === true,
      cols: num(msg.cols, 80),
      rows: num(msg.rows, 24),
      env,
      ...(typeof msg.ttyPath === 'string' && typeof msg.ttyRdev === 'number' ? { ttyPath: msg.ttyPath, ttyRdev: msg.ttyRdev } : {}),
      ...(msg.control === 1 || msg.control === 2 ? { control: msg.control } : {}),
    };
    if (msg.control !== undefined && !this.hello.control) {
      this.reject(`bad control mode ${JSON.stringify(msg.control)} (1 for -C, 2 for -CC)`);
      return;
    }
    this.decoder.limit = MAX_FRAME_BYTES;
    this.decoder.maxFrames = Infinity;
    // Frames that came with the HELLO are read once this turn is over.
    if (this.decoder.buffered > 0) setImmediate(() => this.onData(Buffer.alloc(0)));
    this.send(MsgType.Welcome, { protocol: PROTOCOL_VERSION, version: VERSION, pid: process.pid });
    this.idleTimer = setTimeout(() => this.reject(`no command within ${IDLE_MS / 1000} s`), IDLE_MS);
    this.idleTimer.unref();
  }

  private stopIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private async runCommand(argv: string[]): Promise<void> {
    const hello = this.hello!;
    const wait = this.server.whenStarted(hello.env);
    // A client that may attach has its terminal's terminfo read meanwhile (async, a few KB), so it is drawn as it is from the first frame.
    const terminfo = hello.tty && !hello.control ? readTerminfo(hello.env.TERM, hello.env) : undefined;
    if (wait) await wait;
    const entry = await terminfo;
    if (this.closed) return;
    let code = 0;
    let attachTo = null;
    try {
      const res = await this.runner.runLine(this.server, argv, {
        caller: hello,
        readOnly: this.peerReadOnly,
        out: (t) => this.send(MsgType.Stdout, t),
        err: (t) => this.send(MsgType.Stderr, t),
        drained: () => this.drained(),
        readInput: (sink) => this.stdin.read(sink),
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
      this.client = new Client(this.server, this, hello, attachTo.session, entry);
      if (attachTo.readOnly) this.client.readOnly = true;
      if (attachTo.ignoreSize) {
        this.client.ignoreSize = true;
        this.server.resizeSession(attachTo.session);
      }
      if (attachTo.announce) this.server.clientAttached(this.client);
      return;
    }
    this.send(MsgType.Exit, { code });
    this.socket.end();
    // A server that was started for a command that left no session has nothing to do.
    if (this.server.model.sessions.length === 0 && this.server.options.get('exit-empty') && !this.server.isStarting) this.server.shutdown('no sessions');
  }

  private reject(message: string): void {
    clearTimeout(this.helloTimer);
    this.server.log.warn({ message }, 'dropping connection');
    this.send(MsgType.Reject, { message });
    this.socket.end();
    // Read nothing more from it: what it still sends stays in the kernel, not in our memory.
    this.socket.pause();
    this.socket.removeAllListeners('data');
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.helloTimer);
    this.stopIdle();
    if (this.frameTimer) clearTimeout(this.frameTimer);
    pendingBytes -= this.held;
    this.held = 0;
    open.delete(this);
    this.stdin.closed();
    this.client?.disconnected();
    this.controlClient?.disconnected();
    if (!this.socket.destroyed) setTimeout(() => this.socket.destroy(), 1000).unref();
  }
}
