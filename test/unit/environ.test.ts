/*
 * The environment as tmux keeps it (core/environ.ts): removal marks, hidden variables,
 * update-environment patterns, what a pane inherits and show-environment's lines.
 */
import { describe, expect, it } from 'vitest';
import { badVariableName, childEnv, Environ, lookupEnv, showEnvLine, updateEnviron } from '../../src/core/environ.js';

describe('Environ', () => {
  it('keeps a value, a removal mark and a hidden flag, sorted by name in byte order', () => {
    const e = new Environ({ b: '2', A: '1', SKIP: undefined });
    e.set('H', 'h', true);
    e.clear('Z');
    e.clear('b');
    expect(e.list()).toEqual([
      ['A', { value: '1', hidden: false }],
      ['H', { value: 'h', hidden: true }],
      ['Z', { value: null, hidden: false }],
      ['b', { value: null, hidden: false }],
    ]);
    e.unset('Z');
    expect(e.find('Z')).toBeUndefined();
    // clearing a hidden variable keeps it hidden (environ_clear changes only the value)
    e.clear('H');
    expect(e.find('H')).toEqual({ value: null, hidden: true });
  });

  it('a pane gets the global environment with the session\'s on top, without marked or hidden ones, then -e', () => {
    const global = new Environ({ PATH: '/bin', DISPLAY: ':0', KEEP: 'g' });
    global.set('SECRET', 's', true);
    const session = new Environ();
    session.clear('DISPLAY');
    session.set('KEEP', 's');
    session.set('HS', 'x', true);
    expect(childEnv(global, session, { EXTRA: '1' })).toEqual({ PATH: '/bin', KEEP: 's', EXTRA: '1' });
    expect(childEnv(global)).toEqual({ PATH: '/bin', DISPLAY: ':0', KEEP: 'g' });
  });

  it('formats see the session\'s value, a session\'s removal mark hides the global one, hidden ones are seen', () => {
    const global = new Environ({ A: 'g', B: 'g' });
    global.set('H', 'h', true);
    const session = new Environ({ A: 's' });
    session.clear('B');
    expect(lookupEnv(global, session, 'A')).toBe('s');
    expect(lookupEnv(global, session, 'B')).toBeUndefined();
    expect(lookupEnv(global, session, 'H')).toBe('h');
    expect(lookupEnv(global, undefined, 'B')).toBe('g');
    expect(lookupEnv(global, session, 'NONE')).toBeUndefined();
  });

  it('update-environment: each pattern sets the first client variable it matches by name, or marks its own name removed', () => {
    const dst = new Environ({ DISPLAY: ':9', OLD: 'x' });
    updateEnviron(['DISPLAY', 'SSH_*', 'WINDOWID', 'X?'], { SSH_CONNECTION: 'c', SSH_AUTH_SOCK: '/a', DISPLAY: ':1', OTHER: 'o', XB: 'b', XA: 'a' }, dst);
    // tmux 3.3a takes one variable per pattern: SSH_AUTH_SOCK sorts before SSH_CONNECTION
    expect(Object.fromEntries(dst.list().map(([k, e]) => [k, e.value]))).toEqual({ DISPLAY: ':1', OLD: 'x', SSH_AUTH_SOCK: '/a', WINDOWID: null, XA: 'a' });
  });

  it('show-environment lines: plain, removed, and for sh with $ ` " \\ escaped', () => {
    expect(showEnvLine('A', { value: 'x y', hidden: false }, false)).toBe('A=x y');
    expect(showEnvLine('A', { value: null, hidden: false }, false)).toBe('-A');
    expect(showEnvLine('A', { value: 'a$b`c"d\\e', hidden: false }, true)).toBe('A="a\\$b\\`c\\"d\\\\e"; export A;');
    expect(showEnvLine('A', { value: null, hidden: false }, true)).toBe('unset A;');
  });

  it('names set-environment refuses', () => {
    expect(badVariableName('')).toBe('empty variable name');
    expect(badVariableName('A=B')).toBe('variable name contains =');
    expect(badVariableName('A')).toBeNull();
  });
});
