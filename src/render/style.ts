/*
 * The vocabulary every renderer file shares: how a cell's colours and attributes are
 * encoded (the same numbers the Grid stores and the ScreenWriter turns into SGR), the
 * `Style` a caller paints with, and the `Segment` of styled text that status lines,
 * border titles and overlays are built from.
 *
 *   colour   -1 = terminal default, 0..255 = palette index, RGB_FLAG | 0xRRGGBB = truecolor
 *   flags    bitmask of the SGR attributes below; an underline other than single (SGR
 *            4:2 … 4:5, 21) also has its style in the bits of USTYLE_MASK
 *   ul       the underline colour (SGR 58/59), a colour as above: -1 = the text's
 *   link     a hyperlink (OSC 8) as numbered in links.ts, 0 = none
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
/** Every attribute flag at once (the underline style bits not included). */
export const ALL_FLAGS = (1 << 9) - 1;

/** Underline styles (SGR 4:n); in the flags, 0 stands for single. */
export const UNDERLINE_SINGLE = 1;
export const UNDERLINE_DOUBLE = 2;
export const UNDERLINE_CURLY = 3;
export const UNDERLINE_DOTTED = 4;
export const UNDERLINE_DASHED = 5;
const USTYLE_SHIFT = 9;
/** Where the flags keep the underline style of a cell underlined otherwise than single. */
export const USTYLE_MASK = 7 << USTYLE_SHIFT;

/** The underline style of `flags`: 0 (none), 1 (single) … 5 (dashed). */
export function underlineStyle(flags: number): number {
  if (!(flags & UNDERLINE)) return 0;
  return (flags & USTYLE_MASK) >> USTYLE_SHIFT || UNDERLINE_SINGLE;
}

/** `flags` underlined in `style` (0: not underlined). */
export function withUnderline(flags: number, style: number): number {
  flags &= ~(UNDERLINE | USTYLE_MASK);
  if (style <= 0) return flags;
  return flags | UNDERLINE | (style > UNDERLINE_SINGLE && style <= UNDERLINE_DASHED ? style << USTYLE_SHIFT : 0);
}

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
