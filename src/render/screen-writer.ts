/*
 * The ScreenWriter: what one client's terminal shows, and the escape output that turns
 * it into the next composed Grid.
 *
 * It keeps a copy of the shown grid plus the terminal's pen (SGR state), cursor
 * position and cursor visibility, and for each frame emits only the cells that differ,
 * reaching them by the cheapest cursor motion it knows (nothing, reprinting a short
 * unchanged gap, relative moves, CR, or CUP). A changed run of blanks up to the end of a
 * row becomes one EL. After invalidate() or a size change the next frame clears the
 * screen and draws everything that is not blank.
 *
 * A frame is wrapped in synchronized output (DEC mode 2026) and, unless it is tiny,
 * draws with the cursor hidden. The bottom-right cell is written with auto-wrap off, so terminals without
 * xterm's deferred wrap do not scroll. A frame where nothing changed is ''.
 *
 * What the terminal is sent beyond the basics follows its TerminalFeatures: underline
 * styles and colours (SGR 4:n, 58, 59; else single underlines in the text's colour),
 * hyperlinks (OSC 8, each with an id=, as tmux 3.4; else plain text; a link is closed
 * before any erase and at the end of each frame, so nothing else the terminal is sent is
 * ever inside one), and synchronized output.
 *
 * Anything else that writes to the same terminal must call invalidate() afterwards: the
 * writer trusts its model of the pen and cursor between frames.
 */

import { CLUSTER, Grid } from './grid.js';
import { hyperlink } from './links.js';
import { colourFor, type ColourDepth } from './colour-depth.js';
import {
  ALL_FLAGS,
  BLINK,
  BOLD,
  DEFAULT_COLOR,
  DIM,
  INVERSE,
  INVISIBLE,
  ITALIC,
  OVERLINE,
  RGB_FLAG,
  STRIKETHROUGH,
  UNDERLINE,
  USTYLE_MASK,
  underlineStyle,
} from './style.js';

/** Where the client's cursor should end up, and whether it shows. */
export interface CursorState {
  x: number;
  y: number;
  visible: boolean;
}

/** What a client's terminal understands beyond the basics (the terminal-features option). */
export interface TerminalFeatures {
  /** Underline styles (SGR 4:2 … 4:5) and colours (SGR 58, 59). */
  usstyle: boolean;
  /** Hyperlinks (OSC 8). */
  hyperlinks: boolean;
  /** Synchronized output around each frame (the synchronized-output option and the terminal's Sync). */
  sync: boolean;
  /** What begins and ends a synchronized update (Sync 1 and 2), when not DEC mode 2026. */
  syncStart?: string;
  syncEnd?: string;
  /** Underline colours (Setulc), when not whatever usstyle says. */
  ulColour?: boolean;
  /** RGB colours, else the nearest of the palette (default: RGB). */
  rgb?: boolean;
  /** How many palette colours (default 256): fewer, and colours are brought down as tmux's tty_check_fg. */
  colours?: number;
}

/** Every feature: what xterm.js and the terminals of the default terminal-features understand. */
export const ALL_FEATURES: Readonly<TerminalFeatures> = { usstyle: true, hyperlinks: true, sync: true };

/** Two features are the same. */
function sameFeatures(a: Readonly<TerminalFeatures>, b: Readonly<TerminalFeatures>): boolean {
  return a.usstyle === b.usstyle && a.hyperlinks === b.hyperlinks && a.sync === b.sync && a.syncStart === b.syncStart && a.syncEnd === b.syncEnd
    && a.ulColour === b.ulColour && a.rgb === b.rgb && a.colours === b.colours;
}

const SYNC_ON = '\x1b[?2026h';
const SYNC_OFF = '\x1b[?2026l';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR_SCREEN = '\x1b[m\x1b[H\x1b[2J';
const ERASE_TO_EOL = '\x1b[K';
const AUTOWRAP_OFF = '\x1b[?7l';
const AUTOWRAP_ON = '\x1b[?7h';
const SPACE = 0x20;
/**
 * A frame body shorter than this reaches the terminal in one read and is parsed and drawn
 * as a whole, so the cursor cannot be seen visiting the changed cells; hiding and showing
 * it would double the size of the commonest frame, a one-cell change.
 */
const HIDE_CURSOR_FROM = 32;
/** Below this many changed blanks at the end of a row, printing them beats moving + EL. */
const MIN_ERASE_RUN = 4;

/** SGR parameters of each attribute flag but underline (underlineSgr). */
const FLAG_SGR: ReadonlyArray<readonly [number, string]> = [
  [BOLD, '1'],
  [DIM, '2'],
  [ITALIC, '3'],
  [BLINK, '5'],
  [INVERSE, '7'],
  [INVISIBLE, '8'],
  [STRIKETHROUGH, '9'],
  [OVERLINE, '53'],
];

