/*
 * A client process's connection after the handshake, as both kinds of client use it
 * (run-client.ts, run-control.ts): the server's frames read off the socket and handed on
 * in order (a frame that cannot be read ends the client), the frames that came with the
 * handshake first and then the command; output written with back-pressure (the socket
 * paused while a stream of ours is full, so the server holds what we cannot print yet);
 * and a reader of our output that went away (`ccmux list-keys | head -1`) noted, so the
 * rest is dropped quietly, as Unix tools do.
 */
import type net from 'node:net';
import { encodeFrame, MsgType, parseJson, type Frame, type FrameDecoder } from '../protocol/frames.js';

export interface LinkOptions {
  socket: net.Socket;
  decoder: FrameDecoder;
  /** Frames that arrived with the handshake. */
  pending: Frame[];
  argv: string[];
}

export interface ServerLink {
  /** The reader of our stdout has gone: nothing more is written there. */
  readonly outputGone: boolean;
  /** Write `data` to `to` (unless its reader has gone); while `to` is full the socket is paused. */
  write(data: Buffer | string, to: NodeJS.WriteStream): void;
  /** Hand on the handshake's frames, then send the command. */
  start(): void;
}

/**
 * Read `o.socket`'s frames into `handle`; on a frame that cannot be read, say so and call
 * `fail`. The caller adds what differs: its 'close', signals, and when to `start()`.
 */
export function linkToServer(o: LinkOptions, handle: (f: Frame) => void, fail: () => void): ServerLink {
  const { socket, decoder } = o;
  const gone = new Set<NodeJS.WriteStream>();
  const draining = new Set<NodeJS.WriteStream>();
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      gone.add(stream);
      // It will never drain now: let the server's frames in again.
      socket.resume();
    });
  }
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const f of decoder.push(chunk)) handle(f);
    } catch (err) {
      process.stderr.write(`ccmux: bad message from server: ${(err as Error).message}\n`);
      fail();
    }
  });
  socket.on('error', () => undefined);
  return {
    get outputGone() {
      return gone.has(process.stdout);
    },
    write(data, to) {
      if (gone.has(to)) return;
      if (!to.write(data) && !draining.has(to)) {
        draining.add(to);
        socket.pause();
        to.once('drain', () => {
          draining.delete(to);
          socket.resume();
        });
      }
    },
    start() {
      for (const f of o.pending) handle(f);
      socket.write(encodeFrame(MsgType.Command, { argv: o.argv }));
    },
  };
}

/** A Reject frame's message, printed as the client prints it. */
export function printReject(f: Frame): void {
  process.stderr.write(`ccmux: ${String(parseJson(f).message)}\n`);
}
