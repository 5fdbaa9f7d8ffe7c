/*
 * Composing what one client sees into its Grid: the current window's panes (live, or at
 * their copy-mode scroll position), the borders between them with the active pane's
 * marked, the status line (session, window list, right-hand format), and on top
 * whatever is open: a message, a prompt, a list, a copy-mode position indicator.
 * Returns where the cursor goes. Pure over the model, the client's own view state (mode,
 * message) and the frame's reuse record; the ScreenWriter does the diff.
 */
import { COLOUR_DEFAULT, parseColour } from '../../config/option-values.js';
import { paintMessageLine } from './status-message.js';
import { paintFormatLine, type StatusRange } from './status-format.js';
import type { StatusLayout } from './key-dispatch.js';
import { statusLines } from '../../config/status-lines.js';
import { findOption } from '../../config/options-table.js';
import { paneColours } from './pane-style.js';
import { paintWindowBorders } from './pane-borders.js';
import { paintClock } from '../../render/clock.js';
import { paintStatusLine, segmentsWidth } from '../../render/status-line.js';
import { listOffset, sideSegments, styleOf, windowEntries } from './window-list.js';
import { segmentsOver } from './status-segments.js';
import type { CursorState } from '../../render/screen-writer.js';
import { Grid } from '../../render/grid.js';
import type { Rect, Segment, Style } from '../../render/style.js';
import type { Pane } from '../pane.js';
import type { Window } from '../window.js';
import type { CopyStyles } from '../copy/mode.js';
import { expandFor } from '../format-vars.js';
import type { FrameReuse } from '../reuse.js';
import { cursorHidden } from '../../render/xterm.js';
import type { Server } from '../server.js';
import type { AttachedClient, ClientMode } from './handle.js';
import { viewRect, type WindowView } from './window-view.js';

/** What composing a client's screen reads of the client (Client is one). */
export interface ComposeClient extends AttachedClient {
  readonly server: Server;
  readonly mode: ClientMode | null;
  /** `styled`: its #[…] directives apply (display-message's, as tmux); other messages show as they are. */
  readonly message: { text: string; styled?: boolean } | null;
  /** status-left and status-right as last expanded, for reuse (reuse.ts). */
  statusText: Partial<Record<'left' | 'right', { key: string; text: string; runs: Segment[]; at: number }>>;
  /** Where each status line row drew what a click names (key-dispatch.ts's StatusLayout). */
  statusLayouts: Array<StatusLayout | null>;
}

/** An option's style at the client's session, window and pane, parsed once per distinct string. */
export function optionStyle(c: ComposeClient, name: string): Style {
  return styleOf(c.server, name, c.at);
}

/** mode-style and the copy-mode-*-style options of a pane's window (copy/mode.ts draws with them). */
function copyStyles(c: ComposeClient, window: Window, pane: Pane): CopyStyles {
  const at = { ...c.at, window, pane };
  return { mode: styleOf(c.server, 'mode-style', at), match: styleOf(c.server, 'copy-mode-match-style', at), current: styleOf(c.server, 'copy-mode-current-match-style', at), mark: styleOf(c.server, 'copy-mode-mark-style', at) };
}

/** A colour option's value at the client's level (validated when set; `fallback` if it somehow is not). */
function optionColour(c: ComposeClient, name: string, fallback = COLOUR_DEFAULT): number {
  try {
    return parseColour(String(c.server.options.get(name, c.at)));
  } catch {
    return fallback;
  }
}

/** clock-mode-colour as a colour (blue, its default, if it somehow is not valid). */
function clockColour(c: ComposeClient): number {
  return optionColour(c, 'clock-mode-colour', 4);
}

/**
 * Compose the client's screen into `grid`; `frame` says which values the frame may reuse
 * and records those it did (reuse.ts). Returns where the cursor goes.
 */
