/*
 * The backspace option's byte (src/server/backspace-key.ts), as tmux 3.3a's input_key
 * turns KEYC_BSPACE into it.
 */
import { describe, expect, it } from 'vitest';
import { backspaceByte, withBackspace } from '../../src/server/backspace-key.js';

describe('backspace', () => {
  it('is the key when it is a character below DEL, else DEL', () => {
    expect(backspaceByte('C-?')).toBe('\x7f');
    expect(backspaceByte('C-h')).toBe('\x08');
    expect(backspaceByte('x')).toBe('x');
    expect(backspaceByte('M-x')).toBe('\x7f');
    expect(backspaceByte('F1')).toBe('\x7f');
  });

  it('replaces the DEL of Backspace (with Meta too) and nothing else', () => {
    expect(withBackspace('BSpace', '\x7f', '\x08')).toBe('\x08');
    expect(withBackspace('M-BSpace', '\x1b\x7f', '\x08')).toBe('\x1b\x08');
    expect(withBackspace('a', 'a', '\x08')).toBe('a');
    expect(withBackspace('BSpace', '\x7f', '\x7f')).toBe('\x7f');
  });
});
