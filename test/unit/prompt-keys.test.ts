/*
 * The command prompt's vi keys (core/prompt-keys.ts): entry and command modes as tmux's
 * status_prompt_translate_key switches them, and its word motions over the line.
 */
import { describe, expect, it } from 'vitest';
import { backwardWord, endWord, forwardWord, viPromptKey } from '../../src/core/prompt-keys.js';

const SEPS = '!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~';

describe('vi prompt keys', () => {
  it('types in entry mode until Escape; command mode moves and edits, and i a A I s S C type again', () => {
    expect(viPromptKey('entry', 'x')).toEqual({ action: { act: 'insert' }, mode: 'entry' });
    expect(viPromptKey('entry', 'C-a')).toEqual({ action: { act: 'key', key: 'C-a' }, mode: 'entry' });
    expect(viPromptKey('entry', 'C-b')).toEqual({ action: { act: 'insert' }, mode: 'entry' }); // not a character: dropped by the prompt
    expect(viPromptKey('entry', 'Escape')).toEqual({ action: { act: 'ignore' }, mode: 'command' });
    expect(viPromptKey('command', 'h')).toEqual({ action: { act: 'key', key: 'Left' }, mode: 'command' });
    expect(viPromptKey('command', 'BSpace')).toEqual({ action: { act: 'key', key: 'Left' }, mode: 'command' });
    expect(viPromptKey('command', 'A')).toEqual({ action: { act: 'key', key: 'End' }, mode: 'entry' });
    expect(viPromptKey('command', 'S')).toEqual({ action: { act: 'key', key: 'C-u' }, mode: 'entry' });
    expect(viPromptKey('command', 'i')).toEqual({ action: { act: 'ignore' }, mode: 'entry' });
    expect(viPromptKey('command', 'z')).toEqual({ action: { act: 'ignore' }, mode: 'command' });
    expect(viPromptKey('command', 'q')).toEqual({ action: { act: 'key', key: 'C-c' }, mode: 'command' });
  });

  it('moves by words as tmux\'s prompt does: separators are words of their own, W B E only know spaces', () => {
    const line = [...'foo bar-baz  qux'];
    expect(forwardWord(line, 0, true, SEPS)).toBe(4);
    expect(forwardWord(line, 4, true, SEPS)).toBe(7);
    expect(forwardWord(line, 7, true, SEPS)).toBe(8);
    expect(forwardWord(line, 8, true, SEPS)).toBe(13);
    expect(forwardWord(line, 4, true, '')).toBe(13);
    expect(forwardWord(line, 3, false, SEPS)).toBe(7); // emacs M-f: past the spaces, to the word's end
    expect(endWord(line, 0, SEPS)).toBe(2);
    expect(endWord(line, 4, SEPS)).toBe(6);
    expect(endWord(line, 4, '')).toBe(10);
    expect(endWord(line, 15, SEPS)).toBe(16);
    expect(backwardWord(line, 16, SEPS)).toBe(13);
    expect(backwardWord(line, 13, SEPS)).toBe(8);
    expect(backwardWord(line, 8, SEPS)).toBe(7);
    expect(backwardWord(line, 8, '')).toBe(4);
  });
});
