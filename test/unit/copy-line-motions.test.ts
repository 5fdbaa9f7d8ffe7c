/*
 * Copy mode's jumps, paragraphs and brackets (copy/line-motions.ts) and the word and
 * line under the cursor (copy/cursor-text.ts), over a real history: positions as tmux
 * 3.3a gives them (the same text is compared with tmux in tmux-compat-keys.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/server/pane.js';
import { PaneHistory } from '../../src/server/history/pane-history.js';
import { jump, nextMatchingBracket, nextParagraph, previousMatchingBracket, previousParagraph } from '../../src/server/copy/line-motions.js';
import { lineText, wordAt } from '../../src/server/copy/cursor-text.js';
import { DEFAULT_WORD_SEPARATORS } from '../../src/server/copy/words.js';

function history(text: string, cols = 20, rows = 8): PaneHistory {
  const term = createTerminal(cols, rows, PaneHistory.xtermScrollback(100));
  const h = new PaneHistory(term, 100);
  (term as unknown as { _core: { writeSync(d: string): void } })._core.writeSync(text);
  return h;
}

describe('jumps', () => {
  const h = history('hello world\r\nab\r\n');
  it('forward and backward to a character, or to the cell next to it', () => {
    expect(jump(h, { line: 0, col: 0 }, 20, 'jump-forward', 'o')).toEqual({ line: 0, col: 4 });
    expect(jump(h, { line: 0, col: 4 }, 20, 'jump-forward', 'o')).toEqual({ line: 0, col: 7 });
    expect(jump(h, { line: 0, col: 0 }, 20, 'jump-to-forward', 'w')).toEqual({ line: 0, col: 5 });
    expect(jump(h, { line: 0, col: 10 }, 20, 'jump-backward', 'o')).toEqual({ line: 0, col: 7 });
    expect(jump(h, { line: 0, col: 10 }, 20, 'jump-to-backward', 'o')).toEqual({ line: 0, col: 8 });
  });
  it('stay on their line unless it wraps', () => {
    expect(jump(h, { line: 0, col: 0 }, 20, 'jump-forward', 'b')).toBeNull();
    expect(jump(h, { line: 1, col: 1 }, 20, 'jump-backward', 'h')).toBeNull();
    const wrapped = history('aaaaaaaaaa', 6);
    expect(jump(wrapped, { line: 0, col: 4 }, 6, 'jump-forward', 'a')).toEqual({ line: 0, col: 5 });
    expect(jump(wrapped, { line: 0, col: 5 }, 6, 'jump-forward', 'a')).toEqual({ line: 1, col: 0 });
    expect(jump(wrapped, { line: 1, col: 0 }, 6, 'jump-backward', 'a')).toEqual({ line: 0, col: 5 });
  });
});

describe('paragraphs', () => {
  const h = history('one\r\ntwo\r\n\r\nthree\r\n\r\n\r\nfour');
  it('next-paragraph goes to the end of the blank line after the text, previous-paragraph to the blank line before it', () => {
    expect(nextParagraph(h, { line: 0, col: 1 }, 20)).toEqual({ line: 2, col: 0 });
    expect(nextParagraph(h, { line: 2, col: 0 }, 20)).toEqual({ line: 4, col: 0 });
    expect(previousParagraph(h, { line: 6, col: 2 }, 20)).toEqual({ line: 5, col: 0 });
    expect(previousParagraph(h, { line: 4, col: 0 }, 20)).toEqual({ line: 2, col: 0 });
    expect(previousParagraph(h, { line: 1, col: 0 }, 20)).toEqual({ line: 0, col: 0 });
  });
});

describe('matching brackets', () => {
  const h = history('f(a [b] (c)) d\r\n');
  it('go from a bracket to its partner, nested ones counted', () => {
    expect(nextMatchingBracket(h, { line: 0, col: 1 }, 20, false)).toEqual({ line: 0, col: 11 });
    expect(previousMatchingBracket(h, { line: 0, col: 11 }, 20, false)).toEqual({ line: 0, col: 1 });
    expect(nextMatchingBracket(h, { line: 0, col: 4 }, 20, false)).toEqual({ line: 0, col: 6 });
  });
  it('vi looks along the line for a bracket and goes back from a closing one; emacs tries the next cell', () => {
    expect(nextMatchingBracket(h, { line: 0, col: 0 }, 20, false)).toEqual({ line: 0, col: 11 });
    expect(nextMatchingBracket(h, { line: 0, col: 6 }, 20, false)).toEqual({ line: 0, col: 4 });
    expect(nextMatchingBracket(h, { line: 0, col: 0 }, 20, true)).toEqual({ line: 0, col: 11 });
    expect(previousMatchingBracket(h, { line: 0, col: 2 }, 20, false)).toBeNull();
  });
});

describe('the text under the cursor', () => {
  const h = history('hello world-wide end\r\n');
  it('copy_cursor_word: the word around the cell, or the next one after a separator', () => {
    expect(wordAt(h, { line: 0, col: 2 }, 30, DEFAULT_WORD_SEPARATORS)).toBe('hello');
    expect(wordAt(h, { line: 0, col: 5 }, 30, DEFAULT_WORD_SEPARATORS)).toBe('world');
    expect(wordAt(h, { line: 0, col: 8 }, 30, ' ')).toBe('world-wide');
    expect(wordAt(h, { line: 0, col: 25 }, 30, DEFAULT_WORD_SEPARATORS)).toBe('');
  });
  it('copy_cursor_line: the line without its trailing blanks', () => {
    expect(lineText(h, 0, 30)).toBe('hello world-wide end');
  });
});
