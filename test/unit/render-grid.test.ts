/*
 * Grid and cell widths: widths agree with xterm's Unicode 11 provider, text splits into
 * cells as a terminal prints it, and no sequence of writes breaks the wide-char invariant
 * (a width-2 cell is followed by its width-0 placeholder, and only by it).
 */

import fc from 'fast-check';
import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';
import { describe, expect, it } from 'vitest';
import { cellWidth, codePointWidth, textWidth } from '../../src/render/cell-width.js';
import { Grid } from '../../src/render/grid.js';
import { BOLD, UNDERLINE, rgb } from '../../src/render/style.js';

const { Terminal } = xterm;

function sampleCodePoints(): number[] {
  const cps: number[] = [];
  const ranges: Array<[number, number, number]> = [
    [0x20, 0x7e, 1],
    [0xa0, 0x3000, 5],
    [0x3000, 0xa000, 41],
    [0xac00, 0xd7a3, 97],
    [0xf900, 0xfffd, 7],
    [0x1f000, 0x1faff, 3],
    [0x20000, 0x2fa1f, 997],
    [0xe0000, 0xe01ef, 13],
  ];
  for (const [from, to, step] of ranges) for (let cp = from; cp <= to; cp += step) cps.push(cp);
  return cps.filter((cp) => cp !== 0x62 && (cp < 0xd800 || cp > 0xdfff));
}

describe('cell widths', () => {
  it('match a headless xterm with the unicode11 addon', async () => {
    const cps = sampleCodePoints();
    const term = new Terminal({ cols: 8, rows: cps.length, scrollback: 0, allowProposedApi: true });
    term.loadAddon(new u11.Unicode11Addon());
    term.unicode.activeVersion = '11';
    const data = cps.map((cp, row) => `\x1b[${row + 1}Ha${String.fromCodePoint(cp)}b`).join('');
    await new Promise<void>((resolve) => term.write(data, resolve));
    const mismatches: string[] = [];
    cps.forEach((cp, row) => {
      const line = term.buffer.active.getLine(row)!;
      let bAt = 1;
      while (bAt < 4 && line.getCell(bAt)!.getChars() !== 'b') bAt++;
      if (bAt - 1 !== codePointWidth(cp)) mismatches.push(`U+${cp.toString(16)}: xterm ${bAt - 1}`);
    });
    expect(mismatches).toEqual([]);
    term.dispose();
  });

  it('give CJK and emoji two columns and combining marks none', () => {
    expect(cellWidth('漢')).toBe(2);
    expect(cellWidth('😀')).toBe(2);
    expect(cellWidth('a')).toBe(1);
    expect(codePointWidth(0x301)).toBe(0);
    expect(textWidth('漢字 e\u0301 😀')).toBe(9);
  });
});

