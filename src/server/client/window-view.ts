/*
 * Which part of its current window a client shows, as tmux 3.3a's tty_window_offset1: the
 * whole window when it fits in the client's pane area; else a client-sized part of it,
 * around the active pane's cursor (the cursor's column and row kept in the middle, the
 * part never past the window's edges; the top-left corner when the cursor is hidden), or
 * where refresh-client -L/-R/-U/-D put it (`panView`) until refresh-client -c, another
 * window, or the window fitting again. Pure: the client keeps the pan (client.ts), compose
 * draws the part (compose.ts), the mouse maps back through it (key-dispatch.ts), and
 * window_bigger / window_offset_x / window_offset_y show it (format-vars.ts).
 */

/** The part of a window a client shows: its top-left cell in the window, its size, and whether the window is bigger than the client. */
export interface WindowView {
  x: number;
  y: number;
  cols: number;
  rows: number;
  bigger: boolean;
}

/** Where refresh-client put the part shown (tmux's pan_ox, pan_oy), for the window it was put on. */
export interface Pan {
  x: number;
  y: number;
}

export interface ViewInput {
  /** The client's columns and the rows its panes get (its terminal's less the status line). */
  cols: number;
  rows: number;
  /** The window's size. */
  wcols: number;
  wrows: number;
  /** The active pane's cursor in window cells; null when it is hidden. */
  cursor: { x: number; y: number } | null;
  /** The pan refresh-client made on this window, if any. */
  pan: Pan | null;
}

export type PanDirection = 'L' | 'R' | 'U' | 'D';

/** A view of the whole window (it fits, or there is no window): drawn from its top-left corner. */
export function wholeView(cols: number, rows: number): WindowView {
  return { x: 0, y: 0, cols, rows, bigger: false };
}

/** One axis around the cursor: 0 while it is in the first screenful, the far edge near the end, else centred. */
function follow(c: number, size: number, wsize: number): number {
  if (c < size) return 0;
  if (c > wsize - size) return wsize - size;
  return c - Math.floor(size / 2);
}

/** One axis of a pan kept inside the window. */
function clampPan(p: number, size: number, wsize: number): number {
  if (size >= wsize) return 0;
  return Math.max(0, Math.min(p, wsize - size));
}

/**
 * The part of the window the client shows, and the pan to keep (null: follow the cursor;
 * a pan is dropped when the window fits, and clamped when the window or client changed size).
 */
export function windowView(inp: ViewInput): { view: WindowView; pan: Pan | null } {
  const { cols, rows, wcols, wrows } = inp;
  if (cols >= wcols && rows >= wrows) return { view: wholeView(wcols, wrows), pan: null };
  if (inp.pan) {
    const pan = { x: clampPan(inp.pan.x, cols, wcols), y: clampPan(inp.pan.y, rows, wrows) };
    return { view: { ...pan, cols, rows, bigger: true }, pan };
  }
  const c = inp.cursor;
  const x = c ? follow(c.x, cols, wcols) : 0;
  const y = c ? follow(c.y, rows, wrows) : 0;
  return { view: { x, y, cols, rows, bigger: true }, pan: null };
}

/**
 * The pan after refresh-client -L/-R/-U/-D by `n`, from the part shown now (`view`) or the
 * pan already made: left and up stop at 0, right and down at the window's far edge.
 */
export function panView(view: WindowView, pan: Pan | null, dir: PanDirection, n: number, wcols: number, wrows: number): Pan {
  const p = pan ? { ...pan } : { x: view.x, y: view.y };
  if (dir === 'L') p.x = Math.max(0, p.x - n);
  else if (dir === 'R') p.x = Math.max(0, Math.min(p.x + n, wcols - view.cols));
  else if (dir === 'U') p.y = Math.max(0, p.y - n);
  else p.y = Math.max(0, Math.min(p.y + n, wrows - view.rows));
  return p;
}

/** A rectangle of the window (a pane's) as the client shows it: where on the screen, and its first cell shown; null when none of it shows. */
export function viewRect(r: { x: number; y: number; cols: number; rows: number }, view: WindowView): { x: number; y: number; cols: number; rows: number; sx: number; sy: number } | null {
  const x0 = Math.max(r.x, view.x);
  const y0 = Math.max(r.y, view.y);
  const x1 = Math.min(r.x + r.cols, view.x + view.cols);
  const y1 = Math.min(r.y + r.rows, view.y + view.rows);
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0 - view.x, y: y0 - view.y, cols: x1 - x0, rows: y1 - y0, sx: x0 - r.x, sy: y0 - r.y };
}
