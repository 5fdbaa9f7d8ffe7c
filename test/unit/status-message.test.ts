/*
 * The message and prompt rows (status-message.ts) as tmux 3.3a's status_message_redraw and
 * status_prompt_redraw draw them: the style filling the row, #[…] in display-message's
 * text, the reversed cursor cell, and a long line scrolled to keep the cursor in sight.
 */
import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { BOLD, INVERSE } from '../../src/render/style.js';
import { paintMessageLine, paintPromptLine } from '../../src/server/client/status-message.js';

const YELLOW = { fg: 0, bg: 3, flags: 0 };
const cell = (g: Grid, x: number, y = 0) => ({ ch: g.char(y * g.cols + x), fg: g.fg[y * g.cols + x], bg: g.bg[y * g.cols + x], flags: g.flags[y * g.cols + x] });

describe('paintMessageLine', () => {
  it('fills the row with the style and applies #[…] only when styled', () => {
    const g = new Grid(12, 1);
    paintMessageLine(g, 0, 'a#[fg=red,bold]b#[default]c', YELLOW, true);
    expect(g.lineText(0)).toBe('abc         ');
    expect(cell(g, 0)).toEqual({ ch: 'a', fg: 0, bg: 3, flags: 0 });
    expect(cell(g, 1)).toEqual({ ch: 'b', fg: 1, bg: 3, flags: BOLD });
    expect(cell(g, 2)).toEqual({ ch: 'c', fg: 0, bg: 3, flags: 0 });
    expect(cell(g, 11)).toEqual({ ch: ' ', fg: 0, bg: 3, flags: 0 });
    paintMessageLine(g, 0, 'x#[fg=red]y', YELLOW, false);
    expect(g.lineText(0)).toBe('x#[fg=red]y ');
    expect(cell(g, 10).fg).toBe(0);
  });

  it('cuts a message at the right edge', () => {
    const g = new Grid(5, 1);
    paintMessageLine(g, 0, 'abcdefgh', YELLOW, true);
    expect(g.lineText(0)).toBe('abcde');
  });
});

describe('paintPromptLine', () => {
  it('draws the label, the text and the cell under the cursor reversed', () => {
    const g = new Grid(12, 1);
    const x = paintPromptLine(g, 0, { label: ':', text: 'abc', cursor: 1 }, YELLOW);
    expect(x).toBe(2);
    expect(g.lineText(0)).toBe(':abc        ');
    expect(cell(g, 2)).toEqual({ ch: 'b', fg: 0, bg: 3, flags: INVERSE });
    expect(cell(g, 1).flags).toBe(0);
    expect(cell(g, 4)).toEqual({ ch: ' ', fg: 0, bg: 3, flags: 0 });
  });

  it('draws a reversed space past the end when the cursor is there, and styles the label', () => {
    const g = new Grid(12, 1);
    const x = paintPromptLine(g, 0, { label: '#[fg=red](x) ', text: 'ab', cursor: 2 }, YELLOW);
    expect(x).toBe(6);
    expect(cell(g, 0).fg).toBe(1);
    expect(cell(g, 6)).toEqual({ ch: ' ', fg: 0, bg: 3, flags: INVERSE });
    expect(cell(g, 7).flags).toBe(0);
  });

  it('toggles reverse in a reversed style', () => {
    const g = new Grid(6, 1);
    paintPromptLine(g, 0, { label: '', text: 'ab', cursor: 0 }, { fg: 0, bg: 3, flags: INVERSE });
    expect(cell(g, 0).flags).toBe(0);
    expect(cell(g, 1).flags).toBe(INVERSE);
  });

  it('scrolls a line longer than the row so the cursor stays at its right edge', () => {
    const g = new Grid(8, 1);
    const x = paintPromptLine(g, 0, { label: ': ', text: 'abcdefghij', cursor: 10 }, YELLOW);
    // 6 columns left: the cursor (at width 10) is drawn in the last; offset 10 - 6 + 1 = 5.
    expect(g.lineText(0)).toBe(': fghij ');
    expect(x).toBe(7);
    expect(cell(g, 7).flags).toBe(INVERSE);
  });
});
