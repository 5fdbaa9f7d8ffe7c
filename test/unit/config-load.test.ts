/*
 * loadConfigText for general options and [keys.*]: what a valid file yields, and each kind of
 * error with its exact message, line and column; errors are all collected, in line order.
 */

import { describe, expect, it } from 'vitest';
import { defaultClaudeSettings } from '../../src/config/claude-settings.js';
import { formatConfigError } from '../../src/config/load-config.js';
import { load } from './config-helpers.js';

describe('loadConfigText: valid files', () => {
  it('gives defaults and nothing set for an empty file', () => {
    const { config, errors } = load('');
    expect(errors).toEqual([]);
    expect(config.options.size).toBe(0);
    expect(config.keys.size).toBe(0);
    expect(config.claude).toEqual(defaultClaudeSettings());
    expect(config.file).toBe('ccmux.toml');
  });

  it('reads general options and key tables', () => {
    const { config, errors } = load(`
prefix = "C-a"
history-limit = 50000
mouse = false
status-position = "top"
status-style = "fg=white,bg=#112233,bold"

[keys.prefix]
"%" = "split-window -h -c '#{pane_current_path}'"
"C-a" = "send-prefix"
"x" = ""
q = "  "

[keys.root]
"M-Left" = "select-pane -L ; resize-pane -Z"
`);
    expect(errors).toEqual([]);
    expect(Object.fromEntries(config.options)).toEqual({
      prefix: 'C-a',
      'history-limit': 50000,
      mouse: false,
      'status-position': 'top',
      'status-style': 'fg=white,bg=#112233,bold',
    });
    expect(Object.fromEntries(config.keys.get('prefix')!)).toEqual({
      '%': "split-window -h -c '#{pane_current_path}'",
      'C-a': 'send-prefix',
      x: '',
      q: '',
    });
    expect(Object.fromEntries(config.keys.get('root')!)).toEqual({ 'M-Left': 'select-pane -L ; resize-pane -Z' });
  });

  it('accepts every key table', () => {
    const { config, errors } = load('[keys.prefix]\n[keys.root]\n[keys.copy-mode-vi]\n[keys.copy-mode]\n');
    expect(errors).toEqual([]);
    expect([...config.keys.keys()]).toEqual(['prefix', 'root', 'copy-mode-vi', 'copy-mode']);
  });

  it('does not pass an empty prefix2 to the key validator', () => {
    const { config, errors } = load('prefix2 = ""\n', { key: () => 'never valid', command: () => null });
    expect(errors).toEqual([]);
    expect(config.options.get('prefix2')).toBe('');
  });
});

