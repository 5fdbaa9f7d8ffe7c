/*
 * A cell's colour as a terminal with fewer colours is sent it, as tmux 3.3a's
 * tty_check_fg / tty_check_bg: an RGB colour to a terminal without RGB becomes the
 * nearest of xterm's 256-colour palette (colour_find_rgb: the nearest of the 6×6×6 cube,
 * on its uneven levels 0, 95, 135, 175, 215, 255, or of the 24 greys, whichever is
 * closer); a 256-palette colour (16–255) to a terminal with fewer than 256 becomes one of
 * the 16 — the nearest of xterm's 16 by RGB distance (tmux uses a table of its own, which
 * differs for some), bright ones (8–15) as the aixterm colours if it has 16, else their
 * dark half; a bright foreground (8–15) to a terminal with fewer than 16 becomes its dark
 * half made bold (tmux's GRID_ATTR_BRIGHT), a bright background its dark half.
 */
import { palette256 } from '../core/format/colour.js';
import { DEFAULT_COLOR, RGB_FLAG } from './style.js';

const CUBE = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

/** The nearest step of the cube for a channel value (the levels are 0, 95, 135, 175, 215, 255). */
function cubeStep(v: number): number {
  if (v < 48) return 0;
  if (v < 114) return 1;
  return Math.floor((v - 35) / 40);
}

function dist(r1: number, g1: number, b1: number, r2: number, g2: number, b2: number): number {
  return (r1 - r2) ** 2 + (g1 - g2) ** 2 + (b1 - b2) ** 2;
}

/** The 256-palette index nearest `rgb` (0xRRGGBB), as tmux's colour_find_rgb. */
export function nearest256(rgb: number): number {
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  const [qr, qg, qb] = [cubeStep(r), cubeStep(g), cubeStep(b)];
  const [cr, cg, cb] = [CUBE[qr]!, CUBE[qg]!, CUBE[qb]!];
  const cube = 16 + 36 * qr + 6 * qg + qb;
  if (cr === r && cg === g && cb === b) return cube;
  const avg = Math.floor((r + g + b) / 3);
  const greyIdx = avg > 238 ? 23 : Math.floor((avg - 3) / 10);
  const grey = 8 + 10 * greyIdx;
  return dist(grey, grey, grey, r, g, b) < dist(cr, cg, cb, r, g, b) ? 232 + greyIdx : cube;
}

const TO16: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let n = 0; n < 256; n++) {
    const c = palette256(n);
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < 16; k++) {
      const p = palette256(k);
      const d = dist((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
      if (d < bestD) [best, bestD] = [k, d];
    }
    t[n] = best;
  }
  return t;
})();

/** What a terminal draws: RGB or not, and how many palette colours. */
export interface ColourDepth {
  rgb: boolean;
  colours: number;
}

/**
 * Colour `c` (a cell's: DEFAULT_COLOR, 0–255, or RGB_FLAG | rgb) as a terminal of `depth`
 * is sent it; `bold` is set when a foreground is to be drawn bold in its place.
 */
export function colourFor(c: number, depth: ColourDepth, foreground: boolean, bold: { value: boolean }): number {
  if (c === DEFAULT_COLOR) return c;
  if (c & RGB_FLAG) {
    if (depth.rgb) return c;
    c = nearest256(c & 0xffffff);
  }
  if (c >= 16) {
    if (depth.colours >= 256) return c;
    c = TO16[c]!;
    return c >= 8 ? (depth.colours >= 16 ? c : c - 8) : c;
  }
  if (c >= 8 && depth.colours < 16) {
    if (foreground) bold.value = true;
    return c - 8;
  }
  return c;
}
