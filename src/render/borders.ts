/*
 * Pane borders as tmux 3.3a's screen-redraw.c draws them, worked out once per layout
 * (`borderMap`) and painted from that map each frame (`paintBorderMap`).
 *
 * Each cell of the client's pane area is one of: inside a pane (not drawn here); a border
 * cell, with the type tmux gives it from which of its four neighbours are border cells
 * too (the window's right and bottom edges and the area's left and top count as borders),
 * drawn with pane-border-lines' character for that type; or outside every pane and border
 * (beyond a window smaller than the client), a `·` or fill-character. A border cell
 * belongs to the first pane, from the active one on in list order, whose border it is on;
 * the active pane's take pane-active-border-style, the others pane-border-style. With
 * pane-border-indicators colour or both, two panes side by side (or one above the other)
 * split their shared border in halves, so it shows which is active; arrows or both put an
 * arrow pointing at the active pane into its border, one cell in from each corner. With
 * pane-border-status top or bottom, each pane has a title line on that side only (its
 * middle, from two cells in, left to the title), and no border on the other. The border
 * cells of a pane that are on the marked pane's border too are drawn reversed (tmux's
 * GRID_ATTR_REVERSE toggled in screen_redraw_draw_borders_cell). A window bigger than its
 * client shows from the window cell (ox, oy) at the area's top-left (tmux's
 * tty_window_offset): the map covers the area, its cells worked out in the window.
 */

import type { Grid } from './grid.js';
import { DEFAULT_COLOR, INVERSE, type Style } from './style.js';

export type BorderStatus = 'off' | 'top' | 'bottom';
export type BorderLines = 'single' | 'double' | 'heavy' | 'simple' | 'number';
export type BorderIndicators = 'off' | 'colour' | 'arrows' | 'both';

/** A visible pane as the border code sees it: where it is in the window, and its index. */
export interface BorderPane {
  id: number;
  x: number;
  y: number;
  cols: number;
  rows: number;
  index: number;
}

export interface BorderInput {
  /** The client's pane area (the borders are worked out for each of its cells). */
  cols: number;
  rows: number;
  /** The window's size (its right and bottom edges are border lines when they show). */
  wcols: number;
  wrows: number;
  /** The window cell at the area's top-left (a window bigger than the client: the part shown); 0, 0 unless given. */
  ox?: number;
  oy?: number;
  /** The visible panes in the window's order (pane index order). */
  panes: readonly BorderPane[];
  active: number;
  /** The marked pane, when it is one of `panes` and its window is the one shown. */
  marked?: number;
  status: BorderStatus;
  lines: BorderLines;
  indicators: BorderIndicators;
  /** fill-character: drawn outside every pane and border instead of `·`. */
  fill?: string;
}

/** Where a pane's title goes (pane-border-status): its row and columns in the window. */
export interface TitleSlot {
  pane: BorderPane;
  x: number;
  y: number;
  cols: number;
  /** The border's characters along it, under the title's text. */
  codes: number[];
}

/** Each cell's border character (0: not drawn) and style: 1 pane-border-style, 2 pane-active-border-style; REVERSED added: its reverse attribute toggled (the marked pane's border). */
export interface BorderMap {
  cols: number;
  rows: number;
  codes: Int32Array;
  kind: Uint8Array;
  titles: TitleSlot[];
}

/** Added to a cell's kind: the marked pane's border, drawn with reverse toggled. */
export const REVERSED = 4;

// tmux's cell types (tmux.h), the index into the character tables.
const INSIDE = 0;
const TOPBOTTOM = 1;
const LEFTRIGHT = 2;
const TOPJOIN = 7;
const BOTTOMJOIN = 8;
const LEFTJOIN = 9;
const RIGHTJOIN = 10;
const OUTSIDE = 12;

