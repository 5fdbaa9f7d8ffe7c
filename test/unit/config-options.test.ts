/*
 * The options table: unique names, defaults that validate and sit within their limits, the
 * "claude.*" options matching defaultClaudeSettings() both ways, and the suggestion helper.
 */

import { describe, expect, it } from 'vitest';
import { defaultClaudeSettings } from '../../src/config/claude-settings.js';
import { OPTIONS, findOption, optionNames } from '../../src/config/options-table.js';
import { validateOptionValue } from '../../src/config/option-values.js';
import { didYouMean, editDistance, suggest } from '../../src/config/suggest.js';

/** "isolation.method" → settings.isolation.method, for every non-table leaf. */
function leaves(value: unknown, prefix: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const name = `${prefix}.${key}`;
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      for (const [k, v] of leaves(child, name)) out.set(k, v);
    } else {
      out.set(name, child);
    }
  }
  return out;
}

describe('OPTIONS', () => {
  it('has unique names in kebab-case, or dotted snake_case under claude.', () => {
    expect(new Set(optionNames()).size).toBe(OPTIONS.length);
    for (const def of OPTIONS) {
      expect(def.name).toMatch(def.scope === 'claude' ? /^claude(\.[a-z_]+)+$/ : /^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it.each(OPTIONS.map((def) => [def.name, def] as const))('%s: its default validates unchanged', (_, def) => {
    expect(validateOptionValue(def, def.default, 'toml')).toEqual({ ok: true, value: def.default });
  });

  it.each(OPTIONS.map((def) => [def.name, def] as const))('%s: has help, limits and choices that fit its type', (_, def) => {
    expect(def.help).toMatch(/^[A-Z"].*\.$/);
    expect(def.min !== undefined || def.max !== undefined).toBe(def.type === 'number');
    expect(def.choices !== undefined).toBe(def.type === 'choice');
    if (def.type === 'number') expect(def.min).toBeLessThanOrEqual(def.max!);
  });

  it('has the tmux defaults the brief names', () => {
    const defaults = Object.fromEntries(OPTIONS.map((d) => [d.name, d.default]));
    expect(defaults).toMatchObject({
      prefix: 'C-b', prefix2: '', 'history-limit': 10000, status: true, 'status-position': 'bottom',
      'status-left': '[#{session_name}] ', 'status-right': '#{?window_bigger,[#{window_offset_x}#,#{window_offset_y}] ,}#{?claude_needs_input,◆#{claude_needs_input} ,}#H %H:%M', 'status-style': 'bg=green,fg=black',
      'pane-border-style': 'fg=default', 'pane-active-border-style': '#{?pane_in_mode,fg=yellow,#{?synchronize-panes,fg=red,fg=green}}', mouse: true,
      'base-index': 0, 'pane-base-index': 0, 'escape-time': 10, 'repeat-time': 500, 'mode-keys': 'vi',
      'set-clipboard': 'external', 'renumber-windows': false, 'automatic-rename': true, 'display-time': 750,
      'remain-on-exit': false, 'synchronized-output': true, 'default-terminal': 'xterm-256color', 'exit-empty': true,
    });
    expect(findOption('history-limit')).toMatchObject({ min: 0, max: 2147483647 });
    expect(findOption('escape-time')).toMatchObject({ min: 0, max: 5000 });
  });

  it('has a claude.* option for every leaf of defaultClaudeSettings() with the same default', () => {
    const settings = leaves(defaultClaudeSettings(), 'claude');
    settings.delete('claude.profiles');
    const claudeOptions = new Map(OPTIONS.filter((d) => d.scope === 'claude').map((d) => [d.name, d.default]));
    expect(claudeOptions).toEqual(settings);
  });

  it('finds options by name and nothing else', () => {
    expect(findOption('mouse')?.type).toBe('boolean');
    expect(findOption('claude.isolation.method')?.choices).toEqual(['config_dir', 'home', 'none']);
    expect(findOption('claude')).toBeUndefined();
    expect(findOption('toString')).toBeUndefined();
  });
});

describe('suggest', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['histroy', 'history', 1],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
  ])('editDistance(%j, %j) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  const names = optionNames();
  it.each([
    ['histroy-limit', 'history-limit'],
    ['mouse', 'mouse'],
    ['MOUSE', 'mouse'],
    ['mode-key', 'mode-keys'],
    ['status-positon', 'status-position'],
    // A name the word starts with beats one a few edits away (status-bg is 3 edits away).
    ['status-pos', 'status-position'],
    ['pane-border', 'pane-border-style'],
    ['history-lim', 'history-limit'], // "hist" is as much history-file (tmux: ambiguous)
    ['x', undefined],
    ['ab', undefined],
    ['frobnicate', undefined],
  ])('%j → %j', (word, expected) => {
    expect(suggest(word, names)).toBe(expected);
  });

  it('prefers the nearest candidate, then the shortest completion', () => {
    expect(suggest('stat', ['status-left', 'start'])).toBe('start');
    expect(suggest('stat', ['status-left', 'status'])).toBe('status');
    expect(suggest('statu', ['status-left', 'status-right'])).toBe('status-left');
    expect(suggest('abcd', ['abcdefgh', 'abcdef'])).toBe('abcdef');
  });

  it('formats a hint, or nothing', () => {
    expect(didYouMean('histroy-limit', names)).toBe(' (did you mean "history-limit"?)');
    expect(didYouMean('prefx', ['prefix'], (s) => `[keys.${s}]`)).toBe(' (did you mean [keys.prefix]?)');
    expect(didYouMean('zzzzzz', names)).toBe('');
  });
});
