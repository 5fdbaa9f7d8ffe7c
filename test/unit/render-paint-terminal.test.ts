/*
 * paintTerminal: a pane's xterm buffer lands in the grid exactly (text, widths, colours
 * of all three kinds, every attribute), from the normal or the alternate buffer, from
 * scrollback when asked, clipped by a smaller rect and blank-padded in a larger one.
 */

import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';
import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { paintTerminal } from '../../src/render/paint-terminal.js';
import { ALL_FLAGS, BOLD, RGB_FLAG, UNDERLINE, rgb, underlineStyle, type Rect } from '../../src/render/style.js';
import { hyperlink } from '../../src/render/links.js';

const { Terminal } = xterm;
type Term = InstanceType<typeof Terminal>;

async function paneTerminal(cols: number, rows: number, data: string): Promise<Term> {
  const term = new Terminal({ cols, rows, scrollback: 100, allowProposedApi: true });
  term.loadAddon(new u11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  await new Promise<void>((resolve) => term.write(data, resolve));
  return term;
}

/** Buffer line `line`'s cell x as "text/width/fg/bg/flags", read independently of paintTerminal. */
function termCell(term: Term, x: number, line: number): string {
  const cell = term.buffer.active.getLine(line)!.getCell(x)!;
  const color = (def: boolean, isRgb: boolean, c: number): number => (def ? -1 : isRgb ? RGB_FLAG | c : c);
  const flags = [
    cell.isBold(),
    cell.isDim(),
    cell.isItalic(),
    cell.isUnderline(),
    cell.isBlink(),
    cell.isInverse(),
    cell.isInvisible(),
    cell.isStrikethrough(),
    cell.isOverline(),
  ].reduce((acc: number, b, i) => (b ? acc | (1 << i) : acc), 0);
  const w = cell.getWidth();
  const fg = color(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor());
  const bg = color(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor());
  return `${cell.getChars() || (w ? ' ' : '')}/${w}/${fg}/${bg}/${flags}`;
}

function gridCell(g: Grid, x: number, y: number): string {
  const i = y * g.cols + x;
  return `${g.char(i)}/${g.widths[i]}/${g.fg[i]}/${g.bg[i]}/${g.flags[i]}`;
}

function expectCopied(g: Grid, term: Term, rect: Rect, lineOffset = term.buffer.active.viewportY): void {
  const want: string[] = [];
  const got: string[] = [];
  for (let y = 0; y < term.rows; y++) {
    for (let x = 0; x < term.cols; x++) {
      want.push(termCell(term, x, lineOffset + y));
      got.push(gridCell(g, rect.x + x, rect.y + y));
    }
  }
  expect(got).toEqual(want);
}

const COLOURFUL =
  '\x1b[1;31mbold red\x1b[0m \x1b[38;2;10;20;30;48;5;200mtruecolor\x1b[0m\r\n' +
  '\x1b[2;3;4;5;7;8;9;53;92;104mall flags\x1b[0m \x1b[38;5;123mp256\x1b[0m\r\n' +
  '漢字 😀 e\u0301 a\u0308\u0323 \x1b[41m漢\x1b[0m\r\n' +
  '\x1b[48;2;255;0;0m\x1b[Kred line end\x1b[0m';

describe('paintTerminal', () => {
  it('copies every cell and attribute of the viewport', async () => {
    const term = await paneTerminal(24, 5, COLOURFUL);
    const g = new Grid(30, 8);
    const rect = { x: 3, y: 2, cols: 24, rows: 5 };
    paintTerminal(g, term, rect);
    expectCopied(g, term, rect);
    expect(g.lineText(4).trimEnd()).toBe('   漢字 😀 e\u0301 a\u0308\u0323 漢');
    const at = (x: number, y: number): number => (rect.y + y) * g.cols + rect.x + x;
    expect([g.fg[at(0, 0)], g.flags[at(0, 0)]]).toEqual([1, BOLD]);
    expect([g.fg[at(9, 0)], g.bg[at(9, 0)]]).toEqual([rgb(10, 20, 30), 200]);
    expect([g.fg[at(0, 1)], g.bg[at(0, 1)], g.flags[at(0, 1)]]).toEqual([10, 12, ALL_FLAGS & ~BOLD]);
    expect(g.bg[at(23, 3)]).toBe(rgb(255, 0, 0));
  });

  it('keeps underline styles and colours and hyperlinks, which xterm\'s API does not give', async () => {
    const term = await paneTerminal(
      30,
      2,
      's\x1b[4mS\x1b[4:2mD\x1b[4:3mC\x1b[4:4mO\x1b[4:5mA\x1b[21mW\x1b[0m \x1b[4:3;58:2::255:0:10mR\x1b[58;5;196mP\x1b[24mN\x1b[0m\r\n' +
        '\x1b]8;;https://example.com/\x1b\\lk\x1b[4:3mc\x1b]8;;\x1b\\x\x1b[0m',
    );
    const g = new Grid(30, 2);
    paintTerminal(g, term, { x: 0, y: 0, cols: 30, rows: 2 });
    expect([...'sSDCOAW'].map((_, x) => underlineStyle(g.flags[x]!))).toEqual([0, 1, 2, 3, 4, 5, 2]);
    expect([8, 9, 10].map((x) => [underlineStyle(g.flags[x]!), g.ul[x]])).toEqual([[3, rgb(255, 0, 10)], [3, 196], [0, -1]]);
    expect(g.flags[0]).toBe(0);
    expect(g.flags[1]).toBe(UNDERLINE);
    // A link is not an underline (xterm's isUnderline() says it is); its number is shared (links.ts).
    const row = 30;
    expect([0, 1, 2].map((x) => hyperlink(g.link[row + x]!)?.uri)).toEqual(['https://example.com/', 'https://example.com/', 'https://example.com/']);
    expect(g.link[row]).toBe(g.link[row + 1]);
    expect(g.link[row + 3]).toBe(0);
    expect([g.flags[row], underlineStyle(g.flags[row + 2]!)]).toEqual([0, 3]);
  });

  it('shows the alternate buffer while it is active, then the normal one again', async () => {
    const term = await paneTerminal(12, 3, 'normal\x1b[?1049h\x1b[H\x1b[32malt 漢\x1b[0m');
    const g = new Grid(12, 3);
    const rect = { x: 0, y: 0, cols: 12, rows: 3 };
    paintTerminal(g, term, rect);
    expectCopied(g, term, rect);
    expect(g.lineText(0)).toBe('alt 漢      ');
    await new Promise<void>((resolve) => term.write('\x1b[?1049l', resolve));
    paintTerminal(g, term, rect);
    expect(g.lineText(0)).toBe('normal      ');
  });

  it('shows scrollback from a given first line', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const term = await paneTerminal(10, 4, lines.join('\r\n'));
    const g = new Grid(10, 4);
    const rect = { x: 0, y: 0, cols: 10, rows: 4 };
    paintTerminal(g, term, rect);
    expect(g.lineText(0).trimEnd()).toBe('line 16');
    paintTerminal(g, term, rect, 5);
    expect([0, 1, 2, 3].map((y) => g.lineText(y).trimEnd())).toEqual(['line 5', 'line 6', 'line 7', 'line 8']);
    expectCopied(g, term, rect, 5);
  });

  it('clips to a smaller rect, blanking a wide char cut by its edge', async () => {
    const term = await paneTerminal(12, 4, 'abcd漢字\r\n0123456789AB\r\nrow2\r\nrow3');
    const g = new Grid(10, 5);
    g.fillRect({ x: 0, y: 0, cols: 10, rows: 5 }, {}, '#');
    paintTerminal(g, term, { x: 1, y: 1, cols: 5, rows: 2 });
    expect([0, 1, 2, 3].map((y) => g.lineText(y))).toEqual(['##########', '#abcd ####', '#01234####', '##########']);
  });

  it('blanks the part of a larger rect the terminal does not cover', async () => {
    const term = await paneTerminal(4, 2, '\x1b[44mabcd\x1b[0m\r\nef');
    const g = new Grid(8, 4);
    g.fillRect({ x: 0, y: 0, cols: 8, rows: 4 }, { bg: 3 }, '#');
    paintTerminal(g, term, { x: 1, y: 0, cols: 6, rows: 3 });
    expect([0, 1, 2, 3].map((y) => g.lineText(y))).toEqual(['#abcd  #', '#ef    #', '#      #', '########']);
    expect(g.bg[8 * 2 + 3]).toBe(-1);
    expect(g.bg[5]).toBe(-1);
  });
});
