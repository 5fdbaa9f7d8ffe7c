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
  const term = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
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
  get(i: number): InnerLine | undefined;
  onTrim(cb: (n: number) => void): { dispose(): void };
}

export interface InnerBuffer {
  lines: InnerLines;
}

interface RefreshRange {
  start: number;
  end: number;
}

interface Core {
  writeSync(data: string | Uint8Array): void;
  buffer: { lines: { get(index: number): object | undefined } };
  buffers: { normal: InnerBuffer; active: InnerBuffer };
  _inputHandler: { onRequestRefreshRows(listener: (range: RefreshRange | undefined) => void): { dispose(): void } };
  coreService: { isCursorHidden: boolean };
  coreMouseService?: { activeEncoding?: string };
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

/** DECTCEM: the program hid the cursor. */
export function cursorHidden(term: HeadlessTerminal): boolean {
  return core(term).coreService.isCursorHidden;
}

/** The mouse encoding the program asked for (xterm's name: DEFAULT, SGR, SGR_PIXELS, UTF8, URXVT). */
export function mouseEncoding(term: HeadlessTerminal): string | undefined {
  return core(term).coreMouseService?.activeEncoding;
}
