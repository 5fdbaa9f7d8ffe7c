/*
 * Option levels without a server: the nearest value wins in tmux's order (pane, window,
 * global for window options; session, global for session options; server options only
 * global), and user options are found as tmux's formats find them.
 */
import { describe, expect, it } from 'vitest';
import { OptionStore } from '../../src/config/option-values.js';
import { LocalOptions } from '../../src/config/local-options.js';

const holder = () => ({ options: new LocalOptions() });

describe('option levels', () => {
  it('looks a window option up in the pane, the window, then the global table', () => {
    const o = new OptionStore();
    const session = holder(), window = holder(), pane = holder();
    const at = { session, window, pane };
    expect(o.get('remain-on-exit', at)).toBe(false);
    o.set('remain-on-exit', 'on');
    expect(o.get('remain-on-exit', at)).toBe('on');
    window.options.set('remain-on-exit', 'off');
    expect(o.get('remain-on-exit', at)).toBe('off');
    pane.options.set('remain-on-exit', 'failed');
    expect(o.get('remain-on-exit', at)).toBe('failed');
    expect(o.get('remain-on-exit', { window })).toBe('off');
    expect(o.get('remain-on-exit')).toBe('on');
    // A session never holds a window option's value for its windows.
    session.options.set('mode-keys', 'emacs');
    expect(o.get('mode-keys', at)).toBe('vi');
  });

  it('looks a session option up in the session, then the global table; a server option only globally', () => {
    const o = new OptionStore();
    const session = holder(), window = holder();
    window.options.set('status-left', 'not here');
    expect(o.get('status-left', { session, window })).toBe('[#{session_name}] ');
    session.options.set('status-left', 'mine');
    expect(o.get('status-left', { session, window })).toBe('mine');
    expect(o.getString('status-left')).toBe('[#{session_name}] ');
    session.options.set('escape-time', 1);
    expect(o.get('escape-time', { session })).toBe(10);
  });

  it('finds a user option as tmux formats do: pane, window, global window, session, global session, server', () => {
    const o = new OptionStore();
    const session = holder(), window = holder(), pane = holder();
    const at = { session, window, pane };
    o.setUser('@x', 'server', 'server');
    expect(o.getUser('@x', at)).toBe('server');
    o.setUser('@x', 'global session');
    expect(o.getUser('@x', at)).toBe('global session');
    session.options.set('@x', 'session');
    expect(o.getUser('@x', at)).toBe('session');
    o.setUser('@x', 'global window', 'window');
    expect(o.getUser('@x', at)).toBe('global window');
    window.options.set('@x', 'window');
    expect(o.getUser('@x', at)).toBe('window');
    pane.options.set('@x', 'pane');
    expect(o.getUser('@x', at)).toBe('pane');
    expect(o.userEntries('window')).toEqual([['@x', 'global window']]);
    expect(o.unsetUser('@x', 'window')).toBe(true);
    expect(o.getUser('@x', { session })).toBe('session');
  });

  it('keeps copies: changing a list read from a level changes nothing stored', () => {
    const l = new LocalOptions();
    l.set('update-environment', ['A']);
    (l.get('update-environment') as string[]).push('B');
    expect(l.get('update-environment')).toEqual(['A']);
    expect(l.names()).toEqual(['update-environment']);
    expect(l.delete('update-environment')).toBe(true);
    expect(l.size).toBe(0);
  });
});
