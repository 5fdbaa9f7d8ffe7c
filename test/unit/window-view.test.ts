/*
 * The part of a window a client shows (window-view.ts) against tmux 3.3a's
 * tty_window_offset1 and cmd-refresh-client.c, worked out by hand from their rules: the
 * whole window when it fits; else around the active pane's cursor (0 in the first
 * screenful, the far edge near the end, centred between), the top-left with the cursor
 * hidden; a pan kept inside the window and dropped when the window fits; the pane
 * rectangles cut to the part shown.
 */
import { describe, expect, it } from 'vitest';
import { panView, viewRect, windowView, type ViewInput } from '../../src/server/client/window-view.js';

/** A 120x40 window on an 80x24 client with a status line (23 rows for panes). */
const BIG: ViewInput = { cols: 80, rows: 23, wcols: 120, wrows: 40, cursor: { x: 0, y: 0 }, pan: null };

describe('windowView', () => {
  it('shows the whole window when it fits, and drops a pan', () => {
    expect(windowView({ ...BIG, wcols: 80, wrows: 23, pan: { x: 5, y: 5 } })).toEqual({ view: { x: 0, y: 0, cols: 80, rows: 23, bigger: false }, pan: null });
    expect(windowView({ ...BIG, wcols: 60, wrows: 10 }).view).toEqual({ x: 0, y: 0, cols: 60, rows: 10, bigger: false });
  });

  it('follows the cursor: 0 in the first screenful, centred in the middle, the far edge at the end', () => {
    const at = (x: number, y: number) => windowView({ ...BIG, cursor: { x, y } }).view;
    expect(at(79, 22)).toEqual({ x: 0, y: 0, cols: 80, rows: 23, bigger: true });
    // Past the first screenful of a window less than two screens big: the far edge (120-80, 40-23).
    expect(at(80, 23)).toMatchObject({ x: 40, y: 17 });
    expect(at(119, 39)).toMatchObject({ x: 40, y: 17 });
    expect(at(10, 25)).toMatchObject({ x: 0, y: 17 });
    // In the middle of a bigger one the cursor is kept in the middle (80/2 = 40 columns, 23/2 = 11 rows before it).
    const huge = { ...BIG, wcols: 200, wrows: 100 };
    expect(windowView({ ...huge, cursor: { x: 100, y: 50 } }).view).toMatchObject({ x: 60, y: 39 });
    expect(windowView({ ...huge, cursor: { x: 120, y: 77 } }).view).toMatchObject({ x: 80, y: 66 });
    expect(windowView({ ...huge, cursor: { x: 121, y: 78 } }).view).toMatchObject({ x: 120, y: 77 });
  });

  it('shows the top-left corner while the cursor is hidden', () => {
    expect(windowView({ ...BIG, cursor: null }).view).toMatchObject({ x: 0, y: 0, bigger: true });
  });

  it('is bigger in one direction only: the other shows from 0', () => {
    const tall = windowView({ ...BIG, wcols: 70, cursor: { x: 60, y: 39 } }).view;
    expect(tall).toEqual({ x: 0, y: 17, cols: 80, rows: 23, bigger: true });
  });

  it('keeps a pan inside the window', () => {
    expect(windowView({ ...BIG, pan: { x: 10, y: 3 } })).toEqual({ view: { x: 10, y: 3, cols: 80, rows: 23, bigger: true }, pan: { x: 10, y: 3 } });
    expect(windowView({ ...BIG, pan: { x: 100, y: 100 } }).pan).toEqual({ x: 40, y: 17 });
    // Wide enough now: that axis goes back to 0.
    expect(windowView({ ...BIG, wcols: 80, pan: { x: 30, y: 5 } }).pan).toEqual({ x: 0, y: 5 });
  });
});

describe('panView (refresh-client -L -R -U -D)', () => {
  const view = windowView({ ...BIG, cursor: { x: 119, y: 39 } }).view; // at 40,17

  it('starts from the part shown, stops at 0 and at the far edge', () => {
    expect(panView(view, null, 'L', 10, 120, 40)).toEqual({ x: 30, y: 17 });
    expect(panView(view, null, 'L', 100, 120, 40)).toEqual({ x: 0, y: 17 });
    expect(panView(view, null, 'R', 5, 120, 40)).toEqual({ x: 40, y: 17 });
    expect(panView(view, null, 'U', 7, 120, 40)).toEqual({ x: 40, y: 10 });
    expect(panView(view, null, 'D', 1, 120, 40)).toEqual({ x: 40, y: 17 });
  });

  it('goes on from a pan already made', () => {
    expect(panView(view, { x: 3, y: 2 }, 'R', 10, 120, 40)).toEqual({ x: 13, y: 2 });
    expect(panView(view, { x: 3, y: 2 }, 'D', 10, 120, 40)).toEqual({ x: 3, y: 12 });
  });

  it('cannot move a window that fits', () => {
    const whole = windowView({ ...BIG, wcols: 60, wrows: 20 }).view;
    expect(panView(whole, null, 'R', 10, 60, 20)).toEqual({ x: 0, y: 0 });
    expect(panView(whole, null, 'D', 10, 60, 20)).toEqual({ x: 0, y: 0 });
  });
});

describe('viewRect', () => {
  const view = { x: 40, y: 10, cols: 80, rows: 23, bigger: true };

  it('cuts a pane to the part shown, with the first cell of it that shows', () => {
    expect(viewRect({ x: 0, y: 0, cols: 60, rows: 20 }, view)).toEqual({ x: 0, y: 0, cols: 20, rows: 10, sx: 40, sy: 10 });
    expect(viewRect({ x: 61, y: 21, cols: 59, rows: 19 }, view)).toEqual({ x: 21, y: 11, cols: 59, rows: 12, sx: 0, sy: 0 });
    expect(viewRect({ x: 0, y: 0, cols: 120, rows: 40 }, view)).toEqual({ x: 0, y: 0, cols: 80, rows: 23, sx: 40, sy: 10 });
  });

  it('is null for a pane out of sight', () => {
    expect(viewRect({ x: 0, y: 0, cols: 40, rows: 40 }, view)).toBeNull();
    expect(viewRect({ x: 50, y: 33, cols: 10, rows: 7 }, view)).toBeNull();
  });
});
