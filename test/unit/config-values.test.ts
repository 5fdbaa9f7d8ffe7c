/*
 * Option values: validateOptionValue from TOML and from the CLI, parseStyle and parseColour,
 * and the OptionStore.
 */

import { describe, expect, it } from 'vitest';
import { findOption, type OptionDef } from '../../src/config/options-table.js';
import {
  ATTR_BLINK,
  ATTR_BOLD,
  ATTR_DIM,
  ATTR_INVERSE,
  ATTR_INVISIBLE,
  ATTR_ITALIC,
  ATTR_OVERLINE,
  ATTR_STRIKETHROUGH,
  ATTR_UNDERLINE,
  COLOUR_RGB,
  OptionError,
  OptionStore,
  StyleError,
  parseColour,
  parseStyle,
  validateOptionValue,
} from '../../src/config/option-values.js';

function def(name: string): OptionDef {
  const found = findOption(name);
  if (found === undefined) throw new Error(`no option ${name}`);
  return found;
}

describe('validateOptionValue', () => {
  it.each([
    ['mouse', 'on', true],
    ['mouse', 'off', false],
    ['mouse', 'true', true],
    ['mouse', 'FALSE', false],
    ['mouse', '1', true],
    ['mouse', '0', false],
    ['mouse', true, true],
    ['history-limit', '42', 42],
    ['history-limit', ' 1000000 ', 1000000],
    ['history-limit', 0, 0],
    ['mode-keys', 'emacs', 'emacs'],
    ['status-left', '', ''],
    ['prefix', 'C-a', 'C-a'],
    ['status-style', 'fg=red bold', 'fg=red bold'],
    ['claude.args', '--model opus', ['--model', 'opus']],
    ['claude.args', '"a b" c', ['a b', 'c']],
    ['claude.args', '', []],
    ['claude.isolation.home_symlinks', '.ssh .gitconfig', ['.ssh', '.gitconfig']],
  ])('accepts %s = %j from the CLI', (name, raw, value) => {
    expect(validateOptionValue(def(name), raw, 'cli')).toEqual({ ok: true, value });
  });

  it.each([
    ['mouse', 'maybe', 'mouse: expected on or off, got "maybe"'],
    ['mouse', 'yes', 'mouse: expected on or off, got "yes"'],
    ['history-limit', 'lots', 'history-limit: expected a number from 0 to 2147483647, got "lots"'],
    ['history-limit', '10.5', 'history-limit: expected a number from 0 to 2147483647, got "10.5"'],
    ['history-limit', '2147483648', 'history-limit: expected a number from 0 to 2147483647, got "2147483648"'],
    ['escape-time', '-1', 'escape-time: expected a number from 0 to 5000, got "-1"'],
    ['mode-keys', 'vim', 'mode-keys: expected one of vi, emacs, got "vim"'],
    ['status-position', 'Top', 'status-position: expected one of top, bottom, got "Top"'],
    ['status-style', 'fg=colour300', 'invalid style: fg=colour300\nstatus-style: colour300 is out of range (colour0 to colour255)'],
    ['claude.args', 'a ; b', 'claude.args: expected words separated by spaces, got ";"'],
    ['claude.args', "'open", 'claude.args: unterminated single quote at column 1'],
    ['claude.isolation.home_symlinks', '.ssh /etc', 'claude.isolation.home_symlinks[1]: "/etc" must be a path relative to your home directory'],
  ])('rejects %s = %j from the CLI', (name, raw, error) => {
    expect(validateOptionValue(def(name), raw, 'cli')).toMatchObject({ ok: false, error });
  });

  it.each([
    ['mouse', 'on', 'mouse: expected true or false, got "on"'],
    ['mouse', 1, 'mouse: expected true or false, got 1'],
    ['history-limit', '10', 'history-limit: expected a number from 0 to 2147483647, got "10"'],
    ['history-limit', 10.5, 'history-limit: expected a number from 0 to 2147483647, got 10.5'],
    ['status-left', 5, 'status-left: expected a string, got 5'],
    ['prefix', ['C-a'], 'prefix: expected a key name like "C-b", got an array'],
    ['status-style', { fg: 'red' }, 'status-style: expected a style like "fg=white,bg=blue,bold", got a table'],
    ['claude.args', '--verbose', 'claude.args: expected an array of strings, got "--verbose"'],
    ['claude.args', ['a', 2], 'claude.args[1]: expected a string, got 2'],
  ])('rejects %s = %j from TOML', (name, raw, error) => {
    expect(validateOptionValue(def(name), raw, 'toml')).toMatchObject({ ok: false, error });
  });

  it('gives the index of the offending array element', () => {
    expect(validateOptionValue(def('claude.seed.share'), ['a', 'b', '..'], 'toml')).toEqual({
      ok: false,
      error: 'claude.seed.share[2]: ".." must be a path relative to the base Claude config dir',
      index: 2,
    });
  });

  it('copies arrays rather than storing the caller\'s', () => {
    const raw = ['--x'];
    const result = validateOptionValue(def('claude.args'), raw, 'toml');
    expect(result.ok && result.value).not.toBe(raw);
  });
});

