/*
 * Reading a pane's text back out (capture-pane, copy mode's copy): lines addressed as
 * tmux does — 0 is the first visible line, negative numbers reach into the history
 * (archived and live alike, see history.ts) — as plain text, or with SGR escapes for
 * colours and attributes (-e), wrapped lines joined (-J), trailing blanks trimmed unless
 * kept (-N). Each line is painted into a one-row Grid, so both history tiers and the
 * alternate screen go through the same code.
 *
 * The escapes are written as tmux 3.3a's grid_string_cells_code writes them: from one cell
 * to the next only what changed — the attributes newly set (after a 0 when any was
 * removed), then the foreground, background and underline colour that differ (all three
 * again after a 0) — with the pen carried from line to line and never reset at a line's
 * end; an underline style as 4:n. A hyperlink is OSC 8 with the program's own id (tmux 3.4;
 * 3.3a drops links), closed where it ends and at the end of the line. Trailing blanks go as
 * tmux trims them: the spaces at the end of the text, escapes before them kept.
 */
import { Grid } from '../render/grid.js';
import { hyperlink } from '../render/links.js';
import { BLINK, BOLD, DIM, INVERSE, INVISIBLE, ITALIC, OVERLINE, RGB_FLAG, STRIKETHROUGH, UNDERLINE, underlineStyle } from '../render/style.js';
import { paintLine, paintTerminal } from '../render/paint-terminal.js';
import type { Pane } from './pane.js';

export interface CaptureOptions {
  join?: boolean;
  escapes?: boolean;
  trailing?: boolean;
  /** -C: a backslash doubled, and the escapes' ESC as \033, so the text holds no control character. */
  escapeC0?: boolean;
  /** -a: the normal screen kept behind the alternate one (its rows only, as tmux's saved grid). */
  saved?: boolean;
}

/** tmux's attribute codes in its order (grid_string_cells_code); 42…45 are the underline styles 4:2…4:5. */
const ATTR_CODES: Array<[number, number]> = [[BOLD, 1], [DIM, 2], [ITALIC, 3], [BLINK, 5], [INVERSE, 7], [INVISIBLE, 8], [STRIKETHROUGH, 9], [OVERLINE, 53]];

/** The pen a capture writes with, carried from cell to cell and line to line (tmux's lastgc). */
export interface CapturePen {
  flags: number;
  fg: number;
  bg: number;
  ul: number;
}

/** tmux's grid_default_cell: where every capture starts. */
export function capturePen(): CapturePen {
  return { flags: 0, fg: -1, bg: -1, ul: -1 };
}

/** tmux's order of attribute codes; 42…45 are the underline styles 4:2…4:5. */
const ORDER = [1, 2, 3, 4, 5, 7, 8, 9, 42, 43, 44, 45, 53];

