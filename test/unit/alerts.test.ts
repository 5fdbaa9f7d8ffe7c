/*
 * Alerts (server/alerts.ts) over the fake model with a fake clock: which windows are
 * flagged for a bell, activity or silence, which alerts are reported (the window-alert
 * event the alert-* hooks run on) and what a client of the session is sent — the bell or
 * tmux's message — per bell-action / activity-action / silence-action and visual-*; and
 * that no timer runs while no window monitors silence (an idle server sleeps).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientHandle } from '../../src/server/client/handle.js';
import type { Session } from '../../src/server/window.js';
import { actionApplies, alertMessage } from '../../src/server/alerts.js';
import { world } from './fake-model.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A client on `session`, recording the bells and messages it is sent. */
function fakeClient(session: Session, control = false) {
  const got: string[] = [];
  const c = {
    session,
    cols: 80,
    paneAreaRows: () => 23,
    ...(control ? { control: { mode: 1, sized: false } } : {}),
    showMessage: (t: string) => void got.push(`message ${t}`),
    sendRaw: (d: string) => void got.push(d === '\x07' ? 'bell' : JSON.stringify(d)),
    paneOutput: () => undefined,
    redraw: () => undefined,
    redrawStatus: () => undefined,
  } as unknown as ClientHandle;
  return { c, got };
}

function setup() {
  const w = world();
  const m = w.server.model;
  const s = m.newSession('work', w.req, 80, 23);
  const w1 = m.newWindow(s, w.req, { select: false });
  const alerts: string[] = [];
  m.events.on('window-alert', ({ session, window, kind }) => void alerts.push(`${kind} @${session.indexOf(window)}`));
  vi.runAllTicks();
  vi.advanceTimersByTime(0);
  return { ...w, m, s, w0: s.current, w1, alerts };
}

describe('alerts', () => {
  it('a bell in another window flags it, runs alert-bell and rings the bell of the session\'s clients (not a control client\'s)', () => {
    const { server, m, s, w1, ptys, alerts } = setup();
    const front = fakeClient(s);
    const control = fakeClient(s, true);
    server.addClient(front.c);
    server.addClient(control.c);
    ptys[1]!.print('\x07');
    expect(s.flagsOf(w1).has('bell')).toBe(false); // checked on the next turn of the loop
    vi.advanceTimersByTime(0);
    expect([...s.flagsOf(w1)]).toEqual(['bell']);
    expect(alerts).toEqual(['bell @1']);
    expect(front.got).toEqual(['bell']);
    expect(control.got).toEqual([]);
    // visual-bell on: the message instead; both: both. A bell is reported again while flagged.
    server.options.set('visual-bell', 'on');
    ptys[1]!.print('\x07');
    vi.advanceTimersByTime(0);
    server.options.set('visual-bell', 'both');
    ptys[0]!.print('\x07');
    vi.advanceTimersByTime(0);
    expect(front.got).toEqual(['bell', 'message Bell in window 1', 'bell', 'message Bell in current window']);
    expect(m.sessionOf(w1)).toBe(s);
  });

  it('bell-action, activity-action and silence-action say which windows are reported; the current window of a watched session is never flagged', () => {
    const { server, s, w0, w1, ptys, alerts } = setup();
    const front = fakeClient(s);
    server.addClient(front.c);
    server.options.set('bell-action', 'other');
    ptys[0]!.print('\x07');
    vi.advanceTimersByTime(0);
    expect([alerts, front.got, [...s.flagsOf(w0)]]).toEqual([[], [], []]);
    server.options.set('bell-action', 'none');
    ptys[1]!.print('\x07');
    vi.advanceTimersByTime(0);
    expect([alerts, front.got, [...s.flagsOf(w1)]]).toEqual([[], [], ['bell']]); // flagged, not reported
    server.options.set('monitor-bell', false);
    s.select(w1);
    ptys[1]!.print('x\x07');
    vi.advanceTimersByTime(0);
    expect([...s.flagsOf(w1)]).toEqual([]);
    // monitor-activity: flagged once (until selected), reported by activity-action (default other).
    server.options.set('monitor-activity', true);
    server.options.set('visual-activity', 'on');
    ptys[0]!.print('a');
    vi.advanceTimersByTime(0);
    ptys[0]!.print('b');
    vi.advanceTimersByTime(0);
    ptys[1]!.print('c'); // the current window: other does not apply
    vi.advanceTimersByTime(0);
    expect([alerts, front.got, [...s.flagsOf(w0)], [...s.flagsOf(w1)]]).toEqual([['activity @0'], ['message Activity in window 0'], ['activity'], []]);
    expect(actionApplies('current', s, w1)).toBe(true);
    expect(alertMessage('silence', s, w0)).toBe('Silence in window 0');
  });

  it('monitor-silence: a timer only for windows that monitor silence, restarted by output, flagging ~ after that many quiet seconds', () => {
    const { server, m, s, w0, w1, ptys, alerts } = setup();
    expect(server.alerts.timers).toBe(0);
    ptys[1]!.print('output');
    vi.advanceTimersByTime(60_000);
    expect([server.alerts.timers, [...s.flagsOf(w1)]]).toEqual([0, []]);
    w1.options.set('monitor-silence', 2);
    m.optionsChanged();
    expect(server.alerts.timers).toBe(1);
    vi.advanceTimersByTime(1500);
    ptys[1]!.print('still here');
    vi.advanceTimersByTime(1500);
    expect([...s.flagsOf(w1)]).toEqual([]);
    vi.advanceTimersByTime(600);
    expect([...s.flagsOf(w1)]).toEqual(['silence']);
    expect(alerts).toEqual(['silence @1']);
    // Flagged: not reported again while it stays silent; selecting it clears the flag.
    vi.advanceTimersByTime(10_000);
    expect(alerts).toEqual(['silence @1']);
    s.select(w1);
    expect([...s.flagsOf(w1)]).toEqual([]);
    expect(s.flagsOf(w0).has('silence')).toBe(false);
    w1.options.delete('monitor-silence');
    m.optionsChanged();
    expect(server.alerts.timers).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
