/*
 * ScreenWriter round trip: random frames are rendered and fed into a headless xterm
 * standing in for the client's terminal, which must then show exactly the grid (every
 * cell's text, width, colours and flags, underline style and colour, hyperlink) with the
 * cursor where it was asked to be. Also: idle frames cost nothing and small changes cost
 * little; a terminal without underline styles or hyperlinks is sent none, one without
 * synchronized output no mode 2026.
 */

import fc from 'fast-check';
import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';
import { describe, expect, it } from 'vitest';
import { cellWidth } from '../../src/render/cell-width.js';
import { Grid } from '../../src/render/grid.js';
import { paintTerminal } from '../../src/render/paint-terminal.js';
import { ScreenWriter, type CursorState } from '../../src/render/screen-writer.js';
import { addLink, hyperlink, linkOf } from '../../src/render/links.js';
import { ALL_FLAGS, BOLD, RGB_FLAG, UNDERLINE, UNDERLINE_CURLY, rgb, underlineStyle, withUnderline } from '../../src/render/style.js';
import { cellExtended, cellFgWord, underlineColourOf, underlineStyleOf, type HeadlessTerminal } from '../../src/render/xterm.js';

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
  /** Underline colour (-1 when not underlined). */
  ul: number;
  /** The hyperlink's URI ('' for none). */
  link: string;
}

/** Cell x of buffer line `line` of the active buffer. */
function termCell(term: Term, x: number, line: number): CellView {
  const cell = term.buffer.active.getLine(line)!.getCell(x)!;
  const color = (isDefault: boolean, isRgb: boolean, c: number): number => (isDefault ? -1 : isRgb ? RGB_FLAG | c : c);
  const bits = [
    cell.isBold(),
    cell.isDim(),
    cell.isItalic(),
    0, // underline: with its style, below (isUnderline() says every hyperlink is underlined)
    cell.isBlink(),
    cell.isInverse(),
    cell.isInvisible(),
    cell.isStrikethrough(),
    cell.isOverline(),
  ];
  const w = cell.getWidth();
  const ext = cellExtended(cell);
  const style = underlineStyleOf(cellFgWord(cell), ext);
  return {
    ch: cell.getChars() || (w === 0 ? '' : ' '),
    w,
    fg: color(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()),
    bg: color(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()),
    flags: withUnderline(bits.reduce((acc: number, b, i) => (b ? acc | (1 << i) : acc), 0), style),
    ul: style ? underlineColourOf(ext) : -1,
    // As ccmux numbers the link (links.ts): xterm can drop a link's data while cells still
    // show it (its last character wrapped onto a row it never marked, and the rows it
    // marked scrolled away); a link seen before keeps its number, one never seen is none.
    link: ext?.urlId ? (hyperlink(linkOf(term as HeadlessTerminal, ext.urlId))?.uri ?? '') : '',
  };
}

