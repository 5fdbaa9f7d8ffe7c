/*
 * The read budget (read-budget.ts) on a fake clock: nothing is throttled while parsing
 * keeps up or while nobody types; with someone typing and parsing filling the thread,
 * background panes are paused after each read and take turns as the shared allowance
 * lets (a big read is paid back first), the pane in front is never paused, the timer
 * stops once output stops (no idle wake-ups), and closing or disposing resumes panes.
 */
import { describe, expect, it } from 'vitest';
import { INTERACTIVE_MS, RATE, ReadBudget, WINDOW_MS, type BudgetClock } from '../../src/server/read-budget.js';

class FakeClock implements BudgetClock {
  t = 1000;
  timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now(): number {
    return this.t;
  }
  setTimer(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return { cancel: () => (timer.live = false) };
  }
  /** Advance time, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
  get pending(): number {
    return this.timers.filter((x) => x.live).length;
  }
}

class FakePane {
  paused = false;
  pauses = 0;
  pause(): void {
    this.paused = true;
    this.pauses++;
  }
  resume(): void {
    this.paused = false;
  }
}

/** A budget that has just seen a busy window with someone typing. */
function busyBudget(): { clock: FakeClock; budget: ReadBudget<FakePane> } {
  const clock = new FakeClock();
  const budget = new ReadBudget<FakePane>(clock);
  budget.input();
  budget.parsed(new FakePane(), 100_000, 12, true); // 12 of 16 ms parsing
  clock.advance(WINDOW_MS);
  return { clock, budget };
}

describe('ReadBudget', () => {
  it('never throttles while parsing keeps up', () => {
    const clock = new FakeClock();
    const budget = new ReadBudget<FakePane>(clock);
    const bg = new FakePane();
    for (let i = 0; i < 100; i++) {
      budget.input();
      budget.parsed(bg, 64 * 1024, 1, false); // 1 ms of parsing per 4 ms
      clock.advance(4);
    }
    expect(bg.pauses).toBe(0);
    expect(budget.throttled).toBe(false);
  });

  it('leaves a flooding background pane alone while nobody types', () => {
    const clock = new FakeClock();
    const budget = new ReadBudget<FakePane>(clock);
    budget.input();
    clock.advance(INTERACTIVE_MS + 1);
    const bg = new FakePane();
    for (let i = 0; i < 50; i++) {
      budget.parsed(bg, 64 * 1024, 4, false); // parsing fills every window
      clock.advance(4);
    }
    expect(bg.pauses).toBe(0);
    budget.input(); // someone types: the next busy window throttles
    for (let i = 0; i < 5 && !bg.paused; i++) {
      budget.parsed(bg, 64 * 1024, 4, false);
      clock.advance(4);
    }
    expect(budget.throttled).toBe(true);
    expect(bg.paused).toBe(true);
  });

  it('pauses background panes after each read, never the pane in front, and gives them turns', () => {
    const { clock, budget } = busyBudget();
    expect(budget.throttled).toBe(true);
    const front = new FakePane();
    const bgs = Array.from({ length: 30 }, () => new FakePane());
    budget.parsed(front, 1 << 20, 5, true);
    for (const p of bgs) budget.parsed(p, 1024, 0.1, false);
    expect(bgs.every((p) => p.paused)).toBe(true);
    expect(front.pauses).toBe(0);
    // The allowance (RATE a ms) buys a few turns a window, oldest first.
    clock.advance(WINDOW_MS);
    const resumed = bgs.filter((p) => !p.paused).length;
    expect(resumed).toBeGreaterThan(0);
    expect(resumed).toBeLessThan(30);
    expect(bgs.slice(0, resumed).every((p) => !p.paused)).toBe(true);
  });

  it('pays back a big read before the next turn', () => {
    const { clock, budget } = busyBudget();
    const panes = Array.from({ length: 12 }, () => new FakePane());
    for (const p of panes) budget.parsed(p, 10, 0.01, false);
    budget.parsed(new FakePane(), 0, 10, true); // still busy in front
    clock.advance(WINDOW_MS);
    const first = panes.filter((p) => !p.paused);
    const last = panes[panes.length - 1]!;
    expect(first.length).toBeGreaterThan(0);
    expect(last.paused).toBe(true);
    budget.parsed(first[0]!, 20 * RATE * WINDOW_MS, 1, false); // one turn brings a lot
    let windows = 0;
    while (last.paused && windows < 100) {
      budget.input();
      budget.parsed(new FakePane(), 0, 10, true);
      clock.advance(WINDOW_MS);
      windows++;
    }
    expect(windows).toBeGreaterThanOrEqual(18);
    expect(last.paused).toBe(false);
  });

  it('stops throttling and stops its timer once output stops', () => {
    const { clock, budget } = busyBudget();
    const bg = new FakePane();
    budget.parsed(bg, 4096, 1, false);
    expect(bg.paused).toBe(true);
    clock.advance(100 * WINDOW_MS);
    expect(bg.paused).toBe(false);
    expect(budget.throttled).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('resumes a paused pane that is closing, and everything on dispose', () => {
    const { budget } = busyBudget();
    const a = new FakePane();
    const b = new FakePane();
    budget.parsed(a, 4096, 1, false);
    budget.parsed(b, 4096, 1, false);
    expect(a.paused && b.paused).toBe(true);
    budget.forget(a);
    expect(a.paused).toBe(false);
    budget.dispose();
    expect(b.paused).toBe(false);
  });
});
