/*
 * A pane's program's own palette, as tmux 3.3a keeps it (input.c's OSC 4 and 104,
 * colour.c's colour_palette): `OSC 4 ; N ; spec ; N ; spec …` sets entry N (0–255) to a
 * colour (`rgb:rr/gg/bb`, `rgb:rrrr/gggg/bbbb`, `#rrggbb`, `#rrrrggggbbbb`, `r,g,b`,
 * `cmyk:c/m/y/k`, `cmy:c/m/y`, an X11 name); `? ` as the spec asks for the entry, answered
 * `OSC 4 ; N ; rgb:rrrr/gggg/bbbb` when the pane has one; `OSC 104 ; N ; …` takes entries
 * back, `OSC 104` alone (and RIS) all of them. A bad index ends the list, a bad colour is
 * skipped. Cells in palette colour N are then drawn in it, before pane-colours' entry N
 * (the canvas merges the two: render/pane-canvas.ts), once per change, never per frame.
 */
import type { HeadlessTerminal } from '../render/xterm.js';
import { NO_ENTRY } from '../render/pane-canvas.js';
import { RGB_FLAG } from '../render/style.js';
import { palette256 } from '../core/format/colour.js';
import { x11Colour } from '../core/format/colour-names.js';

/** The RGB value (0xRRGGBB) of an OSC 4 colour spec, as tmux's input_osc_parse_colour; undefined for none. */
export function parseOscColour(spec: string): number | undefined {
  const hex = (s: string) => parseInt(s, 16);
  const join = (r: number, g: number, b: number) => ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff);
  let m = /^rgb:([0-9a-f]{1,2})\/([0-9a-f]{1,2})\/([0-9a-f]{1,2})$/i.exec(spec);
  if (m && spec.length === 12) return join(hex(m[1]!), hex(m[2]!), hex(m[3]!));
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(spec);
  if (m) return join(hex(m[1]!), hex(m[2]!), hex(m[3]!));
  m = /^\s*(-?\d+),\s*(-?\d+),\s*(-?\d+)/.exec(spec);
  if (m) return join(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^rgb:([0-9a-f]{4})\/([0-9a-f]{4})\/([0-9a-f]{4})$/i.exec(spec) ?? /^#([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})$/i.exec(spec);
  if (m) return join(hex(m[1]!) >> 8, hex(m[2]!) >> 8, hex(m[3]!) >> 8);
  const cmyk = /^cmyk:([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(spec) ?? /^cmy:([^/]+)\/([^/]+)\/([^/]+)$/.exec(spec);
  if (cmyk) {
    const [c, my, y, k] = [cmyk[1], cmyk[2], cmyk[3], cmyk[4] ?? '0'].map(Number) as [number, number, number, number];
    if ([c, my, y, k].every((v) => v >= 0 && v <= 1)) return join(Math.trunc((1 - c) * (1 - k) * 255), Math.trunc((1 - my) * (1 - k) * 255), Math.trunc((1 - y) * (1 - k) * 255));
    return undefined;
  }
  return x11Colour(spec.trim());
}

/** A grid colour (0–255 or RGB_FLAG | rgb) as 0xRRGGBB. */
function rgbOf(c: number): number {
  return c & RGB_FLAG ? c & 0xffffff : palette256(c);
}

/** What a program set with OSC 4: 256 entries (NO_ENTRY: none), or null when it set none. */
export class ProgramPalette {
  entries: Int32Array | null = null;

  /**
   * Follow `term`'s output: `changed` is told the entries after each change, `colourOf` gives
   * the colour entry N is drawn in (the program's, else pane-colours', else NO_ENTRY) for a
   * query, whose answer goes to `reply`. Returns the handlers, to dispose.
   */
  watch(term: HeadlessTerminal, changed: (entries: Int32Array | null) => void, colourOf: (n: number) => number, reply: (data: string) => void): Array<{ dispose(): void }> {
    return [
      term.parser.registerOscHandler(4, (data) => {
        if (this.set(data, colourOf, reply)) changed(this.entries);
        return true;
      }),
      term.parser.registerOscHandler(104, (data) => {
        if (this.reset(data)) changed(this.entries);
        return true;
      }),
      term.parser.registerEscHandler({ final: 'c' }, () => {
        if (this.entries) {
          this.entries = null;
          changed(null);
        }
        return false;
      }),
    ];
  }

  /** OSC 4's pairs applied; whether an entry was set. */
  set(data: string, colourOf: (n: number) => number, reply: (data: string) => void): boolean {
    const parts = data.split(';');
    let changed = false;
    for (let i = 0; i < parts.length && parts[i] !== ''; i += 2) {
      const n = /^\d+$/.test(parts[i]!) ? Number(parts[i]) : -1;
      if (n < 0 || n > 255 || i + 1 >= parts.length) break;
      const spec = parts[i + 1]!;
      if (spec === '?') {
        const c = colourOf(n);
        if (c !== NO_ENTRY) reply(`\x1b]4;${n};${rgbReply(rgbOf(c))}\x07`);
        continue;
      }
      const rgb = parseOscColour(spec);
      if (rgb === undefined) continue;
      this.entries ??= new Int32Array(256).fill(NO_ENTRY);
      this.entries[n] = RGB_FLAG | rgb;
      changed = true;
    }
    return changed;
  }

  /** OSC 104: the entries listed (all, with none) taken back; whether any was. */
  reset(data: string): boolean {
    if (!this.entries) return false;
    if (data === '') {
      this.entries = null;
      return true;
    }
    let changed = false;
    for (const item of data.split(';')) {
      if (item === '') continue;
      const n = /^\d+$/.test(item) ? Number(item) : -1;
      if (n < 0 || n > 255) break;
      if (this.entries[n] !== NO_ENTRY) changed = true;
      this.entries[n] = NO_ENTRY;
    }
    return changed;
  }
}

/** `rgb:rrrr/gggg/bbbb`, each byte doubled, as xterm (and tmux) answer a colour query. */
function rgbReply(rgb: number): string {
  const h = (v: number) => (v & 0xff).toString(16).padStart(2, '0').repeat(2);
  return `rgb:${h(rgb >> 16)}/${h(rgb >> 8)}/${h(rgb)}`;
}
