/*
 * Tests of the target syntax (-t): how parseTarget splits each tmux form into session,
 * window and pane parts for each kind of command (as tmux 3.3a's cmd_find_target), the errors for unusable text, and
 * validateName's rules for session and window names.
 */
import { describe, expect, it } from 'vitest';
import { parseTarget, TargetError, validateName } from '../../src/core/target.js';

describe('parseTarget', () => {
  it.each([
    ['%3', 'pane', { pane: '%3' }],
    ['%3', 'session', { pane: '%3' }],
    ['@2', 'window', { window: '@2' }],
    ['@2.1', 'pane', { window: '@2', pane: '1', paneOnly: true }],
    ['$1', 'session', { session: '$1' }],
    ['work:1.0', 'pane', { session: 'work', window: '1', pane: '0', windowOnly: true, paneOnly: true }],
    ['work:1', 'window', { session: 'work', window: '1', windowOnly: true }],
    ['work:', 'session', { session: 'work', windowOnly: true }],
    ['work:', 'pane', { session: 'work', windowOnly: true }],
    [':2', 'window', { window: '2', windowOnly: true }],
    [':2.1', 'pane', { window: '2', pane: '1', windowOnly: true, paneOnly: true }],
    [':.1', 'pane', { pane: '1', windowOnly: true, paneOnly: true }],
    ['.1', 'pane', { pane: '1', paneOnly: true }],
    ['2.1', 'pane', { window: '2', pane: '1', paneOnly: true }],
    ['work', 'session', { session: 'work' }],
    ['logs', 'window', { window: 'logs' }],
    // A bare word for a pane is looked up as a pane, then a window, then a session (cmd_find_get_pane).
    ['logs', 'pane', { pane: 'logs' }],
    ['3', 'pane', { pane: '3' }],
    ['3', 'window', { window: '3' }],
    ['-1', 'window', { window: '-1' }],
    ['{last}', 'pane', { pane: '!' }],
    ['{left}', 'pane', { pane: 'left' }],
    ['{top-left}', 'pane', { pane: 'top-left' }],
    ['{up-of}', 'pane', { pane: '{up-of}' }],
    ['{last}', 'window', { window: '!' }],
    ['+', 'pane', { pane: '+' }],
    ['-', 'pane', { pane: '-' }],
    ['!', 'pane', { pane: '!' }],
    ['work:{next}', 'window', { session: 'work', window: '+', windowOnly: true }],
    ['work:{last}.{left}', 'pane', { session: 'work', window: '!', pane: 'left', windowOnly: true, paneOnly: true }],
    // The first "." after the ":" splits, as tmux's strchr.
    ['work:my.win.2', 'pane', { session: 'work', window: 'my', pane: 'win.2', windowOnly: true, paneOnly: true }],
    ['=work:=ed', 'window', { session: 'work', window: 'ed', windowOnly: true, exactSession: true, exactWindow: true }],
    ['$x', 'session', { session: '$x' }],
  ] as const)('%j as a %s target → %j', (text, kind, parts) => {
    const got = parseTarget(text, kind);
    // Compare only the parts that are set: an absent part and an undefined one mean the same.
    const defined = Object.fromEntries(Object.entries(got).filter(([, v]) => v !== undefined));
    expect(defined).toEqual(parts);
  });

  it.each(['a\x01b', 'work:\n', '%1\x7f', '\x1b[A'])('refuses control characters in %j', (text) => {
    expect(() => parseTarget(text, 'pane')).toThrow(TargetError);
    expect(() => parseTarget(text, 'pane')).toThrow(/control characters/);
  });
});

describe('validateName', () => {
  it.each([
    ['session', 'work'],
    ['session', 'my-project_2'],
    ['session', 'ünïcødé 🚀'],
    ['window', 'logs:tail'],
    ['window', 'v1.2'],
    ['session', 'x'.repeat(128)],
  ] as const)('accepts %s name %j', (kind, name) => {
    expect(validateName(kind, name)).toBeNull();
  });

  it.each([
    ['session', '', /must not be empty/],
    ['window', '', /must not be empty/],
    ['session', 'a:b', /":" or "\."/],
    ['session', 'a.b', /":" or "\."/],
    ['session', 'a\tb', /control characters/],
    ['window', 'a\nb', /control characters/],
    ['window', 'bell\x07', /control characters/],
    ['session', 'del\x7f', /control characters/],
    ['session', 'x'.repeat(129), /longer than 128/],
  ] as const)('refuses %s name %j', (kind, name, why) => {
    const msg = validateName(kind, name);
    expect(msg).toMatch(why);
    expect(msg).toContain(kind);
  });
});
