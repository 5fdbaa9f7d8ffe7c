/*
 * The marked pane's border (render/borders.ts): the border cells on the marked pane's
 * border are drawn with reverse toggled, as tmux's screen_redraw_draw_borders_cell does
 * (GRID_ATTR_REVERSE ^=) — whoever owns them, in either style; the window's own edges and
 * the title lines are not. tmux is the judge of whole screens in
 * test/e2e/tmux-compat-marked.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { borderMap, paintBorderMap, type BorderInput } from '../../src/render/borders.js';
import { Grid } from '../../src/render/grid.js';
import { INVERSE, type Rect } from '../../src/render/style.js';

const NORMAL = { fg: 8 };
const ACTIVE = { fg: 2, flags: INVERSE };

/** 'R' where a cell is drawn reversed (its style's inverse toggled), '-' another border cell, '.' inside a pane. */
function reversed(cols: number, rows: number, panes: Rect[], o: Partial<BorderInput>): string[] {
  const g = new Grid(cols, rows);
  panes.forEach((r) => g.fillRect(r, {}, 'p'));
  const inp: BorderInput = {
    cols, rows, wcols: cols, wrows: rows, panes: panes.map((r, i) => ({ id: i, index: i, ...r })),
    active: 0, status: 'off', lines: 'single', indicators: 'off', ...o,
  };
  paintBorderMap(g, borderMap(inp), 0, 0, { normal: NORMAL, active: ACTIVE });
  return Array.from({ length: rows }, (_, y) => {
    let s = '';
    for (let x = 0; x < cols; x++) {
      const i = y * cols + x;
      if (g.char(i) === 'p') s += '.';
      else {
        const base = g.fg[i] === ACTIVE.fg ? INVERSE : 0;
        s += ((g.flags[i]! & INVERSE) ^ base) !== 0 ? 'R' : '-';
      }
    }
    return s;
  });
}

describe('the marked pane\'s border', () => {
  // a on the left; b top right; c bottom right.
  const three: Rect[] = [{ x: 0, y: 0, cols: 4, rows: 5 }, { x: 5, y: 0, cols: 4, rows: 2 }, { x: 5, y: 3, cols: 4, rows: 2 }];

  it('reverses the cells on its border, in whichever style they are drawn', () => {
    expect(reversed(9, 5, three, { marked: 2 })).toEqual([
      '....-....',
      '....-....',
      '....RRRRR',
      '....R....',
      '....R....',
    ]);
    // The active pane's border is another style; the marked one's cells still toggle.
    expect(reversed(9, 5, three, { marked: 1, active: 1 })).toEqual([
      '....R....',
      '....R....',
      '....RRRRR',
      '....-....',
      '....-....',
    ]);
    expect(reversed(9, 5, three, {})).toEqual([
      '....-....',
      '....-....',
      '....-----',
      '....-....',
      '....-....',
    ]);
  });

  it('with pane-border-indicators colour, two panes side by side share the border in halves, the marked one its own half', () => {
    const two: Rect[] = [{ x: 0, y: 0, cols: 4, rows: 4 }, { x: 5, y: 0, cols: 4, rows: 4 }];
    expect(reversed(9, 4, two, { marked: 1, indicators: 'colour' })).toEqual(['....-....', '....-....', '....-....', '....R....']);
    expect(reversed(9, 4, two, { marked: 0, indicators: 'colour' })).toEqual(['....R....', '....R....', '....R....', '....-....']);
  });

  it('leaves the window\'s own edges alone (tmux draws them for no pane)', () => {
    // A window of 6x3 in an area of 8x4: its right and bottom edges are borders of no pane.
    const one: Rect[] = [{ x: 0, y: 0, cols: 6, rows: 3 }];
    const r = reversed(8, 4, one, { marked: 0, wcols: 6, wrows: 3 });
    expect(r.every((l) => !l.includes('R'))).toBe(true);
  });
});
