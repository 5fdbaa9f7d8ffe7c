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
  /** The uid of the peer (peer-cred.ts), and whether the access list lets it only look. */
  readonly peerUid: number;
  readonly peerReadOnly: boolean;
}

export class ClientTerminal {
  /** The terminal, when the server uses it itself (direct); let go of while suspended. */
  private tty: TtyStream | null;
  private readonly isDirect: boolean;
  /** Frames may be written (at once when relayed; after TtyReady when direct). */
  started = false;

  /** `onKeys`: bytes typed into a direct terminal (relayed ones arrive as INPUT frames). */
  constructor(
    private readonly conn: ClientLink,
    private readonly hello: HelloMsg,
    private readonly onKeys: (data: Buffer) => void,
  ) {
    this.tty = this.open();
    this.isDirect = this.tty !== null;
  }

  private open(): TtyStream | null {
    const tty = openClientTerminal(this.hello);
    if (tty) {
      tty.on('error', () => undefined); // a hung-up terminal: the socket's close ends us
      tty.on('data', this.onKeys);
    }
    return tty;
  }

  /** Whether the server reads and writes the terminal itself. */
  get direct(): boolean {
    return this.isDirect;
  }

  /** A direct terminal given back (suspend) could not be opened again: the client cannot be drawn on. */
  get lost(): boolean {
    return this.isDirect && this.tty === null;
  }

  /** The stream frames go to, for back-pressure (writableLength, 'drain'). */
  get stream(): NodeJS.WritableStream & { writableLength: number } {
    return this.tty ?? this.conn.socket;
  }

  /** The terminal is ready: frames may flow, and keys are read (direct; opened again after a suspend). */
  begin(): void {
    if (this.isDirect && !this.tty) this.tty = this.open();
    this.started = true;
    this.tty?.resume();
  }

  write(data: string): void {
    if (!data || !this.started) return;
    if (this.tty) {
      if (!this.tty.destroyed) this.tty.write(data);
    } else this.conn.send(MsgType.Output, data);
  }

  /**
   * Give the terminal back for a while (suspend-client, lock-client): write `leave`, stop
   * reading keys and drawing, then tell the client (SUSPEND with `payload`). begin() takes
   * it again when the client says RESUME.
   */
  suspend(leave: string, payload: object): void {
    const tell = () => this.conn.send(MsgType.Suspend, payload);
    const tty = this.tty;
    if (tty && this.started && !tty.destroyed) {
      // Closed, not paused: a paused stream's fd is still read, and the keys meant for the
      // shell or the lock command would come here.
      this.tty = null;
      tty.pause();
      tty.end(leave, () => {
        tty.destroy();
        tell();
      });
    } else {
      this.write(leave);
      tell();
    }
    this.started = false;
  }

  /** Write `leave` (restoring the terminal), then tell the client to exit with `message`. */
  finish(leave: string, message: string, code: number, hangup = false, exec?: { command: string; shell: string }): void {
    const tell = () => {
      this.conn.send(MsgType.Detached, { message, code, ...(hangup ? { hangup } : {}), ...(exec ? { exec: exec.command, shell: exec.shell } : {}) });
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
