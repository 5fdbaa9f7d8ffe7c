/*
 * The model without a pty: a Server with a fake pty spawner. Sessions, windows and panes
 * are made and closed through it, programs print and exit on cue, and what the model
 * raises (events.ts) is recorded: every change a checkpoint holds raises 'changed', a
 * window switch raises 'window-selected' whoever asked for it, output and exits reach
 * subscribers in order, and a pane whose program exits is closed with its window.
 */
import { describe, expect, it } from 'vitest';
import { Emitter, type ModelEvents } from '../../src/server/events.js';
import { world } from './fake-model.js';

describe('the model, through a fake pty', () => {
  it('raises changed for what a checkpoint holds, and window-selected however the window changes', () => {
    const { server, seen, req } = world();
    const s = server.newSession('work', req, 80, 24);
    expect(seen).toContain('changed');
    seen.length = 0;
    const w1 = server.newWindow(s, req, { select: true });
    expect(seen).toEqual(['window-selected @1', 'changed', 'changed']);
    seen.length = 0;
    s.select(s.findIndex(0)!); // as select-window, a mouse click or next-waiting would
    expect(seen).toEqual(['window-selected @0', 'changed']);
    seen.length = 0;
    server.splitWindow(w1.activePane, 'h', req, { select: true });
    expect(seen).toEqual(['changed']);
  });

  it('passes output to the pane and its subscribers; an exited program closes its pane, then its window', () => {
    const { server, ptys, seen, req } = world();
    const s = server.newSession('work', req, 80, 24);
    const w = server.newWindow(s, req, { select: true });
    const pane = w.activePane;
    const pty = ptys.at(-1)!;
    seen.length = 0;
    pty.print('hello from the program\r\n');
    expect(seen).toEqual([`pane-output %${pane.id}`]);
    expect(pane.term.buffer.active.getLine(0)!.translateToString(true)).toBe('hello from the program');
    seen.length = 0;
    pty.end(0);
    expect(seen.slice(0, 2)).toEqual([`pane-exited %${pane.id}`, `pane-closed %${pane.id}`]);
    expect(s.windows).not.toContain(w);
    expect(s.current.index).toBe(0);
    expect(seen).toContain('window-selected @0');
    expect(server.panes.has(pane.id)).toBe(false);
  });
});

describe('Emitter', () => {
  it('calls handlers in order, and not after they unsubscribe', () => {
    const e = new Emitter<ModelEvents>();
    const got: string[] = [];
    const off = e.on('changed', () => got.push('a'));
    e.on('changed', () => got.push('b'));
    e.emit('changed', undefined);
    off();
    e.emit('changed', undefined);
    expect(got).toEqual(['a', 'b', 'b']);
  });
});
