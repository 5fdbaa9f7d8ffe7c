/*
 * config/ccmux.toml, the documented default config, cannot drift from the options table: it
 * loads cleanly as shipped; each option appears, in its section, as `# name = default` under a
 * comment holding its help text; and with every such line (and every commented-out table
 * header) uncommented it still loads cleanly and sets each option to exactly its default.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultClaudeSettings } from '../../src/config/claude-settings.js';
import { OPTIONS } from '../../src/config/options-table.js';
import { load } from './config-helpers.js';

const SHIPPED = readFileSync(new URL('../../config/ccmux.toml', import.meta.url), 'utf8');
const LINES = SHIPPED.split('\n');

/** A commented-out setting (`# key = value`) or table header (`# [table]`). */
const COMMENTED_OUT = /^# (\[[^\]]+\]|([A-Za-z0-9_-]+|"[^"]*") = .*)$/;
const HEADER = /^(?:# )?\[([^\]]+)\]$/;

function tomlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** "section key" → index of its first `# key = ...` line, sections from real and commented headers. */
function settingLines(): Map<string, number> {
  const found = new Map<string, number>();
  let section = '';
  LINES.forEach((line, i) => {
    const header = HEADER.exec(line);
    if (header) section = header[1];
    const setting = /^# ([A-Za-z0-9_-]+) = /.exec(line);
    const id = `${section} ${setting?.[1]}`;
    if (setting && !found.has(id)) found.set(id, i);
  });
  return found;
}

describe('config/ccmux.toml', () => {
  it('loads with no errors and sets nothing as shipped', () => {
    const { config, errors } = load(SHIPPED);
    expect(errors).toEqual([]);
    expect(config.options.size).toBe(0);
    expect([...config.keys.values()].every((table) => table.size === 0)).toBe(true);
    expect(config.claude).toEqual(defaultClaudeSettings());
  });

  const settings = settingLines();
  it.each(OPTIONS.map((def) => [def.name, def] as const))('shows %s with its default and help', (name, def) => {
    const dot = name.lastIndexOf('.');
    const section = def.scope === 'claude' ? name.slice(0, dot) : '';
    const leaf = def.scope === 'claude' ? name.slice(dot + 1) : name;
    const index = settings.get(`${section} ${leaf}`);
    expect(index, `no "# ${leaf} = " line in [${section}]`).toBeDefined();
    expect(LINES[index!]).toBe(`# ${leaf} = ${tomlValue(def.default)}`);
    const comment: string[] = [];
    for (let i = index! - 1; i >= 0 && LINES[i].startsWith('# ') && !COMMENTED_OUT.test(LINES[i]); i--) {
      comment.unshift(LINES[i].slice(2));
    }
    expect(comment.join(' ')).toContain(def.help);
  });

  it('sets every option to its default, and only valid examples, once uncommented', () => {
    const uncommented = LINES.map((line) => (COMMENTED_OUT.test(line) ? line.slice(2) : line)).join('\n');
    const { config, errors } = load(uncommented);
    expect(errors).toEqual([]);
    expect(new Map(OPTIONS.map((def) => [def.name, config.options.get(def.name)]))).toEqual(
      new Map(OPTIONS.map((def) => [def.name, def.default])),
    );
    expect(config.options.size).toBe(OPTIONS.length);
    expect(config.keys.get('prefix')?.get('%')).toBe('');
    expect(Object.keys(config.claude.profiles)).toEqual(['work']);
  });
});
