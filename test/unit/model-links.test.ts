/*
 * Windows in several sessions, in the model with a fake pty: link-window and
 * unlink-window, kill-window of a linked window, session groups keeping their windows
 * the same, flags per session, and that every pane is closed exactly once however many
 * sessions its window was in (the Claude wind-down runs on pane-closed).
 */
import { describe, expect, it } from 'vitest';
import { world } from './fake-model.js';
import type { Session } from '../../src/server/window.js';

function setup() {
  const w = world();
  const m = w.server.model;
  const a = m.newSession('a', w.req, 80, 24, 'a0');
  m.newWindow(a, w.req, { select: false, name: 'a1' });
  const b = m.newSession('b', w.req, 80, 24, 'b0');
  return { ...w, m, a, b };
}

/** "0:a0* 1:a1", as list-windows -F '#{window_index}:#{window_name}#{window_flags}' (flags: * - # !). */
const show = (s: Session) =>
  s
    .sorted()
    .map((w) => `${s.indexOf(w)}:${w.name}${s.current === w ? '*' : s.last === w ? '-' : ''}${s.flagsOf(w).has('activity') ? '#' : ''}${s.flagsOf(w).has('bell') ? '!' : ''}`)
    .join(' ');

describe('windows linked into several sessions', () => {
  it('links a window at its own index in another session; unlinks it; refuses to unlink its only session without kill', () => {
    const { m, a, b, seen } = setup();
    const a1 = a.findIndex(1)!;
    seen.length = 0;
    m.linkWindow(a1, a, b, 5, false, false);
    expect(seen).toEqual(['window-created @5']);
    expect([show(a), show(b)]).toEqual(['0:a0* 1:a1', '0:b0* 5:a1']);
    expect(m.sessionsOf(a1).map((s) => s.name)).toEqual(['a', 'b']);
    expect(() => m.linkWindow(a1, a, b, 0, false, false)).toThrow('index in use: 0');
    expect(() => m.linkWindow(a1, a, b, 5, false, false)).toThrow('same index: 5');
    expect(() => m.linkWindow(a1, a, b, 7, false, false)).toThrow(/already linked to b/);
    seen.length = 0;
    m.unlinkWindow(a1, a, false);
    expect(seen).toEqual(['window-closed @1']);
    expect([show(a), show(b)]).toEqual(['0:a0*', '0:b0* 5:a1']);
    expect(() => m.unlinkWindow(a1, b, false)).toThrow('window only linked to one session');
    const pane = a1.activePane.id;
    m.unlinkWindow(a1, b, true);
    expect(m.panes.has(pane)).toBe(false);
    expect(show(b)).toBe('0:b0*');
  });

  it('kill-window closes a linked window in every session, its panes once; a session left empty ends', () => {
    const { m, a, b, seen } = setup();
    const a1 = a.findIndex(1)!;
    m.linkWindow(a1, a, b, 3, true, false);
    const solo = m.newSession('solo', { cwd: '/', env: {} }, 80, 24);
    m.linkWindow(a1, a, solo, 9, true, false);
    m.killWindow(solo.current === a1 ? solo.findIndex(0)! : solo.current);
    expect(show(solo)).toBe('9:a1*');
    seen.length = 0;
    m.killWindow(a1);
    expect(seen.filter((e) => e.startsWith('pane-closed'))).toHaveLength(1);
    expect(seen.filter((e) => e.startsWith('window-closed'))).toEqual(['window-closed @1', 'window-closed @3', 'window-closed @9']);
    expect(seen).toContain('session-closed $solo');
    expect([show(a), show(b), m.findSession('solo')]).toEqual(['0:a0*', '0:b0*', undefined]);
  });

  it('kill-session keeps a window another session holds, and closes the ones only it held', () => {
    const { m, a, b, seen } = setup();
    const a1 = a.findIndex(1)!;
    const a0 = a.findIndex(0)!;
    m.linkWindow(a1, a, b, 1, false, false);
    const onlyA = a0.activePane.id;
    seen.length = 0;
    m.killSession(a);
    expect(seen.filter((e) => e.startsWith('pane-closed'))).toEqual([`pane-closed %${onlyA}`]);
    expect(m.panes.has(a1.activePane.id)).toBe(true);
    expect(m.sessionsOf(a1)).toEqual([b]);
  });

  it('keeps activity and bell flags per session: not where the window is current and attached', () => {
    const { m, a, b, server } = setup();
    const a1 = a.findIndex(1)!;
    m.linkWindow(a1, a, b, 1, true, false);
    // b shows a1 to an attached client; a does not show it.
    server.addClient({ session: b, cols: 80, paneAreaRows: () => 24 } as never);
    m.setWindowFlag(a1, 'bell', true);
    expect([show(a), show(b)]).toEqual(['0:a0* 1:a1!', '0:b0- 1:a1*']);
    m.selectWindow(a, a1);
    expect(show(a)).toBe('0:a0- 1:a1*');
  });

  it('a window moved between sessions stays linked where it was linked besides', () => {
    const { m, a, b, req } = setup();
    const c = m.newSession('c', req, 80, 24, 'c0');
    const a1 = a.findIndex(1)!;
    m.linkWindow(a1, a, c, 4, false, false);
    m.moveWindow(a1, b, 2, false, { from: a });
    expect([show(a), show(b), show(c)]).toEqual(['0:a0*', '0:b0* 2:a1', '0:c0* 4:a1']);
    expect(m.sessionsOf(a1).map((s) => s.name)).toEqual(['c', 'b']);
  });
});