/** The cell type for each bitmask of bordering neighbours: left 8, right 4, top 2, bottom 1. */
const TYPE_OF: readonly number[] = (() => {
  const t = new Array<number>(16).fill(OUTSIDE);
  // 15 join, 14 bottom join, 13 top join, 12 left-right, 11 right join, 10 bottom-right,
  // 9 top-right, 7 left join, 6 bottom-left, 5 top-left, 3 top-bottom.
  const pairs: Array<[number, number]> = [[15, 11], [14, 8], [13, 7], [12, 2], [11, 10], [10, 6], [9, 4], [7, 9], [6, 5], [5, 3], [3, 1]];
  for (const [bits, type] of pairs) t[bits] = type;
  return t;
})();

/** tmux's CELL_BORDERS through its ACS table, SIMPLE_BORDERS, and the double and heavy lists, by cell type. */
const SINGLE = ' │─┌┐└┘┬┴├┤┼·';
const DOUBLE = ' ║═╔╗╚╝╦╩╠╣╬·';
const HEAVY = ' ┃━┏┓┗┛┳┻┣┫╋·';
const SIMPLE = ' |-+++++++++.';
/** BORDER_MARKERS ("  +,.-") through the ACS table, by the border side of the active pane. */
const ARROWS = '  →←↓↑';

// screen_redraw_pane_border's answers.
const B_OUTSIDE = 0;
const B_INSIDE = 1;
const B_LEFT = 2;
const B_RIGHT = 3;
const B_TOP = 4;
const B_BOTTOM = 5;

/** Where (px, py) is to pane `wp`, as tmux's screen_redraw_pane_border. */
function paneBorder(inp: BorderInput, wp: BorderPane, px: number, py: number, split: { lr: boolean; tb: boolean }): number {
  const ex = wp.x + wp.cols;
  const ey = wp.y + wp.rows;
  if (px >= wp.x && px < ex && py >= wp.y && py < ey) return B_INSIDE;
  const colour = inp.indicators === 'colour' || inp.indicators === 'both';
  if (inp.status === 'off' && split.lr && colour) {
    if (wp.x === 0 && px === wp.cols && py <= Math.floor(wp.rows / 2)) return B_RIGHT;
    if (wp.x !== 0 && px === wp.x - 1 && py > Math.floor(wp.rows / 2)) return B_LEFT;
  } else if ((wp.y === 0 || py >= wp.y - 1) && py <= ey) {
    if (wp.x !== 0 && px === wp.x - 1) return B_LEFT;
    if (px === ex) return B_RIGHT;
  }
  if (inp.status === 'off') {
    if (split.tb && colour) {
      if (wp.y === 0 && py === wp.rows && px <= Math.floor(wp.cols / 2)) return B_BOTTOM;
      if (wp.y !== 0 && py === wp.y - 1 && px > Math.floor(wp.cols / 2)) return B_TOP;
    } else if ((wp.x === 0 || px >= wp.x - 1) && px <= ex) {
      if (wp.y !== 0 && py === wp.y - 1) return B_TOP;
      if (py === ey) return B_BOTTOM;
    }
  } else if ((wp.x === 0 || px >= wp.x - 1) && px <= ex) {
    if (inp.status === 'top' && wp.y !== 0 && py === wp.y - 1) return B_TOP;
    if (inp.status === 'bottom' && py === ey) return B_BOTTOM;
  }
  return B_OUTSIDE;
}

/** Does the window have exactly two panes, the second right of (lr) or below (tb) the first? (screen_redraw_two_panes) */
function twoPanes(panes: readonly BorderPane[]): { lr: boolean; tb: boolean } {
  if (panes.length !== 2) return { lr: false, tb: false };
  return { lr: panes[1]!.x !== 0, tb: panes[1]!.y !== 0 };
}

