/*
 * The escape sequence a pane's output stops inside (core/pending-sequence.ts, for
 * capture-pane -P), chunk by chunk.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PENDING, isOpenSequence, pendingSequence } from '../../src/core/pending-sequence.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const after = (...chunks: string[]) => chunks.reduce((prev, c) => pendingSequence(prev, b(c)), Buffer.alloc(0)).toString('latin1');

describe('pending escape sequence', () => {
  it('is empty after plain text and finished sequences', () => {
    expect(after('hello')).toBe('');
    expect(after('a\x1b[31mred\x1b[0m')).toBe('');
    expect(after('\x1b]0;title\x07')).toBe('');
    expect(after('\x1b]0;title\x1b\\')).toBe('');
    expect(after('\x1b(B')).toBe('');
    expect(after('\x1b7')).toBe('');
  });

  it('is the unfinished sequence at the end', () => {
    expect(after('abc\x1b')).toBe('\x1b');
    expect(after('abc\x1b[3')).toBe('\x1b[3');
    expect(after('\x1b[?1049')).toBe('\x1b[?1049');
    expect(after('x\x1b]0;unfinished')).toBe('\x1b]0;unfinished');
    expect(after('\x1bPtmux;data')).toBe('\x1bPtmux;data');
    expect(after('\x1b(')).toBe('\x1b(');
  });

  it('carries across chunks until the sequence ends', () => {
    expect(after('\x1b]0;ti', 'tle')).toBe('\x1b]0;title');
    expect(after('\x1b]0;ti', 'tle\x07more')).toBe('');
    expect(after('\x1b]0;ti', 'tle\x1b', '\\')).toBe('');
    expect(after('\x1b[3', '1m')).toBe('');
    expect(after('\x1b[3', '1;')).toBe('\x1b[31;');
    expect(after('\x1b]0;a', 'b', '\x1b[1')).toBe('\x1b[1');
  });

  it('keeps at most MAX_PENDING bytes of a sequence that never ends', () => {
    const big = pendingSequence(b('\x1b]0;'), b('x'.repeat(MAX_PENDING * 2)));
    expect(big.length).toBe(MAX_PENDING);
    expect(isOpenSequence(b('plain'))).toBe(false);
  });
});
