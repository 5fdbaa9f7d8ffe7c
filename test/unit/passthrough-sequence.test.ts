/*
 * PassthroughSequences (src/server/passthrough-sequence.ts): ESC P tmux; DATA ESC \ taken
 * out of a pane's output with DATA unescaped (ESC ESC → ESC), as tmux's input.c reads it,
 * in one read or split across reads at every byte.
 */
import { describe, expect, it } from 'vitest';
import { PassthroughSequences } from '../../src/server/passthrough-sequence.js';

function run(chunks: Buffer[]): { out: string; found: string[] } {
  const p = new PassthroughSequences();
  const found: string[] = [];
  const out = Buffer.concat(chunks.map((c) => p.strip(c, (d) => found.push(d.toString('latin1'))))).toString('latin1');
  return { out, found };
}

const SEQ = 'a\x1bPtmux;\x1b\x1b]52;c;eA==\x07x\x1b\\b\x1bPq#0\x1b\\';

describe('PassthroughSequences', () => {
  it('passes output without it through unchanged (the same buffer)', () => {
    const b = Buffer.from('plain \x1b[1mtext\x1bPq#0\x1b\\');
    expect(new PassthroughSequences().strip(b, () => {})).toBe(b);
  });

  it('takes the sequence out and unescapes its data; other DCS strings stay', () => {
    expect(run([Buffer.from(SEQ, 'latin1')])).toEqual({ out: 'ab\x1bPq#0\x1b\\', found: ['\x1b]52;c;eA==\x07x'] });
  });

  it('follows a sequence split at any byte, and two reads of one byte each', () => {
    const bytes = Buffer.from(SEQ, 'latin1');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(run([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at ${cut}`).toEqual({ out: 'ab\x1bPq#0\x1b\\', found: ['\x1b]52;c;eA==\x07x'] });
    }
    expect(run([...bytes].map((b) => Buffer.from([b])))).toEqual({ out: 'ab\x1bPq#0\x1b\\', found: ['\x1b]52;c;eA==\x07x'] });
  });

  it('drops data over 1 MB whole, and goes on after it', () => {
    const big = Buffer.concat([Buffer.from('\x1bPtmux;'), Buffer.alloc(1024 * 1024 + 1, 0x41), Buffer.from('\x1b\\after')]);
    expect(run([big])).toEqual({ out: 'after', found: [] });
  });
});
