/*
 * window-size.ts: a window's size from the clients showing it under each window-size
 * mode and aggressive-resize, and default-size's value read.
 */
import { describe, expect, it } from 'vitest';
import { world } from './fake-model.js';
import { parseDefaultSize, shown, windowSizeFor, type SizingClient } from '../../src/server/window-size.js';

function setup() {
  const { server, req } = world();
  const m = server.model;
  const a = m.newSession('a', req, 80, 24, 'shared');
  m.newWindow(a, req, { select: false, name: 'own' });
  const b = m.newSession('b', req, 80, 24, 'b0');
  const shared = a.findIndex(0)!;
  m.linkWindow(shared, a, b, 1, true, false);
  const big: SizingClient = { cols: 100, rows: 29, session: a };
  const small: SizingClient = { cols: 60, rows: 19, session: b };
  return { m, a, b, shared, big, small };
}

describe('window-size', () => {
  it('largest and smallest over the clients whose session holds the window; none: no size', () => {
    const { a, shared, big, small } = setup();
    expect(windowSizeFor(shared, [big, small], { mode: 'largest', aggressive: false })).toEqual({ cols: 100, rows: 29 });
    expect(windowSizeFor(shared, [big, small], { mode: 'smallest', aggressive: false })).toEqual({ cols: 60, rows: 19 });
    expect(windowSizeFor(a.findIndex(1)!, [small], { mode: 'smallest', aggressive: false })).toBeUndefined();
  });

  it('latest: the client that used it last when several show it, else as smallest', () => {
    const { shared, big, small } = setup();
    expect(windowSizeFor(shared, [big, small], { mode: 'latest', aggressive: false, latest: big })).toEqual({ cols: 100, rows: 29 });
    expect(windowSizeFor(shared, [big, small], { mode: 'latest', aggressive: false })).toBeUndefined();
    expect(windowSizeFor(shared, [small], { mode: 'latest', aggressive: false, latest: big })).toEqual({ cols: 60, rows: 19 });
  });

  it('aggressive-resize counts only the clients whose session has it current; manual is the size it was made at', () => {
    const { m, a, shared, big, small } = setup();
    m.selectWindow(a, a.findIndex(1)!);
    expect(windowSizeFor(shared, [big, small], { mode: 'largest', aggressive: true })).toEqual({ cols: 60, rows: 19 });
    expect(windowSizeFor(shared, [big, small], { mode: 'largest', aggressive: false })).toEqual({ cols: 100, rows: 29 });
    expect(windowSizeFor(shared, [big, small], { mode: 'manual', aggressive: false })).toEqual({ cols: 80, rows: 24 });
    expect([shown(shared, [big]), shown(shared, [small])]).toEqual([false, true]);
  });

  it('reads default-size, falling back to 80x24 and keeping sizes in bounds', () => {
    expect(parseDefaultSize('90x20')).toEqual({ cols: 90, rows: 20 });
    expect(parseDefaultSize('0x5')).toEqual({ cols: 1, rows: 5 });
    expect(parseDefaultSize('junk')).toEqual({ cols: 80, rows: 24 });
  });
});
