/*
 * `#{c:COLOUR}`: a colour as tmux reads it (colour_fromstring) made RGB
 * (colour_force_rgb) and printed as `rrggbb`: `#rrggbb`, `colourN`/`colorN`, the eight
 * names and their `bright` forms (or 0-7, 90-97), and X11 names. `default`, `terminal`
 * and anything else give nothing.
 */
import { x11Colour } from './colour-names.js';

const BASIC = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const SIXTEEN = [0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xc0c0c0, 0x808080, 0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff];
const CUBE = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

/** The RGB value of entry `n` of the 256-colour palette (xterm's). */
export function palette256(n: number): number {
  if (n < 16) return SIXTEEN[n]!;
  if (n >= 232) {
    const g = 8 + 10 * (n - 232);
    return (g << 16) | (g << 8) | g;
  }
  const c = n - 16;
  return (CUBE[Math.floor(c / 36)]! << 16) | (CUBE[Math.floor(c / 6) % 6]! << 8) | CUBE[c % 6]!;
}

/** The RGB value tmux gives a colour string, or undefined (not a colour, or default/terminal). */
export function colourRgb(s: string): number | undefined {
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return parseInt(s.slice(1), 16);
  const n = /^colou?r(.*)$/i.exec(s);
  if (n) {
    const m = /^[ \t]*\+?(\d+)$/.exec(n[1]!);
    const v = m ? Number(m[1]) : NaN;
    return v >= 0 && v <= 255 ? palette256(v) : undefined;
  }
  const lower = s.toLowerCase();
  const basic = BASIC.indexOf(lower);
  if (basic >= 0) return palette256(basic);
  if (/^[0-7]$/.test(s)) return palette256(Number(s));
  const bright = lower.startsWith('bright') ? BASIC.indexOf(lower.slice(6)) : -1;
  if (bright >= 0) return palette256(8 + bright);
  if (/^9[0-7]$/.test(s)) return palette256(8 + Number(s) - 90);
  if (lower === 'default' || lower === 'terminal') return undefined;
  return x11Colour(s);
}

/** What `#{c:…}` shows: `rrggbb`, or nothing. */
export function colourHex(s: string): string {
  const c = colourRgb(s);
  return c === undefined ? '' : c.toString(16).padStart(6, '0');
}