describe('loadConfigText: errors', () => {
  it('reports a TOML syntax error with its line and column, and keeps the defaults', () => {
    const { config, errors, raw } = load('history-limit = 10\nstatus = = true\n');
    expect(errors).toEqual(['ccmux.toml:2:10: TOML syntax error: invalid value']);
    expect(raw[0]).toMatchObject({ file: 'ccmux.toml', line: 2, column: 10 });
    expect(config.options.size).toBe(0);
    expect(config.claude).toEqual(defaultClaudeSettings());
  });

  it('reports a redefined key as a syntax error', () => {
    expect(load('mouse = true\nmouse = false\n').errors).toEqual([
      'ccmux.toml:2:1: TOML syntax error: trying to redefine an already defined table or value',
    ]);
  });

  it.each([
    ['histroy-limit = 5', 'ccmux.toml:1:1: unknown option "histroy-limit" (did you mean "history-limit"?)'],
    ['  Mouse = true', 'ccmux.toml:1:3: unknown option "Mouse" (did you mean "mouse"?)'],
    ['status-positon = "top"', 'ccmux.toml:1:1: unknown option "status-positon" (did you mean "status-position"?)'],
    ['frobnicate = 1', 'ccmux.toml:1:1: unknown option "frobnicate"'],
    ['command = "claude"', 'ccmux.toml:1:1: unknown option "command" (did you mean "command-alias"?)'],
    ['[claud]\ncommand = "x"', 'ccmux.toml:1:2: unknown table [claud] (did you mean [claude]?)'],
    ['[key.prefix]', 'ccmux.toml:1:2: unknown table [key] (did you mean [keys]?)'],
    ['"history limit" = 5', 'ccmux.toml:1:1: unknown option "history limit" (did you mean "history-limit"?)'],
  ])('names an unknown key: %j', (text, error) => {
    expect(load(text).errors).toEqual([error]);
  });

  it.each([
    ['history-limit = "lots"', 'ccmux.toml:1:17: history-limit: expected a number from 0 to 2147483647, got "lots"'],
    ['history-limit = 3000000000', 'ccmux.toml:1:17: history-limit: expected a number from 0 to 2147483647, got 3000000000'],
    ['history-limit = -1', 'ccmux.toml:1:17: history-limit: expected a number from 0 to 2147483647, got -1'],
    ['escape-time = 1.5', 'ccmux.toml:1:15: escape-time: expected a number from 0 to 5000, got 1.5'],
    ['history-limit = { lines = 1 }', 'ccmux.toml:1:17: history-limit: expected a number from 0 to 2147483647, got a table'],
    ['mode-keys = "vim"', 'ccmux.toml:1:13: mode-keys: expected one of vi, emacs, got "vim"'],
    ['status = "on"', 'ccmux.toml:1:10: status: expected true, false or one of "2", "3", "4", "5", got "on"'],
    ['default-shell = ["zsh"]', 'ccmux.toml:1:17: default-shell: expected a string, got an array'],
    ['status-style = "fg=grene"', 'ccmux.toml:1:16: status-style: unknown colour "grene" (did you mean "green"?)'],
    ['pane-border-style = "blod"', 'ccmux.toml:1:21: pane-border-style: unknown style "blod" (did you mean "bold"?)'],
    ['prefix = 5', 'ccmux.toml:1:10: prefix: expected a key name like "C-b", got 5'],
    ['prefix = "Q-x"', 'ccmux.toml:1:10: prefix: unknown key name "Q-x"'],
    ['status-left = 1979-05-27', 'ccmux.toml:1:15: status-left: expected a string, got a date'],
  ])('says what was expected: %j', (text, error) => {
    const { config, errors } = load(text);
    expect(errors).toEqual([error]);
    expect(config.options.size).toBe(0);
  });

  it.each([
    ['keys = 5', 'ccmux.toml:1:8: keys: expected a table of key tables, got 5'],
    ['[keys]\nprefix = "x"', 'ccmux.toml:2:10: keys.prefix: expected a table of key bindings, got "x"'],
    ['[keys.prefx]\na = "kill-pane"', 'ccmux.toml:1:7: unknown key table [keys.prefx] (did you mean [keys.prefix]?)'],
    ['[keys.mine]', 'ccmux.toml:1:7: unknown key table [keys.mine]'],
    ['[keys.prefix]\n"Q-x" = "kill-pane"', 'ccmux.toml:2:1: keys.prefix.Q-x: unknown key name "Q-x"'],
    ['[keys.prefix]\n  x = "bogus -a"', 'ccmux.toml:2:7: keys.prefix.x: unknown command: bogus'],
    ['[keys.prefix]\n"%" = "kill-pane ; bogus"', 'ccmux.toml:2:7: keys.prefix."%": unknown command: bogus'],
    ['[keys.prefix]\nx = "display-message \'oops"', 'ccmux.toml:2:5: keys.prefix.x: unterminated single quote at column 17'],
    ['[keys.prefix]\nx = 5', 'ccmux.toml:2:5: keys.prefix.x: expected a command string ("" to unbind), got 5'],
    ['[keys]\nprefix.x = "bogus"', 'ccmux.toml:2:12: keys.prefix.x: unknown command: bogus'],
  ])('checks key bindings: %j', (text, error) => {
    const { config, errors } = load(text);
    expect(errors).toEqual([error]);
    expect([...config.keys.values()].every((table) => table.size === 0)).toBe(true);
  });

  it('keeps the good bindings of a table with a bad one', () => {
    const { config, errors } = load('[keys.prefix]\na = "kill-pane"\nb = "bogus"\nc = "send-prefix"\n');
    expect(errors).toEqual(['ccmux.toml:3:5: keys.prefix.b: unknown command: bogus']);
    expect([...config.keys.get('prefix')!.keys()]).toEqual(['a', 'c']);
  });

  it('collects every error, sorted by line, and keeps the valid options', () => {
    const text = [
      '[claude.isolation]',
      'metod = "home"',
      '[keys.prefix]',
      'x = "bogus"',
      '[claude]',
      'comand = "x"',
    ].join('\n');
    expect(load(text).errors).toEqual([
      'ccmux.toml:2:1: unknown key "metod" in [claude.isolation] (did you mean "method"?)',
      'ccmux.toml:4:5: keys.prefix.x: unknown command: bogus',
      'ccmux.toml:6:1: unknown key "comand" in [claude] (did you mean "command"?)',
    ]);
    const mixed = load('mouse = false\nhistory-limit = "lots"\nstatus = false\nfrob = 1\n');
    expect(mixed.errors).toHaveLength(2);
    expect(Object.fromEntries(mixed.config.options)).toEqual({ mouse: false, status: false });
  });

  it('records the dotted key of each error', () => {
    const { raw } = load('history-limit = "x"\n[keys.prefix]\n"%" = 1\n');
    expect(raw.map((e) => e.key)).toEqual(['history-limit', 'keys.prefix."%"']);
  });
});

describe('formatConfigError', () => {
  it.each([
    [{ file: 'ccmux.toml', line: 12, column: 5, message: 'm' }, 'ccmux.toml:12:5: m'],
    [{ file: '/x/ccmux.toml', line: 3, message: 'm' }, '/x/ccmux.toml:3: m'],
    [{ file: 'ccmux.toml', message: 'm' }, 'ccmux.toml: m'],
  ])('%j', (error, text) => {
    expect(formatConfigError(error)).toBe(text);
  });
});
