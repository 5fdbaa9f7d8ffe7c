/*
 * The model without a pty: a Server with a fake pty spawner. Sessions, windows and panes
 * are made, changed and closed through the model, programs print and exit on cue, and
 * what the model raises (events.ts) is recorded: each change raises its own event (and
 * the ones a checkpoint holds are in CHECKPOINTED), a window switch raises
 * 'window-selected' whoever asked for it, output and exits reach subscribers in order,
 * a pane whose program exits is closed with its window. The client fan-out turns events
 * into redraws of exactly the clients that show what changed; spawn hooks prepare a
 * pane's start, see the pane when it starts, and are undone when it cannot be made.
 */
import { describe, expect, it } from 'vitest';
import { CHECKPOINTED, Emitter, type ModelEvents } from '../../src/server/events.js';
import type { ClientHandle } from '../../src/server/client/handle.js';
import type { Session } from '../../src/server/window.js';
import type { Pane } from '../../src/server/pane.js';
import type { SpawnHook } from '../../src/server/spawn.js';
import { world } from './fake-model.js';

describe('the model, through a fake pty', () => {
  it('raises one event for each change, and window-selected however the window changes', () => {
    const { server, seen, req } = world();
    const m = server.model;
    const s = m.newSession('work', req, 80, 24);
    expect(seen).toEqual(['pane-created %0', 'window-selected @0', 'window-created @0', 'session-created $work']);
    seen.length = 0;
    const w1 = m.newWindow(s, req, { select: true });
    expect(seen).toEqual(['pane-created %1', 'window-created @1', 'window-selected @1']);
    seen.length = 0;
    s.select(s.findIndex(0)!); // as a mouse click or next-waiting would
    expect(seen).toEqual(['window-selected @0']);
    seen.length = 0;
    const right = m.splitWindow(w1.activePane, 'h', req, { select: true });
    expect(seen).toEqual(['pane-created %2', 'window-changed @1 layout']);
    seen.length = 0;
    m.selectPane(w1, 1);
    m.selectPane(w1, 1); // no change, no event
    m.setZoom(w1, true);
    m.renameWindow(w1, 'editor');
    m.setPaneTitle(right, 'logs');
    m.renameSession(s, 'play');
    m.setWindowFlag(w1, 'bell', true);
    m.setWindowFlag(w1, 'bell', true);
    m.paneDisplayChanged(right);
    m.paneFactsChanged(right);
    expect(seen).toEqual([
      'window-changed @1 active',
      'window-changed @1 zoom',
      'window-changed @1 name',
      'window-changed @1 title',
      'pane-title %2',
      'session-renamed $play',
      'window-flags @1',
      'pane-display %2',
      'pane-facts %2',
    ]);
    expect([w1.active, w1.zoomed, w1.name, right.title, s.name, [...s.flagsOf(w1)]]).toEqual([1, true, 'editor', 'logs', 'play', ['bell']]);
    expect(() => m.renameSession(m.newSession('other', req, 80, 24), 'play')).toThrow(/duplicate session: play/);
  });

  it('passes output to the pane and its subscribers; an exited program closes its pane, then its window', () => {
    const { server, ptys, seen, req } = world();
    const s = server.model.newSession('work', req, 80, 24);
    const w = server.model.newWindow(s, req, { select: true });
    const pane = w.activePane;
    const pty = ptys.at(-1)!;
    seen.length = 0;
    pty.print('hello from the program\r\n');
    expect(seen).toEqual([`pane-output %${pane.id}`]);
    expect(pane.term.buffer.active.getLine(0)!.translateToString(true)).toBe('hello from the program');
    seen.length = 0;
    pty.end(0);
    expect(seen).toEqual([`pane-exited %${pane.id}`, `pane-closed %${pane.id}`, 'window-selected @0', 'window-closed @1']);
    expect(s.windows).not.toContain(w);
    expect(s.indexOf(s.current)).toBe(0);
    expect(server.model.panes.has(pane.id)).toBe(false);
    seen.length = 0;
    server.options.set('exit-empty', false, 'toml'); // the last session may end without ending the test
    ptys[0]!.end(0);
    expect(seen).toEqual(['pane-exited %0', 'pane-closed %0', 'window-closed @0', 'session-closed $work']);
  });

  it('checkpoints after what a checkpoint holds, never after output, display or flags', () => {
    const held: ReadonlyArray<keyof ModelEvents> = CHECKPOINTED;
    for (const e of ['pane-output', 'pane-display', 'window-flags', 'tick', 'options-changed'] as const) expect(held).not.toContain(e);
    for (const e of ['session-renamed', 'window-changed', 'window-selected', 'pane-facts', 'pane-closed'] as const) expect(held).toContain(e);
  });
});

