/*
 * Copy mode's matcher (copy/search.ts searchMatcher): plain text, or a POSIX extended
 * regular expression as tmux's search-forward/-backward read it — smart case, `^` only at
 * the line's start (REG_NOTBOL after the first match), offsets in the string's own units
 * past characters outside the BMP, empty matches skipped, a bad pattern matching nothing.
 */
import { describe, expect, it } from 'vitest';
import { findMatch, searchMatcher } from '../../src/server/copy/search.js';
import type { CopySource } from '../../src/server/copy/source.js';

const all = (query: string, regex: boolean, text: string) => searchMatcher(query, regex)!(text).map(([a, b]) => text.slice(a, b));

describe('searchMatcher', () => {
  it('takes the query as text, or as a regular expression', () => {
    expect(all('ba.', false, 'bar ba. baz')).toEqual(['ba.']);
    expect(all('ba.', true, 'bar ba. baz')).toEqual(['bar', 'ba.', 'baz']);
    expect(all('[0-9]+ foo', true, 'x 12 foo 7 foo')).toEqual(['12 foo', '7 foo']);
    expect(searchMatcher('', true)).toBeNull();
  });

  it('is smart about case', () => {
    expect(all('foo|baz', true, 'FOO Baz')).toEqual(['FOO', 'Baz']);
    expect(all('FOO|baz', true, 'FOO Baz foo')).toEqual(['FOO']);
  });

  it('matches a pattern that starts with a word assertion where it holds, past where it does not', () => {
    expect(all('\\<xy', true, 'foo abab xyxy')).toEqual(['xy']);
    expect(all('\\bxy', true, 'foo abab xyxy')).toEqual(['xy']);
    expect(all('\\<a', true, ' a ba a')).toEqual(['a', 'a']);
    expect(all('^a', true, 'ba')).toEqual([]);
  });

  it('matches ^ at the start of the line only, and skips empty matches', () => {
    expect(all('^a', true, 'aaa')).toEqual(['a']);
    expect(all('x*', true, 'axxbx')).toEqual(['xx', 'x']);
    expect(all('o+\\b', true, 'foo boot zoo')).toEqual(['oo', 'oo']);
  });

  it('gives string offsets past astral characters', () => {
    const text = '😀 ab 😀ab';
    expect(searchMatcher('ab', true)!(text)).toEqual([[3, 5], [8, 10]]);
    expect(all('😀a', true, text)).toEqual(['😀a']);
  });

  it('matches nothing for a pattern regcomp refuses', () => {
    expect(all('ba[r', true, 'bar ba[r')).toEqual([]);
    expect(all('ba[r', false, 'bar ba[r')).toEqual(['ba[r']);
  });

  it('gives up at its budget\'s deadline, so no pattern holds the server (a search of many groups over a long history)', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => String(i + 1));
    const src = { length: () => lines.length, line: (i: number) => (i < lines.length ? { text: lines[i]!, wrapped: false } : undefined) } as unknown as CopySource;
    const slow = '(q?)'.repeat(300) + 'z';
    const budget = { deadline: Date.now() + 50, timedOut: false };
    expect(findMatch(src, slow, { line: 2999, col: 0 }, false, 80, true, true, budget)).toBeNull();
    expect(budget.timedOut).toBe(true);
    // The same search with time to spare finds what there is.
    expect(findMatch(src, '^29+$', { line: 2999, col: 0 }, false, 80, true, true, { deadline: Date.now() + 60_000 })).toMatchObject({ start: { line: 2998 } });
  });
});
