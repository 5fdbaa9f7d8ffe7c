/*
 * When an attached client draws: anything that changes what it shows asks for a frame;
 * frames are coalesced — drawn at once (next tick) when the last frame is older than the
 * frame gap, or when the client has typed since the last frame, else at the end of that
 * gap, so a pane flooding output costs at most one compose per gap. The echo of a key is
 * never paced: the active pane's first output after input is drawn in the tick it is
 * parsed (a frame per input event at most). The gap is MIN_FRAME_MS, or longer after a
 * costly frame (FRAME_COST_RATIO), so drawing never crowds out parsing. A client whose
 * terminal or socket is backed up is not drawn until it drains, and then gets the latest
 * screen, not a backlog. A frame that reused a window name or status text (reuse.ts) is
 * followed by a re-check frame when those expire. While a pane on screen is inside a
 * synchronized-output block (DEC 2026: its program is redrawing, its screen half drawn)
 * no frame is drawn, for at most the block's cap (pane.ts, SYNC_HOLD_MS) — and never for
 * longer than that in a row, whatever blocks follow one another; the frame held back is
 * drawn as soon as the block ends, without waiting for the frame gap.
 *
 * The pacer owns only time: what a frame draws is the client's `draw`.
 */
import { FrameReuse } from '../reuse.js';
import { SYNC_HOLD_MS } from '../pane.js';

/**
 * One frame at ~60 Hz, a display's refresh: bounds compose work during floods. Keystroke
 * echoes are not paced at all (echoDue), so a typist never waits for it.
 */
export const MIN_FRAME_MS = 16;
/**
 * After a frame that took d ms to compose and send, the next waits at least
 * FRAME_COST_RATIO × d: drawing takes at most ~1/FRAME_COST_RATIO of the server's time,
 * parsing a flood (and other panes' output) the rest. Cheap frames keep MIN_FRAME_MS; a
 * 200×50 full-screen scroll (~1.2 ms) runs at ~50 Hz, slower on a loaded machine, where
 * d grows. Measured by scripts/bench/throughput.mjs (docs/performance.md): ratio 8 gave
 * +20% on a 50 MB cat over drawing every 8 ms; 16 (with 16 ms frames) another ~5%, and
 * less than half the bytes sent to the terminal.
 */
export const FRAME_COST_RATIO = 16;
/** ...but never fewer than 20 frames a second. */
export const MAX_FRAME_MS = 50;
/** Unsent output above which a client is considered backed up (skip frames until drained). */
export const BACKLOG_BYTES = 1 << 20;

/** Where frames go: how much is still unsent, and word when it has drained. */
export interface FrameSink {
  readonly writableLength: number;
  once(event: 'drain', cb: () => void): unknown;
}

export class FramePacer {
  private renderTimer: NodeJS.Timeout | null = null;
  private renderImmediate: NodeJS.Immediate | null = null;
  /** A redraw for when values reused by the last frame expire (reuse.ts). */
  private recheckTimer: NodeJS.Timeout | null = null;
  /** The next frame is that re-check: it recomputes every reused value. */
  private recheck = false;
  private waitingDrain = false;
  private lastRender = 0;
  /** The least time from one frame to the next (see FRAME_COST_RATIO). */
  private frameGap = MIN_FRAME_MS;
  /** Input arrived since the last frame: the next change (its echo) is drawn at once. */
  private echoDue = false;
  /** Input arrived since the active pane last printed: its next output (the echo) is drawn in the same tick. */
  private echoPending = false;
  private stopped = false;
  /** A frame was held back by a synchronized-output block: the next one is drawn at once. */
  private heldBack = false;
  /** When frames began to be held back (a program opening block after block holds them at most SYNC_HOLD_MS). */
  private heldSince = 0;
  /** Draws the held frame when the block's cap runs out (if the block has not ended before). */
  private holdTimer: NodeJS.Timeout | null = null;

  /**
   * `ready()`: whether the client can be drawn on now (attached, its terminal taken over);
   * `sink()`: where frames go; `draw(frame)`: compose and send one frame; `heldUntil()`:
   * until when (performance.now() time) a pane on screen holds frames back, 0 if none does.
   */
  constructor(
    private readonly ready: () => boolean,
    private readonly sink: () => FrameSink,
    private readonly draw: (frame: FrameReuse) => void,
    private readonly heldUntil: () => number = () => 0,
  ) {}

  /** The user typed: the next change, and the active pane's next output, are drawn at once. */
  input(): void {
    this.echoDue = true;
    this.echoPending = true;
  }

  /** Something the client shows changed: draw within the frame gap. */
  request(): void {
    if (this.stopped || this.renderImmediate || this.waitingDrain) return;
    if (this.echoDue || this.heldBack || performance.now() - this.lastRender >= this.frameGap) {
      if (this.renderTimer) clearTimeout(this.renderTimer);
      this.renderTimer = null;
      this.renderImmediate = setImmediate(() => this.frame());
    } else if (!this.renderTimer) {
      this.renderTimer = setTimeout(() => this.frame(), this.frameGap - (performance.now() - this.lastRender));
    }
  }

  /** A pane the client shows printed; `active`: it is the pane the client types into. */
  output(active: boolean): void {
    if (this.echoPending && active && !this.stopped && !this.waitingDrain) {
      // The echo of what this client typed: drawn now, not after the output of other
      // panes that arrived in the same tick has been parsed too.
      this.echoPending = false;
      if (this.renderTimer) clearTimeout(this.renderTimer);
      if (this.renderImmediate) clearImmediate(this.renderImmediate);
      this.frame();
      return;
    }
    this.request();
  }

  /** No more frames (the client is gone). */
  stop(): void {
    this.stopped = true;
    for (const t of [this.renderTimer, this.recheckTimer, this.holdTimer]) if (t) clearTimeout(t);
    if (this.renderImmediate) clearImmediate(this.renderImmediate);
  }

  private frame(): void {
    this.renderTimer = null;
    this.renderImmediate = null;
    this.echoDue = false;
    if (this.stopped || !this.ready()) return;
    const sink = this.sink();
    if (sink.writableLength > BACKLOG_BYTES) {
      this.waitingDrain = true;
      sink.once('drain', () => {
        this.waitingDrain = false;
        this.request();
      });
      return;
    }
    const start = performance.now();
    const until = Math.min(this.heldUntil(), this.heldBack ? this.heldSince + SYNC_HOLD_MS : Infinity);
    if (until > start) {
      // Half of a program's frame is parsed: wait for the rest (its output asks for a
      // frame again) or for the block's cap.
      if (!this.heldBack) this.heldSince = start;
      this.heldBack = true;
      if (this.holdTimer) clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => {
        this.holdTimer = null;
        this.request();
      }, until - start);
      return;
    }
    this.heldBack = false;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    this.lastRender = start;
    const reuse = new FrameReuse(start, this.recheck);
    this.recheck = false;
    this.draw(reuse);
    if (reuse.until > start && !this.recheckTimer) {
      this.recheckTimer = setTimeout(() => {
        this.recheckTimer = null;
        this.recheck = true;
        this.request();
      }, reuse.until - start + 1);
    }
    this.frameGap = Math.min(MAX_FRAME_MS, Math.max(MIN_FRAME_MS, (performance.now() - start) * FRAME_COST_RATIO));
  }
}