describe('Grid', () => {
  it('writes text as cells, joining combining marks and dropping controls', () => {
    const g = new Grid(10, 1);
    expect(g.writeText(0, 0, 'e\u0301漢\x07😀', {})).toBe(5);
    expect(g.char(0)).toBe('e\u0301');
    expect([...g.widths]).toEqual([1, 2, 0, 2, 0, 1, 1, 1, 1, 1]);
    expect(g.lineText(0)).toBe('e\u0301漢😀     ');
  });

  it('stops before a wide char that would pass maxCols', () => {
    const g = new Grid(10, 1);
    expect(g.writeText(0, 0, 'ab漢字', { fg: 1 }, 5)).toBe(4);
    expect(g.lineText(0)).toBe('ab漢      ');
    expect(g.writeText(8, 0, '字字', {})).toBe(2);
    expect(g.writeText(9, 0, '字', {})).toBe(0);
  });

  it('blanks the other half of a wide char it overwrites', () => {
    const g = new Grid(6, 1);
    g.writeText(0, 0, '漢字漢', { bg: 4 });
    g.setCell(1, 0, 'x', 1, -1, -1, 0);
    expect(g.lineText(0)).toBe(' x字漢');
    g.setCell(2, 0, 'y', 1, -1, -1, 0);
    expect(g.lineText(0)).toBe(' xy 漢');
    g.setCell(3, 0, '字', 2, -1, -1, BOLD);
    expect(g.lineText(0)).toBe(' xy字 ');
    expect(g.bg[5]).toBe(4);
    g.setCell(5, 0, '字', 2, -1, -1, 0);
    expect(g.lineText(0)).toBe(' xy字 ');
  });

  it('keeps the wide-char invariant under any writes', () => {
    const chars = ['a', '漢', '😀', 'e\u0301', ' '];
    const op = fc.record({
      x: fc.nat(12),
      y: fc.nat(3),
      text: fc.array(fc.constantFrom(...chars), { maxLength: 6 }).map((a) => a.join('')),
      fill: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 30 }), (cols, ops) => {
        const g = new Grid(cols, 3);
        for (const o of ops) {
          const x = o.x % cols;
          if (o.fill) g.fillRect({ x, y: o.y % 3, cols: 2, rows: 2 }, { fg: rgb(1, 2, 3) });
          else g.writeText(x, o.y % 3, o.text, { bg: 5 });
        }
        for (let y = 0; y < 3; y++) {
          for (let x = 0; x < cols; x++) {
            const i = y * cols + x;
            if (g.widths[i] === 2) {
              expect(x + 1).toBeLessThan(cols);
              expect(g.widths[i + 1]).toBe(0);
              expect([g.fg[i + 1], g.bg[i + 1], g.flags[i + 1]]).toEqual([g.fg[i], g.bg[i], g.flags[i]]);
            }
            if (g.widths[i] === 0) expect(x > 0 && g.widths[i - 1] === 2).toBe(true);
          }
        }
      }),
    );
  });

  it('compares and copies cells, clusters included', () => {
    const a = new Grid(3, 1);
    const b = new Grid(3, 1);
    a.writeText(0, 0, 'e\u0301', {});
    b.writeText(0, 0, 'e\u0308', {});
    expect(a.equalsCell(b, 0)).toBe(false);
    b.copyCell(a, 0);
    expect(a.equalsCell(b, 0)).toBe(true);
    expect(a.equalsCell(b, 1)).toBe(true);
  });

  it('tells rows apart by underline colour and link alone, however they got there (set, copied, blitted)', () => {
    const a = new Grid(4, 2);
    const b = new Grid(4, 2);
    expect(a.rowEquals(b, 0)).toBe(true);
    a.setCell(1, 0, 'x', 1, -1, -1, UNDERLINE, 5);
    b.setCell(1, 0, 'x', 1, -1, -1, UNDERLINE);
    expect(a.rowEquals(b, 0)).toBe(false);
    expect(b.rowEquals(a, 0)).toBe(false);
    b.copyCell(a, 1);
    expect(a.rowEquals(b, 0)).toBe(true);
    const c = new Grid(4, 2);
    c.setCell(2, 1, 'y', 1, -1, -1, 0, -1, 7);
    const d = new Grid(4, 2);
    d.setCell(2, 1, 'y', 1, -1, -1, 0);
    expect(d.rowEquals(c, 1)).toBe(false);
    const e = new Grid(4, 2);
    e.blit(c, 0, 0, 0, 0, 4, 2);
    expect(e.rowEquals(c, 1)).toBe(true);
    expect(e.rowEquals(d, 1)).toBe(false);
    expect([e.ul[6], e.link[6]]).toEqual([-1, 7]);
    e.clear();
    expect(e.rowEquals(d, 1)).toBe(false); // d has 'y' there, e is blank
    expect(e.link[6]).toBe(0);
  });
});

describe('Grid.defaultColours', () => {
  it('gives default-coloured cells in the rect the colours given, and leaves the rest', () => {
    const g = new Grid(4, 2);
    g.setCell(0, 0, 'a', 1, 1, -1, 0);
    g.setCell(1, 0, 'b', 1, -1, 4, 0);
    g.defaultColours({ x: 0, y: 0, cols: 3, rows: 1 }, 7, 8);
    expect([...g.fg.subarray(0, 4)]).toEqual([1, 7, 7, -1]);
    expect([...g.bg.subarray(0, 4)]).toEqual([8, 4, 8, -1]);
    expect([...g.bg.subarray(4, 8)]).toEqual([-1, -1, -1, -1]);
    g.defaultColours({ x: 0, y: 1, cols: 4, rows: 1 }, -1, 2);
    expect([...g.fg.subarray(4, 8)]).toEqual([-1, -1, -1, -1]);
    expect([...g.bg.subarray(4, 8)]).toEqual([2, 2, 2, 2]);
  });
});