describe('session groups', () => {
  it('a grouped session shares the window list: made, killed, moved in one, so in all; each keeps its current window', () => {
    const { m, a, req } = setup();
    const g = m.newGroupedSession(undefined, 'a', a);
    expect(g.name).toBe(`a-${g.id}`);
    expect(m.groups.of(a)?.sessions.map((s) => s.name)).toEqual(['a', g.name]);
    expect(show(g)).toBe('0:a0* 1:a1');
    const w2 = m.newWindow(g, req, { select: true, name: 'g2' });
    expect([show(a), show(g)]).toEqual(['0:a0* 1:a1 2:g2', '0:a0- 1:a1 2:g2*']);
    m.moveWindow(w2, g, 7, true, { from: g });
    expect([show(a), show(g)]).toEqual(['0:a0* 1:a1 7:g2', '0:a0- 1:a1 7:g2*']);
    const panes = [...w2.panes.keys()];
    m.killWindow(a.findIndex(7)!);
    expect(panes.every((id) => !m.panes.has(id))).toBe(true);
    expect([show(a), show(g)]).toEqual(['0:a0* 1:a1', '0:a0* 1:a1']);
    expect(() => m.linkWindow(a.findIndex(1)!, a, g, 5, false, false)).toThrow('sessions are grouped');
    // An unlink of a window only the group holds is refused; the group is one session here.
    expect(() => m.unlinkWindow(a.findIndex(1)!, a, false)).toThrow('window only linked to one session');
  });

  it('kill-session of a grouped session leaves the others with the windows; the last window killed ends the group', () => {
    const { m, a, seen } = setup();
    const g = m.newGroupedSession('g', 'a', a);
    const panes = [...m.panes.keys()].filter((id) => a.windows.some((w) => w.panes.has(id)));
    m.killSession(g);
    expect(panes.every((id) => m.panes.has(id))).toBe(true);
    expect(m.groups.of(a)?.sessions).toEqual([a]);
    const h = m.newGroupedSession('h', 'a', a);
    m.killWindow(a.findIndex(1)!);
    seen.length = 0;
    m.killWindow(a.findIndex(0)!);
    expect(seen.filter((e) => e.startsWith('pane-closed'))).toHaveLength(1);
    expect([m.findSession('a'), m.findSession('h'), m.groups.of(h)]).toEqual([undefined, undefined, undefined]);
  });
});