export function composeClient(c: ComposeClient, grid: Grid, frame: FrameReuse): CursorState {
  const s = c.session!;
  const w = s.current;
  const { statusOn, statusTop, lines, area } = paneArea(c, grid);
  grid.clear();

  const rects = w.rects();
  const view = viewOf(c, area);
  let cursor: CursorState = { x: 0, y: 0, visible: false };
  for (const [id, r] of rects) {
    const pane = w.panes.get(id);
    if (!pane) continue;
    const rect = paneRect(r, area, view);
    if (!rect) continue;
    const mode = pane.copyMode;
    const clock = pane.clockMode;
    if (clock) paintWhole(grid, r, rect, (g, at) => paintClock(g, at, clock.text(), clockColour(c)));
    else if (mode) paintWhole(grid, r, rect, (g, at) => mode.paint(g, at, copyStyles(c, w, pane)));
    else grid.blit(pane.canvas.update(), rect.sx, rect.sy, rect.x, rect.y, rect.cols, rect.rows);
    const colours = paneColours(c.server, s, w, pane);
    grid.defaultColours(rect, colours.fg, colours.bg);
    if (id === w.active) cursor = clock ? { x: rect.x, y: rect.y, visible: false } : mode ? shownCursor(mode.cursor(whole(r, rect)), rect) : paneCursor(pane, rect);
  }
  paintWindowBorders(c.server, grid, s, w, area, rects, view);

  if (statusOn) {
    const y0 = statusTop ? 0 : grid.rows - lines;
    paintStatus(c, grid, frame, y0);
    // A prompt or a list's line goes on the status line's last row, as tmux's.
    const y = y0 + lines - 1;
    if (c.mode) {
      const mc = c.mode.paint(grid, { area, statusY: y, style: (name) => optionStyle(c, name) }, c);
      if (mc) cursor = mc;
    }
  } else if (c.mode) {
    const mc = c.mode.paint(grid, { area, statusY: grid.rows - 1, style: (name) => optionStyle(c, name) }, c);
    if (mc) cursor = mc;
  }
  return cursor;
}

/** Where panes go on a client's screen: the grid less the status line's `lines` rows, at the top or bottom. */
export function paneArea(c: ComposeClient, grid: Grid): { statusOn: boolean; statusTop: boolean; lines: number; area: Rect } {
  const { options } = c.server;
  const lines = Math.min(statusLines(options, c.at), Math.max(0, grid.rows - 1));
  const statusOn = lines > 0;
  const statusTop = options.get('status-position', c.at) === 'top';
  const area = { x: 0, y: statusOn && statusTop ? lines : 0, cols: grid.cols, rows: Math.max(0, grid.rows - lines) };
  return { statusOn, statusTop, lines, area };
}

/** A pane's part shown on the screen: where (`x`, `y`, `cols`, `rows`), and the pane's first cell shown (`sx`, `sy`). */
export type ShownRect = Rect & { sx: number; sy: number };

/**
 * The part of its window the client shows (window-view.ts); a client that does not say
 * (a test's) shows the window from its top-left corner, cut to the area.
 */
export function viewOf(c: ComposeClient, area: Rect): WindowView {
  return c.windowView?.() ?? { x: 0, y: 0, cols: area.cols, rows: area.rows, bigger: false };
}

/** The part of a pane's layout rectangle `r` that shows through `view`, placed in `area` and clipped to it; null when nothing of it shows. */
export function paneRect(r: Rect, area: Rect, view: WindowView): ShownRect | null {
  const v = viewRect(r, { ...view, cols: Math.min(view.cols, area.cols), rows: Math.min(view.rows, area.rows) });
  return v ? { ...v, x: area.x + v.x, y: area.y + v.y } : null;
}

/** The whole pane of layout rectangle `r` placed where `rect` (its part shown) is: its top-left corner may be off the screen. */
function whole(r: Rect, rect: ShownRect): Rect {
  return { x: rect.x - rect.sx, y: rect.y - rect.sy, cols: r.cols, rows: r.rows };
}

/**
 * Paint a pane drawn whole by `paint` (clock mode, copy mode) where its part `rect` shows:
 * directly when all of it shows, else into a pane-sized scratch grid cut to that part.
 */
function paintWhole(grid: Grid, r: Rect, rect: ShownRect, paint: (g: Grid, at: Rect) => void): void {
  if (rect.sx === 0 && rect.sy === 0 && rect.cols === r.cols && rect.rows === r.rows) {
    paint(grid, rect);
    return;
  }
  const scratch = new Grid(r.cols, r.rows);
  paint(scratch, { x: 0, y: 0, cols: r.cols, rows: r.rows });
  grid.blit(scratch, rect.sx, rect.sy, rect.x, rect.y, rect.cols, rect.rows);
}

/** A cursor worked out for the whole pane, hidden when outside its part shown. */
function shownCursor(cur: CursorState, rect: Rect): CursorState {
  const inside = cur.x >= rect.x && cur.x < rect.x + rect.cols && cur.y >= rect.y && cur.y < rect.y + rect.rows;
  return inside ? cur : { ...cur, visible: false };
}

/** The cursor of a pane (not in copy mode) whose part `rect` shows. */
export function paneCursor(pane: Pane, rect: ShownRect): CursorState {
  const buf = pane.term.buffer.active;
  const hidden = cursorHidden(pane.term);
  const x = buf.cursorX - rect.sx;
  const y = buf.cursorY - rect.sy;
  return { x: rect.x + x, y: rect.y + y, visible: !hidden && x >= 0 && y >= 0 && x < rect.cols && y < rect.rows };
}

