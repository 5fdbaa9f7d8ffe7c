/*
 * display-menu's pure parts: the menu's lines and width (tmux's menu_add_item), where a
 * menu or popup goes (cmd_display_menu_get_position), and the menu's keys — without a
 * server or a pty. Side by side with tmux: test/e2e/tmux-compat-ui.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildMenu, Menu } from '../../src/server/client/menu.js';
import { placeOverlay } from '../../src/server/client/overlay-position.js';
import { Grid } from '../../src/render/grid.js';

const items = [
  { name: 'First thing', key: '1', command: 'a' },
  null,
  { name: '-Not now', key: 'n', command: 'b' },
  { name: 'Second', key: 's', command: 'c' },
  null,
  { name: '', key: 'e', command: 'gone' },
];

describe('buildMenu', () => {
  it('keeps separators between items, drops empty names and a leading separator, sizes to the widest name and key', () => {
    const { lines, width } = buildMenu([null, ...items], 80);
    expect(lines.map((l) => (l === null ? '—' : `${l.text}${l.keyLabel ? `(${l.keyLabel})` : ''}${l.disabled ? '!' : ''}`))).toEqual(['First thing(1)', '—', 'Not now!', 'Second(s)', '—']);
    expect(width).toBe('First thing'.length + 4);
  });

  it('cuts a name too long for the terminal with ">" and leaves out a key that does not fit', () => {
    const { lines, width } = buildMenu([{ name: 'x'.repeat(30), key: 'Enter', command: '' }], 20);
    expect(lines[0]!.text).toBe(`${'x'.repeat(15)}>`);
    expect(lines[0]!.keyLabel).toBeUndefined();
    expect(width).toBe(16);
  });
});

describe('placeOverlay', () => {
  const expand = (fmt: string, vars: Record<string, string>) => fmt.replace(/#\{(\w+)\}/g, (_, n: string) => vars[n] ?? '');
  const base = { cols: 80, rows: 24, w: 20, h: 6, statusLines: 1, statusTop: false, pane: { x: 40, y: 0, cols: 40, rows: 11 }, expand };

  it('centres by default and puts -y at the bottom edge', () => {
    expect(placeOverlay(base)).toEqual({ x: 29, y: 8 });
    expect(placeOverlay({ ...base, x: '10', y: '15' })).toEqual({ x: 10, y: 9 });
  });

  it('P is the pane\'s left edge and bottom, R its right edge, S the status line, W the window\'s entry', () => {
    expect(placeOverlay({ ...base, x: 'P', y: 'P' })).toEqual({ x: 40, y: 5 });
    expect(placeOverlay({ ...base, x: 'R', y: 'S' })).toEqual({ x: 60, y: 17 });
    expect(placeOverlay({ ...base, windowStatusX: 12, x: 'W', y: 'W' })).toEqual({ x: 12, y: 17 });
  });

  it('keeps the box on the terminal, and refuses one bigger than it', () => {
    expect(placeOverlay({ ...base, x: '75', y: '2' })).toEqual({ x: 60, y: 0 });
    expect(placeOverlay({ ...base, w: 81 })).toBeNull();
  });
});

describe('Menu keys', () => {
  const server = { options: { get: () => 'bg=yellow,fg=black' } } as never;
  function open() {
    const { lines, width } = buildMenu(items, 80);
    const ran: string[] = [];
    const m = new Menu(server, 't', lines, width, { x: 0, y: 0 }, { stayOpen: false, run: (cmd) => void ran.push(cmd) });
    const client = { closed: 0, closeMode() { this.closed++; }, redraw() {} };
    return { m, ran, client };
  }
  const key = (k: string) => ({ type: 'key' as const, key: k, raw: k });

  it('starts on the first item, skips separators and dim items, wraps', async () => {
    const { m, client } = open();
    expect(m.choice).toBe(0);
    await m.handle(key('Down'), client as never);
    expect(m.choice).toBe(3);
    await m.handle(key('Down'), client as never);
    expect(m.choice).toBe(0);
    await m.handle(key('Up'), client as never);
    expect(m.choice).toBe(3);
  });

  it('runs an item by its key or Enter, never a dim one, and closes on q', async () => {
    const { m, ran, client } = open();
    await m.handle(key('n'), client as never);
    expect(ran).toEqual([]);
    await m.handle(key('s'), client as never);
    expect(ran).toEqual(['c']);
    const b = open();
    await b.m.handle(key('Enter'), b.client as never);
    expect(b.ran).toEqual(['a']);
    const q = open();
    await q.m.handle(key('q'), q.client as never);
    expect([q.ran, q.client.closed]).toEqual([[], 1]);
  });

  it('draws separators across the box and the key at the right', () => {
    const { m } = open();
    const g = new Grid(30, 8);
    m.paint(g, { area: { x: 0, y: 0, cols: 30, rows: 7 }, statusY: 7, style: () => ({ fg: 0, bg: 3 }) });
    expect(g.lineText(1).trimEnd()).toBe('│ First thing (1) │');
    expect(g.lineText(2).trimEnd()).toBe('├─────────────────┤');
    expect(g.lineText(3).trimEnd()).toBe('│ Not now         │');
  });
});
