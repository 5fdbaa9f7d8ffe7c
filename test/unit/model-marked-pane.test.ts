/*
 * The marked pane in the model (server/marked-pane.ts), with a fake pty: marking raises
 * one event; it stays marked only while its session, its window's winlink there and the
 * pane in that window hold together, as tmux's server_check_marked finds — a pane that
 * leaves its window (killed, joined elsewhere, broken out) is cleared for good; a window
 * moved, renumbered or swapped away has another winlink, and one swapped back is its
 * own again. tmux itself is the judge in test/e2e/tmux-compat-marked.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { world } from './fake-model.js';

function setup() {
  const w0 = world();
  const m = w0.server.model;
  const s = m.newSession('work', w0.req, 80, 24);
  const win = s.current;
  const a = win.activePane;
  const b = m.splitWindow(a, 'h', w0.req, { select: false });
  const other = m.newWindow(s, w0.req, { select: false });
  return { ...w0, m, s, win, a, b, other };
}

describe('the marked pane', () => {
  it('is set and cleared through the model, which raises pane-marked each time', () => {
    const { m, s, win, a, b, seen } = setup();
    seen.length = 0;
    m.markPane(s, win, b);
    expect(seen).toEqual(['pane-marked']);
    expect(m.marked.get()).toEqual({ session: s, window: win, pane: b });
    expect([m.marked.is(s, win, b), m.marked.is(s, win, a), m.marked.inWindow(s, win)]).toEqual([true, false, true]);
    m.markPane();
    expect(seen).toEqual(['pane-marked', 'pane-marked']);
    expect(m.marked.get()).toBeUndefined();
  });

  it('is cleared for good when the pane leaves its window: killed, joined, broken out', () => {
    const { m, s, win, b, other, req } = setup();
    m.markPane(s, win, b);
    m.joinPane(b, other.activePane, 'v', { select: false });
    expect(m.marked.get()).toBeUndefined();
    // Joined back, it is not marked again (tmux's window_lost_pane cleared it).
    m.joinPane(b, win.activePane, 'h', { select: false });
    expect(m.marked.get()).toBeUndefined();
    m.markPane(s, win, b);
    m.breakPane(b, s, { select: false });
    expect(m.marked.get()).toBeUndefined();
    const c = m.splitWindow(win.activePane, 'h', req, { select: false });
    m.markPane(s, win, c);
    m.closePane(c);
    expect(m.marked.get()).toBeUndefined();
  });

  it('is invalid while its pane is swapped into another window, and valid again when swapped back', () => {
    const { m, s, win, b, other } = setup();
    const o = other.activePane;
    m.markPane(s, win, b);
    m.swapPanes(b, o, { select: false, keepZoom: false });
    expect(m.marked.get()).toBeUndefined();
    m.swapPanes(b, o, { select: false, keepZoom: false });
    expect(m.marked.get()?.pane).toBe(b);
  });

  it('follows the winlink: a window moved or renumbered is no longer marked; swapped away and back, it is', () => {
    const { m, s, win, b, other } = setup();
    m.markPane(s, win, b);
    m.swapWindows(win, other, false, s, s);
    expect(m.marked.get()).toBeUndefined();
    m.swapWindows(win, other, false, s, s);
    expect(m.marked.get()?.pane).toBe(b);
    m.moveWindow(win, s, 5, false);
    expect(m.marked.get()).toBeUndefined();
    m.moveWindow(win, s, 0, false);
    expect(m.marked.get()).toBeUndefined();
    m.markPane(s, win, b);
    m.renumberWindows(s);
    expect(m.marked.get()).toBeUndefined();
  });

  it('is gone with its session, and with its window', () => {
    const { m, s, win, b, req } = setup();
    const keep = m.newSession('keep', req, 80, 24);
    m.markPane(s, win, b);
    expect(m.marked.get()?.session).toBe(s);
    m.killWindow(win);
    expect(m.marked.get()).toBeUndefined();
    const w2 = s.current;
    m.markPane(s, w2, w2.activePane);
    m.killSession(s);
    expect(m.marked.get()).toBeUndefined();
    expect(m.sessions).toEqual([keep]);
  });
});