/** The attribute codes of a cell's flags, in tmux's order. */
function attrCodes(flags: number): number[] {
  const codes: number[] = [];
  for (const [bit, code] of ATTR_CODES) if (flags & bit) codes.push(code);
  if (flags & UNDERLINE) {
    const style = underlineStyle(flags);
    codes.push(style <= 1 ? 4 : 40 + style);
  }
  return codes.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

/** A colour's SGR parameters as tmux's grid_string_cells_fg/_bg/_us give them (`base` 30, 40 or 58). */
function colourCodes(c: number, base: 30 | 40 | 58): number[] {
  const extended = base === 58 ? 58 : base + 8;
  if (c === -1) return base === 58 ? [] : [base + 9];
  if (c & RGB_FLAG) return [extended, 2, (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff];
  if (base !== 58 && c < 8) return [base + c];
  if (base !== 58 && c < 16) return [base + 60 + c - 8];
  return [extended, 5, c & 0xff];
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What moves the pen from `last` to the style of cell `x` of `g` (tmux's grid_string_cells_code); `last` becomes it. */
function penEscape(g: Grid, x: number, last: CapturePen): string {
  const flags = g.flags[x]!;
  const cell = { flags, fg: g.fg[x]!, bg: g.bg[x]!, ul: flags & UNDERLINE ? g.ul[x]! : -1 };
  const now = attrCodes(cell.flags);
  let before = attrCodes(last.flags);
  const s: number[] = [];
  // Any attribute removed (or the underline colour), and the codes begin with 0.
  if (before.some((c) => !now.includes(c)) || (last.ul !== -1 && cell.ul === -1)) {
    s.push(0);
    before = [];
  }
  for (const c of now) if (!before.includes(c)) s.push(c);
  // 42…45 are 4:2…4:5; overline is 53 (tmux 3.3a writes it 5:3, which reads back as blink).
  let out = s.length ? `\x1b[${s.map((c) => (c >= 42 && c <= 45 ? `4:${c % 10}` : String(c))).join(';')}m` : '';
  const reset = s[0] === 0;
  for (const [n, o] of [
    [colourCodes(cell.fg, 30), colourCodes(last.fg, 30)],
    [colourCodes(cell.bg, 40), colourCodes(last.bg, 40)],
    [colourCodes(cell.ul, 58), colourCodes(last.ul, 58)],
  ] as const) {
    if (n.length && (!same(n, o) || reset)) out += `\x1b[${n.join(';')}m`;
  }
  Object.assign(last, cell);
  return out;
}

/** OSC 8 opening hyperlink `n` (closing, for 0 or a link no longer known). */
function linkEscape(n: number): string {
  const h = hyperlink(n);
  return h ? `\x1b]8;${h.id ? `id=${h.id}` : ''};${h.uri}\x1b\\` : '\x1b]8;;\x1b\\';
}

/**
 * Row 0 of a grid as text (with SGR escapes when asked, from `pen`, which it leaves as
 * the line ends), trailing blanks trimmed unless `keep`: all of them as plain text, and
 * with escapes the spaces at the end of the text, the escapes before them kept (tmux's
 * trim: a coloured line end is lost, its escape not).
 */
export function gridRowText(g: Grid, escapes: boolean, keep: boolean, escapeC0 = false, pen: CapturePen = capturePen()): string {
  const text = gridRowTextRaw(g, escapes, keep, pen);
  if (!escapeC0) return text;
  return text.replace(/[\\\x00-\x1f]/g, (c) => (c === '\\' ? '\\\\' : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`));
}

function gridRowTextRaw(g: Grid, escapes: boolean, keep: boolean, pen: CapturePen): string {
  let end = g.cols;
  // Plain text: every trailing blank goes. With escapes, the cells no program styled go first
  // (tmux never had them: past a line's cellused), then the spaces after the last escape.
  const untouched = (i: number) => g.char(i) === ' ' && (!escapes || (g.fg[i] === -1 && g.bg[i] === -1 && g.flags[i] === 0));
  if (!keep) while (end > 0 && untouched(end - 1)) end--;
  let out = '';
  let link = 0;
  for (let x = 0; x < end; x++) {
    const ch = g.char(x);
    if (ch === '') continue;
    if (escapes) {
      out += penEscape(g, x, pen);
      const l = hyperlink(g.link[x]!) ? g.link[x]! : 0;
      if (l !== link) {
        out += linkEscape(l);
        link = l;
      }
    }
    out += ch;
  }
  if (escapes && !keep) out = out.replace(/ +$/, '');
  if (link) out += linkEscape(0);
  return out;
}

/** Lines start..end (inclusive, tmux numbering) as text, each ending in "\n". */
export function captureLines(pane: Pane, start: number, end: number, o: CaptureOptions = {}): string {
  const range = captureRange(pane, start, end);
  return range ? lineTexts(pane, range.alt, range.first, range.last, range.last, o) : '';
}

/** Lines a capture can produce between two turns of the event loop. */
export const CAPTURE_CHUNK_LINES = 2000;

/**
 * Like captureLines, for any size: the text goes to `emit` CAPTURE_CHUNK_LINES lines at
 * a time, and between chunks `pause` is awaited (the peer's buffer drains, other clients
 * are served), so a 700,000-line history neither freezes the server nor makes one huge
 * message (issue 13.10). Lines are followed by their absolute number (history.evicted +
 * index), so output arriving meanwhile shifts nothing: the capture is of the lines that
 * existed when it began, minus any the history limit dropped before they were reached.
 * Only archived lines are taken in chunks: those never change. The lines still in
 * xterm's buffer (the screen and the last ~160 above it) are rewrapped by a resize, so a
 * pause among them could cut a wrapped line in two or take a line twice; they go in one
 * last step, as they are at that moment (the capture's end counted from the screen then).
 */
export async function captureChunked(
  pane: Pane,
  start: number,
  end: number,
  o: CaptureOptions,
  emit: (text: string) => void,
  pause: () => Promise<void>,
  alive: () => boolean = () => true,
): Promise<void> {
  const range = captureRange(pane, start, end, o.saved);
  if (!range) return;
  // The escapes' pen goes on from chunk to chunk, as from line to line.
  const pen = capturePen();
  if (o.saved) {
    emit(savedTexts(pane, range.first, range.last, o));
    return;
  }
  if (range.alt) {
    emit(lineTexts(pane, true, range.first, range.last, range.last, o));
    return;
  }
  const base = pane.history.evicted;
  let lastAbs = base + range.last;
  let abs = base + range.first;
  while (abs <= lastAbs && alive()) {
    const evicted = pane.history.evicted;
    abs = Math.max(abs, evicted); // lines dropped while we waited are gone
    if (abs > lastAbs) break;
    const upTo = Math.min(lastAbs, abs + CAPTURE_CHUNK_LINES - 1);
    // The line after a chunk decides whether its last line is joined (-J): both archived, or no pause here.
    const liveFrom = evicted + pane.history.archivedLength();
    if (upTo + 1 >= liveFrom) {
      if (lastAbs >= liveFrom) {
        // The end as the normal buffer has it now (even if the program has since switched to the alternate screen).
        lastAbs = evicted + Math.min(pane.history.length() - 1, pane.history.historySize() + end);
      }
      if (abs <= lastAbs) emit(lineTexts(pane, false, abs - evicted, lastAbs - evicted, lastAbs - evicted, o, pen));
      return;
    }
    emit(lineTexts(pane, false, abs - evicted, upTo - evicted, lastAbs - evicted, o, pen));
    abs = upTo + 1;
    await pause();
  }
}

function captureRange(pane: Pane, start: number, end: number, saved = false): { alt: boolean; first: number; last: number } | undefined {
  const term = pane.term;
  const alt = term.buffer.active !== term.buffer.normal;
  if (saved) {
    // The normal screen's rows under the alternate screen, numbered from 0 (no history, as tmux's saved grid).
    if (!alt) return undefined;
    const clamp = (n: number) => Math.max(0, Math.min(term.rows - 1, n));
    const [a, b] = [clamp(start), clamp(end)].sort((x, y) => x - y) as [number, number];
    return { alt: false, first: a, last: b };
  }
  const hist = alt ? 0 : pane.history.historySize();
  const total = alt ? term.rows : pane.history.length();
  const first = Math.max(0, hist + start);
  const last = Math.min(total - 1, hist + end);
  return first <= last ? { alt, first, last } : undefined;
}

/** Rows first..last of the normal screen while the alternate one is shown (capture-pane -a), as text. */
function savedTexts(pane: Pane, first: number, last: number, o: CaptureOptions, pen = capturePen()): string {
  const term = pane.term;
  const normal = term.buffer.normal;
  const row = new Grid(term.cols, 1);
  const cell = normal.getNullCell();
  let out = '';
  for (let r = first; r <= last; r++) {
    row.clear();
    const line = normal.getLine(normal.baseY + r);
    paintLine(row, 0, 0, line, term.cols, term.cols, cell, term);
    const joined = o.join === true && r < last && normal.getLine(normal.baseY + r + 1)?.isWrapped === true;
    out += gridRowText(row, o.escapes === true, o.trailing === true || joined, o.escapeC0 === true, pen) + (joined ? '' : '\n');
  }
  return out;
}

/**
 * Lines first..last as text; `end` is the capture's last line (a wrapped line is joined up
 * to it). An archived line keeps the width it was printed at (the pane may be narrower or
 * wider now): it is painted whole, and when joined to the next its trailing blanks count
 * up to that width only.
 */
function lineTexts(pane: Pane, alt: boolean, first: number, last: number, end: number, o: CaptureOptions, pen = capturePen()): string {
  const term = pane.term;
  const grids = new Map<number, Grid>();
  let out = '';
  for (let i = first; i <= last; i++) {
    const nextWrapped = !alt && i < end && pane.history.line(i + 1)?.wrapped === true;
    const joined = o.join === true && nextWrapped;
    const width = alt ? term.cols : pane.history.width(i);
    const cols = joined ? width : Math.max(term.cols, width);
    let row = grids.get(cols);
    if (!row) grids.set(cols, (row = new Grid(cols, 1)));
    row.clear();
    if (alt) paintTerminal(row, term, { x: 0, y: 0, cols: term.cols, rows: 1 }, term.buffer.active.viewportY + i);
    else pane.history.paintLine(row, i, 0, 0, cols);
    out += gridRowText(row, o.escapes === true, o.trailing === true || joined, o.escapeC0 === true, pen) + (joined ? '' : '\n');
  }
  return out;
}
