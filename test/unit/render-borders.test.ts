/*
 * Pane borders (render/borders.ts, tmux 3.3a's screen-redraw.c) checked as ASCII art: the
 * joins chosen for each border cell, which cells take the active style (the two-pane
 * split in halves with pane-border-indicators colour), the characters of each
 * pane-border-lines, the arrows, title-line slots, and cells outside a small window.
 * tmux itself is the judge in test/e2e/tmux-compat-style.test.ts.
 */

import { describe, expect, it } from 'vitest';
import { borderMap, paintBorderMap, type BorderInput } from '../../src/render/borders.js';
import { Grid } from '../../src/render/grid.js';
import type { Rect } from '../../src/render/style.js';

const NORMAL = { fg: 8 };
const ACTIVE = { fg: 2, flags: 1 };

type Opts = Partial<Pick<BorderInput, 'status' | 'lines' | 'indicators' | 'fill' | 'wcols' | 'wrows'>>;

/** Paint each pane with its letter, then the borders; return the grid. */
function layout(cols: number, rows: number, panes: Rect[], active = -1, o: Opts = {}): Grid {
  const g = new Grid(cols, rows);
  panes.forEach((r, i) => g.fillRect(r, {}, String.fromCharCode(0x61 + i)));
  const map = borderMap({
    cols, rows, wcols: o.wcols ?? cols, wrows: o.wrows ?? rows,
    panes: panes.map((r, i) => ({ id: i, index: i, ...r })),
    active, status: o.status ?? 'off', lines: o.lines ?? 'single', indicators: o.indicators ?? 'colour', ...(o.fill ? { fill: o.fill } : {}),
  });
  paintBorderMap(g, map, 0, 0, { normal: NORMAL, active: ACTIVE });
  return g;
}

const lines = (g: Grid): string[] => Array.from({ length: g.rows }, (_, y) => g.lineText(y));

/** 'A' where a border cell has the active style, 'n' where normal, '.' inside panes. */
function activeMap(g: Grid): string[] {
  return Array.from({ length: g.rows }, (_, y) => {
    let s = '';
    for (let x = 0; x < g.cols; x++) {
      const i = y * g.cols + x;
      s += /[a-z]/.test(g.char(i)) ? '.' : g.fg[i] === ACTIVE.fg ? 'A' : 'n';
    }
    return s;
  });
}

// Pane 0 on the left, panes 1 and 2 stacked on the right.
const THREE: Rect[] = [
  { x: 0, y: 0, cols: 6, rows: 5 },
  { x: 7, y: 0, cols: 5, rows: 2 },
  { x: 7, y: 3, cols: 5, rows: 2 },
];

