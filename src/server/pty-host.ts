/*
 * The pty edge: starts a pane's program on a pseudo-terminal (node-pty) behind the small
 * PtyProcess interface the rest of the server uses (tests can swap in a fake).
 *
 * Three things node-pty does not do for us:
 *
 * 1. Keep the tail of the output. When a child writes a lot and exits at once, node-pty
 *    may close the master before everything was read (the last >4 KB lost in ~10% of
 *    runs). We open the pty's slave side ourselves, so the kernel never hangs the pty up
 *    while we hold it; when node-pty decides to tear the pty down after the child exited,
 *    we first write a unique sentinel into the slave. Everything the child wrote is ahead
 *    of it in the pty's FIFO, so once the sentinel comes out of the master the output is
 *    complete; only then is the master closed. The slave is opened O_NONBLOCK and the
 *    sentinel written in non-blocking steps: with output stopped (^S) or the pty's buffer
 *    full, a blocking write would hang the whole server in the kernel (n_tty_write). The
 *    drain gives up after DRAIN_TIMEOUT_MS whatever happens, and a paused pane is resumed
 *    for it, so its tail is read rather than waited on.
 * 2. End the whole job. Killing only the child leaves its background jobs running; a
 *    pane's program is a session leader, so kill() sends SIGHUP (and SIGCONT, so stopped
 *    jobs see it) to every process group in its session, as a terminal hangup would.
 * 3. Write input without spinning. What the pane is sent goes through our own queue into
 *    the non-blocking master fd (pty-writer.ts), retried when the pane prints and on a
 *    backing-off timer; node-pty's retries EAGAIN in a busy loop on the thread pool.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import * as nodePty from 'node-pty';
import { PtyWriter } from './pty-writer.js';

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  term: string;
}

/**
 * Output as read from the pty: bytes (node-pty with `encoding: null`), which xterm decodes
 * itself, ~10–15% faster than taking node's UTF-8 string and decoding that again.
 */
export type PtyData = Buffer;

export interface PtyProcess {
  readonly pid: number;
  /** The path of the pty's slave side (`/dev/pts/3`), when known: #{pane_tty}. */
  readonly tty?: string;
  onData(cb: (data: PtyData) => void): void;
  /** Fires once, after every byte of output has been delivered to onData. */
  onExit(cb: (code: number, signal: number) => void): void;
  write(data: string | Buffer): void;
  /** Stop reading output for now (the program blocks once the pty's buffer is full). */
  pause(): void;
  resume(): void;
  resize(cols: number, rows: number): void;
  /** Hang up the pane's whole session (SIGHUP to each process group), then close the pty. */
  kill(): void;
}

export type PtySpawner = (file: string, args: string[], opts: SpawnOptions) => PtyProcess;

/** If the sentinel never arrives (output stopped with ^S, say), close anyway after this long. */
export const DRAIN_TIMEOUT_MS = 2000;
/** While the slave does not take the sentinel (EAGAIN), try again this often. */
const DRAIN_RETRY_MS = 20;
/** A leader that ignores SIGHUP is killed after this grace period. */
const KILL_GRACE_MS = 1500;

