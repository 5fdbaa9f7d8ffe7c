/*
 * RenameSequences (src/server/rename-sequence.ts): ESC k NAME ESC \ taken out of a pane's
 * output, as tmux's input.c reads it, in one read or split across reads at every byte.
 */
import { describe, expect, it } from 'vitest';
import { RenameSequences } from '../../src/server/rename-sequence.js';

function run(chunks: string[]): { out: string; names: string[] } {
  const r = new RenameSequences();
  const names: string[] = [];
  const out = chunks.map((c) => r.strip(Buffer.from(c, 'utf8'), (n) => names.push(n)).toString('utf8')).join('');
  return { out, names };
}

describe('RenameSequences', () => {
  it('passes output without the sequence through unchanged (the same buffer)', () => {
    const r = new RenameSequences();
    const b = Buffer.from('plain \x1b[1mtext\x1b');
    expect(r.strip(b, () => {})).toBe(b);
  });

  it('takes the name out, leaving the terminator to the terminal', () => {
    expect(run(['A\x1bkmy name\x1b\\B'])).toEqual({ out: 'A\x1b\\B', names: ['my name'] });
    expect(run(['\x1bk\x1b\\'])).toEqual({ out: '\x1b\\', names: [''] });
    expect(run(['\x1bkone\x1b\\\x1bktwo\x18x'])).toEqual({ out: '\x1b\\\x18x', names: ['one', 'two'] });
  });

  it('drops C0 controls inside the name and ignores a name that is not UTF-8', () => {
    expect(run(['\x1bka\x07b\rc\x1b\\'])).toEqual({ out: '\x1b\\', names: ['abc'] });
    const r = new RenameSequences();
    const names: string[] = [];
    r.strip(Buffer.from([0x1b, 0x6b, 0xff, 0x1b, 0x5c]), (n) => names.push(n));
    expect(names).toEqual([]);
  });

  it('follows a sequence split at any byte', () => {
    const whole = 'ab\x1bkwin é\x1b\\cd';
    for (let cut = 1; cut < Buffer.byteLength(whole); cut++) {
      const bytes = Buffer.from(whole);
      const r = new RenameSequences();
      const names: string[] = [];
      const out = Buffer.concat([r.strip(bytes.subarray(0, cut), (n) => names.push(n)), r.strip(bytes.subarray(cut), (n) => names.push(n))]);
      expect(names, `cut at ${cut}`).toEqual(['win é']);
      // Split between ESC and k, the k goes to the terminal too (ESC k does nothing there).
      expect(out.toString(), `cut at ${cut}`).toBe(cut === 3 ? 'ab\x1bk\x1b\\cd' : 'ab\x1b\\cd');
    }
  });
});