describe('parseStyle', () => {
  it.each([
    ['fg=green,bg=#112233,bold', { fg: 2, bg: COLOUR_RGB | 0x112233, flags: ATTR_BOLD }],
    ['', { flags: 0 }],
    ['fg=default', { fg: -1, flags: 0 }],
    ['bg=black fg=white', { fg: 7, bg: 0, flags: 0 }],
    ['fg=brightred,bg=brightwhite', { fg: 9, bg: 15, flags: 0 }],
    ['fg=colour123,bg=color0', { fg: 123, bg: 0, flags: 0 }],
    ['FG=Red,Bold', { fg: 1, flags: ATTR_BOLD }],
    ['bg=#FFFFFF', { bg: COLOUR_RGB | 0xffffff, flags: 0 }],
    ['bold,dim,italics,underscore,blink,reverse,hidden,strikethrough,overline', {
      flags: ATTR_BOLD | ATTR_DIM | ATTR_ITALIC | ATTR_UNDERLINE | ATTR_BLINK | ATTR_INVERSE | ATTR_INVISIBLE | ATTR_STRIKETHROUGH | ATTR_OVERLINE,
    }],
    ['italic,underline,inverse,invisible,bright', { flags: ATTR_ITALIC | ATTR_UNDERLINE | ATTR_INVERSE | ATTR_INVISIBLE | ATTR_BOLD }],
    ['bold,italic,nobold', { flags: ATTR_ITALIC }],
    ['bold,italic,none,dim', { flags: ATTR_DIM }],
    ['fg=red,bold,default', { fg: -1, bg: -1, flags: 0 }],
  ])('%j', (text, style) => {
    expect(parseStyle(text)).toEqual(style);
  });

  it('uses the flag values the renderer shares', () => {
    expect([ATTR_BOLD, ATTR_DIM, ATTR_ITALIC, ATTR_UNDERLINE, ATTR_BLINK, ATTR_INVERSE, ATTR_INVISIBLE, ATTR_STRIKETHROUGH, ATTR_OVERLINE])
      .toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    expect(COLOUR_RGB).toBe(0x1000000);
  });

  it.each([
    ['fg=grene', 'unknown colour "grene" (did you mean "green"?)'],
    ['fg=brightpurple', 'unknown colour "brightpurple"'],
    ['fg=#12345', 'unknown colour "#12345"'],
    ['bg=colour256', 'colour256 is out of range (colour0 to colour255)'],
    ['blod', 'unknown style "blod" (did you mean "bold"?)'],
    ['nofoo', 'unknown style "nofoo"'],
    ['xx=red', 'unknown style "xx=red" (expected fg= or bg=)'],
  ])('rejects %j', (text, message) => {
    expect(() => parseStyle(text)).toThrow(StyleError);
    expect(() => parseStyle(text)).toThrow(message);
  });

  it('parses colours on their own', () => {
    expect(parseColour('magenta')).toBe(5);
    expect(parseColour('brightblack')).toBe(8);
    expect(parseColour('colour255')).toBe(255);
    expect(parseColour('#000000')).toBe(COLOUR_RGB);
  });
});

