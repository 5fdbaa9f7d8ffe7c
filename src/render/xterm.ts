/*
 * The one place ccmux touches @xterm/headless's internals. Everything else uses xterm's
 * public API, or these functions; test/unit/xterm-contract.test.ts checks every internal
 * used here against the installed xterm, so an upgrade that moves one fails that test
 * instead of breaking panes at run time.
 *
 *   _core.writeSync                    parse output now (the public write() is async)
 *   _core._inputHandler.onRequestRefreshRows
 *                                      the rows a parse changed (PaneCanvas repaints those)
 *   _core.buffer.lines.get(i)          line identity per screen row (PaneCanvas)
 *   _core.buffers.normal/.active       the normal buffer's lines, their packed cells
 *   lines.onTrim, line._data/isWrapped (PaneHistory archives lines as they scroll away)
 *   _core._inputHandler.cursorPosition/eraseInDisplay
 *                                      DECCOLM as tmux does it: cursor home, clear the screen
 *   _core.buffer.x/y/ybase             the cursor kept on its character when a resize
 *                                      rewraps its line (xterm only clamps it)
 *   lines.pop(), buffer.ydisp          the screen's bottom rows dropped and history
 *                                      lines brought back onto it (resize-pane -T)
 *   _core.coreService.isCursorHidden   DECTCEM (compose draws the cursor or not)
 *   _core.coreMouseService.activeEncoding
 *                                      the mouse encoding a program asked for
 *   cell fg/bg words                   colours and attributes decoded in one go
 *                                      (wordColour, wordFlags: painting, the archive)
 *   cell.extended._ext/.urlId, line._extendedAttrs
 *                                      a cell's underline style and colour and its
 *                                      hyperlink, which IBufferCell does not expose
 *   _core._oscLinkService.getLinkData  a hyperlink's URI and id (OSC 8)
 *   _core.buffer.scrollTop/scrollBottom/tabs
 *                                      the scroll region and tab stops (#{scroll_region_*},
 *                                      #{pane_tabs})
 */
import xterm, { type IBufferCell } from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';

const { Terminal } = xterm;

export type HeadlessTerminal = InstanceType<typeof Terminal>;

