/*
 * Moving panes through the model, with a fake pty: break-pane's and join-pane's model
 * operations keep the pane — its program (the same pty), history, id — and raise the
 * events that move it in clients and the checkpoint; a window's only pane moves with its
 * window, and a window left with no pane closes; respawnPane starts a new program in the
 * same pane, ignoring what the old one still says; remain-on-exit "failed" keeps only a
 * pane whose program failed.
 */
import { describe, expect, it } from 'vitest';
import { world } from './fake-model.js';
import { remains } from '../../src/server/model.js';

describe('moving panes in the model', () => {
  it('breaks a pane out into a new window of another session, keeping its program and history', () => {
    const { server, ptys, seen, req } = world();
    const m = server.model;
    const s = m.newSession('work', req, 80, 24);
    const w = s.current;
    const mate = m.splitWindow(w.activePane, 'h', req, { select: false });
    const pty = ptys.at(-1)!;
    pty.print('before the move\r\n');
    const hidden = m.newSession('hidden', req, 80, 24);
    seen.length = 0;
    const nw = m.breakPane(mate, hidden, { select: false });
    expect(seen).toEqual(['window-changed @0 layout', 'window-created @1']);
    expect([m.windowOf(mate), m.sessionOf(nw), hidden.indexOf(nw), hidden.indexOf(hidden.current)]).toEqual([nw, hidden, 1, 0]);
    expect([...w.panes.keys()]).toEqual([0]);
    expect([nw.cols, nw.rows, mate.cols, mate.rows]).toEqual([80, 24, 80, 24]);
    pty.print('after the move\r\n');
    expect(mate.term.buffer.active.getLine(1)!.translateToString(true)).toBe('after the move');
    expect(() => m.breakPane(m.splitWindow(w.activePane, 'v', req, { select: false }), hidden, { index: 1, select: false })).toThrow(/index in use: 1/);
  });

  it("moves a window's only pane with its window, closing the session it leaves", () => {
    const { server, seen, req } = world();
    const m = server.model;
    const keep = m.newSession('keep', req, 80, 24);
    const solo = m.newSession('solo', req, 80, 24);
    const w = solo.current;
    const pane = w.activePane;
    seen.length = 0;
    expect(m.breakPane(pane, keep, { index: 4, name: 'moved', select: false })).toBe(w);
    expect(seen).toEqual(['window-closed @0', 'session-closed $solo', 'window-created @4', 'window-changed @4 name']);
    expect([m.sessionOf(w), keep.indexOf(w), w.name, m.findSession('solo')]).toEqual([keep, 4, 'moved', undefined]);
  });

  it('joins a pane to another window, closing the window it leaves; within a window it splits the target first', () => {
    const { server, seen, req } = world();
    const m = server.model;
    const s = m.newSession('work', req, 80, 24);
    const lead = s.current.activePane;
    const other = m.newWindow(s, req, { select: false });
    const mate = other.activePane;
    seen.length = 0;
    m.joinPane(mate, lead, 'h', { percent: 70, select: false });
    expect(seen).toEqual(['window-closed @1', 'window-changed @0 layout']);
    expect([m.windowOf(mate) === s.current, s.windows.length, mate.cols, lead.cols]).toEqual([true, 1, 56, 23]);
    const third = m.splitWindow(lead, 'v', req, { select: false });
    m.joinPane(third, mate, 'v', { before: true, cells: 5, select: true });
    expect(s.current.orderedPanes().map((p) => p.id)).toEqual([lead.id, third.id, mate.id]);
    expect([third.rows, s.current.active, lead.rows]).toEqual([5, third.id, 24]);
    expect(() => m.joinPane(lead, lead, 'h', { select: false })).toThrow(/source and target panes must be different/);
    // A size larger than the target is clamped, as tmux's layout_split_pane: 5 rows give 1 and 3.
    m.joinPane(lead, third, 'v', { cells: 40, select: false });
    expect([third.rows, lead.rows]).toEqual([1, 3]);
    expect(() => m.joinPane(mate, third, 'v', { select: false })).toThrow(/create pane failed: pane too small/);
  });

  it('splits the whole window with full (join-pane -f)', () => {
    const { server, req } = world();
    const m = server.model;
    const s = m.newSession('work', req, 80, 24);
    const a = s.current.activePane;
    const b = m.splitWindow(a, 'h', req, { select: false });
    const c = m.newWindow(s, req, { select: false }).activePane;
    m.joinPane(c, b, 'v', { full: true, cells: 6, select: false });
    expect([c.cols, c.rows, a.rows, b.rows]).toEqual([80, 6, 17, 17]);
  });

  it('respawns a pane with a new program, deaf to the old one, and refuses a live one without kill', () => {
    const { server, ptys, seen, req } = world();
    const m = server.model;
    const s = m.newSession('work', req, 80, 24);
    const p = s.current.activePane;
    const old = ptys.at(-1)!;
    expect(() => m.respawnPane(p, { ...req, argv: ['sleep 1'] }, false)).toThrow(/respawn pane failed: pane work:0.0 still active/);
    seen.length = 0;
    m.respawnPane(p, { ...req, argv: ['sleep', '5'] }, true);
    // The screen is reset as tmux resets it (output), then the new start is reported.
    expect(seen).toEqual(['pane-output %0', 'pane-facts %0', 'pane-display %0', 'window-changed @0 name']);
    const now = ptys.at(-1)!;
    expect([now === old, now.file, now.args, p.pid, p.alive, p.startArgv]).toEqual([false, 'sleep', ['5'], now.pid, true, ['sleep', '5']]);
    seen.length = 0;
    old.print('late output');
    expect(seen).toEqual([]);
    now.print('new');
    expect(seen).toEqual(['pane-output %0']);
    server.options.set('exit-empty', false, 'toml');
    seen.length = 0;
    p.options.set('remain-on-exit', 'failed');
    now.end(2);
    expect(seen).toEqual(['pane-exited %0', 'pane-output %0', 'pane-display %0']); // the dead-pane message
    expect([p.alive, m.panes.has(p.id)]).toEqual([false, true]);
    m.respawnPane(p, { ...req, argv: ['true'] }, false);
    seen.length = 0;
    ptys.at(-1)!.end(0);
    expect(seen).toEqual(['pane-exited %0', 'pane-closed %0', 'window-closed @0', 'session-closed $work']);
  });

  it('keeps a pane under remain-on-exit as tmux 3.3: on always, failed only on a failure', () => {
    expect(remains(true, { code: 0, signal: 0 })).toBe(true);
    expect(remains('on', { code: 0, signal: 0 })).toBe(true);
    expect(remains('failed', { code: 0, signal: 0 })).toBe(false);
    expect(remains('failed', { code: 3, signal: 0 })).toBe(true);
    expect(remains('failed', { code: 0, signal: 15 })).toBe(true);
    expect(remains(false, { code: 1, signal: 0 })).toBe(false);
    expect(remains('off', { code: 1, signal: 0 })).toBe(false);
  });
});
