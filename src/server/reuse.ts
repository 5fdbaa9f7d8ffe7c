/*
 * Values a frame may reuse for a short while instead of recomputing them: window names
 * (the active pane's program: three /proc reads each) and the expanded status-left and
 * status-right (format expansion, strftime). A keystroke's echo is a frame, and these
 * were most of a frame's work. A frame drawn with a reused value asks its client for a
 * redraw when the value expires (Client.render reads `reuse.until`), so a change still
 * shows within REUSE_MS. tmux re-checks names at most every 500 ms and redraws its
 * status line every status-interval (15 s).
 */

export const REUSE_MS = 250;

/**
 * `until`: the latest expiry of a value a frame reused; `since`: when that frame started;
 * `fresh`: the frame is a re-check and recomputes everything (reusing nothing, it asks for
 * no further re-check: two values of different ages would otherwise take turns expiring
 * and keep re-check frames going forever). Client.render sets all three before composing.
 */
export const reuse = { until: 0, since: 0, fresh: false };

/** Whether a value computed at `at` may be used now instead of computing it again. */
export function reusable(at: number, now: number): boolean {
  return !reuse.fresh && now - at < REUSE_MS;
}

/**
 * A value computed at `at` (performance.now()) was used again. One computed during this
 * frame (a name read twice in one frame) is fresh, not reused: counting it would have
 * each re-check frame ask for another, a wake-up every REUSE_MS forever.
 */
export function reused(at: number): void {
  if (at < reuse.since) reuse.until = Math.max(reuse.until, at + REUSE_MS);
}