/** Work out every cell of the area's borders: what tmux's screen_redraw_draw_borders would draw there. */
export function borderMap(inp: BorderInput): BorderMap {
  const { cols, rows, wcols, wrows, panes } = inp;
  const ox = inp.ox ?? 0;
  const oy = inp.oy ?? 0;
  const split = twoPanes(panes);
  const n = cols * rows;
  // Which cells of the window and its right and bottom edges are border cells
  // (screen_redraw_cell_border), who owns each (the first pane, from the active one on,
  // whose border it is on: index + 1), and which are inside a pane. Only the ring around
  // each pane can be its border, so only rings are looked at.
  const bw = wcols + 1;
  const isBorder = new Uint8Array(bw * (wrows + 1));
  const owner = new Int32Array(bw * (wrows + 1));
  const covered = new Uint8Array(bw * (wrows + 1));
  for (let x = 0; x <= wcols; x++) isBorder[wrows * bw + x] = 1;
  for (let y = 0; y <= wrows; y++) isBorder[y * bw + wcols] = 1;
  const ai = Math.max(0, panes.findIndex((p) => p.id === inp.active));
  for (let k = 0; k < panes.length; k++) {
    const wp = panes[(ai + k) % panes.length]!;
    for (let y = Math.max(0, wp.y); y < Math.min(wrows, wp.y + wp.rows); y++) covered.fill(1, y * bw + Math.max(0, wp.x), y * bw + Math.max(0, Math.min(wcols, wp.x + wp.cols)));
    const ring = (px: number, py: number): void => {
      if (px < 0 || py < 0 || px >= wcols || py >= wrows) return;
      const b = paneBorder(inp, wp, px, py, split);
      if (b === B_INSIDE || b === B_OUTSIDE) return;
      const i = py * bw + px;
      isBorder[i] = 1;
      if (owner[i] === 0) owner[i] = ((ai + k) % panes.length) + 1;
    };
    for (let x = wp.x - 1; x <= wp.x + wp.cols; x++) {
      ring(x, wp.y - 1);
      ring(x, wp.y + wp.rows);
    }
    for (let y = wp.y; y < wp.y + wp.rows; y++) {
      ring(wp.x - 1, y);
      ring(wp.x + wp.cols, y);
    }
  }
  const cellBorder = (px: number, py: number): boolean => px >= 0 && py >= 0 && px <= wcols && py <= wrows && isBorder[py * bw + px] === 1;
  const typeOf = (px: number, py: number): number => {
    if (px > wcols || py > wrows) return OUTSIDE;
    let bits = 0;
    if (px === 0 || cellBorder(px - 1, py)) bits |= 8;
    if (cellBorder(px + 1, py)) bits |= 4;
    if (inp.status === 'top') {
      if (py !== 0 && cellBorder(px, py - 1)) bits |= 2;
      if (cellBorder(px, py + 1)) bits |= 1;
    } else if (inp.status === 'bottom') {
      if (py === 0 || cellBorder(px, py - 1)) bits |= 2;
      if (py !== wrows - 1 && cellBorder(px, py + 1)) bits |= 1;
    } else {
      if (py === 0 || cellBorder(px, py - 1)) bits |= 2;
      if (cellBorder(px, py + 1)) bits |= 1;
    }
    return TYPE_OF[bits]!;
  };
  // Title lines (pane-border-status): their middles are left to the titles, whose
  // background is the border's own characters.
  const inside = new Uint8Array(n);
  const titles: TitleSlot[] = [];
  if (inp.status !== 'off') {
    for (const wp of panes) {
      const width = wp.cols < 4 ? 0 : wp.cols - 4;
      const y = inp.status === 'top' ? wp.y - 1 : wp.y + wp.rows;
      const codes: number[] = [];
      for (let i = 0; i < width; i++) codes.push(borderChar(typeOf(wp.x + 2 + i, y), inp, wp));
      titles.push({ pane: wp, x: wp.x + 2, y, cols: width, codes });
      if (y < oy || y >= oy + rows) continue;
      for (let i = 0; i < width; i++) {
        const ax = wp.x + 2 + i - ox;
        if (ax >= 0 && ax < cols) inside[(y - oy) * cols + ax] = 1;
      }
    }
  }
  const codes = new Int32Array(n);
  const kind = new Uint8Array(n);
  const arrows = inp.indicators === 'arrows' || inp.indicators === 'both';
  const activePane = panes[ai];
  const markedPane = inp.marked === undefined ? undefined : panes.find((p) => p.id === inp.marked);
  for (let ay = 0; ay < rows; ay++) {
    for (let ax = 0; ax < cols; ax++) {
      const i = ay * cols + ax;
      if (inside[i]) continue;
      const px = ax + ox;
      const py = ay + oy;
      let type: number;
      let wp: BorderPane | undefined;
      if (px > wcols || py > wrows) type = OUTSIDE;
      else if (px === wcols || py === wrows) type = typeOf(px, py);
      else {
        const o = owner[py * bw + px]!;
        if (o > 0) {
          wp = panes[o - 1];
          type = typeOf(px, py);
        } else if (covered[py * bw + px]) continue;
        else {
          // On no pane's border: tmux leaves the last pane it looked at as the owner.
          wp = panes[(ai + panes.length - 1) % panes.length];
          type = OUTSIDE;
        }
      }
      kind[i] = wp && wp.id === inp.active && type !== OUTSIDE ? 2 : 1;
      // Only a cell some pane owns (tmux's check_cell gave it one; the window's edges and beyond have none).
      if (markedPane && wp && px < wcols && py < wrows) {
        const side = paneBorder(inp, markedPane, px, py, split);
        if (side !== B_INSIDE && side !== B_OUTSIDE) kind[i] |= REVERSED;
      }
      codes[i] = borderChar(type, inp, wp);
      if (arrows && wp && activePane && type !== OUTSIDE) {
        const side = paneBorder(inp, activePane, px, py, split);
        const onActive = side !== B_INSIDE && side !== B_OUTSIDE;
        const across = px === wp.x + 1 && (type === LEFTRIGHT || (type === TOPJOIN && side === B_BOTTOM) || (type === BOTTOMJOIN && side === B_TOP));
        const down = py === wp.y + 1 && (type === TOPBOTTOM || (type === LEFTJOIN && side === B_RIGHT) || (type === RIGHTJOIN && side === B_LEFT));
        if (onActive && (across || down)) codes[i] = ARROWS.codePointAt(side)!;
      }
    }
  }
  return { cols, rows, codes, kind, titles };
}