/** Create a headless terminal the way every pane (and every test's outer terminal) needs it. */
export function createTerminal(cols: number, rows: number, scrollback: number): HeadlessTerminal {
  // reflowCursorLine: a narrower terminal rewraps the line being printed too, as tmux
  // does, instead of cutting off what does not fit (a resize during output lost text).
  const term = new Terminal({ cols, rows, scrollback, allowProposedApi: true, reflowCursorLine: true });
  term.loadAddon(new u11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  return term;
}

/** xterm's own line: packed cells, 3 words each. */
export interface InnerLine {
  _data: Uint32Array;
  length: number;
  isWrapped: boolean;
}

export interface InnerLines {
  length: number;
  /** Line i, 0 ≤ i < length (past the end xterm's ring wraps around: it is not undefined). */
  get(i: number): InnerLine | undefined;
  onTrim(cb: (n: number) => void): { dispose(): void };
}

export interface InnerBuffer {
  lines: InnerLines;
  scrollTop: number;
  scrollBottom: number;
  tabs: Record<number, boolean | undefined>;
  x: number;
  y: number;
  ybase: number;
}

interface RefreshRange {
  start: number;
  end: number;
}

interface Core {
  writeSync(data: string | Uint8Array): void;
  buffer: InnerBuffer;
  buffers: { normal: InnerBuffer; active: InnerBuffer };
  _inputHandler: {
    onRequestRefreshRows(listener: (range: RefreshRange | undefined) => void): { dispose(): void };
    cursorPosition(params: ParserParams): boolean;
    eraseInDisplay(params: ParserParams): boolean;
  };
  coreService: { isCursorHidden: boolean };
  coreMouseService?: { activeEncoding?: string };
  _oscLinkService: { getLinkData(id: number): { uri: string; id?: string } | undefined };
}

/** The part of xterm's parsed parameters (IParams) its handlers read. */
interface ParserParams {
  params: number[];
  length: number;
}

function core(term: HeadlessTerminal): Core {
  return (term as unknown as { _core: Core })._core;
}

/** Parse `data` now, synchronously (what the pane needs to keep frames and history exact). */
export function writeSync(term: HeadlessTerminal, data: string | Uint8Array): void {
  core(term).writeSync(data);
}

/** Rows a parse changed (undefined: all of them), as xterm's own renderers learn them. */
export function onRowsChanged(term: HeadlessTerminal, cb: (range: RefreshRange | undefined) => void): { dispose(): void } {
  return core(term)._inputHandler.onRequestRefreshRows(cb);
}

/** The active buffer's line objects by absolute index (identity tells a moved line). */
export function activeLines(term: HeadlessTerminal): { get(index: number): object | undefined } {
  return core(term).buffer.lines;
}

/** The normal buffer's lines, with their packed cells. */
export function normalBuffer(term: HeadlessTerminal): InnerBuffer {
  return core(term).buffers.normal;
}

/**
 * Drop the normal screen's bottom `n` rows and bring the newest `n` history lines back
 * onto its top, the cursor moving down with its line (tmux's grid_remove_history, for
 * resize-pane -T). The caller makes sure there are `n` history lines and `n` rows below
 * the cursor; the rows to repaint are all of them.
 */
export function dropBottomRows(term: HeadlessTerminal, n: number): void {
  const b = core(term).buffers.normal as InnerBuffer & { ydisp: number; lines: { pop(): unknown } };
  for (let i = 0; i < n; i++) b.lines.pop();
  b.ybase -= n;
  b.ydisp = Math.min(b.ydisp, b.ybase);
  b.y += n;
}

/** Whether the normal buffer is the active one (the alternate screen has no history). */
export function normalIsActive(term: HeadlessTerminal): boolean {
  const c = core(term);
  return c.buffers.active === c.buffers.normal;
}

/**
 * Move the cursor home and erase the screen, as `ESC [ H ESC [ 2 J` would, from inside a
 * parser handler (what tmux does for DECCOLM, which xterm otherwise ignores).
 */
export function homeAndEraseScreen(term: HeadlessTerminal): void {
  const handler = core(term)._inputHandler;
  handler.cursorPosition({ params: [1, 1], length: 2 });
  handler.eraseInDisplay({ params: [2], length: 1 });
}

/**
 * Where the cursor is in its line of text, for resize(): the rows that line wraps over
 * (from the last row that is not a continuation) and the cells before the cursor in them.
 * Undefined on the alternate screen (it does not rewrap), at the start of a row, or past
 * the line's text.
 */
export function cursorInText(term: HeadlessTerminal): { offset: number } | undefined {
  const c = core(term);
  const b = c.buffers.normal;
  // At the start of a row (after a carriage return) it stays at the start of a row.
  if (c.buffer !== b || b.x === 0) return undefined;
  let row = b.ybase + b.y;
  const offset = b.x;
  let start = row;
  while (start > 0 && b.lines.get(start)?.isWrapped) start--;
  const cols = term.cols;
  // The text of the rows after the cursor's, if they continue it. (get() past the end
  // wraps around xterm's ring: never ask for it.)
  while (row + 1 < b.lines.length && b.lines.get(row + 1)!.isWrapped) row++;
  const used = (row - start) * cols + lineEnd(b.lines.get(row));
  const at = (b.ybase + b.y - start) * cols + offset;
  return at > 0 && at <= used ? { offset: at } : undefined;
}

/** Put the cursor back on its character after a resize rewrapped its line (see cursorInText). */
export function placeCursorInText(term: HeadlessTerminal, at: { offset: number }): void {
  const b = core(term).buffers.normal;
  let start = b.ybase + b.y;
  while (start > 0 && b.lines.get(start)?.isWrapped) start--;
  const cols = term.cols;
  // Just past a full row, x is the width: xterm's "the next character wraps".
  const row = start + Math.floor((at.offset - 1) / cols);
  const y = row - b.ybase;
  if (y < 0 || y >= term.rows) return;
  b.y = y;
  b.x = at.offset - (row - start) * cols;
}

/** Cells of a line up to its last non-blank one. */
function lineEnd(line: InnerLine | undefined): number {
  if (!line) return 0;
  let end = line.length;
  while (end > 0 && (line._data[(end - 1) * 3]! & 0x1fffff) === 0) end--;
  return end;
}

/** DECTCEM: the program hid the cursor. */
export function cursorHidden(term: HeadlessTerminal): boolean {
  return core(term).coreService.isCursorHidden;
}

/** The scroll region (DECSTBM) of the active screen: its first and last rows, from 0. */
export function scrollRegion(term: HeadlessTerminal): { top: number; bottom: number } {
  const b = core(term).buffer;
  return { top: b.scrollTop, bottom: b.scrollBottom };
}

/** The tab stops of the active screen, left to right (column 0 excepted: xterm sets one there, tmux never does). */
export function tabStops(term: HeadlessTerminal): number[] {
  const tabs = core(term).buffer.tabs;
  const stops: number[] = [];
  for (let x = 1; x < term.cols; x++) if (tabs[x]) stops.push(x);
  return stops;
}

/** The mouse encoding the program asked for (xterm's name: DEFAULT, SGR, SGR_PIXELS, UTF8, URXVT). */
export function mouseEncoding(term: HeadlessTerminal): string | undefined {
  return core(term).coreMouseService?.activeEncoding;
}

// ---- Extended attributes: underline style and colour, hyperlinks -------------------------
//
// xterm keeps them out of a cell's three words, in an object a cell points to when its bg
// word has HAS_EXTENDED: `_ext` holds the underline style (bits 26-28) and colour (colour
// mode bits 24-25, then 24 bits as fg and bg have them), `urlId` the hyperlink. Read raw:
// xterm's own getters report every hyperlinked cell as dashed-underlined (how its browser
// renderer draws links), and IBufferCell.isUnderline() with them.

const FG_UNDERLINE = 0x10000000;
const BG_HAS_EXTENDED = 0x10000000;
const CM_MASK = 0x3000000;
const CM_RGB = 0x3000000;
/** What SGR 59 leaves as the underline colour: xterm stores -1 into 26 bits. */
const EXT_COLOUR_RESET = 0x3ffffff;

/** The extended attributes of a cell, as xterm keeps them. */
export interface ExtendedAttrs {
  _ext: number;
  urlId: number;
}

interface InnerCell {
  fg: number;
  bg: number;
  extended: ExtendedAttrs;
}

/** The extended attributes of a cell read through an IBufferCell, or undefined if it has none. */
export function cellExtended(cell: IBufferCell): ExtendedAttrs | undefined {
  const c = cell as unknown as InnerCell;
  return c.bg & BG_HAS_EXTENDED ? c.extended : undefined;
}

/**
 * The extended attributes of cell `x` of a line (packed words and all), or undefined.
 * A line keeps them by cell, with stale entries for cells since overwritten: the cell's
 * HAS_EXTENDED bit says whether its entry counts.
 */
export function lineCellExtended(line: InnerLine, x: number): ExtendedAttrs | undefined {
  if (!(line._data[x * 3 + 2]! & BG_HAS_EXTENDED)) return undefined;
  return (line as unknown as { _extendedAttrs?: Record<number, ExtendedAttrs | undefined> })._extendedAttrs?.[x];
}

/** Cells of `line` (of the first `end`) that have extended attributes, by index; null if none. */
export function lineExtendedCells(line: InnerLine, end: number): Map<number, ExtendedAttrs> | null {
  const all = (line as unknown as { _extendedAttrs?: Record<number, ExtendedAttrs | undefined> })._extendedAttrs;
  if (!all) return null;
  let out: Map<number, ExtendedAttrs> | null = null;
  for (const key in all) {
    const x = Number(key);
    const ext = x < end ? lineCellExtended(line, x) : undefined;
    if (ext) (out ??= new Map()).set(x, ext);
  }
  return out;
}

/**
 * Underline style of a cell from its fg word and extended attributes: 0 none, 1 single,
 * 2 double, 3 curly, 4 dotted, 5 dashed.
 */
export function underlineStyleOf(fg: number, ext: ExtendedAttrs | undefined): number {
  if (!(fg & FG_UNDERLINE)) return 0;
  const style = ext ? (ext._ext >>> 26) & 7 : 1;
  return style >= 1 && style <= 5 ? style : 1;
}

/**
 * Underline colour from extended attributes, as style.ts encodes colours (-1: the text's).
 * xterm stores SGR 59 as all ones, which is also SGR 58;2;255;255;255: both read as -1.
 */
export function underlineColourOf(ext: ExtendedAttrs | undefined): number {
  if (!ext) return -1;
  const c = ext._ext & (CM_MASK | 0xffffff);
  const mode = c & CM_MASK;
  if (mode === 0 || c === EXT_COLOUR_RESET) return -1;
  return mode === CM_RGB ? 0x1000000 | (c & 0xffffff) : c & 0xff;
}

/** The fg word of a cell read through an IBufferCell. */
export function cellFgWord(cell: IBufferCell): number {
  return (cell as unknown as InnerCell).fg;
}

/** The bg word of a cell read through an IBufferCell. */
export function cellBgWord(cell: IBufferCell): number {
  return (cell as unknown as InnerCell).bg;
}

/**
 * A colour from a cell's fg or bg word, as style.ts encodes colours: the colour mode in
 * bits 24-25 (0 default, 1 16 colours, 2 256, 3 RGB), the colour below. (The history
 * archive and paint-terminal both read cells this way: one pass, no method calls.)
 */
export function wordColour(word: number): number {
  switch ((word >>> 24) & 3) {
    case 0: return -1;
    case 3: return 0x1000000 | (word & 0xffffff);
    default: return word & 0xff;
  }
}

/**
 * style.ts attribute flags from a cell's fg and bg words: fg bits 26-31 inverse, bold,
 * underline, blink, invisible, strikethrough; bg bits 26, 27, 30 italic, dim, overline.
 * Underline is the SGR bit (single); its style is underlineStyleOf's.
 */
export function wordFlags(fg: number, bg: number): number {
  let f = 0;
  if (fg & 0x08000000) f |= 1; // BOLD
  if (bg & 0x08000000) f |= 2; // DIM
  if (bg & 0x04000000) f |= 4; // ITALIC
  if (fg & FG_UNDERLINE) f |= 8; // UNDERLINE
  if (fg & 0x20000000) f |= 16; // BLINK
  if (fg & 0x04000000) f |= 32; // INVERSE
  if (fg & 0x40000000) f |= 64; // INVISIBLE
  if (fg & 0x80000000) f |= 128; // STRIKETHROUGH
  if (bg & 0x40000000) f |= 256; // OVERLINE
  return f;
}

/** Whether a bg word says its cell has extended attributes. */
export function hasExtended(bg: number): boolean {
  return (bg & BG_HAS_EXTENDED) !== 0;
}

/** A hyperlink of `term` by xterm's number for it (ExtendedAttrs.urlId): its URI and id= parameter. */
export function linkData(term: HeadlessTerminal, urlId: number): { uri: string; id?: string } | undefined {
  return urlId ? core(term)._oscLinkService.getLinkData(urlId) : undefined;
}
