/*
 * ScreenWriter round trip: random frames are rendered and fed into a headless xterm
 * standing in for the client's terminal, which must then show exactly the grid (every
 * cell's text, width, colours and flags) with the cursor where it was asked to be.
 * Also: idle frames cost nothing and small changes cost little.
 */

import fc from 'fast-check';
import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';
import { describe, expect, it } from 'vitest';
import { cellWidth } from '../../src/render/cell-width.js';
import { Grid } from '../../src/render/grid.js';
import { paintTerminal } from '../../src/render/paint-terminal.js';
import { ScreenWriter, type CursorState } from '../../src/render/screen-writer.js';
import { ALL_FLAGS, BOLD, RGB_FLAG, UNDERLINE, rgb } from '../../src/render/style.js';

const { Terminal } = xterm;
type Term = InstanceType<typeof Terminal>;

function outerTerminal(cols: number, rows: number): Term {
  const term = new Terminal({ cols, rows, scrollback: 0, allowProposedApi: true });
  term.loadAddon(new u11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  return term;
}

function write(term: Term, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

interface CellView {
  ch: string;
  w: number;
  fg: number;
  bg: number;
  flags: number;
}

/** Cell x of buffer line `line` of the active buffer. */
function termCell(term: Term, x: number, line: number): CellView {
  const cell = term.buffer.active.getLine(line)!.getCell(x)!;
  const color = (isDefault: boolean, isRgb: boolean, c: number): number => (isDefault ? -1 : isRgb ? RGB_FLAG | c : c);
  const bits = [
    cell.isBold(),
    cell.isDim(),
    cell.isItalic(),
    cell.isUnderline(),
    cell.isBlink(),
    cell.isInverse(),
    cell.isInvisible(),
    cell.isStrikethrough(),
    cell.isOverline(),
  ];
  const w = cell.getWidth();
  return {
    ch: cell.getChars() || (w === 0 ? '' : ' '),
    w,
    fg: color(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()),
    bg: color(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()),
    flags: bits.reduce((acc: number, b, i) => (b ? acc | (1 << i) : acc), 0),
  };
}

function gridCell(grid: Grid, x: number, y: number): CellView {
  const i = y * grid.cols + x;
  return { ch: grid.char(i), w: grid.widths[i], fg: grid.fg[i], bg: grid.bg[i], flags: grid.flags[i] };
}

/** Fails with the first differing cell so a shrunk counterexample is readable. */
function expectShows(term: Term, grid: Grid): void {
  for (let y = 0; y < grid.rows; y++) {
    for (let x = 0; x < grid.cols; x++) {
      expect({ x, y, ...termCell(term, x, y) }).toEqual({ x, y, ...gridCell(grid, x, y) });
    }
  }
}

const chars = ['a', 'Z', ' ', '~', 'é', 'e\u0301', 'a\u0308\u0323', '漢', '字', '😀', '─', '❤\uFE0F', 'ß'];
const color = fc.oneof(
  fc.constant(-1),
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: 0, max: 0xffffff }).map((c) => RGB_FLAG | c),
);
const styleArb = fc.record({
  fg: fc.oneof(fc.constant(-1), color),
  bg: color,
  flags: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: ALL_FLAGS })),
});

type Op =
  | { kind: 'cell'; x: number; y: number; ch: string; style: { fg: number; bg: number; flags: number } }
  | { kind: 'text'; x: number; y: number; text: string; style: { fg: number; bg: number; flags: number } }
  | { kind: 'fill'; x: number; y: number; cols: number; rows: number; style: { fg: number; bg: number; flags: number } };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('cell' as const), x: fc.nat(40), y: fc.nat(12), ch: fc.constantFrom(...chars), style: styleArb }),
  fc.record({
    kind: fc.constant('text' as const),
    x: fc.nat(40),
    y: fc.nat(12),
    text: fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((a) => a.join('')),
    style: styleArb,
  }),
  fc.record({
    kind: fc.constant('fill' as const),
    x: fc.nat(40),
    y: fc.nat(12),
    cols: fc.nat(30),
    rows: fc.nat(6),
    style: styleArb,
  }),
);

function apply(grid: Grid, op: Op): void {
  const x = op.x % grid.cols;
  const y = op.y % grid.rows;
  const { fg, bg, flags } = op.style;
  if (op.kind === 'cell') grid.setCell(x, y, op.ch, cellWidth(op.ch), fg, bg, flags);
  else if (op.kind === 'text') grid.writeText(x, y, op.text, op.style);
  else grid.fillRect({ x, y, cols: op.cols, rows: op.rows }, op.style);
}

function copyGrid(src: Grid): Grid {
  const g = new Grid(src.cols, src.rows);
  for (let i = 0; i < src.cols * src.rows; i++) g.copyCell(src, i);
  return g;
}

const frameArb = fc.record({
  ops: fc.array(opArb, { maxLength: 25 }),
  cursor: fc.record({ x: fc.nat(45), y: fc.nat(15), visible: fc.boolean() }),
  invalidate: fc.boolean(),
});

