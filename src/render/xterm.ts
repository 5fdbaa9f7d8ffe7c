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
 *   _core.coreService.isCursorHidden   DECTCEM (compose draws the cursor or not)
 *   _core.coreMouseService.activeEncoding
 *                                      the mouse encoding a program asked for
 */
import xterm from '@xterm/headless';
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

/** The mouse encoding the program asked for (xterm's name: DEFAULT, SGR, SGR_PIXELS, UTF8, URXVT). */
export function mouseEncoding(term: HeadlessTerminal): string | undefined {
  return core(term).coreMouseService?.activeEncoding;
}
