/*
 * What a pane is sent — keys, pastes, paste-buffer, send-keys, terminal replies — on its
 * way into the pty: one ordered queue of bytes per pty, written to the non-blocking master
 * fd without ever waiting.
 *
 * A write goes out at once as far as the kernel takes it (a pty in canonical mode takes
 * ~5–12 KB until its reader catches up); the rest waits here, in order, and is tried again
 * when the pane prints (its echo means the line discipline took input: `kick()`) and on a
 * timer that starts at RETRY_MS and doubles up to MAX_RETRY_MS while nothing goes in and
 * the pane is silent (a program that stopped reading costs a few wake-ups a second, not a
 * spinning thread). Each attempt writes at most what the kernel has room for, so a 1 MB
 * paste goes in as the program reads it, between the server's other work: other panes
 * keep being read and drawn.
 *
 * node-pty's own queue, which this replaces, wrote through libuv's thread pool (a thread
 * hop per write) and retried EAGAIN with setImmediate — a busy loop, a whole core while a
 * paste waited for its program (measured in docs/performance.md, "paste").
 *
 * Bytes, not chars: a write that ends inside a UTF-8 sequence leaves the rest of it first
 * in the queue.
 */

/** Writes bytes to the fd without waiting: returns how many went, throws EAGAIN when none could. */
export type WriteNow = (buf: Buffer, offset: number) => number;

export interface WriterClock {
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

/** The first retry after the kernel took nothing (or not all): soon, a reader is usually draining. */
export const RETRY_MS = 1;
/** Retries back off to this while nothing goes in (a stopped program: ~30 wake-ups a second). */
export const MAX_RETRY_MS = 32;

const realClock: WriterClock = {
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

export class PtyWriter {
  /** Bytes waiting, oldest first from `head`; the one at `head` written from `offset`. */
  private queue: Buffer[] = [];
  private head = 0;
  private offset = 0;
  private bytes = 0;
  private timer: { cancel(): void } | null = null;
  private delay = RETRY_MS;
  private closed = false;

  /** `onError`: a write failed with something other than EAGAIN (the pty is gone): the queue is dropped. */
  constructor(
    private readonly writeNow: WriteNow,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly clock: WriterClock = realClock,
  ) {}

  /** Bytes not yet taken by the pty. */
  get pending(): number {
    return this.bytes;
  }

  /** Send `data` after everything sent before it. */
  write(data: string | Buffer): void {
    if (this.closed || data.length === 0) return;
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const idle = this.bytes === 0;
    this.queue.push(buf);
    this.bytes += buf.length;
    if (idle) this.flush();
  }

  /**
   * The pty may have room again (the pane printed): try now rather than at the timer, and
   * keep trying soon: a program that prints is running, so room is coming.
   */
  kick(): void {
    if (this.bytes === 0) return;
    this.delay = RETRY_MS;
    this.timer?.cancel();
    this.timer = null;
    this.flush();
  }

  /** Drop what is queued and stop (the pty closed). */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.head = 0;
    this.bytes = 0;
    this.timer?.cancel();
    this.timer = null;
  }

  /** Write what the kernel takes now; if anything is left, try again later. */
  private flush(): void {
    let progressed = false;
    while (this.head < this.queue.length) {
      const buf = this.queue[this.head];
      let n: number;
      try {
        n = this.writeNow(buf, this.offset);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
        this.close();
        this.onError(err);
        return;
      }
      if (n <= 0) break;
      progressed = true;
      this.bytes -= n;
      this.offset += n;
      if (this.offset < buf.length) break; // the kernel is full for now
      this.head++;
      this.offset = 0;
    }
    if (this.head > 0 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.bytes === 0) {
      this.timer?.cancel();
      this.timer = null;
      this.delay = RETRY_MS;
      return;
    }
    if (progressed) {
      // Room came: try again soon (and forget a long timer set while nothing went in).
      this.timer?.cancel();
      this.timer = null;
      this.delay = RETRY_MS;
    }
    if (!this.timer) {
      this.timer = this.clock.setTimer(() => this.retry(), this.delay);
      this.delay = Math.min(MAX_RETRY_MS, this.delay * 2);
    }
  }

  private retry(): void {
    this.timer = null;
    this.flush();
  }
}
