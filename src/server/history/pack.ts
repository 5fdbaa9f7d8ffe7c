/*
 * Reading xterm's packed cells for the history (pane-history.ts): how much of a line is
 * used, its combined characters, and packing it into the archive (archive.ts).
 *
 * A cell is 3 words: content (code point | combined flag 0x200000 | width << 22), fg, bg.
 * Lines are read in one pass without decoding them; only a line with wide, combined or
 * astral characters is read cell by cell into text and cell offsets, and only a line with
 * extended attributes (underline styles and colours, hyperlinks: xterm keeps them out of
 * the cells) has them read into runs (extrasOf).
 */
import type { ArchiveStore, ComplexText } from './archive.js';
import { lineExtendedCells, underlineColourOf, underlineStyleOf, type InnerLine } from '../../render/xterm.js';

const SPACE = 0x20;
/** Scratch for one line's code points (lines are at most this many cells on the fast path). */
const CODES = new Uint16Array(4096);
/** Scratch for a complex line's UTF-16 units (grown for the rare longer one, then kept). */
let UNITS: Uint16Array = new Uint16Array(1024);

/** Cells of `line` kept when it is packed: a row that wraps onto the next keeps them all. */
export function packedCells(line: InnerLine, wrapsOn: boolean): number {
  return wrapsOn ? Math.min(line.length, CODES.length) : usedCells(line);
}

/**
 * Cells of `line` up to its last used one: trailing blanks without a background or an
 * underline-like attribute do not count (0: an empty line).
 */
export function usedCells(line: InnerLine): number {
  const data = line._data;
  let end = Math.min(line.length, CODES.length);
  while (end > 0) {
    const content = data[(end - 1) * 3]!;
    const cp = content & 0x1fffff;
    if ((cp !== 0 && cp !== SPACE) || content & 0x200000) break;
    if (data[(end - 1) * 3 + 2]! & 0x3000000 || data[(end - 1) * 3 + 1]! & 0x4000000) break;
    end--;
  }
  return end;
}

/**
 * The combined characters (base + marks) of the first `end` cells, by cell. xterm keeps
 * their text outside the cells, in a sparse object keyed by cell (with stale keys for
 * cells since overwritten): its keys are visited, not every cell.
 */
export function combinedTexts(line: InnerLine, end: number): Map<number, string> | null {
  let combined: Map<number, string> | null = null;
  const texts = (line as unknown as { _combined?: Record<number, string> })._combined;
  if (!texts) return null;
  const data = line._data;
  for (const key in texts) {
    const x = Number(key);
    if (x < end && data[x * 3]! & 0x200000) (combined ??= new Map()).set(x, texts[x] ?? ' ');
  }
  return combined;
}

/**
 * What the first `end` cells of `line` have beyond their three words, as runs of
 * [col, underline style, underline colour, link] from each cell where it changes (a style
 * of 0 or 1: as the cell's flags say; colour -1: the text's; link as links.ts numbers
 * them, through `linkOf`); null for a line with none of them.
 */
export function extrasOf(line: InnerLine, end: number, linkOf: (urlId: number) => number): Int32Array | null {
  const cells = lineExtendedCells(line, end);
  if (!cells) return null;
  const data = line._data;
  const runs: number[] = [];
  let ps = 0;
  let pu = -1;
  let pl = 0;
  for (let x = 0; x < end; x++) {
    const ext = cells.get(x);
    let s = 0;
    let u = -1;
    let l = 0;
    if (ext) {
      const style = underlineStyleOf(data[x * 3 + 1]!, ext);
      s = style > 1 ? style : 0;
      u = style ? underlineColourOf(ext) : -1;
      l = ext.urlId ? linkOf(ext.urlId) : 0;
    }
    if (s !== ps || u !== pu || l !== pl) {
      runs.push(x, s, u, l);
      ps = s;
      pu = u;
      pl = l;
    }
  }
  return runs.length ? Int32Array.from(runs) : null;
}

/** Pack a line (`end` cells of packed `data` from `base`) into the archive. */
export function packLine(store: ArchiveStore, data: Uint32Array, base: number, end: number, wrapped: boolean, combined?: Map<number, string>, extras?: Int32Array): void {
  for (let x = 0; x < end; x++) {
    const content = data[base + x * 3]!;
    const cp = content & 0x1fffff;
    if (content >>> 22 !== 1 || content & 0x200000 || cp > 0xffff) {
      store.add(data, base, end, CODES, wrapped, complexText(data, base, end, combined), extras);
      return;
    }
    CODES[x] = cp === 0 ? SPACE : cp;
  }
  store.add(data, base, end, CODES, wrapped, undefined, extras);
}

/**
 * The text of a line with wide/combined/astral characters, and where each cell starts:
 * the packed cells read into UTF-16 units; a combined cell's text comes from `combined`.
 */
function complexText(data: Uint32Array, base: number, end: number, combined?: Map<number, string>): ComplexText {
  const cells = new Uint16Array(end + 1);
  let units: Uint16Array = UNITS;
  let len = 0;
  for (let x = 0; x < end; x++) {
    cells[x] = Math.min(len, 0xffff);
    const content = data[base + x * 3]!;
    if (content >>> 22 === 0) continue; // the second half of a wide character
    if (len + 2 > units.length) units = grow(units, len + 2);
    if (content & 0x200000) {
      const chars = combined?.get(x) || ' ';
      if (len + chars.length > units.length) units = grow(units, len + chars.length);
      for (let k = 0; k < chars.length; k++) units[len++] = chars.charCodeAt(k);
      continue;
    }
    const cp = content & 0x1fffff;
    if (cp > 0xffff) {
      units[len++] = 0xd800 + ((cp - 0x10000) >> 10);
      units[len++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    } else units[len++] = cp === 0 ? SPACE : cp;
  }
  cells[end] = Math.min(len, 0xffff);
  let text = '';
  for (let i = 0; i < len; i += 4096) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(len, i + 4096)) as unknown as number[]);
  return { text, cells };
}

function grow(units: Uint16Array, need: number): Uint16Array {
  const next = new Uint16Array(Math.max(need, units.length * 2));
  next.set(units);
  UNITS = next;
  return next;
}
