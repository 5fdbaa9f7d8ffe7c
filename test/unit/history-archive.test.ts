/*
 * The archive's store (history/archive.ts) on its own: lines come back as given, and it
 * holds exactly the newest `capacity` lines — whatever the capacity is against its
 * chunks of CHUNK_LINES lines, however the lines arrive, and when the capacity changes.
 */
import { describe, expect, it } from 'vitest';
import { ArchiveStore, CHUNK_LINES } from '../../src/server/history/archive.js';

const CODES = new Uint16Array(64);

/** Add line "L<n>" to the store. */
function add(store: ArchiveStore, n: number): void {
  const text = `L${n}`;
  const data = new Uint32Array(text.length * 3);
  for (let i = 0; i < text.length; i++) {
    CODES[i] = text.charCodeAt(i);
    data[i * 3] = text.charCodeAt(i) | (1 << 22);
  }
  store.add(data, 0, text.length, CODES, false);
}

function texts(store: ArchiveStore): string[] {
  return Array.from({ length: store.length }, (_, i) => store.get(i)!.text);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `L${from + i}`);

describe('ArchiveStore', () => {
  it('holds exactly the newest `capacity` lines, for capacities on and off chunk boundaries', () => {
    for (const capacity of [1, 100, CHUNK_LINES - 1, CHUNK_LINES, CHUNK_LINES + 1, 3 * CHUNK_LINES, 1900]) {
      const store = new ArchiveStore(capacity);
      for (let n = 0; n < 5 * CHUNK_LINES + 17; n++) {
        add(store, n);
        expect(store.length).toBe(Math.min(n + 1, capacity));
        expect(store.evicted).toBe(Math.max(0, n + 1 - capacity));
        expect(store.get(store.length - 1)!.text).toBe(`L${n}`);
        expect(store.get(0)!.text).toBe(`L${store.evicted}`);
      }
      expect(texts(store)).toEqual(range(Math.max(0, 5 * CHUNK_LINES + 17 - capacity), 5 * CHUNK_LINES + 17));
    }
  });

  it('trims to any size, and a smaller capacity drops the oldest lines', () => {
    const store = new ArchiveStore(10_000);
    for (let n = 0; n < 1000; n++) add(store, n);
    store.trimTo(2 * CHUNK_LINES);
    expect(texts(store)).toEqual(range(1000 - 2 * CHUNK_LINES, 1000));
    store.setCapacity(7);
    expect(texts(store)).toEqual(range(993, 1000));
    expect(store.evicted).toBe(993);
    for (let n = 1000; n < 1010; n++) add(store, n);
    expect(texts(store)).toEqual(range(1003, 1010));
    store.clear();
    expect(store.length).toBe(0);
    expect(store.evicted).toBe(1010);
  });
});
