/*
 * command-alias expansion (core/command-alias.ts) and one item of an array option
 * (commands/array-option.ts).
 */
import { describe, expect, it } from 'vitest';
import { expandAlias, findAlias } from '../../src/core/command-alias.js';
import { assignItems, splitArrayValue, splitIndex, withItem } from '../../src/commands/array-option.js';
import { findOption } from '../../src/config/options-table.js';
import { CommandParseError } from '../../src/core/parse-command.js';

const ALIASES = ['split-pane=split-window', 'info=show-messages -JT', 'two=display -p one ; display -p', 'info=list-keys', 'empty=', 'noeq'];

describe('command-alias', () => {
  it('finds an alias by its exact name, the first item winning', () => {
    expect(findAlias(ALIASES, 'info')).toBe('show-messages -JT');
    expect(findAlias(ALIASES, 'inf')).toBeUndefined();
    expect(findAlias(ALIASES, 'noeq')).toBeUndefined();
    expect(findAlias(ALIASES, 'split-window')).toBeUndefined();
  });

  it('adds the arguments to the last command of the alias', () => {
    expect(expandAlias(ALIASES, ['split-pane', '-h', '-d'])).toEqual([['split-window', '-h', '-d']]);
    expect(expandAlias(ALIASES, ['two', 'last'])).toEqual([['display', '-p', 'one'], ['display', '-p', 'last']]);
    expect(expandAlias(ALIASES, ['empty', 'x'])).toEqual([]);
    expect(expandAlias(ALIASES, ['list-keys'])).toBeNull();
    expect(expandAlias(ALIASES, [])).toBeNull();
  });

  it('an alias that does not parse says why', () => {
    expect(() => expandAlias(['bad=display "open'], ['bad'])).toThrow(CommandParseError);
  });
});

describe('an item of an array option', () => {
  const def = findOption('command-alias')!;
  it('reads name[index]', () => {
    expect(splitIndex('command-alias[10]')).toEqual({ name: 'command-alias', index: 10 });
    expect(splitIndex('status-left')).toEqual({ name: 'status-left' });
    expect(splitIndex('x[a]')).toEqual({ name: 'x[a]' });
  });
  it('sets, appends to, removes an item, leaving gaps as tmux', () => {
    expect(withItem(def, ['a=b', 'c=d'], 1, 'e=f', false)).toEqual(['a=b', 'e=f']);
    expect(withItem(def, ['a=b'], 0, ' -x', true)).toEqual(['a=b -x']);
    expect(withItem(def, ['a=b'], 3, 'z=y', false)).toEqual(['a=b', undefined, undefined, 'z=y']);
    expect(withItem(def, ['a=b'], 3, 'z', true)).toEqual(['a=b', undefined, undefined, 'z']);
    expect(withItem(def, ['a=b', 'c=d', 'e=f'], 1, undefined, false)).toEqual(['a=b', undefined, 'e=f']);
    expect(withItem(def, ['a=b', undefined, 'e=f'], 2, undefined, false)).toEqual(['a=b']);
    expect(withItem(def, ['a=b'], 5, undefined, false)).toEqual(['a=b']);
    expect(() => withItem(findOption('status-left')!, [], 0, 'x', false)).toThrow(/not an array: status-left/);
    expect(() => withItem(findOption('pane-colours')!, [], 0, 'nocolour', false)).toThrow(/bad colour: nocolour/);
    expect(withItem(findOption('pane-colours')!, [], 1, 'Color07', false)).toEqual([undefined, 'colour7']);
  });
  it('splits a whole value on the option\'s separator, the items filling the first gaps', () => {
    expect(splitArrayValue(def, 'a=b c,d=e,,')).toEqual(['a=b c', 'd=e']);
    expect(splitArrayValue(findOption('update-environment')!, 'A B,C  ')).toEqual(['A', 'B', 'C']);
    expect(assignItems(findOption('status-format')!, ['x', undefined, 'y'], 'p q r')).toEqual(['x', 'p', 'y', 'q', 'r']);
    expect(assignItems(def, [], '')).toEqual([]);
  });
});

describe('command-prompt templates (as tmux\'s cmd_template_replace)', () => {
  it('fills %N everywhere and successive %% with successive answers, quoting with a third %', async () => {
    const { fillTemplate, replaceTemplate } = await import('../../src/core/prompt-template.js');
    expect(replaceTemplate('rename-window "%%"', 'a b', 1)).toBe('rename-window "a b"');
    expect(fillTemplate('x "%1-%2" %1', ['a', 'b'])).toBe('x "a-b" a');
    expect(fillTemplate('x %% %%', ['a', 'b'])).toBe('x a b');
    expect(fillTemplate('x %% %%', ['a', 'a'])).toBe('x a a');
    expect(replaceTemplate('x "%%%"', 'a;b"$c~\\', 1)).toBe('x "a\\;b\\"\\$c\\~\\\\"');
    expect(replaceTemplate('x 100%', 'a', 1)).toBe('x 100%');
    expect(replaceTemplate('no placeholder', 'a', 1)).toBe('no placeholder');
    // ccmux: alone in single quotes, the answer is one word whatever it holds
    expect(replaceTemplate("rename-window -- '%%'", "it's", 1)).toBe(`rename-window -- "it's"`);
    expect(replaceTemplate("split-window --worktree='%%'", 'a b', 1)).toBe("split-window --worktree='a b'");
    expect(replaceTemplate("x a'%%'", 'b', 1)).toBe("x a'b'");
  });
});
