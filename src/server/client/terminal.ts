/*
 * Where an attached client's screen goes and its keys come from: the client's terminal
 * itself when the server could open it (client/tty-direct.ts), else the client's socket (OUTPUT
 * frames out, INPUT frames in, relayed by the client process).
 *
 * Direct: nothing is written until the client has made the terminal raw (TtyReady →
 * begin()), and on the way out the restoring sequence is on the terminal before the
 * client is told to exit (finish()), so its message lands on the normal screen.
 */
import type { ReadStream as TtyStream } from 'node:tty';
import { MsgType, type HelloMsg } from '../../protocol/frames.js';
import type net from 'node:net';
import { openClientTerminal } from './tty-direct.js';
import type { CommandRunner } from '../command-context.js';

/** The connection an attached client came on (connection.ts's Connection is one). */
export interface ClientLink {
  readonly socket: net.Socket;
  send(type: MsgType, payload?: Buffer | string | object): void;
  /** The dispatcher its key bindings and prompts run through. */
  readonly runner: CommandRunner;
}

export class ClientTerminal {
  private readonly tty: TtyStream | null;
  /** Frames may be written (at once when relayed; after TtyReady when direct). */
  started = false;

  /** `onKeys`: bytes typed into a direct terminal (relayed ones arrive as INPUT frames). */
  constructor(
    private readonly conn: ClientLink,
    hello: HelloMsg,
    onKeys: (data: Buffer) => void,
  ) {
    this.tty = openClientTerminal(hello);
    if (this.tty) {
      this.tty.on('error', () => undefined); // a hung-up terminal: the socket's close ends us
      this.tty.on('data', onKeys);
    }
  }

  /** Whether the server reads and writes the terminal itself. */
  get direct(): boolean {
    return this.tty !== null;
  }

  /** The stream frames go to, for back-pressure (writableLength, 'drain'). */
  get stream(): NodeJS.WritableStream & { writableLength: number } {
    return this.tty ?? this.conn.socket;
  }

  /** The terminal is ready: frames may flow, and keys are read (direct). */
  begin(): void {
    this.started = true;
    this.tty?.resume();
  }

  write(data: string): void {
    if (!data || !this.started) return;
    if (this.tty) {
      if (!this.tty.destroyed) this.tty.write(data);
    } else this.conn.send(MsgType.Output, data);
  }

  /** Write `leave` (restoring the terminal), then tell the client to exit with `message`. */
  finish(leave: string, message: string, code: number, hangup = false): void {
    const tell = () => {
      this.conn.send(MsgType.Detached, hangup ? { message, code, hangup } : { message, code });
      this.conn.socket.end();
    };
    const tty = this.tty;
    if (tty && this.started && !tty.destroyed) {
      tty.pause();
      tty.write(leave, () => tell());
    } else {
      this.write(leave);
      tell();
    }
  }

  /** Let go of a direct terminal (once a pending write, the restoring sequence, is out). */
  close(): void {
    const tty = this.tty;
    if (!tty || tty.destroyed) return;
    tty.pause();
    if (tty.writableLength > 0) tty.end(() => tty.destroy());
    else tty.destroy();
  }
}