/** Turns successive Grids into the minimal output for one client terminal. */
export class ScreenWriter {
  private shown: Grid;
  private repaint = true;
  private out = '';
  /** Terminal cursor; -1 when unknown (start, or deferred wrap after the last column). */
  private cx = -1;
  private cy = -1;
  private cursorShown: boolean | undefined;
  private penKnown = false;
  private penFg = DEFAULT_COLOR;
  private penBg = DEFAULT_COLOR;
  private penFlags = 0;
  private penUl = DEFAULT_COLOR;
  /** The hyperlink the terminal is inside (0: none). */
  private penLink = 0;
  private features: TerminalFeatures;
  /** The terminal's colours: cells' colours are brought down to them in setPen. */
  private depth: ColourDepth;
  private readonly bold = { value: false };

  constructor(cols: number, rows: number, features: Readonly<TerminalFeatures> = ALL_FEATURES) {
    this.shown = new Grid(cols, rows);
    this.features = { ...features };
    this.depth = depthOf(features);
  }

  /** What the terminal understands; a change repaints everything. */
  setFeatures(features: Readonly<TerminalFeatures>): void {
    if (sameFeatures(this.features, features)) return;
    this.features = { ...features };
    this.depth = depthOf(features);
    this.invalidate();
  }

  get cols(): number {
    return this.shown.cols;
  }

  get rows(): number {
    return this.shown.rows;
  }

  /** Forget what the terminal shows: the next render repaints everything. */
  invalidate(): void {
    this.repaint = true;
    this.penKnown = false;
    this.penLink = 0;
    this.cx = this.cy = -1;
    this.cursorShown = undefined;
  }

  /**
   * The terminal was sent bytes this writer did not make (a pane's passthrough): the
   * cursor, pen and link are unknown, what the screen shows is as it was (tmux's
   * tty_invalidate).
   */
  forgetPen(): void {
    this.penKnown = false;
    this.penLink = 0;
    this.cx = this.cy = -1;
    this.cursorShown = undefined;
  }

