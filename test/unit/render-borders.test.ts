/*
 * Pane borders drawn around layouts, checked as ASCII art: the joins chosen for each
 * border cell, which cells take the active style, and titles in the top border.
 */

import { describe, expect, it } from 'vitest';
import { paintBorderTitle, paintBorders } from '../../src/render/borders.js';
import { Grid } from '../../src/render/grid.js';
import type { Rect } from '../../src/render/style.js';

const NORMAL = { fg: 8 };
const ACTIVE = { fg: 2, flags: 1 };

/** Paint each pane with its letter, then the borders; return the grid. */
function layout(cols: number, rows: number, panes: Rect[], active?: number): Grid {
  const g = new Grid(cols, rows);
  const rects = new Map(panes.map((r, i) => [i, r] as const));
  panes.forEach((r, i) => g.fillRect(r, {}, String.fromCharCode(0x61 + i)));
  paintBorders(g, { x: 0, y: 0, cols, rows }, rects, active, { normal: NORMAL, active: ACTIVE });
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

describe('paintBorders', () => {
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
    expect(activeMap(layout(12, 5, THREE, undefined)).join('')).not.toContain('A');
  });

  it('joins four panes with a cross and T-junctions where lines end', () => {
    const four: Rect[] = [
      { x: 0, y: 0, cols: 3, rows: 2 },
      { x: 4, y: 0, cols: 3, rows: 2 },
      { x: 0, y: 3, cols: 3, rows: 1 },
      { x: 4, y: 3, cols: 3, rows: 1 },
    ];
    expect(lines(layout(7, 4, four))).toEqual(['aaa│bbb', 'aaa│bbb', '───┼───', 'ccc│ddd']);
    const tee: Rect[] = [
      { x: 0, y: 0, cols: 7, rows: 1 },
      { x: 0, y: 2, cols: 3, rows: 2 },
      { x: 4, y: 2, cols: 3, rows: 2 },
    ];
    expect(lines(layout(7, 4, tee))).toEqual(['aaaaaaa', '───┬───', 'bbb│ccc', 'bbb│ccc']);
  });

  it('draws corners where a border turns', () => {
    const g = layout(5, 4, [
      { x: 0, y: 0, cols: 5, rows: 1 },
      { x: 0, y: 1, cols: 2, rows: 3 },
      { x: 3, y: 2, cols: 2, rows: 2 },
    ]);
    expect(lines(g)).toEqual(['aaaaa', 'bb┌──', 'bb│cc', 'bb│cc']);
  });

  it('stays inside the area it is given', () => {
    const g = new Grid(8, 3);
    g.fillRect({ x: 0, y: 0, cols: 8, rows: 3 }, {}, '#');
    const rects = new Map([
      [1, { x: 2, y: 0, cols: 2, rows: 2 }],
      [2, { x: 5, y: 0, cols: 2, rows: 2 }],
    ]);
    paintBorders(g, { x: 2, y: 0, cols: 5, rows: 2 }, rects, 2, { normal: NORMAL, active: ACTIVE });
    expect(lines(g)).toEqual(['####│###', '####│###', '########']);
  });
});

describe('paintBorderTitle', () => {
  const panes: Rect[] = [
    { x: 0, y: 0, cols: 14, rows: 1 },
    { x: 0, y: 2, cols: 6, rows: 2 },
    { x: 7, y: 2, cols: 7, rows: 2 },
  ];
  const area = { x: 0, y: 0, cols: 14, rows: 4 };

  it('writes a padded title into the border above a pane', () => {
    const g = layout(14, 4, panes);
    expect(g.lineText(1)).toBe('──────┬───────');
    expect(paintBorderTitle(g, area, panes[2], 'ab', {})).toBe(4);
    expect(g.lineText(1)).toBe('──────┬─ ab ──');
  });

  it('clips the title to the pane width, keeping the padding', () => {
    const g = layout(14, 4, panes);
    paintBorderTitle(g, area, panes[2], [{ text: '✻ ' }, { text: 'claude', style: { fg: 2 } }], {});
    expect(paintBorderTitle(g, area, panes[1], 'top', {})).toBe(4);
    expect(g.lineText(1)).toBe('─ to ─┬─ ✻ c ─');
    expect(g.fg[1 * 14 + 11]).toBe(2);
  });

  it('does nothing for a pane with no border above it', () => {
    const g = layout(14, 4, panes);
    expect(paintBorderTitle(g, area, panes[0], 'top', {})).toBe(0);
    expect(g.lineText(0)).toBe('a'.repeat(14));
  });
});
