/*
 * status-format lines (status-format.ts) placed as tmux 3.3a's format_draw places a text
 * with no list: left, right, centre between them, absolute-centre; the centre gives way
 * first when they do not fit, then the right, then the left.
 */
import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { paintFormatLine } from '../../src/server/client/status-format.js';

const line = (cols: number, text: string): string => {
  const g = new Grid(cols, 1);
  paintFormatLine(g, 0, text, { fg: 0, bg: 2 });
  return g.lineText(0);
};

describe('paintFormatLine', () => {
  it('places the aligned sections as tmux does', () => {
    expect(line(20, 'L#[align=right]R#[align=centre]C')).toBe('L         C        R');
    expect(line(20, 'LLLL#[align=centre]CC#[align=right]R')).toBe('LLLL      CC       R');
    expect(line(20, '#[align=absolute-centre]AB')).toBe('         AB         ');
    expect(line(10, '#[align=centre]0[20x6] 1[19x6] ')).toBe('0x6] 1[19x');
  });

  it('cuts the centre first, then the right (from its left), then the left', () => {
    expect(line(8, 'LLL#[align=centre]CCCC#[align=right]RRR')).toBe('LLLCCRRR');
    expect(line(5, 'LLL#[align=centre]CCCC#[align=right]RRR')).toBe('LLLRR');
    expect(line(2, 'LLL#[align=right]RRR')).toBe('LL');
  });

  it('fills the row with the style and applies #[…] over it', () => {
    const g = new Grid(6, 1);
    paintFormatLine(g, 0, 'a#[fg=red]b', { fg: 0, bg: 2 });
    expect([g.fg[0], g.fg[1], g.bg[1], g.bg[5]]).toEqual([0, 1, 2, 2]);
  });

  it('cuts a window list around its focus, with the markers, what follows it after it (format_draw_left)', () => {
    const list = 'L#[list=on align=left]#[list=left-marker]<#[list=right-marker]>#[list=on]aaaa#[list=focus]FF#[list=on]bbbb#[nolist]A';
    expect(line(10, list)).toBe('L<aaFFbb>A');
    expect(line(12, list)).toBe('LaaaaFFbbbbA');
    expect(line(16, list.replace('align=left', 'align=right'))).toBe('L    aaaaFFbbbbA');
    expect(line(2, list)).toBe('LA');
  });

  it('makes #[default] go back to what push-default kept, until pop-default', () => {
    const g = new Grid(4, 1);
    paintFormatLine(g, 0, '#[fg=red]#[push-default]a#[fg=blue]b#[default]c#[pop-default]#[default]d', { fg: 0, bg: 2 });
    expect([g.fg[0], g.fg[1], g.fg[2], g.fg[3]]).toEqual([1, 4, 1, 0]);
  });

  it('returns its #[range=…] ranges where they were drawn, cut as the sections are', () => {
    const ranges = (cols: number, text: string) => paintFormatLine(new Grid(cols, 1), 0, text, { fg: 0, bg: 2 });
    expect(ranges(20, '#[range=left]LL#[norange] #[range=window|3]W3#[default]x#[norange]#[align=right]#[range=right]RR')).toEqual([
      { kind: 'left', x: 0, cols: 2 },
      { kind: 'window', index: 3, x: 3, cols: 3 },
      { kind: 'right', x: 18, cols: 2 },
    ]);
    // The right section cut from its left: only what is drawn is a range; a bad range= changes nothing.
    expect(ranges(4, 'LL#[align=right]#[range=right]RRR#[range=window|x]S')).toEqual([{ kind: 'right', x: 2, cols: 2 }]);
    expect(ranges(9, '#[range=window|1]A#[range=window|2]B')).toEqual([{ kind: 'window', index: 1, x: 0, cols: 1 }, { kind: 'window', index: 2, x: 1, cols: 1 }]);
    expect(ranges(10, 'plain')).toEqual([]);
  });
});
