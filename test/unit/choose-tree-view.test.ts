/*
 * choose-tree's view over a model with fake ptys: the tree built from the sessions,
 * windows and panes, the Claude state after a Claude pane's line (ccmux's addition), the
 * template run on Enter with the item's target, x asking before it kills, -Z zooming
 * while open; and choose-buffer's view over the paste buffers.
 */
import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { ChooseTreeView, TREE_DEFAULT_FORMAT } from '../../src/server/client/choose-tree-view.js';
import { ChooseBufferView } from '../../src/server/client/choose-list-views.js';
import { bufferSample } from '../../src/server/paste-buffers.js';
import type { ClientMode } from '../../src/server/client/handle.js';
import type { Session } from '../../src/server/window.js';
import { world } from './fake-model.js';

function fakeClient(session: Session) {
  const ran: string[] = [];
  const c = {
    session,
    mode: null as ClientMode | null,
    cols: 80,
    paneAreaRows: () => 23,
    openMode(m: ClientMode) {
      this.mode = m;
    },
    closeMode() {
      this.mode = null;
    },
    redraw() {},
    runBinding: async (cmd: string) => void ran.push(cmd),
  };
  return { c, ran };
}

const opts = { type: 'pane' as const, format: TREE_DEFAULT_FORMAT, template: "switch-client -Zt '%%'", zoom: false, preview: true, sortField: 0, reversed: false };
const key = (k: string) => ({ type: 'key' as const, key: k, raw: k });
const lines = (g: Grid, n: number) => Array.from({ length: n }, (_, y) => g.lineText(y).trimEnd());

describe('ChooseTreeView', () => {
  it('lists sessions, windows and panes with tmux\'s default format and the Claude state of Claude panes', () => {
    const { server, req } = world();
    const a = server.model.newSession('a', req, 80, 23, 'main');
    const right = server.model.splitWindow(a.current.activePane, 'h', req, { select: true });
    server.model.newSession('b', req, 80, 23, 'other');
    server.awareness = {
      status: (id: number) => (id === right.id ? { state: 'needs-input' } : undefined),
      windowMark: (panes: Iterable<{ id: number }>) => ([...panes].some((p) => p.id === right.id) ? { text: '◆' } : undefined),
    } as never;
    const { c } = fakeClient(a);
    const view = new ChooseTreeView(server, c as never, { ...opts, zoom: true });
    const g = new Grid(80, 24);
    view.paint(g, { area: { x: 0, y: 0, cols: 80, rows: 23 }, statusY: 23, style: () => ({ fg: 0, bg: 3 }) }, c as never);
    const shown = lines(g, 5);
    expect(shown[0]).toBe('(0) - a: 1 windows');
    expect(shown[1]).toMatch(/^\(1\) └─> - 0: main\*Z? ◆$/);
    expect(shown[3]).toMatch(/^\(3\)     └─> 1: \S+\* ◆ needs-input$/);
    expect(shown[4]).toBe('(4) - b: 1 windows');
    // The current line is the active pane's, in mode-style (bg=yellow).
    expect(view.tree.currentItem?.id).toBe(`p${right.id}`);
    expect(g.bg[3 * 80]).toBe(3);
  });

  it('runs the template with the chosen item\'s target, and asks before x kills', async () => {
    const { server, req } = world();
    const a = server.model.newSession('a', req, 80, 23, 'main');
    server.model.newWindow(a, req, {});
    const { c, ran } = fakeClient(a);
    const view = new ChooseTreeView(server, c as never, { ...opts, type: 'window' });
    c.openMode(view);
    await view.handle(key('1'), c as never); // line 1's shortcut: window 0
    expect(ran).toEqual([`switch-client -Zt '=a:0.'`]);
    expect(c.mode).toBeNull();
    const again = new ChooseTreeView(server, c as never, { ...opts, type: 'session' });
    c.openMode(again);
    await again.handle(key('x'), c as never);
    const g = new Grid(80, 24);
    again.paint(g, { area: { x: 0, y: 0, cols: 80, rows: 23 }, statusY: 23, style: () => ({ fg: 0, bg: 3 }) }, c as never);
    expect(g.lineText(23).trimEnd()).toBe('Kill session a?');
    await again.handle(key('y'), c as never);
    expect(ran.at(-1)).toBe('kill-session -t =a');
    expect(c.mode).toBe(again);
  });

  it('zooms the pane while open with -Z and unzooms on closing', async () => {
    const { server, req } = world();
    const a = server.model.newSession('a', req, 80, 23, 'main');
    server.model.splitWindow(a.current.activePane, 'h', req, { select: true });
    const { c } = fakeClient(a);
    const view = new ChooseTreeView(server, c as never, { ...opts, zoom: true });
    c.openMode(view);
    expect(a.current.zoomed).toBe(true);
    await view.handle(key('q'), c as never);
    expect(a.current.zoomed).toBe(false);
  });
});

describe('ChooseTreeView following the model', () => {
  it('shows a window made while it is open at its next frame, and stops following once closed', () => {
    const { server, req } = world();
    const a = server.model.newSession('a', req, 80, 23, 'main');
    const { c } = fakeClient(a);
    let redraws = 0;
    c.redraw = () => void redraws++;
    const view = new ChooseTreeView(server, c as never, { ...opts, zoom: true });
    c.openMode(view);
    const g = new Grid(80, 24);
    const area = { area: { x: 0, y: 0, cols: 80, rows: 23 }, statusY: 23, style: () => ({ fg: 0, bg: 3 }) };
    view.paint(g, area, c as never);
    expect(view.tree.lines).toHaveLength(2);
    server.model.newWindow(a, req, { name: 'later' } as never);
    expect(redraws).toBeGreaterThan(0);
    view.paint(g, area, c as never);
    expect(view.tree.lines.map((l) => l.item.text)).toContain('later');
    view.dispose();
    const before = redraws;
    server.model.newWindow(a, req, {});
    expect(redraws).toBe(before);
  });
});

describe('ChooseBufferView', () => {
  it('lists buffers newest first with their samples; d deletes; the view closes when none is left', async () => {
    const { server, req } = world();
    const a = server.model.newSession('a', req, 80, 23, 'main');
    server.buffers.add('older', 'x');
    server.buffers.add('a\nb\tc');
    const { c } = fakeClient(a);
    const view = new ChooseBufferView(server, c as never, { format: '#{buffer_size} #{buffer_sample}', template: "paste-buffer -b '%%'", preview: true, sortField: 0, reversed: false });
    c.openMode(view);
    expect(view.tree.lines.map((l) => `${l.item.name}: ${l.item.text}`)).toEqual(['buffer0: 5 a\\nb\\tc', 'x: 5 older']);
    await view.handle(key('d'), c as never);
    expect(server.buffers.all().map((b) => b.name)).toEqual(['x']);
    await view.handle(key('d'), c as never);
    expect(c.mode).toBeNull();
  });

  it('samples the first 200 bytes, visibly, as tmux\'s paste_make_sample', () => {
    expect(bufferSample('a\x01b')).toBe('a\\001b'); // octal, as tmux's VIS_OCTAL
    expect(bufferSample('y'.repeat(201))).toBe(`${'y'.repeat(200)}...`);
    expect(bufferSample('a\\b\tc\nd')).toBe('a\\\\b\\tc\\nd'); // VIS_CSTYLE: the backslash doubled, \t, \n
    expect(bufferSample('é'.repeat(150))).toBe(`${'é'.repeat(100)}...`); // 300 bytes: the first 200
    expect(bufferSample('\t'.repeat(150))).toBe(`${'\\t'.repeat(100)}...`); // 300 once escaped: cut at 200
  });
});