/** The character of a border cell of `type` (screen_redraw_border_set). */
export function borderChar(type: number, inp: Pick<BorderInput, 'lines' | 'fill'>, wp: BorderPane | undefined): number {
  if (type === OUTSIDE && inp.fill) return inp.fill.codePointAt(0)!;
  switch (inp.lines) {
    case 'number':
      if (type === OUTSIDE) return SINGLE.codePointAt(OUTSIDE)!;
      return wp ? 0x30 + (wp.index % 10) : 0x2a;
    case 'double':
      return DOUBLE.codePointAt(type)!;
    case 'heavy':
      return HEAVY.codePointAt(type)!;
    case 'simple':
      return SIMPLE.codePointAt(type)!;
    default:
      return SINGLE.codePointAt(type)!;
  }
}

/** Paint the map's border cells into `grid` with the area's top-left at (x0, y0). */
export function paintBorderMap(grid: Grid, map: BorderMap, x0: number, y0: number, style: { normal: Style; active: Style }): void {
  const { cols, rows, codes, kind } = map;
  for (let y = 0; y < rows && y0 + y < grid.rows; y++) {
    for (let x = 0; x < cols && x0 + x < grid.cols; x++) {
      const i = y * cols + x;
      const code = codes[i]!;
      if (code === 0) continue;
      const k = kind[i]!;
      const s = (k & ~REVERSED) === 2 ? style.active : style.normal;
      const flags = (s.flags ?? 0) ^ (k & REVERSED ? INVERSE : 0);
      grid.setCell(x0 + x, y0 + y, code, 1, s.fg ?? DEFAULT_COLOR, s.bg ?? DEFAULT_COLOR, flags);
    }
  }
}
