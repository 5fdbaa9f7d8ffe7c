/*
 * The wire format between ccmux clients and the server, over a Unix socket.
 *
 * A frame is: u32 big-endian length (of type byte + payload) | u8 type | payload.
 * JSON payloads for control messages, raw bytes for terminal input and output.
 * The first frame each way is HELLO / WELCOME (or REJECT), whose JSON always carries
 * `protocol`: this framing and those three messages never change, so a client and a
 * server of different versions can always tell each other so instead of hanging.
 * Bump PROTOCOL_VERSION whenever any message changes.
 */

export const PROTOCOL_VERSION = 4;

/** Frames larger than this are a protocol error: the peer is dropped. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * The most a READ frame (a piece of the client's stdin) may carry: a pipe gives at most
 * 64 KiB a read on Linux, so the client sends each read as it comes; a larger READ is a
 * protocol error (the server parses each one at once, and a pane's output arrives in
 * pieces no larger either).
 */
export const READ_FRAME_BYTES = 64 * 1024;

export enum MsgType {
  Hello = 1, // C→S json HelloMsg
  Welcome = 2, // S→C json { protocol, version, pid }
  Reject = 3, // S→C json { message } then close
  Command = 4, // C→S json { argv }
  Stdout = 5, // S→C bytes: command output
  Stderr = 6, // S→C bytes: command errors
  Exit = 7, // S→C json { code, message? }: the client exits with code
  Input = 8, // C→S bytes: the user's keystrokes while attached
  Resize = 9, // C→S json { cols, rows }
  Output = 10, // S→C bytes: terminal output for an attached client
  Attached = 11, // S→C json { session, direct }: client enters raw mode; direct: the server reads and writes its terminal itself
  TtyReady = 13, // C→S json {}: (direct mode) the terminal is raw, the server may use it
  Detached = 12, // S→C json { message, code, hangup?, exec?, shell? }: client restores its terminal and exits (control mode: prints `%exit message`; hangup: then SIGHUPs its parent; exec: first runs `shell -c exec` in the terminal, exiting with its status)
  InputEnd = 14, // C→S json {}: (control mode) the client's input ended
  Suspend = 15, // S→C json { lock? }: the terminal is restored; the client stops itself (SIGTSTP), or runs `lock` in it, then RESUME
  Resume = 16, // C→S json {}: after SUSPEND, the terminal is raw again and the server may draw
  ReadOpen = 17, // S→C json {}: the command wants the client's stdin (split-window -I, display-message -I): READ frames until READ_DONE
  Read = 18, // C→S bytes: a piece of the client's stdin, at most READ_FRAME_BYTES, only after READ_OPEN
  ReadDone = 19, // C→S json { error? }: the client's stdin ended (error: it could not be read)
}

export interface HelloMsg {
  protocol: number;
  version: string;
  pid: number;
  cwd: string;
  /** Is the client's stdin/stdout a terminal (attach is only possible then). */
  tty: boolean;
  cols: number;
  rows: number;
  /** The client's environment (the server uses it for new panes, like tmux's update-environment). */
  env: Record<string, string>;
  /**
   * The client's terminal, offered for direct use (client/tty-direct.ts): its /dev path and
   * device number, when stdin and stdout are that one terminal.
   */
  ttyPath?: string;
  ttyRdev?: number;
  /** Control mode (-C: 1, -CC: 2): the command's client speaks tmux's control protocol (control-lines.ts). */
  control?: 1 | 2;
}

export class ProtocolError extends Error {}

/** Encode one frame. */
export function encodeFrame(type: MsgType, payload: Buffer | string | object = Buffer.alloc(0)): Buffer {
  let body: Buffer;
  if (Buffer.isBuffer(payload)) body = payload;
  else if (typeof payload === 'string') body = Buffer.from(payload, 'utf8');
  else body = Buffer.from(JSON.stringify(payload), 'utf8');
  const frame = Buffer.allocUnsafe(5 + body.length);
  frame.writeUInt32BE(body.length + 1, 0);
  frame.writeUInt8(type, 4);
  body.copy(frame, 5);
  return frame;
}

export interface Frame {
  type: MsgType;
  payload: Buffer;
}

/**
 * Incremental frame decoder: feed socket chunks, get whole frames. Throws ProtocolError on
 * an oversized or zero-length frame or an unknown type; the caller drops that peer.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  /** Bytes held: the start of a frame not complete yet. */
  buffered = 0;
  /** The largest frame accepted (the server lowers it until a peer has said HELLO). */
  limit = MAX_FRAME_BYTES;
  /** At most this many frames per push; the rest stays buffered for the next push. */
  maxFrames = Infinity;

  /** The whole length (header included) of the frame being gathered, once its header is known. */
  private want = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    // A large frame arrives in many chunks: keep them as they are until it is whole,
    // instead of copying everything gathered so far on every chunk (that garbage was most
    // of the memory a peer sending big frames cost).
    if (this.want > 0 && this.buffered < this.want) return [];
    this.want = 0;
    const frames: Frame[] = [];
    let buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    let off = 0;
    while (buf.length - off >= 5 && frames.length < this.maxFrames) {
      const len = buf.readUInt32BE(off);
      if (len < 1 || len > this.limit + 1) throw new ProtocolError(`bad frame length ${len}`);
      if (buf.length - off < 4 + len) break;
      const type = buf.readUInt8(off + 4);
      if (!(type in MsgType)) throw new ProtocolError(`unknown message type ${type}`);
      frames.push({ type, payload: buf.subarray(off + 5, off + 4 + len) });
      off += 4 + len;
    }
    buf = buf.subarray(off);
    // A copy, so a small rest does not keep a large chunk it was cut from alive.
    this.chunks = buf.length ? [buf.length < 65536 ? Buffer.from(buf) : buf] : [];
    this.buffered = buf.length;
    if (buf.length >= 5 && frames.length < this.maxFrames) this.want = 4 + buf.readUInt32BE(0);
    if (this.buffered > this.limit + 5 && this.buffered >= 4 && buf.readUInt32BE(0) > this.limit + 1) {
      throw new ProtocolError('frame too large');
    }
    return frames;
  }
}

/** Parse a JSON payload into an object, or throw ProtocolError. */
export function parseJson(frame: Frame): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(frame.payload.toString('utf8'));
  } catch {
    throw new ProtocolError(`message ${MsgType[frame.type]} is not valid JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ProtocolError(`message ${MsgType[frame.type]} must be a JSON object`);
  }
  return v as Record<string, unknown>;
}