/** Whether our fd `fd` has O_NONBLOCK set (Linux /proc; false where it cannot be told). */
function isNonBlocking(fd: number): boolean {
  try {
    const m = /^flags:\s*([0-7]+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
    return m !== null && (parseInt(m[1], 8) & fs.constants.O_NONBLOCK) !== 0;
  } catch {
    return false;
  }
}

/** Start `file args` on a new pty. Throws (synchronously) if the program cannot be started. */
export const spawnPty: PtySpawner = (file, args, opts) => new NodePtyProcess(file, args, opts);

class NodePtyProcess implements PtyProcess {
  readonly pid: number;
  tty: string | undefined;
  private readonly pty: nodePty.IPty;
  private slaveFd: number | null = null;
  private readonly sentinel = Buffer.from(`\x1b]ccmux-drain;${crypto.randomBytes(8).toString('hex')}\x07`);
  /** While draining: the tail of the output that may be the start of the sentinel. */
  private held: Buffer = Buffer.alloc(0);
  private dataCbs: Array<(d: PtyData) => void> = [];
  private exitCbs: Array<(code: number, signal: number) => void> = [];
  private exited = false;
  /** What is sent to the program, queued for the master fd (undefined until the first write). */
  private writer: PtyWriter | null | undefined;

  constructor(file: string, args: string[], opts: SpawnOptions) {
    this.pty = nodePty.spawn(file, args, {
      name: opts.term,
      cols: Math.max(1, opts.cols),
      rows: Math.max(1, opts.rows),
      cwd: opts.cwd,
      env: opts.env,
      encoding: null,
    });
    this.pid = this.pty.pid;
    this.holdSlave();
    // With encoding null node-pty hands over the Buffers it read (its typings say string).
    this.pty.onData((d) => this.deliver(d as unknown as Buffer));
    this.pty.onExit(({ exitCode, signal }) => this.finish(exitCode, signal ?? 0));
  }

  /**
   * Open the slave side and take over node-pty's teardown: node-pty registers a 'close'
   * listener the moment its waitpid thread reports the child's exit, and later destroys
   * the master socket on a 200 ms timer. We start draining at the first of those and
   * let the socket be destroyed only once the sentinel has come through.
   */
  private holdSlave(): void {
    const pty = this.pty as unknown as {
      ptsName?: string;
      _socket?: { destroy: (...a: unknown[]) => unknown };
      on?: (ev: string, cb: (name: string) => void) => void;
    };
    const socket = pty._socket;
    this.tty = pty.ptsName;
    if (!pty.ptsName || !socket || typeof pty.on !== 'function') return;
    try {
      this.slaveFd = fs.openSync(pty.ptsName, fs.constants.O_RDWR | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
    } catch {
      return; // fall back to node-pty's own behaviour
    }
    const destroy = socket.destroy.bind(socket);
    this.destroySocket = () => destroy();
    socket.destroy = () => {
      if (this.drainState === 'done' || this.slaveFd === null) return destroy();
      this.startDrain();
      return socket;
    };
    pty.on('newListener', (name: string) => {
      if (name === 'close') queueMicrotask(() => this.startDrain());
    });
  }

  private destroySocket: (() => void) | null = null;
  private drainState: 'none' | 'draining' | 'done' = 'none';
  private drainTimer: NodeJS.Timeout | null = null;

  /** How much of the sentinel the slave has taken so far. */
  private sentinelSent = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  /** Write the sentinel into the slave; the master is closed when it comes out. */
  private startDrain(): void {
    if (this.drainState !== 'none' || this.slaveFd === null) return;
    this.drainState = 'draining';
    this.drainTimer = setTimeout(() => this.endDrain(), DRAIN_TIMEOUT_MS);
    // A pane paused by the read budget would keep its tail in the kernel: read it now.
    try {
      this.pty.resume();
    } catch {
      /* closing */
    }
    this.writeSentinel();
  }

  /**
   * Put (the rest of) the sentinel into the slave without ever waiting: the fd is
   * non-blocking, so stopped output or a full buffer gives EAGAIN (or a short write) and we
   * try again shortly, until the drain ends one way or the other.
   */
  private writeSentinel(): void {
    this.retryTimer = null;
    if (this.drainState !== 'draining' || this.slaveFd === null) return;
    try {
      while (this.sentinelSent < this.sentinel.length) {
        const n = fs.writeSync(this.slaveFd, this.sentinel, this.sentinelSent);
        if (n <= 0) break;
        this.sentinelSent += n;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') {
        this.endDrain();
        return;
      }
    }
    if (this.sentinelSent < this.sentinel.length) this.retryTimer = setTimeout(() => this.writeSentinel(), DRAIN_RETRY_MS);
  }

  private endDrain(): void {
    if (this.drainState === 'done') return;
    this.drainState = 'done';
    if (this.drainTimer) clearTimeout(this.drainTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.held.length) {
      const rest = this.held;
      this.held = Buffer.alloc(0);
      this.emit(rest);
    }
    this.writer?.close(); // the master fd closes now: nothing may be written to its number again
    this.closeSlave();
    this.destroySocket?.();
  }

  private deliver(data: Buffer): void {
    this.writer?.kick(); // output (an echo, say) often means the program took input: room to write
    if (this.drainState !== 'draining') {
      this.emit(data);
      return;
    }
    const bytes = this.held.length ? Buffer.concat([this.held, data]) : data;
    this.held = Buffer.alloc(0);
    const at = bytes.indexOf(this.sentinel);
    if (at >= 0) {
      if (at > 0) this.emit(bytes.subarray(0, at));
      this.endDrain();
      return;
    }
    // Hold back a suffix that could be the start of a sentinel split across reads.
    let keep = 0;
    for (let n = Math.min(this.sentinel.length - 1, bytes.length); n > 0; n--) {
      if (bytes.subarray(bytes.length - n).equals(this.sentinel.subarray(0, n))) {
        keep = n;
        break;
      }
    }
    if (bytes.length > keep) this.emit(bytes.subarray(0, bytes.length - keep));
    this.held = Buffer.from(bytes.subarray(bytes.length - keep));
  }

  private emit(data: PtyData): void {
    for (const cb of this.dataCbs) cb(data);
  }

  private closeSlave(): void {
    if (this.slaveFd !== null) {
      try {
        fs.closeSync(this.slaveFd);
      } catch {
        /* already closed */
      }
      this.slaveFd = null;
    }
  }

  private finish(code: number, signal: number): void {
    if (this.exited) return;
    this.exited = true;
    this.writer?.close();
    this.closeSlave();
    for (const cb of this.exitCbs) cb(code, signal);
  }

  onData(cb: (data: PtyData) => void): void {
    this.dataCbs.push(cb);
  }

  onExit(cb: (code: number, signal: number) => void): void {
    this.exitCbs.push(cb);
  }

  write(data: string | Buffer): void {
    if (this.exited) return;
    const writer = this.inputWriter();
    if (writer) {
      writer.write(data);
      return;
    }
    try {
      this.pty.write(data);
    } catch {
      /* the pty is closing */
    }
  }

  /**
   * The queue into the master fd (pty-writer.ts), made on the first write; null where the
   * fd is unknown or not non-blocking (then node-pty's own queue writes, as before).
   */
  private inputWriter(): PtyWriter | null {
    if (this.writer !== undefined) return this.writer;
    const fd = (this.pty as unknown as { fd?: number }).fd;
    this.writer = typeof fd === 'number' && isNonBlocking(fd) ? new PtyWriter((buf, offset) => fs.writeSync(fd, buf, offset)) : null;
    return this.writer;
  }

  pause(): void {
    // While draining the tail is read at full speed (it is bounded by the pty's buffer).
    if (!this.exited && this.drainState !== 'draining') this.pty.pause();
  }

  resume(): void {
    if (!this.exited) this.pty.resume();
  }

  resize(cols: number, rows: number): void {
    if (this.exited) return;
    try {
      this.pty.resize(Math.max(1, cols), Math.max(1, rows));
    } catch {
      /* the pty is closing */
    }
  }

  kill(): void {
    if (this.exited) return;
    hangUpSession(this.pid);
    const leader = this.pid;
    setTimeout(() => {
      if (!this.exited) signal(leader, 'SIGKILL');
    }, KILL_GRACE_MS).unref();
    // A killed pane's remaining output is not wanted: close without draining.
    this.drainState = 'done';
    this.writer?.close();
    this.closeSlave();
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone already */
  }
}

/** Process ids whose session id is `sid`, read from /proc (Linux). */
export function sessionMembers(sid: number): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      // Fields after the parenthesised comm: state ppid pgrp session ...
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[3]) === sid) out.push(Number(e));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** SIGHUP then SIGCONT every process in session `sid` (the pane's leader pid). */
export function hangUpSession(sid: number): void {
  const members = sessionMembers(sid);
  if (!members.includes(sid)) members.push(sid);
  for (const pid of members) signal(pid, 'SIGHUP');
  for (const pid of members) signal(pid, 'SIGCONT');
}