describe('ScreenWriter round trip through a headless xterm', () => {
  it('shows every frame of a random sequence exactly, cursor included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(frameArb, { minLength: 1, maxLength: 5 }),
        async (cols, rows, frames) => {
          const term = outerTerminal(cols, rows);
          const writer = new ScreenWriter(cols, rows);
          let grid = new Grid(cols, rows);
          let visible = true;
          for (const frame of frames) {
            grid = copyGrid(grid);
            for (const op of frame.ops) apply(grid, op);
            if (frame.invalidate && frames.length > 2) writer.invalidate();
            const out = writer.render(grid, frame.cursor);
            await write(term, out);
            expectShows(term, grid);
            const hide = out.lastIndexOf('\x1b[?25l');
            const show = out.lastIndexOf('\x1b[?25h');
            if (hide >= 0 || show >= 0) visible = show > hide;
            expect(visible).toBe(frame.cursor.visible);
            if (frame.cursor.visible) {
              expect(term.buffer.active.cursorX).toBe(Math.min(frame.cursor.x, cols - 1));
              expect(term.buffer.active.cursorY).toBe(Math.min(frame.cursor.y, rows - 1));
            }
            expect(term.modes.wraparoundMode).toBe(true);
            expect(term.modes.synchronizedOutputMode).toBe(false);
          }
          term.dispose();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('repaints from scratch after a resize', async () => {
    const writer = new ScreenWriter(20, 5);
    const small = new Grid(20, 5);
    small.writeText(0, 0, 'before', { fg: 2 });
    writer.render(small, { x: 0, y: 0, visible: true });
    const term = outerTerminal(30, 8);
    await write(term, 'garbage everywhere\r\n漢字漢字');
    const big = new Grid(30, 8);
    big.writeText(3, 7, '漢字 after 😀', { bg: rgb(1, 2, 3), flags: BOLD });
    await write(term, writer.render(big, { x: 29, y: 7, visible: false }));
    expectShows(term, big);
  });
});

const sgr = fc
  .array(
    fc.oneof(
      fc.constantFrom('0', '1', '2', '3', '4', '5', '7', '8', '9', '53', '22', '24', '27', '31', '42', '91', '104', '39', '49'),
      fc.nat(255).map((n) => `38;5;${n}`),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b]) => `48;2;${r};${g};${b}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((codes) => `\x1b[${codes.join(';')}m`);
const paneOutput = fc.oneof(
  fc.array(fc.constantFrom(...chars, 'abc', 'hello world'), { maxLength: 8 }).map((a) => a.join('')),
  sgr,
  fc.tuple(fc.nat(15), fc.nat(30)).map(([y, x]) => `\x1b[${y + 1};${x + 1}H`),
  fc.constantFrom('\r\n', '\x1b[K', '\x1b[1K', '\x1b[2J', '\x1b[?1049h', '\x1b[?1049l', '\x1b[?25l', '\x1b[?25h'),
);

describe('pane terminal to client terminal', () => {
  it('shows the client exactly what the pane shows, frame after frame', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.array(paneOutput, { maxLength: 10 }), { minLength: 1, maxLength: 4 }),
        async (cols, rows, chunks) => {
          const pane = outerTerminal(cols, rows);
          const client = outerTerminal(cols, rows);
          const writer = new ScreenWriter(cols, rows);
          const grid = new Grid(cols, rows);
          for (const chunk of chunks) {
            await write(pane, chunk.join(''));
            paintTerminal(grid, pane, { x: 0, y: 0, cols, rows });
            const buf = pane.buffer.active;
            await write(client, writer.render(grid, { x: buf.cursorX, y: buf.cursorY, visible: true }));
            const top = buf.viewportY;
            for (let y = 0; y < rows; y++) {
              for (let x = 0; x < cols; x++) {
                expect({ x, y, ...termCell(client, x, y) }).toEqual({ x, y, ...termCell(pane, x, top + y) });
              }
            }
            expect(client.buffer.active.cursorX).toBe(Math.min(buf.cursorX, cols - 1));
            expect(client.buffer.active.cursorY).toBe(buf.cursorY);
          }
          pane.dispose();
          client.dispose();
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('ScreenWriter output size', () => {
  const cursor: CursorState = { x: 0, y: 0, visible: false };

  it('returns nothing when nothing changed', () => {
    const writer = new ScreenWriter(80, 24);
    const grid = new Grid(80, 24);
    grid.writeText(0, 3, 'hello 漢字 😀', { fg: rgb(200, 100, 0), flags: UNDERLINE });
    expect(writer.render(grid, { x: 5, y: 5, visible: true })).not.toBe('');
    expect(writer.render(grid, { x: 5, y: 5, visible: true })).toBe('');
    expect(writer.render(grid, { x: 5, y: 5, visible: true })).toBe('');
  });

  it('moves only the cursor when only the cursor moved', () => {
    const writer = new ScreenWriter(80, 24);
    const grid = new Grid(80, 24);
    writer.render(grid, { x: 5, y: 5, visible: true });
    expect(writer.render(grid, { x: 10, y: 7, visible: true })).toBe('\x1b[8;11H');
    expect(writer.render(grid, { x: 10, y: 7, visible: false })).toBe('\x1b[?25l');
  });

  it('sends a one-cell change in under 40 bytes', () => {
    const writer = new ScreenWriter(200, 50);
    const grid = new Grid(200, 50);
    grid.writeText(0, 0, 'x'.repeat(200), { fg: 3 });
    writer.render(grid, { x: 0, y: 49, visible: true });
    grid.setCell(120, 30, 'y', 1, 3, -1, 0);
    const out = writer.render(grid, { x: 0, y: 49, visible: true });
    expect(out.length).toBeLessThan(40);
    expect(out).toContain('y');
    grid.setCell(121, 30, 'z', 1, -1, -1, 0);
    expect(writer.render(grid, cursor).length).toBeLessThan(40);
  });

  it('erases a cleared line end with EL rather than spaces', () => {
    const writer = new ScreenWriter(80, 3);
    const grid = new Grid(80, 3);
    grid.writeText(0, 1, 'a long line of text that will be cleared', {});
    writer.render(grid, cursor);
    grid.fillRect({ x: 6, y: 1, cols: 74, rows: 1 }, {});
    const out = writer.render(grid, cursor);
    expect(out).toContain('\x1b[K');
    expect(out.length).toBeLessThan(40);
  });
});
