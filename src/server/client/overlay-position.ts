/*
 * Where display-menu and display-popup put their box, as tmux 3.3a's
 * cmd_display_menu_get_position: -x and -y are numbers or formats over the popup_*
 * variables, or the letters C (centre), R (the pane's right edge), P (the pane's left
 * edge / bottom), M (the mouse), W (the window's entry in the status line), S (the status
 * line). A -y value is where the box's bottom goes. The box is kept on the terminal.
 * Pure: the caller gives the sizes and the format expander.
 */
import type { Rect } from '../../render/style.js';

export interface PlaceInput {
  /** The client's terminal. */
  cols: number;
  rows: number;
  /** The box. */
  w: number;
  h: number;
  /** Status lines, and whether at the top; 0 lines for none. */
  statusLines: number;
  statusTop: boolean;
  /** Where the status line shows the target window's entry, if it does. */
  windowStatusX?: number;
  /** The target pane, in pane-area coordinates. */
  pane: Rect;
  mouse?: { x: number; y: number };
  x?: string;
  y?: string;
  /** Expand a format with these extra variables (the popup_* ones). */
  expand(fmt: string, vars: Record<string, string>): string;
}

/** The box's top-left corner, or null when it does not fit the terminal. */
export function placeOverlay(p: PlaceInput): { x: number; y: number } | null {
  const { cols: sx, rows: sy, w, h } = p;
  if (w > sx || h > sy) return null;
  const vars: Record<string, string> = {};
  let top = 0;
  if (p.statusLines > 0) {
    top = p.statusTop ? p.statusLines : 0;
    if (p.windowStatusX !== undefined) {
      vars.popup_window_status_line_x = String(p.windowStatusX);
      vars.popup_window_status_line_y = String(p.statusTop ? 1 + h : sy - p.statusLines);
    }
    vars.popup_status_line_y = String(p.statusTop ? p.statusLines + h : sy - p.statusLines);
  }
  vars.popup_width = String(w);
  vars.popup_height = String(h);
  const cx = Math.floor((sx - 1) / 2) - Math.floor(w / 2);
  vars.popup_centre_x = String(Math.max(0, cx));
  const cy = Math.floor((sy - 1) / 2) + Math.floor(h / 2);
  vars.popup_centre_y = String(cy >= sy ? sy - h : cy);
  if (p.mouse) {
    const { x: mx, y: my } = p.mouse;
    vars.popup_mouse_x = String(mx);
    vars.popup_mouse_y = String(my);
    vars.popup_mouse_centre_x = String(Math.max(0, mx - Math.floor(w / 2)));
    const mcy = my - Math.floor(h / 2);
    vars.popup_mouse_centre_y = String(mcy + h >= sy ? sy - h : mcy);
    vars.popup_mouse_top = String(my + h >= sy ? sy - 1 : my + h);
    vars.popup_mouse_bottom = String(Math.max(0, my - h));
  }
  const pane = p.pane;
  const ptop = top + pane.y + h;
  vars.popup_pane_top = String(ptop >= sy ? sy - h : ptop);
  vars.popup_pane_bottom = String(top + pane.y + pane.rows);
  vars.popup_pane_left = String(pane.x);
  vars.popup_pane_right = String(Math.max(0, pane.x + pane.cols - w));

  const letters: Record<string, string> = { C: '#{popup_centre_x}', R: '#{popup_pane_right}', P: '#{popup_pane_left}', M: '#{popup_mouse_centre_x}', W: '#{popup_window_status_line_x}' };
  const xp = p.x === undefined ? letters.C! : letters[p.x] ?? p.x;
  let x = leadingInt(p.expand(xp, vars));
  if (x + w >= sx) x = sx - w;
  else if (x < 0) x = 0;

  const yLetters: Record<string, string> = { C: '#{popup_centre_y}', P: '#{popup_pane_bottom}', M: '#{popup_mouse_top}', S: '#{popup_status_line_y}', W: '#{popup_window_status_line_y}' };
  const yp = p.y === undefined ? yLetters.C! : yLetters[p.y] ?? p.y;
  let y = leadingInt(p.expand(yp, vars));
  y = y < h ? 0 : y - h;
  if (y + h >= sy) y = sy - h;
  else if (y < 0) y = 0;
  return { x, y };
}

/** The number a string starts with, as strtol reads it (0 for none). */
function leadingInt(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}
