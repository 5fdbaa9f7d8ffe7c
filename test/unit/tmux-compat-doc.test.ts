/*
 * docs/tmux-compat.md's tables against tmux 3.3a's own lists. Commands
 * (test/fixtures/tmux-3.3a-commands.txt, from `list-commands`): one row each, "not yet"
 * exactly for those ccmux's registry lacks. Options
 * (test/fixtures/tmux-3.3a-options.txt, from `show -s`, `show -g`, `show -gw` of a tmux
 * 3.3a server) and ccmux's options table: every tmux option has one row at its level;
 * one ccmux has is supported or different (with how), one it lacks is "not yet" (with why).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOption } from '../../src/config/options-table.js';
import { COMMANDS } from '../../src/commands/registry.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmuxOptions = fs.readFileSync(path.join(ROOT, 'test/fixtures/tmux-3.3a-options.txt'), 'utf8').trim().split('\n').map((l) => l.split(' ') as [string, string]);
const doc = fs.readFileSync(path.join(ROOT, 'docs/tmux-compat.md'), 'utf8');
const table = doc.slice(doc.indexOf('<!-- OPTIONS:START -->'), doc.indexOf('<!-- OPTIONS:END -->'));
const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| option ')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe('docs/tmux-compat.md options table', () => {
  it('has one row for each of tmux 3.3a\'s 116 options, at its level', () => {
    expect(tmuxOptions.length).toBe(116);
    expect(rows.map((r) => `${r[1]} ${r[0]}`).sort()).toEqual(tmuxOptions.map(([scope, name]) => `${scope} ${name}`).sort());
  });

  it('says supported or different exactly for the options ccmux has, with how it differs or why not', () => {
    for (const [name, , status, note] of rows) {
      expect(['supported', 'different', 'not yet'], name).toContain(status);
      expect(status !== 'not yet', `${name}: ${status}`).toBe(findOption(name!) !== undefined);
      if (status !== 'supported') expect(note, name).not.toBe('');
    }
  });
});

describe('docs/tmux-compat.md commands table', () => {
  const tmuxCommands = fs.readFileSync(path.join(ROOT, 'test/fixtures/tmux-3.3a-commands.txt'), 'utf8').trim().split('\n');
  const cmdRows = doc
    .split('\n')
    .map((l) => /^\| ([a-z-]+)(?: \([a-z]+\))? \| (supported|different|not yet) \|(.*)\|$/.exec(l))
    .filter((m) => m !== null && tmuxCommands.includes(m[1]!));
  const ours = new Set(COMMANDS.map((c) => c.name));

  it('has one row for each of tmux 3.3a\'s 90 commands', () => {
    expect(tmuxCommands.length).toBe(90);
    expect(cmdRows.map((m) => m![1]).sort()).toEqual([...tmuxCommands].sort());
  });

  it('says "not yet" exactly for the commands ccmux lacks, and why for those it has differently', () => {
    for (const m of cmdRows) {
      const [, name, status, note] = m!;
      expect(status === 'not yet', `${name}: ${status}`).toBe(!ours.has(name!));
      if (status === 'different') expect(note!.trim(), name).not.toBe('');
    }
  });
});
