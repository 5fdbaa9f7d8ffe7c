/*
 * A CLI client's stdin, as a command reads it (split-window -I, display-message -I: tmux's
 * file_read of "-"). The server asks with READ_OPEN; the client sends each read of its
 * stdin as a READ frame (at most READ_FRAME_BYTES) and READ_DONE at its end. Each piece is
 * handed to the reader's sink as it arrives — nothing is gathered, so what a slow or
 * endless stdin costs the server is one frame — until the stdin ends, the client goes, or
 * the sink says it wants no more (its pane was closed). Stdin is read once: a second read
 * gets its end at once, as a second `-` read in tmux gets nothing more.
 *
 * A READ or READ_DONE the server did not ask for is a protocol error (the peer is
 * dropped); one still on its way after the reader stopped is dropped quietly.
 */
import { ProtocolError, READ_FRAME_BYTES } from '../protocol/frames.js';

/** Takes one piece of stdin; false: it wants no more (the client is then told to finish). */
export type StdinSink = (piece: Buffer) => boolean;

/** Read the CLI's stdin into `sink`; resolves when it has ended, the client has gone or the sink stopped. */
export type ReadInput = (sink: StdinSink) => Promise<void>;

export class ClientStdin {
  private state: 'unread' | 'open' | 'ended' = 'unread';
  private sink: StdinSink | null = null;
  private done: (() => void) | null = null;
  /** Why the client could not read it (READ_DONE's error), if it said. */
  error: string | undefined;

  /** `ask` sends READ_OPEN to the client. */
  constructor(private readonly ask: () => void) {}

  /** Is a read under way (the connection then reads in turns, see connection.ts)? */
  get reading(): boolean {
    return this.state === 'open';
  }

  read(sink: StdinSink): Promise<void> {
    if (this.state !== 'unread') return Promise.resolve();
    this.state = 'open';
    this.sink = sink;
    const p = new Promise<void>((resolve) => (this.done = resolve));
    this.ask();
    return p;
  }

  /** A READ frame's payload. Throws ProtocolError for one that is too large or not asked for. */
  piece(payload: Buffer): void {
    if (payload.length > READ_FRAME_BYTES) throw new ProtocolError(`READ of ${payload.length} bytes is larger than ${READ_FRAME_BYTES}`);
    if (this.state === 'unread') throw new ProtocolError('READ before the server asked for stdin');
    if (this.state === 'ended' || payload.length === 0) return;
    if (!this.sink!(payload)) this.finish();
  }

  /** READ_DONE: the client's stdin ended (or could not be read: `error`). */
  end(error?: string): void {
    if (this.state === 'unread') throw new ProtocolError('READ_DONE before the server asked for stdin');
    if (this.state !== 'open') return;
    this.error = error;
    this.finish();
  }

  /** The client has gone: what was read stays where it went, and a read asked for later gets its end at once. */
  closed(): void {
    if (this.state === 'open') this.finish();
    this.state = 'ended';
  }

  private finish(): void {
    this.state = 'ended';
    this.sink = null;
    const done = this.done;
    this.done = null;
    done?.();
  }
}
