/*
 * Lines on their way into a pane's history archive (see history.ts), kept as xterm packed
 * them: each scrolled line's cells are copied (trimmed, one typed-array copy) into chunks
 * of CHUNK_LINES, and compacted into the archive only later — when output pauses or when
 * someone reads the history. A flood of 250,000 lines through a 10,000-line history then
 * compacts only the lines that are kept: the queue holds at most `capacity` lines, dropping
 * the oldest a line at a time (the first `head` lines of the first chunk are dropped ones;
 * the chunk goes once all of its lines are). Whatever the archive holds is older than
 * anything queued, so once lines drop here the archive's are due to go too: the history
 * trims it after packing (pane-history.ts).
 *
 *   RawChunk   words      3 words a cell (content, fg, bg), every line concatenated
 *              lineStart  where each line starts in words (n+1 entries, in words)
 *              wrapped    1 if the line continues the one before
 *              combined   for a line with combined characters (base + marks, which xterm
 *                         keeps outside the cells): cell index → its text
 *              extras     for a line with underline styles or colours or hyperlinks (also
 *                         outside the cells): their runs (pack.ts extrasOf)
 */

export const CHUNK_LINES = 256;
/**
 * Room per line the first chunk starts with, in cells; a chunk's array doubles when its
 * lines are longer. Each later chunk is sized for the lines the chunk before it held
 * (plus an eighth), so a steady stream fills its chunks almost exactly: 10,000 queued
 * `seq` lines (5 cells each) take ~0.6 MB instead of the ~2 MB a fixed 16 cells a line
 * gave. That matters after a flood: the queue is garbage once packed, freed among the
 * archive's and xterm's live allocations, and glibc cannot hand such holes back — what
 * a pane costs afterwards follows the queue's peak size (docs/performance.md, memory).
 */
const START_CELLS_PER_LINE = 16;
/** The smallest chunk, in words: one cell a line. */
const MIN_CHUNK_WORDS = CHUNK_LINES * 3;

class RawChunk {
  n = 0;
  words: Uint32Array;
  wordLen = 0;
  lineStart = new Uint32Array(CHUNK_LINES + 1);
  wrapped = new Uint8Array(CHUNK_LINES);
  combined: Map<number, Map<number, string>> | null = null;
  extras: Map<number, Int32Array> | null = null;

  constructor(words: number) {
    this.words = new Uint32Array(words);
  }

  /** Empty the chunk for reuse (its arrays are kept: a flood allocates nothing). */
  reset(): void {
    this.n = 0;
    this.wordLen = 0;
    this.combined = null;
    this.extras = null;
  }

  add(data: Uint32Array, cells: number, wrapped: boolean, combined: Map<number, string> | null, extras: Int32Array | null): void {
    const need = cells * 3;
    if (this.wordLen + need > this.words.length) {
      const next = new Uint32Array(Math.max(this.words.length * 2, this.wordLen + need));
      next.set(this.words.subarray(0, this.wordLen));
      this.words = next;
    }
    this.words.set(data.subarray(0, need), this.wordLen);
    this.wordLen += need;
    if (combined) (this.combined ??= new Map()).set(this.n, combined);
    if (extras) (this.extras ??= new Map()).set(this.n, extras);
    this.wrapped[this.n] = wrapped ? 1 : 0;
    this.n++;
    this.lineStart[this.n] = this.wordLen;
  }
}

/** One queued line, for the compactor. */
export interface RawLine {
  words: Uint32Array;
  /** Index of the line's first word in `words`. */
  base: number;
  cells: number;
  wrapped: boolean;
  combined?: Map<number, string>;
  extras?: Int32Array;
}

export class PendingLines {
  private chunks: RawChunk[] = [];
  /** Lines in the chunks, dropped ones included. */
  private total = 0;
  /** Dropped lines at the start of chunks[0]. */
  private head = 0;
  /** A dropped chunk kept for reuse. */
  private spare: RawChunk | null = null;
  /** Queued lines dropped because newer lines filled the capacity, in total. */
  dropped = 0;

  constructor(private capacity: number) {}

  get length(): number {
    return this.total - this.head;
  }

  /** Bytes the queued chunks' arrays take (the spare not counted). */
  get bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.words.byteLength + c.lineStart.byteLength + c.wrapped.byteLength;
    return n;
  }

  setCapacity(capacity: number): void {
    this.capacity = capacity;
    this.trim();
  }

  /** Queue a line: `cells` cells of xterm's packed `data` (already trimmed). */
  push(data: Uint32Array, cells: number, wrapped: boolean, combined: Map<number, string> | null, extras: Int32Array | null = null): void {
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.n >= CHUNK_LINES) {
      const words = last ? Math.max(MIN_CHUNK_WORDS, Math.ceil((last.wordLen * 9) / 8)) : CHUNK_LINES * START_CELLS_PER_LINE * 3;
      last = this.spare ?? new RawChunk(words);
      this.spare = null;
      last.reset();
      this.chunks.push(last);
    }
    last.add(data, cells, wrapped, combined, extras);
    this.total++;
    if (this.total - this.head > this.capacity) this.trim();
  }

  /** Drop the oldest lines beyond the capacity; a chunk goes once all of its lines have. */
  private trim(): void {
    const drop = this.length - Math.max(0, this.capacity);
    if (drop <= 0) return;
    this.dropped += drop;
    this.head += drop;
    while (this.chunks.length && this.head >= this.chunks[0]!.n) {
      const c = this.chunks.shift()!;
      this.head -= c.n;
      this.total -= c.n;
      this.spare = c;
    }
  }

  /** Hand every queued line, oldest first, to `take`, and empty the queue. */
  drain(take: (line: RawLine) => void): void {
    let from = this.head;
    for (const c of this.chunks) {
      for (let i = from; i < c.n; i++) {
        const base = c.lineStart[i]!;
        take({ words: c.words, base, cells: (c.lineStart[i + 1]! - base) / 3, wrapped: c.wrapped[i] === 1, combined: c.combined?.get(i), extras: c.extras?.get(i) });
      }
      from = 0;
    }
    this.spare = this.chunks[0] ?? this.spare;
    this.chunks = [];
    this.total = 0;
    this.head = 0;
  }

  clear(): void {
    this.spare = null;
    this.chunks = [];
    this.total = 0;
    this.head = 0;
  }
}
