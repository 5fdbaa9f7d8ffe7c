/*
 * Keeping the pane you type in responsive while others flood.
 *
 * Every byte a pane prints is parsed by the server's one thread. When many panes print as
 * fast as they can, that parsing fills the thread and the machine: a keystroke waits
 * behind it in the event loop, and its echoing program waits for a CPU among the
 * printers. So while someone is typing (a client sent input in the last INTERACTIVE_MS)
 * and parsing took more than BUSY_SHARE of the last WINDOW_MS, the panes that are not the
 * active pane of an attached client take turns: each is paused after every read, and a
 * paused pane is resumed — oldest first — only as a shared allowance of RATE bytes a
 * millisecond lets (one read can bring up to 64 KB, so the allowance goes into debt and
 * is paid back before the next turn). A paused pty is not read, its buffer fills and the
 * printer blocks in write(2): it stops competing for the CPU too. Throttling lasts while
 * background panes keep waiting for turns, and ends a second after the last input. Output is never dropped, only read later; a machine that keeps up never throttles.
 *
 * Pure bookkeeping over a clock and a timer (both injectable for tests); the server tells
 * it what was parsed and which panes are in front, and pauses/resumes through `Throttled`.
 */

/** Length of one accounting window. */
export const WINDOW_MS = 16;
/** Parsing more than this share of a window (with someone typing) starts throttling. */
export const BUSY_SHARE = 0.5;
/** What all background panes together may read while throttled, bytes a millisecond (~2 MB/s). */
export const RATE = 2048;
/** The allowance saved up while little is read, at most. */
export const BURST = 64 * 1024;
/** What one resumed pane is expected to read (the allowance is settled with what it did). */
export const TURN_BYTES = 4096;
/** Input this recent means someone is typing: only then are background panes held back. */
export const INTERACTIVE_MS = 1000;

/** A pane as the budget sees it. */
export interface Throttled {
  pause(): void;
  resume(): void;
}

export interface BudgetClock {
  now(): number;
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

const realClock: BudgetClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

export class ReadBudget<P extends Throttled> {
  private windowStart = 0;
  private parseMs = 0;
  private throttling = false;
  private allowance = 0;
  /** Paused panes, in the order they get their next turn. */
  private readonly waiting: P[] = [];
  private readonly paused = new Set<P>();
  private timer: { cancel(): void } | null = null;
  private lastInput = -Infinity;

  /** Told when throttling starts or ends (the server logs it). */
  onChange: ((throttled: boolean) => void) | null = null;

  constructor(private readonly clock: BudgetClock = realClock) {}

  /** Whether background panes are taking turns now (closing a window that has ended). */
  get throttled(): boolean {
    this.roll();
    return this.throttling;
  }

  /** A client sent input (keys, paste, mouse). */
  input(): void {
    this.lastInput = this.clock.now();
  }

  /**
   * `pane` printed `bytes`, which took `ms` to parse; `inFront` when it is the active pane
   * of an attached client. While throttling, a background pane is paused until its next turn.
   */
  parsed(pane: P, bytes: number, ms: number, inFront: boolean): void {
    this.roll();
    this.parseMs += ms;
    if (inFront || !this.throttling) return;
    this.allowance -= bytes;
    if (!this.paused.has(pane)) {
      this.paused.add(pane);
      this.waiting.push(pane);
      pane.pause();
    }
    // Only a paused pane needs the clock: output itself closes windows (roll) otherwise.
    this.timer ??= this.clock.setTimer(() => this.tick(), WINDOW_MS);
  }

  /** Forget a pane (closing): resumed if paused, so what it printed last is read. */
  forget(pane: P): void {
    if (!this.paused.delete(pane)) return;
    this.waiting.splice(this.waiting.indexOf(pane), 1);
    pane.resume();
  }

  /** Resume everything and stop (server shutdown, tests). */
  dispose(): void {
    this.timer?.cancel();
    this.timer = null;
    this.throttling = false;
    this.resumeAll();
  }

  private resumeAll(): void {
    for (const p of this.waiting) p.resume();
    this.waiting.length = 0;
    this.paused.clear();
  }

  /** Close the current window if it has ended: decide the next one's mode, give turns. */
  private roll(): void {
    const now = this.clock.now();
    const elapsed = now - this.windowStart;
    if (elapsed < WINDOW_MS) return;
    const typing = now - this.lastInput <= INTERACTIVE_MS;
    // A window that ended long ago (nothing printed since) says nothing about load now.
    const busy = this.parseMs > BUSY_SHARE * elapsed || (this.throttling && this.paused.size > 0);
    const was = this.throttling;
    this.throttling = typing && elapsed < 2 * WINDOW_MS && busy;
    this.windowStart = now;
    this.parseMs = 0;
    if (this.throttling !== was) this.onChange?.(this.throttling);
    if (!this.throttling) {
      this.allowance = 0;
      this.resumeAll();
      return;
    }
    this.allowance = was ? Math.min(BURST, this.allowance + RATE * elapsed) : 0;
    // Turns for what the allowance covers; the reads they bring are charged as they come.
    for (let turns = Math.ceil(this.allowance / TURN_BYTES); turns > 0 && this.waiting.length > 0; turns--) {
      const p = this.waiting.shift()!;
      this.paused.delete(p);
      p.resume();
    }
  }

  private tick(): void {
    this.timer = null;
    this.roll();
    // Keep ticking only while a pane waits to be resumed.
    if (this.paused.size > 0) this.timer = this.clock.setTimer(() => this.tick(), WINDOW_MS);
  }
}
