/*
 * Composing a client's screen without a pty or a socket: the model runs on fake ptys
 * (fake-model.ts), the client is a plain object with what compose reads (ComposeClient),
 * and the clock is vitest's. The panes' text lands in their rectangles with the border
 * between them, the status line names the session and its windows and shows the time,
 * a message replaces the status line, and the cursor is the active pane's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { composeClient, fitWindowList, type ComposeClient } from '../../src/server/client/compose.js';
import { FrameReuse } from '../../src/server/reuse.js';
import type { Session } from '../../src/server/window.js';
import { world } from './fake-model.js';

function client(server: ComposeClient['server'], session: Session): ComposeClient {
  return {
    server,
    session,
    previousSession: undefined,
    get activePane() {
      return session.current.activePane;
    },
    cols: 40,
    mode: null,
    message: null,
    statusText: {},
    statusLayouts: [],
    paneAreaRows: () => 10,
    paneOutput: () => undefined,
    sessionDestroyed: () => undefined,
    switchTo: () => undefined,
    detach: () => undefined,
    redraw: () => undefined,
    redrawStatus: () => undefined,
    showMessage: () => undefined,
    sendRaw: () => undefined,
    openMode: () => undefined,
    closeMode: () => undefined,
    runBinding: async () => undefined,
  };
}

const rowText = (g: Grid, y: number) => Array.from({ length: g.cols }, (_, x) => g.char(y * g.cols + x) || '').join('');

afterEach(() => {
  vi.useRealTimers();
});

describe('compose', () => {
  it('draws each pane in its place with a border between, the status line, and the active pane\'s cursor', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 3, 12, 34, 0));
    const { server, ptys, req } = world();
    const s = server.model.newSession('work', req, 40, 10, 'main');
    server.model.splitWindow(s.current.activePane, 'h', req, { select: true });
    const [left, right] = ptys;
    left!.print('left side');
    right!.print('right');
    const grid = new Grid(40, 11);
    const c = client(server, s);
    const cursor = composeClient(c, grid, new FrameReuse(performance.now(), true));
    expect(rowText(grid, 0)).toMatch(/^left side\s+│right\s*$/);
    const border = rowText(grid, 0).indexOf('│');
    for (let y = 0; y < 10; y++) expect(rowText(grid, y)[border], `row ${y}`).toBe('│');
    expect(rowText(grid, 10)).toMatch(/^\[work\] 0:main\*/);
    expect(rowText(grid, 10)).toContain('12:34');
    expect(cursor).toEqual({ x: border + 1 + 'right'.length, y: 0, visible: true });
    // A message takes the status line's place.
    c.message = { text: 'hello there' };
    composeClient(c, grid, new FrameReuse(performance.now(), true));
    expect(rowText(grid, 10)).toContain('hello there');
    expect(rowText(grid, 10)).not.toContain('[work]');
  });
});

describe('a window bigger than the client', () => {
  it('draws the part the client shows: panes cut at its edges, the border between, the cursor where it is on the screen', () => {
    const { server, ptys, req } = world();
    const s = server.model.newSession('work', req, 60, 20, 'main');
    server.model.splitWindow(s.current.activePane, 'h', req, { select: true });
    const [left, right] = ptys;
    left!.print('L01234567890123456789012345678\r\n'.repeat(8) + 'Lrow8'); // 30 wide: no wrap
    right!.print('\r\n'.repeat(8) + 'R-right-pane');
    const grid = new Grid(30, 11);
    // The part from window cell (20, 6), 30x10 (the status line is the 11th row).
    const c = { ...client(server, s), cols: 30, windowView: () => ({ x: 20, y: 6, cols: 30, rows: 10, bigger: true }) };
    const cursor = composeClient(c, grid, new FrameReuse(performance.now(), true));
    // The left pane is 30 wide (0-29), the border at 30, the right pane from 31: on screen at 10 and 11.
    expect(rowText(grid, 0)).toMatch(/^9012345678│ *$/); // window row 6: the left pane's columns 20-29 (L, then digits from 1)
    expect(rowText(grid, 2)).toMatch(/^ {10}│R-right-pane/); // window row 8
    expect(cursor).toEqual({ x: 11 + 'R-right-pane'.length, y: 2, visible: true });
    // Seen from further left, the right pane's cursor is off the screen: hidden.
    const c2 = { ...c, windowView: () => ({ x: 0, y: 0, cols: 30, rows: 10, bigger: true }) };
    expect(composeClient(c2, grid, new FrameReuse(performance.now(), true)).visible).toBe(false);
    expect(rowText(grid, 8)).toMatch(/^Lrow8 {25}$/);
  });
});

describe('status-left/right with #[…] style directives', () => {
  it('styles what follows each directive and never shows the directive itself (tmux themes)', () => {
    const { server, req } = world();
    const s = server.model.newSession('work', req, 40, 10, 'main');
    server.options.set('status-left', '#[fg=green,bold][#S]#[default] ');
    server.options.set('status-right', '#[bg=colour235]R#[fg=red]X');
    const grid = new Grid(40, 11);
    composeClient(client(server, s), grid, new FrameReuse(performance.now(), true));
    const row = rowText(grid, 10);
    expect(row).toMatch(/^\[work\] 0:main\*/);
    expect(row).not.toContain('#[');
    expect(row.trimEnd().endsWith('RX')).toBe(true);
    const at = (x: number) => 10 * 40 + x;
    expect(grid.fg[at(1)]).toBe(2); // green, over the status style
    expect(grid.fg[at(6)]).toBe(0); // the space after #[default]: the status style (fg=black) again
    const r = row.trimEnd().length - 2;
    expect(grid.bg[at(r)]).toBe(235);
    expect([grid.fg[at(r + 1)], grid.bg[at(r + 1)]]).toEqual([1, 235]); // red, and the bg still 235
  });
});

describe('the window list when it overflows', () => {
  const e = (name: string, keep = false) => ({ name, cols: name.length, keep });
  const names = (xs: Array<{ name: string } | string>) => xs.map((x) => (typeof x === 'string' ? x : x.name)).join(' ');

  it('keeps everything when it fits', () => {
    expect(names(fitWindowList([e('0:a'), e('1:b')], 0, 80))).toBe('0:a 1:b');
  });

  it('shows a run around the current window with < and >, and keeps a window that needs the user in sight', () => {
    const list = Array.from({ length: 8 }, (_, i) => e(`${i}:window${i}`));
    list[7] = e('7:claude◆', true);
    list[3]!.keep = true; // the current one
    const out = names(fitWindowList(list, 3, 50));
    expect(out).toMatch(/^< .*3:window3.* > 7:claude◆$/);
    expect(out).not.toContain('0:window0');
    expect(out).not.toContain('6:window6');
    // what is shown fits: each entry and its space, a mark and its space
    const width = fitWindowList(list, 3, 50).reduce((n, x) => n + (typeof x === 'string' ? 2 : x.cols + 1), 0);
    expect(width).toBeLessThanOrEqual(60);
  });

  it('draws the current window even at the end of a long list (8 windows at 80 columns)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { server, req } = world();
    const s = server.model.newSession('work', req, 80, 10, 'first-window-name');
    for (let i = 1; i < 8; i++) server.model.newWindow(s, req, { select: true, name: `window-number-${i}` });
    const grid = new Grid(80, 11);
    composeClient(client(server, s), grid, new FrameReuse(performance.now(), true));
    const status = rowText(grid, 10);
    expect(status).toContain('7:window-number-7*');
    expect(status).toMatch(/< /);
    expect(status).not.toContain('0:first-window-name');
  });
});
