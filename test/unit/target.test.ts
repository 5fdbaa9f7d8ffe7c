/*
 * Tests of the target syntax (-t): how parseTarget splits each tmux form into session,
 * window and pane parts for each kind of command, the errors for unusable text, and
 * validateName's rules for session and window names.
 */
import { describe, expect, it } from 'vitest';
import { parseTarget, TargetError, validateName } from '../../src/core/target.js';

describe('parseTarget', () => {
  it.each([
    ['%3', 'pane', { pane: '%3' }],
    ['%3', 'session', { pane: '%3' }],
    ['@2', 'window', { window: '@2' }],
    ['@2.1', 'pane', { window: '@2', pane: '1' }],
    ['$1', 'session', { session: '$1' }],
    ['work:1.0', 'pane', { session: 'work', window: '1', pane: '0' }],
    ['work:1', 'window', { session: 'work', window: '1' }],
    ['work:', 'session', { session: 'work' }],
    ['work:', 'pane', { session: 'work' }],
    [':2', 'window', { window: '2' }],
    [':2.1', 'pane', { window: '2', pane: '1' }],
    [':.1', 'pane', { pane: '1' }],
    ['.1', 'pane', { pane: '1' }],
    ['2.1', 'pane', { window: '2', pane: '1' }],
    ['work', 'session', { session: 'work' }],
    ['logs', 'window', { window: 'logs' }],
    ['logs', 'pane', { window: 'logs' }],
    ['3', 'pane', { pane: '3' }],
    ['3', 'window', { window: '3' }],
    ['{last}', 'pane', { pane: '{last}' }],
    ['{left}', 'pane', { pane: '{left}' }],
    ['{up-of}', 'pane', { pane: '{up-of}' }],
    ['{last}', 'window', { window: '{last}' }],
    ['+', 'pane', { pane: '+' }],
    ['-', 'pane', { pane: '-' }],
    ['!', 'pane', { pane: '!' }],
    ['work:{next}', 'window', { session: 'work', window: '{next}' }],
    ['work:{last}.{left}', 'pane', { session: 'work', window: '{last}', pane: '{left}' }],
    ['work:my.win.2', 'pane', { session: 'work', window: 'my.win', pane: '2' }],
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
