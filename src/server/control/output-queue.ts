/*
 * What waits to be written to one control client: lines (guards, command output,
 * notifications) and pane output, in the order they happened, as tmux's control.c keeps
 * them (one queue of blocks; an output block holds up the lines after it).
 *
 * A control client that reads slowly must never hold the server up, nor grow it without
 * bound. The queue is taken from only as fast as the client's socket drains (the caller
 * asks for the next bytes when there is room), and every pane's oldest waiting output is
 * checked for age, as tmux does:
 *   - with `pause-after=N` (refresh-client -f), output of a pane that waited N seconds is
 *     dropped and the pane paused (`%pause %3`) until `refresh-client -A %3:continue`;
 *   - without it, output that waited MAX_AGE_MS means the client is "too far behind" and
 *     it is detached (tmux's CONTROL_MAXIMUM_AGE).
 * tmux holds the data in the pane's own buffer and stops reading the pane instead of
 * counting bytes; ccmux copies what it queues, so it also bounds the bytes (MAX_BYTES):
 * past it, the pane that would overflow is paused (pause-after) or the client is too far
 * behind (ADR control-mode).
 *
 * Pure: bytes in, bytes out, over a clock the caller gives.
 */
import { escapeOutput, notify, outputPrefix, type PaneAction } from '../../protocol/control-lines.js';

/** Output older than this, with no pause-after, detaches the client (tmux's CONTROL_MAXIMUM_AGE, 300 s). */
export const MAX_AGE_MS = 300_000;
/**
 * Bytes of pane output queued for one client, at most. 16 MB is ~20 s of a pane printing
 * as fast as a pty lets node read it while the client reads nothing, and well above what
 * a client that keeps up ever has queued (a few reads of 64 KB).
 */
export const MAX_BYTES = 16 * 1024 * 1024;
/** One %output line carries at most this many bytes of a pane's output (a read is cut into such pieces). */
export const OUTPUT_PIECE = 8192;

type Entry = { line: string } | { pane: number; data: Buffer; t: number };

export interface QueueOptions {
  now(): number;
  maxBytes?: number;
  maxAgeMs?: number;
}

export class ControlOutputQueue {
  private entries: Entry[] = [];
  private head = 0;
  private outputBytes = 0;
  /** Panes whose output is off (refresh-client -A %N:off) or paused (pause-after, -A %N:pause). */
  private readonly off = new Set<number>();
  private readonly paused = new Set<number>();
  /** refresh-client -f no-output: no pane output at all. */
  noOutput = false;
  /** refresh-client -f pause-after=N, in ms; undefined: off. */
  pauseAfterMs: number | undefined;
  /** Set once output waited too long (or too much of it) without pause-after: the client must go. */
  tooFarBehind = false;
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;

  constructor(private readonly opts: QueueOptions) {
    this.maxBytes = opts.maxBytes ?? MAX_BYTES;
    this.maxAgeMs = opts.maxAgeMs ?? MAX_AGE_MS;
  }

  get empty(): boolean {
    return this.head === this.entries.length;
  }

  /** Bytes of pane output waiting. */
  get queuedOutput(): number {
    return this.outputBytes;
  }

  isPaused(pane: number): boolean {
    return this.paused.has(pane);
  }

  /** A line (a guard, a command's output line, a notification), without its newline. */
  line(text: string): void {
    if (this.tooFarBehind) return;
    this.entries.push({ line: text });
  }

  /** Output a pane printed (the bytes as read from its pty). */
  output(pane: number, data: Uint8Array): void {
    if (this.tooFarBehind || this.noOutput || this.off.has(pane) || this.paused.has(pane) || data.length === 0) return;
    if (this.outputBytes + data.length > this.maxBytes) {
      this.behind(pane);
      return;
    }
    const t = this.opts.now();
    for (let at = 0; at < data.length; at += OUTPUT_PIECE) {
      this.entries.push({ pane, data: Buffer.from(data.subarray(at, at + OUTPUT_PIECE)), t });
    }
    this.outputBytes += data.length;
  }

  /** refresh-client -A: a pane's output on, off, paused, or continued (`%continue` when it was paused). */
  paneAction(pane: number, action: PaneAction): void {
    if (action === 'off') {
      this.off.add(pane);
      this.drop(pane);
    } else if (action === 'on') this.off.delete(pane);
    else if (action === 'pause') this.pause(pane);
    else if (this.paused.delete(pane)) this.line(notify.continue(pane));
  }

  /** The pane is gone: forget what is queued and known of it. */
  forget(pane: number): void {
    this.drop(pane);
    this.off.delete(pane);
    this.paused.delete(pane);
  }

  /** refresh-client -f no-output: drops what is queued of every pane (tmux resets the offsets). */
  setNoOutput(on: boolean): void {
    this.noOutput = on;
    if (on) for (const e of this.entries.slice(this.head)) if ('data' in e) this.drop(e.pane);
  }

  /**
   * The next bytes to write, at most about `budget` (whole lines: a line is never cut), or
   * null when nothing waits. Ages are checked first: a pane past pause-after is paused, a
   * client past the maximum age is marked tooFarBehind and gets nothing more.
   */
  take(budget: number): Buffer | null {
    this.checkAges();
    if (this.tooFarBehind) return null;
    const parts: Buffer[] = [];
    let used = 0;
    const now = this.opts.now();
    while (this.head < this.entries.length && (used === 0 || used < budget)) {
      const e = this.entries[this.head++]!;
      let bytes: Buffer;
      if ('line' in e) bytes = Buffer.from(e.line + '\n', 'utf8');
      else {
        this.outputBytes -= e.data.length;
        const age = this.pauseAfterMs === undefined ? undefined : Math.max(0, Math.floor(now - e.t));
        bytes = Buffer.concat([Buffer.from(outputPrefix(e.pane, age)), escapeOutput(e.data), Buffer.from('\n')]);
      }
      parts.push(bytes);
      used += bytes.length;
    }
    this.compact();
    return parts.length ? Buffer.concat(parts) : null;
  }

  /** Age checks (take runs them; the client also runs them on a timer while its socket is full). */
  checkAges(): void {
    if (this.tooFarBehind) return;
    const now = this.opts.now();
    const seen = new Set<number>();
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if ('line' in e || seen.has(e.pane)) continue;
      seen.add(e.pane);
      const age = now - e.t;
      if (this.pauseAfterMs !== undefined) {
        if (age >= this.pauseAfterMs) this.pause(e.pane);
      } else if (age >= this.maxAgeMs) {
        this.behind(e.pane);
        return;
      }
    }
  }

  /** Too much output waits: pause `pane` (pause-after), or the client is too far behind. */
  private behind(pane: number): void {
    if (this.pauseAfterMs !== undefined) {
      this.pause(pane);
      return;
    }
    this.tooFarBehind = true;
    this.entries = [];
    this.head = 0;
    this.outputBytes = 0;
  }

  private pause(pane: number): void {
    if (this.paused.has(pane)) return;
    this.paused.add(pane);
    this.drop(pane);
    this.line(notify.pause(pane));
  }

  /** Remove a pane's queued output. */
  private drop(pane: number): void {
    const kept: Entry[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if ('data' in e && e.pane === pane) this.outputBytes -= e.data.length;
      else kept.push(e);
    }
    this.entries = kept;
    this.head = 0;
  }

  private compact(): void {
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