/** A client as the fan-out sees it, counting what it is asked to do. */
function fakeClient(session: Session) {
  const calls: string[] = [];
  const c: ClientHandle = {
    session,
    previousSession: undefined,
    get activePane() {
      return session.current.activePane;
    },
    cols: 80,
    paneAreaRows: () => 23,
    paneOutput: (p: Pane) => void calls.push(`output %${p.id}`),
    sessionDestroyed: () => void calls.push('destroyed'),
    switchTo: () => undefined,
    detach: () => undefined,
    redraw: () => void calls.push('redraw'),
    redrawStatus: () => void calls.push('status'),
    showMessage: () => undefined,
    sendRaw: () => undefined,
  };
  return { c, calls };
}

describe('the client fan-out', () => {
  it('redraws the clients that show what changed, and only the status line of the others in that session', () => {
    const { server, ptys, req } = world();
    const m = server.model;
    // Sized as the clients are (80 × 23 for panes), so no window is resized by them.
    const s = m.newSession('work', req, 80, 23);
    const w0 = s.current;
    const w1 = m.newWindow(s, req, { select: false });
    const other = m.newSession('other', req, 80, 23);
    const front = fakeClient(s);
    const elsewhere = fakeClient(other);
    server.addClient(front.c);
    server.addClient(elsewhere.c);
    const reset = () => {
      front.calls.length = 0;
      elsewhere.calls.length = 0;
    };
    ptys[0]!.print('x');
    expect(front.calls).toEqual(['output %0']);
    ptys[1]!.print('y'); // a window nobody shows
    expect(front.calls).toEqual(['output %0']);
    expect([...s.flagsOf(w1)]).toEqual([]); // monitor-activity is off by default
    reset();
    m.renameWindow(w1, 'background');
    expect(front.calls).toEqual(['status']);
    m.renameWindow(w0, 'front');
    expect(front.calls).toEqual(['status', 'redraw']);
    expect(elsewhere.calls).toEqual([]);
    reset();
    m.optionsChanged();
    expect([front.calls, elsewhere.calls]).toEqual([['redraw'], ['redraw']]);
    reset();
    m.killSession(other);
    expect(elsewhere.calls).toEqual(['destroyed']);
    expect(front.calls).toEqual([]);
  });
});

describe('spawn hooks', () => {
  it('prepare the request, see the pane when it starts, and are undone when it cannot be made', async () => {
    const { server, ptys, req } = world();
    const log: string[] = [];
    const hook: SpawnHook = {
      async prepare(r) {
        log.push(`prepare ${r.argv?.join(' ') ?? ''}`);
        return {
          request: { ...r, argv: ['special', ...(r.argv ?? [])], kind: 'special' },
          started: (p) => void log.push(`started %${p.id}`),
          abandon: async () => void log.push('abandon'),
        };
      },
    };
    server.spawnHooks.push(hook);
    const s = await server.spawn({ ...req, argv: ['a', 'b'] }, (r, started) => server.model.newSession('work', r, 80, 24, undefined, started));
    expect(ptys.at(-1)!.file).toBe('special');
    expect(ptys.at(-1)!.args).toEqual(['a', 'b']);
    expect(s.current.name).toBe('special'); // the window's name is what the hook made the pane
    expect(log).toEqual(['prepare a b', 'started %0']);
    log.length = 0;
    await expect(server.spawn(req, (r, started) => server.model.newSession('work', r, 80, 24, undefined, started))).rejects.toThrow(/duplicate session/);
    expect(log).toEqual(['prepare ', 'abandon']);
    expect(server.model.sessions.map((x) => x.name)).toEqual(['work']);
  });
});

describe('Emitter', () => {
  it('calls handlers in order, and not after they unsubscribe', () => {
    const e = new Emitter<ModelEvents>();
    const got: string[] = [];
    const off = e.on('tick', () => got.push('a'));
    e.on('tick', () => got.push('b'));
    e.emit('tick', undefined);
    off();
    e.emit('tick', undefined);
    expect(got).toEqual(['a', 'b', 'b']);
  });
});
