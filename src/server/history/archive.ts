/*
 * The compact store behind a pane's older history (see history.ts). Archiving happens for
 * every line a pane prints once it scrolls past the live region, so it must cost almost
 * nothing: lines are copied out of xterm's packed cells without decoding them, into
 * chunks of CHUNK_LINES lines that hold a handful of typed arrays each — no objects per
 * line, so little memory and nothing for the garbage collector to trace.
 *
 *   Chunk   codes       the cells' UTF-16 code units, every line concatenated
 *           lineStart   where each line starts in codes (n+1 entries)
 *           runs        style runs as [col, fgWord, bgWord] triplets: xterm's own attribute
 *                       words, decoded only when the line is painted (decodeFg/Bg/Flags)
 *           runStart    where each line's runs start (in triplets, n+1 entries)
 *           wrapped     1 if the line continues the one before
 *           complex     the rare line with wide, combined or astral characters: its text
 *                       and where each cell starts in it
 *           extras      the rare line with underline styles or colours or hyperlinks:
 *                       their runs (pack.ts extrasOf)
 *
 * Lines are appended to an open chunk; a full chunk is trimmed to size and sealed.
 * Eviction is exact, a line at a time: the first `head` lines of the first chunk are
 * hidden, and the chunk is dropped once all of its lines are. The store never holds more
 * than its capacity, and what it holds is always the newest lines it was given.
 */

export const CHUNK_LINES = 256;

/** A line with characters that are not one UTF-16 unit in one cell. */
export interface ComplexText {
  text: string;
  /** Start of each cell in text (cells+1 entries); a wide character's second cell is empty. */
  cells: Uint16Array;
}

/** One archived line as read back. */
export interface StoredLine {
  text: string;
  cells?: Uint16Array;
  /** [col, fgWord, bgWord] triplets from runFrom to runTo (exclusive, in array slots). */
  runs: Int32Array;
  runFrom: number;
  runTo: number;
  wrapped: boolean;
  /** [col, underline style, underline colour, link] runs (pack.ts extrasOf), if any. */
  extras?: Int32Array;
}

class Chunk {
  n = 0;
  codes = new Uint16Array(CHUNK_LINES * 64);
  codeLen = 0;
  lineStart = new Uint32Array(CHUNK_LINES + 1);
  runs = new Int32Array(CHUNK_LINES * 6);
  runLen = 0;
  runStart = new Uint32Array(CHUNK_LINES + 1);
  wrapped = new Uint8Array(CHUNK_LINES);
  complex: Map<number, ComplexText> | null = null;
  extras: Map<number, Int32Array> | null = null;

  private growCodes(need: number): void {
    if (this.codeLen + need <= this.codes.length) return;
    const next = new Uint16Array(Math.max(this.codes.length * 2, this.codeLen + need));
    next.set(this.codes.subarray(0, this.codeLen));
    this.codes = next;
  }

  private growRuns(need: number): void {
    if (this.runLen + need <= this.runs.length) return;
    const next = new Int32Array(Math.max(this.runs.length * 2, this.runLen + need));
    next.set(this.runs.subarray(0, this.runLen));
    this.runs = next;
  }

  /**
   * Append a line from xterm's packed cells: `data` holds 3 words a cell from `base`,
   * `end` cells are kept, `codes` their code units (ignored when `complex` is given).
   */
  add(data: Uint32Array, base: number, end: number, codes: Uint16Array, wrapped: boolean, complex?: ComplexText, extras?: Int32Array): void {
    const i = this.n;
    if (extras) (this.extras ??= new Map()).set(i, extras);
    this.lineStart[i] = this.codeLen;
    this.runStart[i] = this.runLen;
    if (complex) (this.complex ??= new Map()).set(i, complex);
    else {
      this.growCodes(end);
      this.codes.set(codes.subarray(0, end), this.codeLen);
      this.codeLen += end;
    }
    let pf = 0;
    let pb = 0;
    for (let x = 0; x < end; x++) {
      const f = data[base + x * 3 + 1]! | 0;
      const b = data[base + x * 3 + 2]! | 0;
      if (f !== pf || b !== pb) {
        this.growRuns(3);
        this.runs[this.runLen++] = x;
        this.runs[this.runLen++] = f;
        this.runs[this.runLen++] = b;
        pf = f;
        pb = b;
      }
    }
    this.wrapped[i] = wrapped ? 1 : 0;
    this.n++;
    this.lineStart[this.n] = this.codeLen;
    this.runStart[this.n] = this.runLen;
  }

