/*
 * When the status line is drawn again on its own (tmux's status timer): every
 * status-interval seconds (0: never), counted from the wall clock's multiples of it, so
 * an interval that divides a minute shows each new minute as it starts; only while some
 * client shows a status line that can change with time (a clock, a #(command)), or a
 * Claude pane waits (its wait time is shown each minute). No timer otherwise: an idle
 * server does not wake up. Pure.
 */

/** What the status lines on screen need. */
export interface StatusNeeds {
  /** status-interval of each session a client shows with its status line on, in seconds. */
  intervals: readonly number[];
  /** Some shown status format shows the time or runs a command. */
  changes: boolean;
  /** A Claude pane is waiting (its wait time is shown in minutes). */
  claudeWaiting: boolean;
}

/** Milliseconds from `now` (ms since the epoch) to the next tick, or null for no tick. */
export function statusTickDelay(now: number, needs: StatusNeeds): number | null {
  let unit = Infinity;
  if (needs.changes) {
    const on = needs.intervals.filter((n) => n > 0);
    if (on.length > 0) unit = Math.min(...on) * 1000;
  }
  if (needs.claudeWaiting) unit = Math.min(unit, 60_000);
  if (unit === Infinity) return null;
  // A few ms past the boundary, so a clock read then shows the new second or minute.
  return unit - (now % unit) + 5;
}
