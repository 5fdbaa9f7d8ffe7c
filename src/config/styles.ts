/*
 * Style and colour strings as tmux 3.3a reads them: "fg=green,bg=#112233,bold", colour
 * names, colourN, #rrggbb, 0–7 and 90–97, X11 names, default and terminal. Pure.
 *
 *   colour   -1 default, 0..255 palette index, COLOUR_RGB | 0xrrggbb for "#rrggbb"
 *   flags    the ATTR_* bits below (the same numbers src/render/style.ts uses)
 */
import { didYouMean } from './suggest.js';
import { x11Colour } from '../core/format/colour-names.js';

export const ATTR_BOLD = 1;
export const ATTR_DIM = 2;
export const ATTR_ITALIC = 4;
export const ATTR_UNDERLINE = 8;
export const ATTR_BLINK = 16;
export const ATTR_INVERSE = 32;
export const ATTR_INVISIBLE = 64;
export const ATTR_STRIKETHROUGH = 128;
export const ATTR_OVERLINE = 256;

/** The terminal's default colour. */
export const COLOUR_DEFAULT = -1;
/** Marks a colour's low 24 bits as 0xrrggbb rather than a palette index. */
export const COLOUR_RGB = 0x1000000;

/** A parsed style; fg and bg are absent when the style does not mention them. */
export interface ParsedStyle {
  fg?: number;
  bg?: number;
  flags: number;
}

/** A style string that does not parse; the message names the bad part. */
export class StyleError extends Error {}

const ATTRIBUTES: Record<string, number> = {
  bold: ATTR_BOLD,
  bright: ATTR_BOLD,
  dim: ATTR_DIM,
  italic: ATTR_ITALIC,
  italics: ATTR_ITALIC,
  underline: ATTR_UNDERLINE,
  underscore: ATTR_UNDERLINE,
  blink: ATTR_BLINK,
  inverse: ATTR_INVERSE,
  reverse: ATTR_INVERSE,
  invisible: ATTR_INVISIBLE,
  hidden: ATTR_INVISIBLE,
  strikethrough: ATTR_STRIKETHROUGH,
  overline: ATTR_OVERLINE,
};

const BASIC_COLOURS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const COLOUR_NAMES = ['default', ...BASIC_COLOURS, ...BASIC_COLOURS.map((c) => `bright${c}`)];

/**
 * Parses a colour as tmux's colour_fromstring: a name, "brightred", "colour123" / "color123",
 * "#rrggbb", "default" or "terminal" (the terminal's own colour: drawn as default), 0–7 and
 * 90–97 (the basic and bright colours by number), or an X11 name ("orange", "DarkSlateGray4").
 */
export function parseColour(text: string): number {
  const name = text.toLowerCase();
  if (name === 'default' || name === 'terminal') return COLOUR_DEFAULT;
  const basic = BASIC_COLOURS.indexOf(name);
  if (basic >= 0) return basic;
  if (/^[0-7]$/.test(name)) return Number(name);
  if (/^9[0-7]$/.test(name)) return 8 + Number(name) - 90;
  if (name.startsWith('bright') && BASIC_COLOURS.includes(name.slice(6))) return 8 + BASIC_COLOURS.indexOf(name.slice(6));
  const indexed = /^colou?r(\d+)$/.exec(name);
  if (indexed) {
    const n = Number(indexed[1]);
    if (n > 255) throw new StyleError(`${text} is out of range (colour0 to colour255)`);
    return n;
  }
  if (/^#[0-9a-f]{6}$/.test(name)) return COLOUR_RGB | parseInt(name.slice(1), 16);
  const x11 = x11Colour(name);
  if (x11 !== undefined) return COLOUR_RGB | x11;
  throw new StyleError(`unknown colour "${text}"${didYouMean(name, COLOUR_NAMES)}`);
}

/** A parsed colour as tmux's colour_tostring prints it (a palette colour above 7 as `colourN`: ccmux keeps brightred and colour9 alike). */
export function colourName(c: number): string {
  if (c === COLOUR_DEFAULT) return 'default';
  if (c & COLOUR_RGB) return `#${(c & 0xffffff).toString(16).padStart(6, '0')}`;
  return c < 8 ? BASIC_COLOURS[c]! : `colour${c}`;
}

/** A valid colour as tmux prints it back (colour_tostring): lower case, `color5` as `colour5`. */
export function colourText(text: string): string {
  const name = text.toLowerCase();
  const indexed = /^colou?r(\d+)$/.exec(name);
  return indexed ? `colour${Number(indexed[1])}` : name;
}

/**
 * Parses a tmux-style style string: comma- or space-separated `fg=colour`, `bg=colour`,
 * attributes (bold dim italic underline blink inverse/reverse invisible strikethrough overline),
 * `noATTR` to clear one, `none` to clear all attributes and `default` to reset everything.
 * Throws StyleError.
 */
/** tmux's style words that place text rather than colour it (style.c). */
const LAYOUT_WORDS = new Set(['ignore', 'noignore', 'push-default', 'pop-default', 'nolist', 'norange', 'noalign']);

export function parseStyle(text: string): ParsedStyle {
  const style: ParsedStyle = { flags: 0 };
  for (const token of text.split(/[\s,]+/).filter((t) => t !== '')) {
    const lower = token.toLowerCase();
    const eq = lower.indexOf('=');
    if (eq >= 0) {
      const which = lower.slice(0, eq);
      const value = lower.slice(eq + 1);
      // tmux's layout directives (style.c): accepted and checked as tmux checks them; they
      // place status-line text, which ccmux's drawing does itself (a message is not centred).
      if (which === 'fill') parseColour(token.slice(eq + 1));
      else if (which === 'align' && ['left', 'centre', 'right', 'absolute-centre'].includes(value)) continue;
      else if (which === 'list' && ['on', 'focus', 'left-marker', 'right-marker'].includes(value)) continue;
      else if (which === 'range' && /^(left|right|window\|\d+)$/.test(value)) continue;
      if (which === 'fill') continue;
      if (which !== 'fg' && which !== 'bg') throw new StyleError(`unknown style "${token}" (expected fg= or bg=)`);
      style[which] = parseColour(token.slice(eq + 1));
    } else if (LAYOUT_WORDS.has(lower)) {
      continue;
    } else if (lower === 'default') {
      style.fg = COLOUR_DEFAULT;
      style.bg = COLOUR_DEFAULT;
      style.flags = 0;
    } else if (lower === 'none') {
      style.flags = 0;
    } else if (Object.hasOwn(ATTRIBUTES, lower)) {
      style.flags |= ATTRIBUTES[lower];
    } else if (lower.startsWith('no') && Object.hasOwn(ATTRIBUTES, lower.slice(2))) {
      style.flags &= ~ATTRIBUTES[lower.slice(2)];
    } else {
      throw new StyleError(`unknown style "${token}"${didYouMean(lower, Object.keys(ATTRIBUTES))}`);
    }
  }
  return style;
}

/**
 * A pane's default colours from its window-style and, for the active pane, its
 * window-active-style where that sets a colour, as tmux's tty_default_colours: only the
 * colours count.
 */
export function defaultColours(plain: ParsedStyle, active: ParsedStyle | undefined): { fg: number; bg: number } {
  let fg = plain.fg ?? COLOUR_DEFAULT;
  let bg = plain.bg ?? COLOUR_DEFAULT;
  if (active?.fg !== undefined && active.fg !== COLOUR_DEFAULT) fg = active.fg;
  if (active?.bg !== undefined && active.bg !== COLOUR_DEFAULT) bg = active.bg;
  return { fg, bg };
}