/**
 * Where the active pane's cursor is in its window (the copy-mode cursor in copy mode),
 * for the view to follow; null when it is hidden (clock mode, DECTCEM off).
 */
export function windowCursor(w: Window): { x: number; y: number } | null {
  const pane = w.activePane;
  const r = w.rects().get(pane.id);
  if (!r || pane.clockMode) return null;
  if (pane.copyMode) {
    const cur = pane.copyMode.cursor(r);
    return { x: cur.x, y: cur.y };
  }
  if (cursorHidden(pane.term)) return null;
  const buf = pane.term.buffer.active;
  return { x: r.x + buf.cursorX, y: r.y + buf.cursorY };
}

/** tmux's default status-format[0], which today's line (paintFirstLine) draws. */
const FIRST_FORMAT = (findOption('status-format')!.default as string[])[0];

/**
 * Paint the status line's rows from row `y0` (as many as `status` says): each from its
 * status-format item — the first, while it is tmux's default, as status-left, the window
 * list and status-right (paintFirstLine) — and a message, if there is one, over the last.
 */
export function paintStatus(c: ComposeClient, grid: Grid, frame: FrameReuse, y0: number): void {
  const s = c.session!;
  const w = s.current;
  const lines = Math.max(1, Math.min(statusLines(c.server.options, c.at), grid.rows - 1));
  const formats = c.server.options.get('status-format', c.at) as string[];
  // What a click on each row names: tmux's default first line's parts, else a format's #[range=…]s.
  c.statusLayouts = [];
  for (let i = 0; i < lines; i++) {
    const y = y0 + i;
    if (c.message && i === lines - 1) {
      paintMessageLine(grid, y, c.message.text, optionStyle(c, 'message-style'), c.message.styled === true);
      c.statusLayouts[i] = null;
    } else if (i === 0 && formats[0] === FIRST_FORMAT) c.statusLayouts[i] = paintFirstLine(c, grid, frame, y);
    else c.statusLayouts[i] = layoutOfRanges(paintFormatLine(grid, y, expandFor(c.server, formats[i] ?? '', { session: s, window: w, pane: w.activePane }, true), statusStyle(c)));
  }
}

/** A format line's ranges as what a click there names. */
function layoutOfRanges(ranges: StatusRange[]): StatusLayout | null {
  if (ranges.length === 0) return null;
  const layout: StatusLayout = { windows: [], left: [], right: [] };
  for (const r of ranges) {
    if (r.kind === 'window') layout.windows.push({ index: r.index, x: r.x, cols: r.cols });
    else layout[r.kind].push({ x: r.x, cols: r.cols });
  }
  return layout;
}

/** The status line's first row as tmux's default status-format[0] draws it: status-left, the window list, status-right; where each went. */
function paintFirstLine(c: ComposeClient, grid: Grid, frame: FrameReuse, y: number): StatusLayout {
  const s = c.session!;
  const w = s.current;
  const { options } = c.server;
  const style = statusStyle(c);
  // #[fg=…] directives in the expanded text style what follows (tmux themes use them).
  const leftRuns = statusRuns(c, 'left', frame);
  const rightRuns = statusRuns(c, 'right', frame);
  const leftCols = segmentsWidth(leftRuns);
  const rightCols = segmentsWidth(rightRuns);
  const left: Segment[] = [...leftRuns];
  // Each window's entry (window-list.ts); those that must stay in sight when the list
  // overflows: the current one, and any that needs the user (a bell, a Claude alert or question).
  const entries = windowEntries(c.server, s, w, frame);
  const separator = segmentsOver(expandFor(c.server, String(options.get('window-status-separator', c.at)), { session: s, window: w }), {});
  const sepCols = segmentsWidth(separator);
  const shown = fitWindowList(entries, entries.findIndex((e) => e.win === w), grid.cols - leftCols - rightCols - 1, sepCols);
  const listCols = shown.reduce((n, item, i) => n + (i > 0 ? sepCols : 0) + (item === '<' || item === '>' ? 1 : item.cols), 0);
  const pad = listOffset(String(options.get('status-justify', c.at)), grid.cols, leftCols, rightCols, listCols);
  if (pad > 0) left.push({ text: ' '.repeat(pad) });
  let x = leftCols + pad;
  const hits: Array<{ index: number; x: number; cols: number }> = [];
  shown.forEach((item, i) => {
    if (i > 0) {
      left.push(...separator);
      x += sepCols;
    }
    if (item === '<' || item === '>') {
      left.push({ text: item });
      x += 1;
      return;
    }
    hits.push({ index: s.indexOf(item.win), x, cols: item.cols });
    left.push(...item.segs);
    x += item.cols;
  });
  const right: Segment[] = rightRuns;
  const drawn = paintStatusLine(grid, y, left, right, style);
  // Where a click is StatusLeft, a window (Status) or StatusRight (the ranges of tmux's default status-format).
  return { windows: hits, left: [{ x: 0, cols: Math.min(leftCols, drawn.leftCols) }], right: [{ x: drawn.rightX, cols: grid.cols - drawn.rightX }] };
}

