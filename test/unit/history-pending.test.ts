/*
 * The queue of scrolled lines waiting to be packed into a pane's archive: lines come back
 * in order with their cells, wrapped flags and combined text; the queue keeps exactly the
 * newest lines the archive could hold; and its chunks are sized for the lines they hold,
 * so a flood of short lines does not leave megabytes of dead queue behind
 * (docs/performance.md, memory).
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_LINES, PendingLines, type RawLine } from '../../src/server/history/pending.js';

/** A packed line of `cells` cells whose content words are base, base+1, … */
function line(cells: number, base: number): Uint32Array {
  const d = new Uint32Array(cells * 3);
  for (let i = 0; i < cells; i++) d[i * 3] = base + i;
  return d;
}

function drained(q: PendingLines): { first: number; cells: number; wrapped: boolean; combined?: Map<number, string> }[] {
  const out: { first: number; cells: number; wrapped: boolean; combined?: Map<number, string> }[] = [];
  q.drain((l: RawLine) => out.push({ first: l.words[l.base]!, cells: l.cells, wrapped: l.wrapped, combined: l.combined }));
  return out;
}

describe('PendingLines', () => {
  it('gives every line back in order, lines of any length mixed, with wrapped flags and combined text', () => {
    const q = new PendingLines(100_000);
    const lengths = Array.from({ length: 3 * CHUNK_LINES + 17 }, (_, i) => (i * 37) % 401);
    const marks = new Map([[0, 'e\u0301']]);
    lengths.forEach((n, i) => q.push(line(n, i * 1000), n, i % 3 === 0, i === 300 ? marks : null));
    expect(q.length).toBe(lengths.length);
    const got = drained(q);
    expect(got.map((l) => l.cells)).toEqual(lengths);
    got.forEach((l, i) => {
      if (l.cells) expect(l.first).toBe(i * 1000);
      expect(l.wrapped).toBe(i % 3 === 0);
      expect(l.combined).toBe(i === 300 ? marks : undefined);
    });
    expect(q.length).toBe(0);
  });

  it('keeps exactly the capacity, dropping the oldest lines one by one', () => {
    for (const n of [999, 1000, 1001, 5000, 1000 + CHUNK_LINES]) {
      const q = new PendingLines(1000);
      for (let i = 0; i < n; i++) q.push(line(4, i), 4, false, null);
      expect(q.length).toBe(Math.min(n, 1000));
      expect(q.dropped).toBe(Math.max(0, n - 1000));
      const got = drained(q);
      expect(got.map((l) => l.first)).toEqual(Array.from({ length: Math.min(n, 1000) }, (_, i) => q.dropped + i));
    }
  });

  it('sizes chunks for the lines they hold: 10,000 five-cell lines take under 0.8 MB, and 200-cell lines still fit', () => {
    const q = new PendingLines(10_000);
    for (let i = 0; i < 10_000; i++) q.push(line(5, i), 5, false, null);
    const raw = 10_000 * 5 * 12;
    expect(q.bytes).toBeLessThan(800_000);
    expect(q.bytes).toBeGreaterThanOrEqual(raw);
    for (let i = 0; i < 2 * CHUNK_LINES; i++) q.push(line(200, i), 200, false, null);
    const got = drained(q);
    expect(got.slice(-2 * CHUNK_LINES).every((l, i) => l.cells === 200 && l.first === i)).toBe(true);
  });
});
