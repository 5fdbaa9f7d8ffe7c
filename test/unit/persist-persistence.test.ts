/*
 * Persistence's write schedule against a Server-like object (the model's events) and a recording store: a
 * burst of changes is one write after the coalescing delay; pane output alone writes at
 * most every few seconds — but always eventually, even right after a write (a `cd` typed
 * just after a split); a change is not held back by a pending output refresh; an idle
 * server never writes; a disabled one (newer checkpoint) never writes at all.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Persistence } from '../../src/persist/persistence.js';
import type { Server } from '../../src/server/server.js';
import type { CheckpointStore } from '../../src/persist/store.js';
import { Emitter, type ModelEvents } from '../../src/server/events.js';

interface Fake {
  server: Server;
  writes: Array<{ at: number; clean: boolean }>;
  p: Persistence;
  change(): void;
  output(): void;
}

function fake(): Fake {
  const writes: Array<{ at: number; clean: boolean }> = [];
  const server = {
    model: { sessions: [], events: new Emitter<ModelEvents>() },
    isExiting: false,
    log: { error: vi.fn() },
  } as unknown as Fake['server'];
  const store = { write: (_b: unknown, _v: string, clean: boolean) => writes.push({ at: Date.now(), clean }) } as unknown as CheckpointStore;
  const p = new Persistence(server, store);
  return {
    server,
    writes,
    p,
    change: () => server.model.events.emit('window-changed', { window: {} as never, what: 'layout' }),
    output: () => server.model.events.emit('pane-output', {} as never),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

const t0 = () => Date.parse('2026-01-01T00:00:00Z');

describe('Persistence', () => {
  it('coalesces a burst of changes into one write', () => {
    const f = fake();
    for (let i = 0; i < 10; i++) f.change();
    vi.advanceTimersByTime(99);
    expect(f.writes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(f.writes).toEqual([{ at: t0() + 100, clean: false }]);
    vi.advanceTimersByTime(60_000);
    expect(f.writes).toHaveLength(1);
  });

  it('never writes while idle', () => {
    const f = fake();
    vi.advanceTimersByTime(3_600_000);
    expect(f.writes).toEqual([]);
  });

  it('picks up output right after a write within the refresh interval', () => {
    const f = fake();
    f.change();
    vi.advanceTimersByTime(100);
    expect(f.writes).toHaveLength(1);
    vi.advanceTimersByTime(50);
    f.output(); // `cd dir` echoed 50 ms after the write, then silence
    vi.advanceTimersByTime(5000);
    expect(f.writes).toHaveLength(2);
    expect(f.writes[1]!.at - f.writes[0]!.at).toBeLessThanOrEqual(5000);
    vi.advanceTimersByTime(60_000);
    expect(f.writes).toHaveLength(2);
  });

  it('writes at most every refresh interval under constant output', () => {
    const f = fake();
    for (let i = 0; i < 300; i++) {
      f.output();
      vi.advanceTimersByTime(100);
    }
    expect(f.writes.length).toBeGreaterThanOrEqual(5);
    expect(f.writes.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < f.writes.length; i++) expect(f.writes[i]!.at - f.writes[i - 1]!.at).toBeGreaterThanOrEqual(5000);
  });

  it('does not hold a change back behind a pending output refresh', () => {
    const f = fake();
    f.p.write(false);
    vi.advanceTimersByTime(1000);
    f.output(); // a refresh is now due 5 s after the write
    vi.advanceTimersByTime(1000);
    f.change();
    vi.advanceTimersByTime(100);
    expect(f.writes).toHaveLength(2);
    expect(f.writes[1]!.at).toBe(t0() + 2100);
    // Output long after the last write, then a change: written at once, not seconds later.
    vi.advanceTimersByTime(10_000);
    f.output();
    vi.advanceTimersByTime(50);
    f.change();
    vi.advanceTimersByTime(100);
    expect(f.writes).toHaveLength(3);
    expect(f.writes[2]!.at).toBeLessThanOrEqual(t0() + 2100 + 10_000 + 150);
  });

  it('writes nothing when disabled (a newer ccmux owns the checkpoint) or exiting', () => {
    const f = fake();
    f.p.disabled = true;
    f.change();
    f.output();
    f.p.write(true);
    vi.advanceTimersByTime(60_000);
    expect(f.writes).toEqual([]);
    const g = fake();
    (g.server as unknown as { isExiting: boolean }).isExiting = true;
    g.change();
    vi.advanceTimersByTime(60_000);
    expect(g.writes).toEqual([]);
  });

  it('write() is immediate and cancels the pending one; a failing store is logged, not thrown', () => {
    const f = fake();
    f.change();
    f.p.write(true);
    vi.advanceTimersByTime(1000);
    expect(f.writes).toEqual([{ at: t0(), clean: true }]);
    const g = fake();
    (g.p.store as unknown as { write: () => void }).write = () => {
      throw new Error('disk full');
    };
    expect(() => g.p.write(false)).not.toThrow();
    expect((g.server.log.error as unknown as ReturnType<typeof vi.fn>).mock.calls).toHaveLength(1);
  });
});