/** status-style with status-fg and status-bg over it when they are not default, as tmux 3.3a's status_redraw. */
export function statusStyle(c: ComposeClient): Style {
  const style = optionStyle(c, 'status-style');
  const fg = optionColour(c, 'status-fg');
  const bg = optionColour(c, 'status-bg');
  if (fg === COLOUR_DEFAULT && bg === COLOUR_DEFAULT) return style;
  return { ...style, ...(fg !== COLOUR_DEFAULT ? { fg } : {}), ...(bg !== COLOUR_DEFAULT ? { bg } : {}) };
}

/** The client's view of a window bigger than it, for the reuse key (window_offset_x and _y). */
function viewKey(c: ComposeClient): string {
  const v = c.windowView?.();
  return v?.bigger ? `${v.x},${v.y}` : '';
}

/**
 * status-left or status-right expanded and split at its #[…] styles, reused for a moment (reuse.ts) while the format, session,
 * window, active pane and its title, and the part of a bigger window shown stay the same (see reuse.ts).
 */
function statusRuns(c: ComposeClient, side: 'left' | 'right', frame: FrameReuse): Segment[] {
  const s = c.session!;
  const w = s.current;
  const pane = w.activePane;
  const format = c.server.options.get(side === 'left' ? 'status-left' : 'status-right', c.at) as string;
  const key = `${format}\0${String(c.server.options.get(`status-${side}-length`, c.at))}\0${String(c.server.options.get(`status-${side}-style`, c.at))}\0${s.name}\0${w.id}\0${s.indexOf(w)}\0${w.nameIn(frame)}\0${pane.id}\0${pane.title ?? ''}\0${viewKey(c)}`;
  const now = performance.now();
  const hit = c.statusText[side];
  if (hit && hit.key === key && frame.reusable(hit.at, now)) {
    frame.reused(hit.at);
    return hit.runs;
  }
  const text = expandFor(c.server, format, { session: s, window: w, pane, client: c, jobTag: c.server.jobTag(c) }, true);
  // Cut to its -length and split at its #[…] directives once per expansion, not once per frame.
  const runs: Segment[] = sideSegments(c.server, c.at, side, text);
  c.statusText[side] = { key, text, runs, at: now };
  return runs;
}

/**
 * Which window entries fit in `space` columns when they do not all: a run around the
 * current one, with `<` / `>` where windows are left out (as tmux), and outside the run
 * every entry that must stay in sight (`keep`: the current one, one that needs the user).
 * Each entry takes `cols` + `sep` (the separator beside it); a mark takes 1 + `sep`.
 */
export function fitWindowList<T extends { cols: number; keep: boolean }>(entries: readonly T[], current: number, space: number, sep = 1): Array<T | '<' | '>'> {
  const total = entries.reduce((n, e) => n + e.cols + sep, 0);
  if (total <= space || current < 0) return [...entries];
  const kept = entries.filter((e, i) => e.keep && i !== current);
  let budget = space - 2 * (1 + sep) - kept.reduce((n, e) => n + e.cols + sep, 0) - (entries[current]!.cols + sep);
  let lo = current;
  let hi = current;
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of [hi + 1, lo - 1]) {
      const e = entries[k];
      if (!e) continue;
      const cost = e.keep ? 0 : e.cols + sep;
      if (cost > budget) continue;
      budget -= cost;
      if (k > hi) hi = k;
      else lo = k;
      grew = true;
    }
  }
  const out: Array<T | '<' | '>'> = [];
  const before = entries.slice(0, lo);
  const after = entries.slice(hi + 1);
  out.push(...before.filter((e) => e.keep));
  if (before.some((e) => !e.keep)) out.push('<');
  out.push(...entries.slice(lo, hi + 1));
  if (after.some((e) => !e.keep)) out.push('>');
  out.push(...after.filter((e) => e.keep));
  return out;
}
