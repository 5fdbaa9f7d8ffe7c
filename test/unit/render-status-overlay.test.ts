/*
 * The status line (alignment, truncation, wide chars at the cut) and overlays (boxes
 * and one-line messages), checked as text plus spot checks of the styles.
 */

import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { boxSize, centerRect, paintBox, paintMessage } from '../../src/render/overlay.js';
import { paintStatusLine, statusSegmentAt } from '../../src/render/status-line.js';
import { BOLD, INVERSE } from '../../src/render/style.js';

const BAR = { fg: 0, bg: 2 };

describe('paintStatusLine', () => {
  it('puts the left group at column 0 and the right group against the edge', () => {
    const g = new Grid(24, 2);
    const layout = paintStatusLine(g, 1, [{ text: '[s] ' }, { text: '0:bash*', style: { flags: BOLD } }], [{ text: '12:00' }], BAR);
    expect(g.lineText(1)).toBe('[s] 0:bash*        12:00');
    expect(layout).toEqual({ leftCols: 11, rightX: 19 });
    expect([g.bg[24 + 4], g.flags[24 + 4], g.flags[24 + 3]]).toEqual([2, BOLD, 0]);
    expect([g.fg[24 + 15], g.bg[24 + 15]]).toEqual([0, 2]);
    expect(g.lineText(0)).toBe(' '.repeat(24));
  });

  it('cuts the left group when both do not fit', () => {
    const g = new Grid(16, 1);
    paintStatusLine(g, 0, [{ text: '0:bash 1:vim 2:claude' }], [{ text: 'host' }], BAR);
    expect(g.lineText(0)).toBe('0:bash 1:vi host');
  });

  it('drops a right group wider than the line and gives the left the whole row', () => {
    const g = new Grid(10, 1);
    paintStatusLine(g, 0, [{ text: 'left side text' }], [{ text: 'a very long right side' }], BAR);
    expect(g.lineText(0)).toBe('left side ');
  });

  it('never splits a wide char at the cut', () => {
    const g = new Grid(12, 1);
    const layout = paintStatusLine(g, 0, [{ text: '漢字漢字漢字' }], [{ text: '😀a' }], BAR);
    expect(layout).toEqual({ leftCols: 8, rightX: 9 });
    expect(g.lineText(0)).toBe('漢字漢字 😀a');
    paintStatusLine(g, 0, [{ text: '漢字漢字漢字' }], [{ text: 'xy' }], BAR);
    expect(g.lineText(0)).toBe('漢字漢字  xy');
    expect([g.widths[8], g.bg[8]]).toEqual([1, 2]);
  });
});

describe('statusSegmentAt', () => {
  it('maps a column to the segment drawn there', () => {
    const g = new Grid(21, 1);
    const left = [{ text: '[s] ' }, { text: '0:漢字' }, { text: ' 1:vim' }];
    const right = [{ text: 'ab' }, { text: 'cd' }];
    const layout = paintStatusLine(g, 0, left, right, BAR);
    expect(g.lineText(0)).toBe('[s] 0:漢字 1:vim abcd');
    const at = (x: number): string => {
      const hit = statusSegmentAt(layout, left, right, x);
      return hit ? `${hit.side[0]}${hit.index}` : '-';
    };
    expect(Array.from({ length: 22 }, (_, x) => at(x)).join(' ')).toBe(
      'l0 l0 l0 l0 l1 l1 l1 l1 l1 l1 l2 l2 l2 l2 l2 l2 - r0 r0 r1 r1 -',
    );
  });

  it('ignores the part of a cut segment that was not drawn', () => {
    const g = new Grid(9, 1);
    const left = [{ text: 'abc' }, { text: 'defgh' }];
    const layout = paintStatusLine(g, 0, left, [{ text: 'xy' }], BAR);
    expect(layout).toEqual({ leftCols: 6, rightX: 7 });
    expect(statusSegmentAt(layout, left, [{ text: 'xy' }], 5)).toEqual({ side: 'left', index: 1 });
    expect(statusSegmentAt(layout, left, [{ text: 'xy' }], 6)).toBeUndefined();
  });
});

describe('paintBox', () => {
  it('draws a framed box with a title and padded lines', () => {
    const g = new Grid(16, 6);
    g.fillRect({ x: 0, y: 0, cols: 16, rows: 6 }, {}, '.');
    paintBox(g, { x: 1, y: 1, cols: 13, rows: 4 }, 'Help', ['C-b ?  keys', [{ text: 'd', style: { flags: BOLD } }, { text: ' detach' }]], {
      bg: 4,
    });
    expect(Array.from({ length: 6 }, (_, y) => g.lineText(y))).toEqual([
      '................',
      '.┌ Help ─────┐..',
      '.│ C-b ?  ke │..',
      '.│ d detach  │..',
      '.└───────────┘..',
      '................',
    ]);
    expect([g.flags[3 * 16 + 3], g.bg[3 * 16 + 3], g.bg[2 * 16 + 12]]).toEqual([BOLD, 4, 4]);
  });

  it('sizes and centres a box for its content', () => {
    const size = boxSize('Confirm', ['kill pane 3? (y/n)']);
    expect(size).toEqual({ cols: 22, rows: 3 });
    const g = new Grid(30, 9);
    const rect = centerRect(g, size.cols, size.rows);
    expect(rect).toEqual({ x: 4, y: 3, cols: 22, rows: 3 });
    paintBox(g, rect, 'Confirm', ['kill pane 3? (y/n)'], {}, { fg: 3 });
    expect(g.lineText(4)).toBe('    │ kill pane 3? (y/n) │    ');
    expect(g.fg[3 * 30 + 4]).toBe(3);
    expect(g.fg[4 * 30 + 6]).toBe(-1);
  });

  it('clips a box larger than the grid and cuts lines beyond its height', () => {
    const g = new Grid(8, 3);
    paintBox(g, { x: -2, y: 0, cols: 20, rows: 9 }, '', ['one', 'two', 'three'], {});
    expect([0, 1, 2].map((y) => g.lineText(y))).toEqual(['┌──────┐', '│ one  │', '└──────┘']);
  });
});

describe('paintMessage', () => {
  it('fills the row and returns where a prompt cursor goes', () => {
    const g = new Grid(20, 2);
    paintStatusLine(g, 1, [{ text: 'status' }], [], BAR);
    expect(paintMessage(g, 1, 'rename: 漢字', { flags: INVERSE })).toBe(12);
    expect(g.lineText(1)).toBe('rename: 漢字        ');
    expect([g.flags[20 + 19], g.bg[20 + 19]]).toEqual([INVERSE, -1]);
  });
});
