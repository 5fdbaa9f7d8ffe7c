/*
 * history-file's pure parts: which file the option names (absolute, ~/, else none, as
 * tmux), and the file's lines read into typed entries and written back.
 */
import { describe, expect, it } from 'vitest';
import { formatHistoryFile, historyFilePath, parseHistoryFile } from '../../src/server/prompt-history-file.js';
import { PromptHistory } from '../../src/server/prompt-history.js';

describe('history-file', () => {
  it('names an absolute file or one under ~/, and nothing else', () => {
    expect(historyFilePath('/var/h', '/home/u')).toBe('/var/h');
    expect(historyFilePath('~/.ccmux_history', '/home/u')).toBe('/home/u/.ccmux_history');
    expect([historyFilePath('', '/home/u'), historyFilePath('rel/h', '/home/u'), historyFilePath('~h', '/home/u')]).toEqual([null, null, null]);
  });

  it('reads type:text lines (others are commands, an empty line too) and writes each type\'s lines back in order', () => {
    expect(parseHistoryFile('search:a:b\nls -l\n\nwindow-target:=x\nlast')).toEqual([
      ['search', 'a:b'], ['command', 'ls -l'], ['command', ''], ['window-target', '=x'], ['command', 'last'],
    ]);
    const h = new PromptHistory(() => 100);
    for (const [type, line] of parseHistoryFile('target:%1\ncommand:a\ncommand:a\nsearch:s\ncommand:b\n')) h.add(type, line, true);
    expect(formatHistoryFile(h)).toBe('command:a\ncommand:b\nsearch:s\ntarget:%1\n');
  });
});