  /** The client's terminal changed size; the next render repaints everything. */
  resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows) return;
    this.shown = new Grid(cols, rows);
    this.invalidate();
  }

  /**
   * The output that makes the terminal show `next` with the cursor as given, or '' when it
   * already does. A grid of another size than the writer's is taken as a resize.
   * `changed`: the rows that may differ from the last grid rendered (non-zero), when the
   * caller knows (client/composed-screen.ts); the others are not compared.
   */
  render(next: Grid, cursor: CursorState, changed?: Uint8Array): string {
    if (next.cols !== this.cols || next.rows !== this.rows) this.resize(next.cols, next.rows);
    this.out = '';
    let rows = changed;
    if (this.repaint) {
      this.repaint = false;
      rows = undefined;
      this.out = CLEAR_SCREEN;
      this.shown.clear();
      this.setPenKnown(DEFAULT_COLOR, DEFAULT_COLOR, 0, DEFAULT_COLOR);
      this.cx = this.cy = 0;
    }
    for (let y = 0; y < this.rows; y++) if (!rows || rows[y]) this.diffRow(next, y);
    this.setLink(0);
    const body = this.out;
    const before = this.cursorShown;
    const hideWhileDrawing = body.length >= HIDE_CURSOR_FROM;
    this.out = '';
    if (cursor.visible) {
      this.moveTo(next, clamp(cursor.x, this.cols), clamp(cursor.y, this.rows));
      if (before !== true || hideWhileDrawing) this.out += SHOW_CURSOR;
    }
    const tail = this.out;
    this.out = '';
    this.cursorShown = cursor.visible;
    if (!body) return cursor.visible || before === false ? tail : HIDE_CURSOR;
    const hide = before !== false && (hideWhileDrawing || !cursor.visible);
    const frame = (hide ? HIDE_CURSOR : '') + body + tail;
    const f = this.features;
    return f.sync ? (f.syncStart ?? SYNC_ON) + frame + (f.syncEnd ?? SYNC_OFF) : frame;
  }

  private diffRow(next: Grid, y: number): void {
    const shown = this.shown;
    if (shown.rowEquals(next, y)) return;
    const cols = this.cols;
    const widths = next.widths;
    const base = y * cols;
    let tailStart = -1;
    for (let x = 0; x < cols; ) {
      const i = base + x;
      const w = widths[i];
      if (w === 0 && x > 0 && widths[i - 1] === 2) {
        x++;
        continue;
      }
      const wide = w === 2 && x + 1 < cols;
      if (shown.equalsCell(next, i) && (!wide || shown.equalsCell(next, i + 1))) {
        x += wide ? 2 : 1;
        continue;
      }
      if (tailStart < 0) tailStart = blankTailStart(next, base, cols);
      if (x >= tailStart && this.eraseTail(next, x, y)) return;
      this.moveTo(next, x, y);
      const flags = next.flags[i]!;
      // The pen is usually right already: said without a call (setPen normalises for
      // terminals without underline styles, and says so again).
      if (!this.penKnown || next.fg[i] !== this.penFg || next.bg[i] !== this.penBg || flags !== this.penFlags || (flags & UNDERLINE ? next.ul[i] : DEFAULT_COLOR) !== this.penUl) {
        this.setPen(next.fg[i]!, next.bg[i]!, flags, next.ul[i]!);
      }
      if (next.link[i] !== this.penLink) this.setLink(this.linkOf(next.link[i]!));
      const ch = wide ? next.char(i) : w === 1 ? cellText(next, i) : ' ';
      const end = x + (wide ? 2 : 1);
      if (end >= cols && y === this.rows - 1) this.out += AUTOWRAP_OFF + ch + AUTOWRAP_ON;
      else this.out += ch;
      shown.copyCell(next, i);
      if (wide) shown.copyCell(next, i + 1);
      this.cx = end < cols ? end : -1;
      this.cy = y;
      x = end;
    }
  }

  /** Erase from x to the end of the row with EL if that is worth it; false to draw instead. */
  private eraseTail(next: Grid, x: number, y: number): boolean {
    const shown = this.shown;
    const end = (y + 1) * this.cols;
    let changed = 0;
    for (let i = y * this.cols + x; i < end; i++) if (!shown.equalsCell(next, i)) changed++;
    if (changed < MIN_ERASE_RUN) return false;
    this.moveTo(next, x, y);
    this.setPen(DEFAULT_COLOR, next.bg[end - 1], 0, DEFAULT_COLOR);
    this.setLink(0);
    this.out += ERASE_TO_EOL;
    for (let i = y * this.cols + x; i < end; i++) shown.copyCell(next, i);
    return true;
  }

  private moveTo(next: Grid, x: number, y: number): void {
    const { cx, cy } = this;
    if (cx === x && cy === y) return;
    let best = cup(x, y);
    if (cx >= 0 && cy >= 0) {
      const vertical = y > cy ? csi(y - cy, 'B') : y < cy ? csi(cy - y, 'A') : '';
      let horizontal = x > cx ? csi(x - cx, 'C') : x < cx ? csi(cx - x, 'D') : '';
      if (x < cx && (x === 0 || 1 + csi(x, 'C').length < horizontal.length)) horizontal = '\r' + (x ? csi(x, 'C') : '');
      if (vertical.length + horizontal.length < best.length) best = vertical + horizontal;
      if (y === cy && x > cx && x - cx < best.length) {
        const gap = this.gapText(next, y * this.cols + cx, x - cx);
        if (gap !== undefined) best = gap;
      }
    }
    this.out += best;
    this.cx = x;
    this.cy = y;
  }

  /** The unchanged cells [i, i + n) as plain text, if reprinting them needs no pen change. */
  private gapText(next: Grid, i: number, n: number): string | undefined {
    let s = '';
    for (let end = i + n; i < end; i++) {
      const code = next.codes[i];
      if (code < SPACE || code >= 0x7f || next.widths[i] !== 1) return undefined;
      if (next.fg[i] !== this.penFg || next.bg[i] !== this.penBg || this.flagsOf(next.flags[i]) !== this.penFlags) return undefined;
      if (this.ulOf(next.flags[i], next.ul[i]) !== this.penUl || this.linkOf(next.link[i]) !== this.penLink) return undefined;
      s += String.fromCharCode(code);
    }
    return s;
  }

  /** A cell's flags as this terminal is sent them: without underline styles if it has none. */
  private flagsOf(flags: number): number {
    return this.features.usstyle ? flags : flags & ~USTYLE_MASK;
  }

  /** A cell's underline colour as this terminal is sent it (only an underline has one). */
  private ulOf(flags: number, ul: number): number {
    return this.features.usstyle && (this.features.ulColour ?? true) && flags & UNDERLINE ? ul : DEFAULT_COLOR;
  }

  /** A cell's hyperlink as this terminal is sent it (0: none). */
  private linkOf(link: number): number {
    return link !== 0 && this.features.hyperlinks && hyperlink(link) ? link : 0;
  }

  private setPen(cellFg: number, cellBg: number, cellFlags: number, cellUl: number): void {
    const depth = this.depth;
    let fg = cellFg;
    let bg = cellBg;
    let flags = this.flagsOf(cellFlags);
    if (!depth.rgb || depth.colours < 256) {
      this.bold.value = false;
      fg = colourFor(cellFg, depth, true, this.bold);
      bg = colourFor(cellBg, depth, false, this.bold);
      if (this.bold.value) flags |= BOLD;
    }
    const ul = this.ulOf(cellFlags, cellUl);
    if (this.penKnown && fg === this.penFg && bg === this.penBg && flags === this.penFlags && ul === this.penUl) return;
    const params: string[] = [];
    if (!this.penKnown || (this.penFlags & ALL_FLAGS & ~flags) !== 0) {
      params.push('0');
      this.setPenKnown(DEFAULT_COLOR, DEFAULT_COLOR, 0, DEFAULT_COLOR);
    }
    const added = flags & ~this.penFlags & ALL_FLAGS;
    if (added) for (const [flag, code] of FLAG_SGR) if (added & flag) params.push(code);
    if (flags & UNDERLINE && (added & UNDERLINE || (flags & USTYLE_MASK) !== (this.penFlags & USTYLE_MASK))) params.push(underlineSgr(underlineStyle(flags)));
    if (fg !== this.penFg) params.push(colorSgr(fg, false));
    if (bg !== this.penBg) params.push(colorSgr(bg, true));
    if (ul !== this.penUl) params.push(underlineColorSgr(ul));
    this.out += params.length === 1 && params[0] === '0' ? '\x1b[m' : `\x1b[${params.join(';')}m`;
    this.setPenKnown(fg, bg, flags, ul);
  }

  private setPenKnown(fg: number, bg: number, flags: number, ul: number): void {
    this.penKnown = true;
    this.penFg = fg;
    this.penBg = bg;
    this.penFlags = flags;
    this.penUl = ul;
  }

  /** Enter hyperlink `link` (0: leave the one the terminal is in). */
  private setLink(link: number): void {
    if (link === this.penLink) return;
    const h = hyperlink(link);
    this.out += h ? `\x1b]8;id=ccmux${link};${h.uri}\x1b\\` : '\x1b]8;;\x1b\\';
    this.penLink = h ? link : 0;
  }
}