describe('borderMap', () => {
  it('draws a three-pane layout', () => {
    expect(lines(layout(12, 5, THREE))).toEqual([
      'aaaaaa│bbbbb',
      'aaaaaa│bbbbb',
      'aaaaaa├─────',
      'aaaaaa│ccccc',
      'aaaaaa│ccccc',
    ]);
  });

  it('gives the border around the active pane the active style', () => {
    expect(activeMap(layout(12, 5, THREE, 1))).toEqual([
      '......A.....',
      '......A.....',
      '......AAAAAA',
      '......n.....',
      '......n.....',
    ]);
    expect(activeMap(layout(12, 5, THREE, 0))).toEqual([
      '......A.....',
      '......A.....',
      '......Annnnn',
      '......A.....',
      '......A.....',
    ]);
    expect(activeMap(layout(12, 5, THREE, -1)).join('')).not.toContain('A');
  });

  it('splits the border of two panes in halves with pane-border-indicators colour or both, not off or arrows', () => {
    const two: Rect[] = [{ x: 0, y: 0, cols: 4, rows: 5 }, { x: 5, y: 0, cols: 4, rows: 5 }];
    // The left pane owns rows 0..rows/2 of the line, the right one the rest.
    expect(activeMap(layout(9, 5, two, 0)).map((l) => l[4])).toEqual(['A', 'A', 'A', 'n', 'n']);
    expect(activeMap(layout(9, 5, two, 1)).map((l) => l[4])).toEqual(['n', 'n', 'n', 'A', 'A']);
    expect(activeMap(layout(9, 5, two, 1, { indicators: 'both' })).map((l) => l[4])).toEqual(['n', 'n', 'n', 'A', 'A']);
    expect(activeMap(layout(9, 5, two, 1, { indicators: 'off' })).map((l) => l[4])).toEqual(['A', 'A', 'A', 'A', 'A']);
    const stacked: Rect[] = [{ x: 0, y: 0, cols: 6, rows: 2 }, { x: 0, y: 3, cols: 6, rows: 2 }];
    expect(activeMap(layout(6, 5, stacked, 0))[2]).toBe('AAAAnn');
    expect(activeMap(layout(6, 5, stacked, 1))[2]).toBe('nnnnAA');
  });

  it('joins four panes with a cross and T-junctions where lines end', () => {
    const four: Rect[] = [
      { x: 0, y: 0, cols: 3, rows: 2 },
      { x: 4, y: 0, cols: 3, rows: 2 },
      { x: 0, y: 3, cols: 3, rows: 1 },
      { x: 4, y: 3, cols: 3, rows: 1 },
    ];
    expect(lines(layout(7, 4, four))).toEqual(['aaa│bbb', 'aaa│bbb', '───┼───', 'ccc│ddd']);
    expect(lines(layout(7, 4, four, -1, { lines: 'double' }))).toEqual(['aaa║bbb', 'aaa║bbb', '═══╬═══', 'ccc║ddd']);
    expect(lines(layout(7, 4, four, -1, { lines: 'heavy' }))).toEqual(['aaa┃bbb', 'aaa┃bbb', '━━━╋━━━', 'ccc┃ddd']);
    expect(lines(layout(7, 4, four, -1, { lines: 'simple' }))).toEqual(['aaa|bbb', 'aaa|bbb', '---+---', 'ccc|ddd']);
    // number: each border cell shows the index of the pane it belongs to: the first, from
    // the active one on in order, whose border it is on.
    expect(lines(layout(7, 4, four, 3, { lines: 'number' }))).toEqual(['aaa0bbb', 'aaa0bbb', '0003333', 'ccc3ddd']);
    expect(lines(layout(7, 4, four, 1, { lines: 'number' }))).toEqual(['aaa1bbb', 'aaa1bbb', '2221111', 'ccc2ddd']);
    const tee: Rect[] = [
      { x: 0, y: 0, cols: 7, rows: 1 },
      { x: 0, y: 2, cols: 3, rows: 2 },
      { x: 4, y: 2, cols: 3, rows: 2 },
    ];
    expect(lines(layout(7, 4, tee))).toEqual(['aaaaaaa', '───┬───', 'bbb│ccc', 'bbb│ccc']);
  });

  it('puts arrows pointing at the active pane one cell in from its corners', () => {
    const g = layout(12, 5, THREE, 1, { indicators: 'arrows' });
    // Pane 1's border: left of it (column 6) an arrow right at its row 1; below it (row 2) an arrow up at column 8.
    expect(lines(g)).toEqual([
      'aaaaaa│bbbbb',
      'aaaaaa→bbbbb',
      'aaaaaa├─↑───',
      'aaaaaa│ccccc',
      'aaaaaa│ccccc',
    ]);
  });

  it('draws the window edges and · (or fill-character) beyond a window smaller than the area', () => {
    const g = layout(6, 3, [{ x: 0, y: 0, cols: 4, rows: 2 }], 0, { wcols: 4, wrows: 2 });
    expect(lines(g)).toEqual(['aaaa│·', 'aaaa│·', '────┘·']);
    expect(activeMap(g).join('')).not.toContain('A');
    expect(lines(layout(6, 3, [{ x: 0, y: 0, cols: 4, rows: 2 }], 0, { wcols: 4, wrows: 2, fill: '#' }))).toEqual(['aaaa│#', 'aaaa│#', '────┘#']);
  });

  it('leaves a title slot by each pane with pane-border-status, the border characters under it', () => {
    // Top: panes at the top edge give their first row to the title (the window does that).
    const top: Rect[] = [{ x: 0, y: 1, cols: 8, rows: 2 }, { x: 9, y: 1, cols: 8, rows: 2 }];
    const inp: BorderInput = {
      cols: 17, rows: 3, wcols: 17, wrows: 3, panes: top.map((r, i) => ({ id: i, index: i, ...r })),
      active: 0, status: 'top', lines: 'single', indicators: 'colour',
    };
    const map = borderMap(inp);
    expect(map.titles.map((t) => [t.x, t.y, t.cols])).toEqual([[2, 0, 4], [11, 0, 4]]);
    expect(String.fromCodePoint(...map.titles[0]!.codes)).toBe('────');
    const g = new Grid(17, 3);
    paintBorderMap(g, map, 0, 0, { normal: NORMAL, active: ACTIVE });
    // The slots are left to the titles; the rest of the line is border.
    expect(g.lineText(0)).toBe('──    ──┬──    ──');
    const bottom = borderMap({ ...inp, panes: [{ id: 0, index: 0, x: 0, y: 0, cols: 8, rows: 2 }, { id: 1, index: 1, x: 9, y: 0, cols: 8, rows: 2 }], status: 'bottom' });
    expect(bottom.titles.map((t) => [t.x, t.y, t.cols])).toEqual([[2, 2, 4], [11, 2, 4]]);
  });

  it('paints at an offset, inside the area it is given', () => {
    const g = new Grid(8, 3);
    g.fillRect({ x: 0, y: 0, cols: 8, rows: 3 }, {}, '#');
    const map = borderMap({
      cols: 5, rows: 2, wcols: 5, wrows: 2, active: 2, status: 'off', lines: 'single', indicators: 'off',
      panes: [{ id: 1, index: 0, x: 0, y: 0, cols: 2, rows: 2 }, { id: 2, index: 1, x: 3, y: 0, cols: 2, rows: 2 }],
    });
    paintBorderMap(g, map, 2, 0, { normal: NORMAL, active: ACTIVE });
    expect(lines(g)).toEqual(['####│###', '####│###', '########']);
  });

  it('works out the part shown of a window bigger than the area (ox, oy) as the same cells of the whole map', () => {
    // Four panes in a 21x9 window; the area is 10x5 of it from (8, 3).
    const panes = [
      { id: 0, index: 0, x: 0, y: 0, cols: 10, rows: 4 }, { id: 1, index: 1, x: 11, y: 0, cols: 10, rows: 4 },
      { id: 2, index: 2, x: 0, y: 5, cols: 10, rows: 4 }, { id: 3, index: 3, x: 11, y: 5, cols: 10, rows: 4 },
    ];
    const base = { wcols: 21, wrows: 9, panes, active: 3, status: 'off' as const, lines: 'single' as const, indicators: 'colour' as const };
    const whole = borderMap({ ...base, cols: 22, rows: 10 });
    const part = borderMap({ ...base, cols: 10, rows: 5, ox: 8, oy: 3 });
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 10; x++) {
        const i = (y + 3) * 22 + x + 8;
        expect([part.codes[y * 10 + x], part.kind[y * 10 + x]], `${x},${y}`).toEqual([whole.codes[i], whole.kind[i]]);
      }
    }
    expect(String.fromCodePoint(part.codes[1 * 10 + 2]!)).toBe('┼'); // window cell (10, 4)
    // Title slots stay in window cells, and the map leaves the ones in the part to them.
    const titled = borderMap({ ...base, status: 'top', cols: 10, rows: 5, ox: 8, oy: 3 });
    expect(titled.titles.find((t) => t.pane.id === 3)).toMatchObject({ x: 13, y: 4, cols: 6 });
    expect(titled.codes[1 * 10 + 5]).toBe(0); // window cell (13, 4): the title's
    expect(titled.codes[1 * 10 + 4]).not.toBe(0); // (12, 4): the border before it
  });
});
