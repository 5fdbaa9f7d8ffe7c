/*
 * The vocabulary every renderer file shares: how a cell's colours and attributes are
 * encoded (the same numbers the Grid stores and the ScreenWriter turns into SGR), the
 * `Style` a caller paints with, and the `Segment` of styled text that status lines,
 * border titles and overlays are built from.
 *
 *   colour   -1 = terminal default, 0..255 = palette index, RGB_FLAG | 0xRRGGBB = truecolor
 *   flags    bitmask of the SGR attributes below
 */

/** The terminal's default colour (SGR 39 / 49). */
export const DEFAULT_COLOR = -1;
/** Set on a colour to mark the low 24 bits as 0xRRGGBB rather than a palette index. */
export const RGB_FLAG = 0x1000000;

export const BOLD = 1 << 0;
export const DIM = 1 << 1;
export const ITALIC = 1 << 2;
export const UNDERLINE = 1 << 3;
export const BLINK = 1 << 4;
export const INVERSE = 1 << 5;
export const INVISIBLE = 1 << 6;
export const STRIKETHROUGH = 1 << 7;
export const OVERLINE = 1 << 8;
/** Every attribute flag at once. */
export const ALL_FLAGS = (1 << 9) - 1;

/** Colours and attributes to paint with; a missing field means default colour / no flags. */
export interface Style {
  fg?: number;
  bg?: number;
  flags?: number;
}

/** A run of text with an optional style layered over the style of whatever it is drawn in. */
export interface Segment {
  text: string;
  style?: Style;
}

/** A rectangle of cells; x and y are zero-based columns and rows. */
export interface Rect {
  x: number;
  y: number;
  cols: number;
  rows: number;
}

/** Encode a truecolor value. */
export function rgb(r: number, g: number, b: number): number {
  return RGB_FLAG | ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff);
}

/** `top` drawn over `base`: each field `top` sets replaces the one in `base`. */
export function mergeStyle(base: Style, top: Style | undefined): Style {
  if (!top) return base;
  return {
    fg: top.fg ?? base.fg,
    bg: top.bg ?? base.bg,
    flags: top.flags ?? base.flags,
  };
}
