/*
 * A compiled terminfo entry (term(5)) read into the capabilities ccmux's terminal
 * description needs: the few standard ones by their index, and every extended
 * (user-defined) one by its name — Tc, RGB, Ss, Se, Cs, Cr, Ms, Smulx, Setulc, Sync, XT …
 * are all extended. Pure: the bytes in, a map out; reading the file is
 * server/client/terminfo-read.ts.
 *
 * Layout: a header of six little-endian 16-bit numbers (magic 0432 for 16-bit numbers,
 * 01036 for 32-bit ones; the sizes of names, booleans, numbers, string offsets, string
 * table), then each part (the numbers start on an even offset). An extended part may
 * follow on an even offset: five 16-bit counts (booleans, numbers, strings, string-table
 * items, string-table bytes), the values, the string offsets, the name offsets, then the
 * string values followed by the names. An offset of -1 is absent, -2 cancelled.
 */

/** A capability's value: a flag, a number or a string. */
export type TermCap = boolean | number | string;

/** The standard capabilities ccmux reads, by their index in each part (ncurses' term.h order). */
const STANDARD_BOOLEANS: ReadonlyMap<number, string> = new Map([[1, 'am']]);
const STANDARD_NUMBERS: ReadonlyMap<number, string> = new Map([[13, 'colors']]);
const STANDARD_STRINGS: ReadonlyMap<number, string> = new Map([
  [5, 'clear'], [10, 'cup'], [13, 'civis'], [16, 'cnorm'], [28, 'smcup'], [39, 'sgr0'],
  [40, 'rmcup'], [47, 'fsl'], [135, 'tsl'], [359, 'setaf'], [360, 'setab'],
]);

const MAGIC_16 = 0o432;
const MAGIC_32 = 0o1036;

/** What a terminfo file says: its names (the first is the terminal's) and capabilities. */
export interface TerminfoEntry {
  names: string[];
  caps: Map<string, TermCap>;
}

/** Thrown for bytes that are not a compiled terminfo entry. */
export class TerminfoError extends Error {}

/** Parse a compiled terminfo entry; throws TerminfoError naming what is wrong. */
export function parseTerminfo(buf: Uint8Array): TerminfoEntry {
  const r = new Reader(buf);
  const magic = r.u16();
  if (magic !== MAGIC_16 && magic !== MAGIC_32) throw new TerminfoError(`not a compiled terminfo entry (magic ${magic.toString(8)})`);
  const numSize = magic === MAGIC_32 ? 4 : 2;
  const [namesSize, boolCount, numCount, strCount, tableSize] = [r.u16(), r.u16(), r.u16(), r.u16(), r.u16()];
  const names = r.text(r.at, namesSize).split('|');
  r.at += namesSize;
  const caps = new Map<string, TermCap>();
  for (let i = 0; i < boolCount; i++) {
    const v = r.u8();
    const name = STANDARD_BOOLEANS.get(i);
    if (name && v === 1) caps.set(name, true);
  }
  r.align();
  for (let i = 0; i < numCount; i++) {
    const v = r.num(numSize);
    const name = STANDARD_NUMBERS.get(i);
    if (name && v >= 0) caps.set(name, v);
  }
  const offsets: number[] = [];
  for (let i = 0; i < strCount; i++) offsets.push(r.s16());
  const table = r.at;
  r.need(tableSize);
  offsets.forEach((off, i) => {
    const name = STANDARD_STRINGS.get(i);
    if (name && off >= 0) caps.set(name, r.cstring(table + off, table + tableSize));
  });
  r.at = table + tableSize;
  r.align();
  if (r.at + 10 <= buf.length) readExtended(r, numSize, caps);
  return { names, caps };
}

/** The extended part: values first, then their names, in the order booleans, numbers, strings. */
function readExtended(r: Reader, numSize: number, caps: Map<string, TermCap>): void {
  const [boolCount, numCount, strCount, , tableSize] = [r.u16(), r.u16(), r.u16(), r.u16(), r.u16()];
  const bools: number[] = [];
  for (let i = 0; i < boolCount; i++) bools.push(r.u8());
  r.align();
  const nums: number[] = [];
  for (let i = 0; i < numCount; i++) nums.push(r.num(numSize));
  const strOffsets: number[] = [];
  for (let i = 0; i < strCount; i++) strOffsets.push(r.s16());
  const nameOffsets: number[] = [];
  for (let i = 0; i < boolCount + numCount + strCount; i++) nameOffsets.push(r.s16());
  const table = r.at;
  const end = table + tableSize;
  r.need(tableSize);
  // The names start after the last string value.
  let namesAt = table;
  const values = strOffsets.map((off) => {
    if (off < 0) return undefined;
    const s = r.cstring(table + off, end);
    namesAt = Math.max(namesAt, table + off + Buffer.byteLength(s, 'latin1') + 1);
    return s;
  });
  const name = (i: number) => (nameOffsets[i]! >= 0 ? r.cstring(namesAt + nameOffsets[i]!, end) : '');
  bools.forEach((v, i) => { if (v === 1) caps.set(name(i), true); });
  nums.forEach((v, i) => { if (v >= 0) caps.set(name(boolCount + i), v); });
  values.forEach((v, i) => { if (v !== undefined) caps.set(name(boolCount + numCount + i), v); });
  caps.delete('');
}

class Reader {
  at = 0;
  constructor(private readonly buf: Uint8Array) {}

  need(n: number): void {
    if (n < 0 || this.at + n > this.buf.length) throw new TerminfoError(`truncated terminfo entry (${this.buf.length} bytes)`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.at++]!;
  }

  u16(): number {
    this.need(2);
    const v = this.buf[this.at]! | (this.buf[this.at + 1]! << 8);
    this.at += 2;
    return v;
  }

  s16(): number {
    const v = this.u16();
    return v >= 0x8000 ? v - 0x10000 : v;
  }

  num(size: number): number {
    if (size === 2) return this.s16();
    this.need(4);
    const b = this.buf;
    const v = b[this.at]! | (b[this.at + 1]! << 8) | (b[this.at + 2]! << 16) | (b[this.at + 3]! << 24);
    this.at += 4;
    return v;
  }

  align(): void {
    if (this.at % 2 === 1) this.at++;
  }

  text(from: number, n: number): string {
    this.need(from + n - this.at);
    let end = from;
    while (end < from + n && this.buf[end] !== 0) end++;
    return Buffer.from(this.buf.subarray(from, end)).toString('latin1');
  }

  /** The NUL-terminated string at `from`, not past `limit`. */
  cstring(from: number, limit: number): string {
    if (from < 0 || from >= limit || limit > this.buf.length) throw new TerminfoError('a string offset outside the terminfo entry');
    let end = from;
    while (end < limit && this.buf[end] !== 0) end++;
    return Buffer.from(this.buf.subarray(from, end)).toString('latin1');
  }
}