describe('OptionStore', () => {
  it('starts at the defaults', () => {
    const store = new OptionStore();
    expect(store.get('history-limit')).toBe(10000);
    expect(store.getBoolean('mouse')).toBe(true);
    expect(store.getString('prefix')).toBe('C-b');
    expect(store.getStringArray('claude.isolation.home_symlinks')).toEqual(['.bashrc', '.zshrc', '.gitconfig', '.ssh']);
    expect(store.entries().every((e) => e.isDefault)).toBe(true);
  });

  it('sets validated values, from the CLI by default, and resets them', () => {
    const store = new OptionStore();
    expect(store.set('history-limit', '500')).toBe(500);
    expect(store.getNumber('history-limit')).toBe(500);
    store.set('mouse', false, 'toml');
    const changed = store.entries().filter((e) => !e.isDefault).map((e) => [e.def.name, e.value]);
    expect(changed).toEqual([['history-limit', 500], ['mouse', false]]);
    store.reset('history-limit');
    expect(store.get('history-limit')).toBe(10000);
    expect(store.entries().find((e) => e.def.name === 'history-limit')?.isDefault).toBe(true);
  });

  it('rejects bad values and unknown names with OptionError', () => {
    const store = new OptionStore();
    expect(() => store.set('mode-keys', 'vim')).toThrow(new OptionError('mode-keys: expected one of vi, emacs, got "vim"'));
    expect(() => store.set('mouse', 'on', 'toml')).toThrow(OptionError);
    expect(store.get('mode-keys')).toBe('vi');
    expect(() => store.get('histroy-limit')).toThrow(new OptionError('unknown option "histroy-limit" (did you mean "history-limit"?)'));
    expect(() => store.set('nope', 1)).toThrow('unknown option "nope"');
    expect(() => store.reset('nope')).toThrow(OptionError);
  });

  it('refuses a typed getter of the wrong type', () => {
    const store = new OptionStore();
    expect(() => store.getNumber('mouse')).toThrow('mouse is a boolean option, not a number one');
    expect(() => store.getBoolean('history-limit')).toThrow(OptionError);
    expect(store.getString('status-style')).toBe('bg=green,fg=black');
    expect(store.getString('mode-keys')).toBe('vi');
  });

  it('loads a config\'s options map', () => {
    const store = new OptionStore();
    store.load(new Map<string, unknown>([['status', false], ['claude.isolation.method', 'home']]));
    expect(store.get('status')).toBe(false);
    expect(store.get('claude.isolation.method')).toBe('home');
  });

  it('hands out copies of arrays', () => {
    const store = new OptionStore();
    store.getStringArray('claude.seed.share').push('mutated');
    store.set('claude.args', ['--x'], 'toml');
    store.getStringArray('claude.args').push('mutated');
    expect(store.get('claude.seed.share')).not.toContain('mutated');
    expect(store.get('claude.args')).toEqual(['--x']);
    expect(findOption('claude.seed.share')?.default).not.toContain('mutated');
  });
});

describe("tmux's layout words in a style (style.c)", () => {
  it('accepts align=, list=, range=, fill= and the push/pop/no- words, colouring nothing with them, and refuses bad values', () => {
    expect(parseStyle('fg=red,bg=blue,align=centre')).toEqual({ flags: 0, fg: 1, bg: 4 });
    expect(parseStyle('align=absolute-centre fill=#112233 range=window|3 list=focus push-default pop-default nolist norange noalign ignore noignore')).toEqual({ flags: 0 });
    expect(() => parseStyle('align=middle')).toThrow(/unknown style "align=middle"/);
    expect(() => parseStyle('list=x')).toThrow(/unknown style/);
    expect(() => parseStyle('fill=nope')).toThrow(/unknown colour "nope"/);
  });
});