  /** Drop the spare room of a full chunk. */
  seal(): void {
    this.codes = this.codes.slice(0, this.codeLen);
    this.runs = this.runs.slice(0, this.runLen);
  }

  /** Cells of line i (its width as archived). */
  width(i: number): number {
    const cx = this.complex?.get(i);
    return cx ? cx.cells.length - 1 : this.lineStart[i + 1]! - this.lineStart[i]!;
  }

  get(i: number): StoredLine {
    const cx = this.complex?.get(i);
    const text = cx ? cx.text : codesToString(this.codes, this.lineStart[i]!, this.lineStart[i + 1]!);
    return { text, cells: cx?.cells, runs: this.runs, runFrom: this.runStart[i]!, runTo: this.runStart[i + 1]!, wrapped: this.wrapped[i] === 1, extras: this.extras?.get(i) };
  }
}

function codesToString(codes: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096) s += String.fromCharCode.apply(null, codes.subarray(i, Math.min(to, i + 4096)) as unknown as number[]);
  return s;
}

export class ArchiveStore {
  /** Sealed chunks, oldest first; the open chunk follows them. */
  private chunks: Chunk[] = [];
  private open = new Chunk();
  private sealedLines = 0;
  /** Lines hidden (evicted) at the start of the first chunk (chunks[0], else the open one). */
  private head = 0;
  /** Lines dropped from the front, in total. */
  evicted = 0;

  constructor(private capacity: number) {}

  get length(): number {
    return this.sealedLines + this.open.n - this.head;
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** The bytes its chunks hold (their arrays as allocated, and the rare lines' extras). */
  get bytes(): number {
    let n = 0;
    for (const c of [...this.chunks, this.open]) {
      n += c.codes.byteLength + c.lineStart.byteLength + c.runs.byteLength + c.runStart.byteLength + c.wrapped.byteLength;
      for (const t of c.complex?.values() ?? []) n += t.text.length * 2 + t.cells.byteLength;
      for (const e of c.extras?.values() ?? []) n += e.byteLength;
    }
    return n;
  }

  add(data: Uint32Array, base: number, end: number, codes: Uint16Array, wrapped: boolean, complex?: ComplexText, extras?: Int32Array): void {
    if (this.capacity <= 0) {
      this.evicted++;
      return;
    }
    this.open.add(data, base, end, codes, wrapped, complex, extras);
    if (this.open.n >= CHUNK_LINES) {
      this.open.seal();
      this.chunks.push(this.open);
      this.sealedLines += this.open.n;
      this.open = new Chunk();
    }
    if (this.length > this.capacity) this.trimTo(this.capacity);
  }

  /** Drop the oldest lines until at most `n` are left. */
  trimTo(n: number): void {
    let drop = this.length - Math.max(0, n);
    if (drop <= 0) return;
    this.evicted += drop;
    while (drop > 0 && this.chunks.length) {
      const first = this.chunks[0]!;
      const left = first.n - this.head;
      if (drop < left) {
        this.head += drop;
        return;
      }
      this.chunks.shift();
      this.sealedLines -= first.n;
      this.head = 0;
      drop -= left;
    }
    if (drop === 0) return;
    this.head += drop; // no sealed chunk left: within the open one
    if (this.head === this.open.n) this.clearChunks();
  }

  /** Change the capacity; drops the oldest lines beyond it. */
  setCapacity(capacity: number): void {
    this.capacity = capacity;
    this.trimTo(capacity);
  }

  /** Drop every line (they count as evicted). */
  clear(): void {
    this.evicted += this.length;
    this.clearChunks();
  }

  private clearChunks(): void {
    this.chunks = [];
    this.open = new Chunk();
    this.sealedLines = 0;
    this.head = 0;
  }

  /** Line i (0 = oldest kept). */
  get(i: number): StoredLine | undefined {
    const at = this.find(i);
    return at && at.chunk.get(at.k);
  }

  /** The width of line i in cells, as archived (undefined out of range). */
  width(i: number): number | undefined {
    const at = this.find(i);
    return at && at.chunk.width(at.k);
  }

  private find(i: number): { chunk: Chunk; k: number } | undefined {
    if (i < 0 || i >= this.length) return undefined;
    let k = i + this.head;
    if (k >= this.sealedLines) return { chunk: this.open, k: k - this.sealedLines };
    for (const c of this.chunks) {
      if (k < c.n) return { chunk: c, k };
      k -= c.n;
    }
    return undefined;
  }
}