function depthOf(f: Readonly<TerminalFeatures>): ColourDepth {
  return { rgb: f.rgb ?? true, colours: f.colours ?? 256 };
}

/** The SGR parameter of underline style `style` (1 single … 5 dashed). */
export function underlineSgr(style: number): string {
  return style <= 1 ? '4' : `4:${style}`;
}

/**
 * The SGR parameter setting the underline colour to `c` (-1: the text's, SGR 59), in the
 * colon form of ITU T.416 — a terminal that does not know SGR 58 skips the whole of it,
 * where the semicolon form would read 58;2;r;g;b as five attributes (2 dim, 0 reset…).
 */
export function underlineColorSgr(c: number): string {
  if (c === DEFAULT_COLOR) return '59';
  if (c & RGB_FLAG) return `58:2::${(c >> 16) & 0xff}:${(c >> 8) & 0xff}:${c & 0xff}`;
  return `58:5:${c}`;
}

/** Index in the row of the first cell of the run of plain blanks that ends the row. */
function blankTailStart(next: Grid, base: number, cols: number): number {
  const bg = next.bg[base + cols - 1];
  let x = cols;
  while (x > 0) {
    const i = base + x - 1;
    if (next.codes[i] !== SPACE || next.widths[i] !== 1 || next.fg[i] !== DEFAULT_COLOR) break;
    if (next.flags[i] !== 0 || next.bg[i] !== bg || next.link[i] !== 0) break;
    x--;
  }
  return x;
}

function cellText(grid: Grid, i: number): string {
  const code = grid.codes[i];
  if (code === SPACE) return ' ';
  if (code === CLUSTER || code > 0xffff) return grid.char(i);
  return code === 0 ? ' ' : String.fromCharCode(code);
}

/** SGR parameters selecting colour `c` as the foreground or background. */
export function colorSgr(c: number, background: boolean): string {
  if (c === DEFAULT_COLOR) return background ? '49' : '39';
  if (c & RGB_FLAG) return `${background ? 48 : 38};2;${(c >> 16) & 0xff};${(c >> 8) & 0xff};${c & 0xff}`;
  if (c < 8) return String((background ? 40 : 30) + c);
  if (c < 16) return String((background ? 100 : 90) + c - 8);
  return `${background ? 48 : 38};5;${c}`;
}

function csi(n: number, final: string): string {
  return n === 1 ? `\x1b[${final}` : `\x1b[${n}${final}`;
}

function cup(x: number, y: number): string {
  if (x === 0) return y === 0 ? '\x1b[H' : `\x1b[${y + 1}H`;
  return `\x1b[${y + 1};${x + 1}H`;
}

function clamp(v: number, n: number): number {
  return v < 0 ? 0 : v >= n ? n - 1 : v;
}