function gridCell(grid: Grid, x: number, y: number): CellView {
  const i = y * grid.cols + x;
  const flags = grid.flags[i]!;
  // Only an underline has a colour; xterm reads 58;2;255;255;255 back as SGR 59's -1.
  const ul = flags & UNDERLINE && grid.ul[i] !== (RGB_FLAG | 0xffffff) ? grid.ul[i]! : -1;
  return { ch: grid.char(i), w: grid.widths[i], fg: grid.fg[i], bg: grid.bg[i], flags, ul, link: hyperlink(grid.link[i]!)?.uri ?? '' };
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
/** Attribute flags, with an underline of any style. */
const flagsArb = fc.oneof(
  fc.constant(0),
  fc.tuple(fc.integer({ min: 0, max: ALL_FLAGS }), fc.integer({ min: 0, max: 5 })).map(([f, u]) => withUnderline(f, f & UNDERLINE ? u : 0)),
);
const styleArb = fc.record({
  fg: fc.oneof(fc.constant(-1), color),
  bg: color,
  flags: flagsArb,
});
/** A few hyperlinks, one with the program's own id. */
const LINKS = [addLink('https://example.com/a'), addLink('https://example.com/b', 'x1'), addLink('file:///tmp/c')];
const cellExtraArb = fc.record({ ul: fc.oneof(fc.constant(-1), color), link: fc.oneof(fc.constant(0), fc.constantFrom(...LINKS)) });

type Op =
  | { kind: 'cell'; x: number; y: number; ch: string; style: { fg: number; bg: number; flags: number }; extra: { ul: number; link: number } }
  | { kind: 'text'; x: number; y: number; text: string; style: { fg: number; bg: number; flags: number } }
  | { kind: 'fill'; x: number; y: number; cols: number; rows: number; style: { fg: number; bg: number; flags: number } };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('cell' as const), x: fc.nat(40), y: fc.nat(12), ch: fc.constantFrom(...chars), style: styleArb, extra: cellExtraArb }),
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
  if (op.kind === 'cell') grid.setCell(x, y, op.ch, cellWidth(op.ch), fg, bg, flags, op.extra.ul, op.extra.link);
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
      fc.constantFrom('4:2', '4:3', '4:4', '4:5', '4:0', '21', '59'),
      fc.nat(255).map((n) => `38;5;${n}`),
      fc.nat(255).map((n) => `58;5;${n}`),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b]) => `48;2;${r};${g};${b}`),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(254)).map(([r, g, b]) => `58:2::${r}:${g}:${b}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((codes) => `\x1b[${codes.join(';')}m`);
const paneOutput = fc.oneof(
  fc.array(fc.constantFrom(...chars, 'abc', 'hello world'), { maxLength: 8 }).map((a) => a.join('')),
  sgr,
  fc.tuple(fc.nat(15), fc.nat(30)).map(([y, x]) => `\x1b[${y + 1};${x + 1}H`),
  fc.constantFrom('\r\n', '\x1b[K', '\x1b[1K', '\x1b[2J', '\x1b[?1049h', '\x1b[?1049l', '\x1b[?25l', '\x1b[?25h'),
  fc.constantFrom('\x1b]8;;https://a.example/\x1b\\', '\x1b]8;id=k;https://b.example/\x1b\\', '\x1b]8;;\x1b\\'),
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

describe('ScreenWriter and what the terminal understands (TerminalFeatures)', () => {
  const cursor: CursorState = { x: 0, y: 0, visible: false };
  /** A grid with a curly red-underlined word, a double-underlined one, and a hyperlink. */
  function styled(): { grid: Grid; link: number } {
    const grid = new Grid(30, 2);
    const link = addLink('https://example.com/x', 'p1');
    const curly = withUnderline(0, UNDERLINE_CURLY);
    for (const [x, ch] of [...'curly'].entries()) grid.setCell(x, 0, ch, 1, -1, -1, curly, rgb(255, 0, 0));
    for (const [x, ch] of [...'dbl'].entries()) grid.setCell(6 + x, 0, ch, 1, -1, -1, withUnderline(0, 2), 196);
    for (const [x, ch] of [...'link'].entries()) grid.setCell(x, 1, ch, 1, 4, -1, 0, -1, link);
    return { grid, link };
  }

  it('sends underline styles and colours in the colon form, and hyperlinks with an id, closed at the frame end', async () => {
    const { grid, link } = styled();
    const out = new ScreenWriter(30, 2).render(grid, cursor);
    expect(out).toContain('\x1b[4:3;58:2::255:0:0mcurly');
    expect(out).toContain('4:2;58:5:196mdbl');
    expect(out).toContain(`\x1b]8;id=ccmux${link};https://example.com/x\x1b\\link\x1b]8;;\x1b\\`);
    expect(out.lastIndexOf('\x1b]8;;\x1b\\')).toBeGreaterThan(out.lastIndexOf('link'));
    const term = outerTerminal(30, 2);
    await write(term, out);
    expectShows(term, grid);
    expect(underlineStyle(grid.flags[0]!)).toBe(UNDERLINE_CURLY);
  });

  it('sends a terminal without them single underlines in the text\'s colour, no links, no mode 2026', async () => {
    const { grid } = styled();
    const writer = new ScreenWriter(30, 2, { usstyle: false, hyperlinks: false, sync: false });
    const out = writer.render(grid, cursor);
    expect(out).not.toMatch(/4:|58|59|\x1b\]8|2026/);
    expect(out).toContain('\x1b[4mcurly');
    const term = outerTerminal(30, 2);
    await write(term, out);
    expect(termCell(term, 0, 0)).toMatchObject({ ch: 'c', flags: UNDERLINE, ul: -1, link: '' });
    expect(termCell(term, 0, 1)).toMatchObject({ ch: 'l', fg: 4, flags: 0, link: '' });
    // Told the terminal understands them after all: everything is drawn again, with them.
    writer.setFeatures({ usstyle: true, hyperlinks: true, sync: true });
    const again = writer.render(grid, cursor);
    expect(again).toMatch(/^\x1b\[\?2026h/);
    expect(again).toContain('4:3');
    expect(again).toContain('\x1b]8;id=ccmux');
  });

  it('brings colours down to what the terminal draws (tmux\'s tty_check_fg/bg), its own sync sequences', async () => {
    const grid = new Grid(10, 1);
    grid.setCell(0, 0, 'S', 1, rgb(250, 128, 114), rgb(0, 0, 0x5f), 0, -1);
    grid.setCell(1, 0, 'B', 1, 12, 196, 0, -1);
    grid.setCell(2, 0, 'x', 1, 3, -1, 0, -1);
    const full = new ScreenWriter(10, 1).render(grid, cursor);
    expect(full).toContain('38;2;250;128;114');
    const w256 = new ScreenWriter(10, 1, { usstyle: false, hyperlinks: false, sync: true, syncStart: '<', syncEnd: '>', rgb: false, colours: 256 }).render(grid, cursor);
    expect(w256).toMatch(/^<.*>$/s);
    expect(w256).toContain('38;5;209;48;5;17mS');
    expect(w256).toContain('94;48;5;196mB');
    const w16 = new ScreenWriter(10, 1, { usstyle: false, hyperlinks: false, sync: false, rgb: false, colours: 16 }).render(grid, cursor);
    expect(w16).not.toMatch(/38;|48;/);
    expect(w16).toContain('94;101mB');
    // Eight colours: a bright foreground is its dark half, bold; a bright background its dark half.
    const w8 = new ScreenWriter(10, 1, { usstyle: false, hyperlinks: false, sync: false, rgb: false, colours: 8 }).render(grid, cursor);
    expect(w8).not.toMatch(/38;|48;|9\dm|10\dm/);
    expect(w8).toContain('1;34;41mB');
    expect(w8).toMatch(/\x1b\[0?;?33mx|\x1b\[0;33mx/);
    const term = outerTerminal(10, 1);
    await write(term, w8);
    expect(termCell(term, 1, 0)).toMatchObject({ ch: 'B', fg: 4, bg: 1, flags: BOLD });
    expect(termCell(term, 2, 0)).toMatchObject({ ch: 'x', fg: 3, flags: 0 });
  });

  it('erases with no hyperlink open (an EL inside a link would link the blanks in some terminals)', () => {
    const { grid, link } = styled();
    const writer = new ScreenWriter(30, 2);
    writer.render(grid, cursor);
    for (let x = 0; x < 4; x++) grid.setCell(x, 1, 'L', 1, 4, -1, 0, -1, link);
    grid.fillRect({ x: 4, y: 0, cols: 26, rows: 2 }, {}); // a run of blanks to erase on each row
    const out = writer.render(grid, cursor);
    const el = out.indexOf('\x1b[K');
    expect(el).toBeGreaterThan(0);
    const before = out.slice(0, el);
    expect(before.lastIndexOf('\x1b]8;;\x1b\\')).toBeGreaterThanOrEqual(before.lastIndexOf('\x1b]8;id='));
  });
});
