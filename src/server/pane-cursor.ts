/*
 * The cursor's style and colour: what a pane's program asked for, and what the outer
 * terminal is told, as tmux 3.3a's tty_update_cursor. A program sets its style with
 * DECSCUSR (`CSI n SP q`, 0 default, 1/2 blinking/steady block, 3/4 underline, 5/6 bar)
 * and its colour with OSC 12 (OSC 112 takes it back); RIS forgets both. Where it has set
 * none, the pane's cursor-style and cursor-colour options say (tmux's screen default_cstyle
 * and default_ccolour). The client sends DECSCUSR and OSC 12 / 112 to its terminal when what
 * the active pane wants changes, and puts both back when it leaves.
 */
import type { HeadlessTerminal } from '../render/xterm.js';
import { colourRgb } from '../core/format/colour.js';
import type { TermOutput } from '../core/term-description.js';

/** cursor-style's values, in DECSCUSR's order (tmux's options_table_cursor_style_list). */
export const CURSOR_STYLES = ['default', 'blinking-block', 'block', 'blinking-underline', 'underline', 'blinking-bar', 'bar'] as const;

/** What a pane's program set: a DECSCUSR number (0: none) and an OSC 12 colour (undefined: none). */
export class PaneCursor {
  style = 0;
  colour: string | undefined;

  /** Follow `term`'s output (handlers that let xterm go on with the sequence); returns them, to dispose. */
  watch(term: HeadlessTerminal): Array<{ dispose(): void }> {
    return [
      term.parser.registerCsiHandler({ intermediates: ' ', final: 'q' }, (params) => {
        const n = params.length === 0 ? 0 : Number(params[0]);
        if (n >= 0 && n <= 6) this.style = n;
        return false;
      }),
      term.parser.registerOscHandler(12, (data) => {
        const spec = data.split(';')[0]!;
        if (spec !== '?' && spec !== '') this.colour = spec.slice(0, 64);
        return false;
      }),
      term.parser.registerOscHandler(112, () => {
        this.colour = undefined;
        return false;
      }),
      term.parser.registerEscHandler({ final: 'c' }, () => {
        this.style = 0;
        this.colour = undefined;
        return false;
      }),
    ];
  }
}

/** What the terminal's cursor should be: a DECSCUSR number (0: the terminal's own) and a colour ('' : the terminal's own). */
export interface CursorLook {
  style: number;
  colour: string;
}

/** The look of a pane's cursor: the program's, else its options' (cursor-style, cursor-colour: `default` for none). */
export function cursorLook(program: PaneCursor | undefined, optionStyle: string, optionColour: string): CursorLook {
  const style = program && program.style !== 0 ? program.style : Math.max(0, CURSOR_STYLES.indexOf(optionStyle as (typeof CURSOR_STYLES)[number]));
  return { style, colour: rgbText(program?.colour ?? optionColour) };
}

/** How a terminal is told its cursor's style and colour (its Ss/Se and Cs/Cr: term-description.ts). */
export type CursorCaps = Pick<TermOutput, 'cursorStyle' | 'cursorStyleReset' | 'cursorColour' | 'cursorColourReset'>;

/**
 * The escapes that take a terminal's cursor from `from` to `to` ('' when nothing changes),
 * with its capabilities: Ss with the style or Se for its own, Cs with the colour or Cr.
 * A terminal without them is sent nothing for them, as tmux's tty_update_cursor.
 */
export function cursorEscapes(from: CursorLook, to: CursorLook, caps: CursorCaps): string {
  let out = '';
  if (from.style !== to.style) out += to.style === 0 ? caps.cursorStyleReset : caps.cursorStyle(to.style);
  if (from.colour !== to.colour) out += to.colour === '' ? caps.cursorColourReset : caps.cursorColour(to.colour);
  return out;
}

/**
 * A colour as tmux sends it in OSC 12 (colour_force_rgb, then `rgb:rr/gg/bb`): an option's
 * colour or a program's spec (`#rrggbb`, `rgb:r/g/b` of 1 to 4 hex digits each, X11 names);
 * '' for default or what is not a colour.
 */
function rgbText(spec: string): string {
  let rgb = colourRgb(spec);
  const m = /^rgb:([0-9a-f]{1,4})\/([0-9a-f]{1,4})\/([0-9a-f]{1,4})$/i.exec(spec);
  if (m) {
    const byte = (h: string) => Math.round((parseInt(h, 16) * 255) / (16 ** h.length - 1));
    rgb = (byte(m[1]!) << 16) | (byte(m[2]!) << 8) | byte(m[3]!);
  }
  if (rgb === undefined) return '';
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return `rgb:${hex((rgb >> 16) & 0xff)}/${hex((rgb >> 8) & 0xff)}/${hex(rgb & 0xff)}`;
}
