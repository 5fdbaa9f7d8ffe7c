/*
 * Values a frame may reuse for a short while instead of recomputing them: window names
 * (the active pane's program: three /proc reads each) and the expanded status-left and
 * status-right (format expansion, strftime). A keystroke's echo is a frame, and these
 * were most of a frame's work. A frame drawn with a reused value asks its client for a
 * redraw when the value expires (the FrameReuse it was composed with says when), so a
 * change still shows within REUSE_MS. tmux re-checks names at most every 500 ms and
 * redraws its status line every status-interval (15 s).
 *
 * Each frame gets its own FrameReuse (client/frame-pacer.ts makes it, compose hands it
 * down); outside a frame (formats, lists) OUTSIDE_FRAME reuses without keeping count.
 */

export const REUSE_MS = 250;

/** What a value's user asks of reuse: may the value computed at `at` be used now, and noting that it was. */
export interface Reuse {
  reusable(at: number, now: number): boolean;
  reused(at: number): void;
}

/**
 * Reuse within one frame. `since`: when the frame started; `fresh`: the frame is a
 * re-check and recomputes everything (reusing nothing, it asks for no further re-check:
 * two values of different ages would otherwise take turns expiring and keep re-check
 * frames going forever); `until`: the latest expiry of a value the frame reused.
 */
export class FrameReuse implements Reuse {
  until = 0;
  constructor(
    readonly since: number,
    readonly fresh: boolean,
  ) {}

  reusable(at: number, now: number): boolean {
    return !this.fresh && now - at < REUSE_MS;
  }

  /**
   * A value computed at `at` (performance.now()) was used again. One computed during this
   * frame (a name read twice in one frame) is fresh, not reused: counting it would have
   * each re-check frame ask for another, a wake-up every REUSE_MS forever.
   */
  reused(at: number): void {
    if (at < this.since) this.until = Math.max(this.until, at + REUSE_MS);
  }
}

/** Reuse outside a frame: a value younger than REUSE_MS is used again; nobody is asked to re-check. */
export const OUTSIDE_FRAME: Reuse = {
  reusable: (at, now) => now - at < REUSE_MS,
  reused: () => undefined,
};
