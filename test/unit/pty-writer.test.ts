/*
 * The queue into a pty's master fd (server/pty-writer.ts), against a fake fd whose room the
 * test controls and a fake clock: everything arrives, in order, byte for byte (UTF-8 cut
 * anywhere); nothing waits (a full fd is retried at a kick, or on a timer that backs off
 * while the pane is silent); a failed fd drops the queue and says why; a closed writer
 * writes nothing more.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_RETRY_MS, PtyWriter, RETRY_MS, type WriterClock } from '../../src/server/pty-writer.js';

function eagain(): Error {
  return Object.assign(new Error('EAGAIN: resource temporarily unavailable'), { code: 'EAGAIN' });
}

/** A master fd that takes at most `room` bytes until the test drains it, and records what it took. */
class FakeFd {
  room = 0;
  got: Buffer[] = [];
  calls = 0;
  fail: Error | null = null;
  readonly write = (buf: Buffer, offset: number): number => {
    this.calls++;
    if (this.fail) throw this.fail;
    const n = Math.min(this.room, buf.length - offset);
    if (n === 0) throw eagain();
    this.got.push(Buffer.from(buf.subarray(offset, offset + n)));
    this.room -= n;
    return n;
  };
  text(): string {
    return Buffer.concat(this.got).toString('utf8');
  }
  bytes(): Buffer {
    return Buffer.concat(this.got);
  }
}

/** Timers fired by hand: `pending` lists the delays asked for, `fire()` runs the due one. */
class FakeClock implements WriterClock {
  timers: Array<{ fn: () => void; ms: number; live: boolean }> = [];
  setTimer(fn: () => void, ms: number) {
    const t = { fn, ms, live: true };
    this.timers.push(t);
    return { cancel: () => (t.live = false) };
  }
  get pending(): number[] {
    return this.timers.filter((t) => t.live).map((t) => t.ms);
  }
  fire(): void {
    const t = this.timers.find((x) => x.live);
    if (!t) throw new Error('no timer pending');
    t.live = false;
    t.fn();
  }
}

function setup(room = 0) {
  const fd = new FakeFd();
  fd.room = room;
  const clock = new FakeClock();
  const errors: unknown[] = [];
  const w = new PtyWriter(fd.write, (e) => errors.push(e), clock);
  return { fd, clock, w, errors };
}

describe('PtyWriter', () => {
  it('writes at once what the fd takes, with no timer', () => {
    const { fd, clock, w } = setup(100);
    w.write('hello');
    expect(fd.text()).toBe('hello');
    expect(w.pending).toBe(0);
    expect(clock.pending).toEqual([]);
  });

  it('keeps the rest in order and writes it as room comes, on the timer', () => {
    const { fd, clock, w } = setup(3);
    w.write('abcdef');
    w.write('gh');
    expect(fd.text()).toBe('abc');
    expect(w.pending).toBe(5);
    expect(clock.pending).toEqual([RETRY_MS]);
    fd.room = 4;
    clock.fire();
    expect(fd.text()).toBe('abcdefg');
    fd.room = 10;
    clock.fire();
    expect(fd.text()).toBe('abcdefgh');
    expect(w.pending).toBe(0);
    expect(clock.pending).toEqual([]);
  });

  it('backs off while nothing goes in, and comes back to RETRY_MS when something does', () => {
    const { fd, clock, w } = setup(0);
    w.write('x'.repeat(10));
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(clock.pending[0]);
      clock.fire();
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 32, 32].map((d) => Math.min(d, MAX_RETRY_MS)));
    expect(clock.pending).toEqual([MAX_RETRY_MS]);
    fd.room = 4;
    w.kick(); // the pane printed: try now
    expect(fd.text()).toBe('xxxx');
    expect(clock.pending).toEqual([RETRY_MS]); // the long timer is replaced by a short one
  });

  it('a kick that finds no room still brings the retries back to RETRY_MS (the pane is running)', () => {
    const { fd, clock, w } = setup(0);
    w.write('abc');
    for (let i = 0; i < 6; i++) clock.fire();
    expect(clock.pending).toEqual([MAX_RETRY_MS]);
    w.kick();
    expect(fd.text()).toBe('');
    expect(clock.pending).toEqual([RETRY_MS]);
    clock.fire();
    expect(clock.pending).toEqual([2 * RETRY_MS]); // and backs off again while the pane is silent
  });

  it('a kick with nothing queued writes nothing', () => {
    const { fd, w } = setup(10);
    w.kick();
    expect(fd.calls).toBe(0);
  });

  it('writes behind what is queued, never past it', () => {
    const { fd, clock, w } = setup(2);
    w.write('12345');
    fd.room = 100;
    w.write('678'); // the fd has room now, but 345 goes first
    expect(fd.text()).toBe('12');
    clock.fire();
    expect(fd.text()).toBe('12345678');
  });

  it('delivers multi-byte UTF-8 intact whatever the fd takes each time (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 30 }),
        (writes, rooms) => {
          const { fd, clock, w } = setup(0);
          let i = 0;
          for (const s of writes) {
            fd.room = rooms[i++ % rooms.length];
            w.write(s);
          }
          for (let k = 0; w.pending > 0 && k < 10_000; k++) {
            fd.room = rooms[i++ % rooms.length] || 1;
            clock.fire();
          }
          expect(fd.bytes().equals(Buffer.from(writes.join(''), 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes a large paste in many small writes without losing a byte', () => {
    const { fd, clock, w } = setup(4095);
    const text = Array.from({ length: 20_000 }, (_, n) => `${n} é😀日本\n`).join('');
    w.write(text);
    while (w.pending > 0) {
      fd.room = 4095;
      clock.fire();
    }
    expect(fd.text()).toBe(text);
  });

  it('drops the queue and reports a write that fails for another reason than EAGAIN', () => {
    const { fd, clock, w, errors } = setup(2);
    w.write('abcd');
    fd.fail = Object.assign(new Error('EIO'), { code: 'EIO' });
    clock.fire();
    expect(errors).toHaveLength(1);
    expect(w.pending).toBe(0);
    expect(clock.pending).toEqual([]);
    fd.fail = null;
    fd.room = 10;
    w.write('more');
    expect(fd.text()).toBe('ab'); // closed: nothing more goes to that fd
  });

  it('writes nothing after close, and cancels its timer', () => {
    const { fd, clock, w } = setup(1);
    w.write('abc');
    w.close();
    expect(clock.pending).toEqual([]);
    fd.room = 10;
    w.write('d');
    w.kick();
    expect(fd.text()).toBe('a');
  });
});
