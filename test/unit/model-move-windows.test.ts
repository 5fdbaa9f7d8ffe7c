/*
 * Moving and swapping windows in the model, with a fake pty (move-window, swap-window):
 * indexes, the session's current window and its stack of last windows as tmux keeps them
 * (winlinks stay at their index), -k closing the window at the index, renumbering, and
 * the events each raises.
 */
import { describe, expect, it } from 'vitest';
import { world } from './fake-model.js';
import type { Session } from '../../src/server/window.js';
import { listPanes, rotatePanes, splitPane, singlePane, computeRects } from '../../src/core/layout/layout.js';

function setup() {
  const w = world();
  const m = w.server.model;
  const s = m.newSession('a', w.req, 80, 24, 'w0');
  for (const n of ['w1', 'w2', 'w3']) m.newWindow(s, w.req, { select: n !== 'w1', name: n });
  return { ...w, m, s };
}

/** "0:w0 1:w1 2:w2- 3:w3*", as list-windows -F '#{window_index}:#{window_name}#{window_flags}'. */
const show = (s: Session) => s.sorted().map((w) => `${s.indexOf(w)}:${w.name}${s.current === w ? '*' : s.last === w ? '-' : ''}`).join(' ');

describe('moving and swapping windows in the model', () => {
  it('moves a window to a free index, refusing a taken one or its own; -k closes the one there and takes its place', () => {
    const { m, s, seen } = setup();
    expect(show(s)).toBe('0:w0 1:w1 2:w2- 3:w3*');
    seen.length = 0;
    m.moveWindow(s.findIndex(1)!, s, 7, true);
    expect(show(s)).toBe('0:w0 2:w2 3:w3- 7:w1*');
    expect(seen).toEqual(['window-selected @7', 'window-changed @7 name']);
    expect(() => m.moveWindow(s.findIndex(0)!, s, 2, true)).toThrow('index in use: 2');
    expect(() => m.moveWindow(s.findIndex(0)!, s, 0, true)).toThrow('same index: 0');
    const killed = s.findIndex(7)!;
    const paneGone = killed.activePane.id;
    m.moveWindow(s.findIndex(0)!, s, 7, false, { kill: true });
    // The killed window was current: the one taking its index is, and the stack is as before.
    expect(show(s)).toBe('2:w2 3:w3- 7:w0*');
    expect(m.panes.has(paneGone)).toBe(false);
  });

  it('a current window moved with select off hands the focus on, uncovering the window before in the stack', () => {
    const { m, s } = setup();
    m.selectWindow(s, s.findIndex(1)!);
    expect(show(s)).toBe('0:w0 1:w1* 2:w2 3:w3-');
    m.moveWindow(s.findIndex(1)!, s, 9, false);
    expect(show(s)).toBe('0:w0 2:w2- 3:w3* 9:w1');
  });

  it('moves a window to another session, closing the one it left when it was its last window', () => {
    const { m, s, req, seen } = setup();
    const b = m.newSession('b', req, 80, 24, 'b0');
    seen.length = 0;
    m.moveWindow(b.current, s, undefined, false);
    expect(seen).toEqual(['window-closed @0', 'session-closed $b', 'window-created @4']);
    expect(show(s)).toBe('0:w0 1:w1 2:w2- 3:w3* 4:b0');
    expect(m.findSession('b')).toBeUndefined();
  });

  it('renumbers the session a window left when renumber-windows is on, unless told not to', () => {
    const { m, s, req, server } = setup();
    server.options.set('renumber-windows', true);
    const b = m.newSession('b', req, 80, 24, 'b0');
    m.moveWindow(s.findIndex(1)!, b, undefined, false, { renumber: false });
    expect(show(s)).toBe('0:w0 2:w2- 3:w3*');
    m.moveWindow(s.findIndex(0)!, b, undefined, false);
    expect(show(s)).toBe('0:w2- 1:w3*');
    m.newWindow(s, req, { select: false, index: 5, name: 'far' });
    m.renumberWindows(s);
    expect(show(s)).toBe('0:w2- 1:w3* 2:far');
  });

  it('swaps windows: the current and last stay at their indexes; select makes the moved ones current', () => {
    const { m, s, req } = setup();
    m.swapWindows(s.findIndex(3)!, s.findIndex(1)!, false);
    expect(show(s)).toBe('0:w0 1:w3 2:w2- 3:w1*');
    m.swapWindows(s.findIndex(2)!, s.findIndex(0)!, true);
    expect(show(s)).toBe('0:w2* 1:w3 2:w0 3:w1-');
    const b = m.newSession('b', req, 80, 24, 'b0');
    const w1 = s.findIndex(3)!;
    m.swapWindows(w1, b.current, true);
    expect([show(s), show(b), m.sessionOf(w1)]).toEqual(['0:w2- 1:w3 2:w0 3:b0*', '0:w1*', b]);
  });

  it('a current window that closes gives way to the last, else the one before it, else the one after', () => {
    const { m, s, req } = setup();
    m.killWindow(s.findIndex(3)!);
    expect(show(s)).toBe('0:w0- 1:w1 2:w2*');
    m.killWindow(s.findIndex(0)!);
    expect(show(s)).toBe('1:w1 2:w2*');
    m.killWindow(s.findIndex(2)!);
    expect(show(s)).toBe('1:w1*');
    m.newWindow(s, req, { select: false, index: 0, name: 'x0' });
    m.newWindow(s, req, { select: false, index: 2, name: 'x2' });
    m.killWindow(s.findIndex(1)!);
    expect(show(s)).toBe('0:x0* 2:x2');
  });

  it('rotates panes through the places of a layout, up and down, the places kept', () => {
    const size = { cols: 80, rows: 24 };
    let l = splitPane(singlePane(0), 0, 1, 'h', size, { cells: 30 });
    l = splitPane(l, 1, 2, 'v', size, {});
    const places = [...computeRects(l, 80, 24).values()];
    const up = rotatePanes(l, false);
    expect(listPanes(up)).toEqual([1, 2, 0]);
    expect([...computeRects(up, 80, 24).values()]).toEqual(places);
    expect(listPanes(rotatePanes(l, true))).toEqual([2, 0, 1]);
    expect(rotatePanes(rotatePanes(l, true), false)).toEqual(l);
  });

  it('rotate keeps the focus in its place and zooms again only when asked', () => {
    const { m, s, req, seen } = setup();
    const w = s.current;
    const [a, b, c] = [w.activePane, m.splitWindow(w.activePane, 'h', req, { select: false }), m.splitWindow(w.activePane, 'v', req, { select: false })];
    expect(w.orderedPanes()).toEqual([a, c, b]);
    m.selectPane(w, c.id);
    seen.length = 0;
    m.rotatePanes(w, false, false);
    expect([w.orderedPanes(), w.activePane]).toEqual([[c, b, a], b]);
    expect(seen).toEqual(['window-changed @3 layout']);
    m.setZoom(w, true);
    m.rotatePanes(w, true, true);
    expect([w.orderedPanes(), w.activePane, w.zoomed]).toEqual([[a, c, b], c, true]);
    m.rotatePanes(w, true, false);
    expect([w.activePane, w.zoomed]).toEqual([a, false]);
  });
});
