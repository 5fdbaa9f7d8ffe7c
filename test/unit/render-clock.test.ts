/*
 * The big clock of clock-mode: its text in both styles (tmux's %H:%M, and %l:%M with
 * AM/PM), its blocks centred as tmux centres them, and the text fallback in a pane too
 * small for the blocks.
 */
import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { DEFAULT_COLOR } from '../../src/render/style.js';
import { clockText, paintClock } from '../../src/render/clock.js';

const at = (h: number, m: number) => new Date(2026, 0, 2, h, m, 30);

/** The grid's cells with a background as '#'. */
function blocks(g: Grid): string[] {
  const out: string[] = [];
  for (let y = 0; y < g.rows; y++) {
    let line = '';
    for (let x = 0; x < g.cols; x++) line += g.bg[y * g.cols + x] === DEFAULT_COLOR ? '.' : '#';
    out.push(line);
  }
  return out;
}

describe('clock-mode clock', () => {
  it('says the time as tmux does in 24- and 12-hour style', () => {
    expect([clockText(at(0, 5), '24'), clockText(at(21, 9), '24')]).toEqual(['00:05', '21:09']);
    expect([clockText(at(0, 5), '12'), clockText(at(12, 30), '12'), clockText(at(13, 7), '12'), clockText(at(11, 59), '12')])
      .toEqual(['12:05 AM', '12:30 PM', ' 1:07 PM', '11:59 AM']);
  });

  it('draws 5×5 glyphs every 6 columns, centred, in the colour given', () => {
    const g = new Grid(40, 9);
    paintClock(g, { x: 0, y: 0, cols: 40, rows: 9 }, '21:09', 4);
    // x = 40/2 - 3*5 = 5, y = 9/2 - 3 = 1
    expect(blocks(g)).toEqual([
      '........................................',
      '.....#####.....#.......#####.#####......',
      '.........#.....#...#...#...#.#...#......',
      '.....#####.....#.......#...#.#####......',
      '.....#.........#...#...#...#.....#......',
      '.....#####.....#.......#####.#####......',
      '........................................',
      '........................................',
      '........................................',
    ]);
    expect(g.bg[1 * 40 + 5]).toBe(4);
  });

  it('shows the time as text in the middle row when the blocks do not fit, and nothing when even that does not', () => {
    const g = new Grid(20, 5);
    g.writeText(0, 0, 'old screen', {});
    paintClock(g, { x: 0, y: 0, cols: 20, rows: 5 }, '21:09', 1);
    expect(g.lineText(0).trim()).toBe('');
    expect(g.lineText(2)).toBe('        21:09       ');
    expect(g.fg[2 * 20 + 8]).toBe(1);
    const tiny = new Grid(4, 3);
    paintClock(tiny, { x: 0, y: 0, cols: 4, rows: 3 }, '21:09', 1);
    expect([0, 1, 2].map((y) => tiny.lineText(y).trim())).toEqual(['', '', '']);
  });
});
