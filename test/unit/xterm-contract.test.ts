/*
 * The contract between ccmux and @xterm/headless's internals (src/render/xterm.ts): each
 * internal ccmux uses exists in the installed xterm and behaves as ccmux relies on. An
 * xterm upgrade that moves one fails here, by name, instead of breaking panes at run time.
 */
import { describe, expect, it } from 'vitest';
import {
  activeLines, cellBgWord, dropBottomRows, cellExtended, cellFgWord, createTerminal, cursorHidden, cursorInText, homeAndEraseScreen, lineCellExtended, lineExtendedCells, linkData,
  mouseEncoding, normalBuffer, normalIsActive, onRowsChanged, placeCursorInText, scrollRegion, tabStops, underlineColourOf, underlineStyleOf, wordColour, wordFlags, writeSync, type HeadlessTerminal,
} from '../../src/render/xterm.js';
import { RGB_FLAG } from '../../src/render/style.js';

/** Underline style, underline colour and hyperlink of cell x of screen row y, read as ccmux reads them. */
function extended(t: HeadlessTerminal, x: number, y: number) {
  const cell = t.buffer.active.getLine(t.buffer.active.viewportY + y)!.getCell(x)!;
  const ext = cellExtended(cell);
  return { style: underlineStyleOf(cellFgWord(cell), ext), ul: underlineColourOf(ext), link: ext?.urlId ? linkData(t, ext.urlId) : undefined };
}

describe('xterm internals ccmux relies on', () => {
  it('writeSync parses at once, and reports the rows it changed', () => {
    const t = createTerminal(20, 5, 10);
    const ranges: Array<{ start: number; end: number } | undefined> = [];
    const sub = onRowsChanged(t, (r) => ranges.push(r));
    writeSync(t, 'ab\r\ncd');
    expect(t.buffer.active.getLine(1)!.translateToString(true)).toBe('cd');
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.at(-1)).toMatchObject({ start: 0, end: 1 });
    sub.dispose();
  });

  it('line objects keep their identity as lines scroll, and the normal buffer exposes packed cells, wrap flags and trims', () => {
    const t = createTerminal(10, 3, 2);
    writeSync(t, '1\r\n2\r\n3');
    const before = activeLines(t).get(2);
    writeSync(t, '\r\n4');
    expect(activeLines(t).get(t.buffer.active.viewportY + 1)).toBe(before);
    const buf = normalBuffer(t);
    let trimmed = 0;
    const sub = buf.lines.onTrim((n) => (trimmed += n));
    writeSync(t, '\r\n5\r\n6\r\n7');
    expect(trimmed).toBeGreaterThan(0);
    const line = buf.lines.get(0)!;
    expect(line._data).toBeInstanceOf(Uint32Array);
    expect(line._data.length).toBe(3 * 10); // 3 words a cell
    expect(typeof line.isWrapped).toBe('boolean');
    expect(buf.lines.length).toBe(5); // scrollback 2 + 3 rows
    sub.dispose();
  });

  it('tells the normal buffer from the alternate screen', () => {
    const t = createTerminal(10, 3, 2);
    expect(normalIsActive(t)).toBe(true);
    writeSync(t, '\x1b[?1049h');
    expect(normalIsActive(t)).toBe(false);
    writeSync(t, '\x1b[?1049l');
    expect(normalIsActive(t)).toBe(true);
  });

  it('reports DECTCEM and the mouse encoding a program asked for', () => {
    const t = createTerminal(10, 3, 2);
    expect(cursorHidden(t)).toBe(false);
    writeSync(t, '\x1b[?25l');
    expect(cursorHidden(t)).toBe(true);
    expect(mouseEncoding(t)).toBe('DEFAULT');
    writeSync(t, '\x1b[?1000h\x1b[?1006h');
    expect(mouseEncoding(t)).toBe('SGR');
    writeSync(t, '\x1b[?1006l');
    expect(mouseEncoding(t)).toBe('DEFAULT');
  });

  it('runs parser handlers added through its API before its own, and starts a new normal buffer on RIS, saying so', () => {
    const t = createTerminal(10, 3, 2);
    writeSync(t, 'kept\r\n');
    const before = normalBuffer(t);
    let seen = '';
    t.parser.registerEscHandler({ final: 'c' }, () => {
      seen = before.lines.get(0)!._data[0] === 'k'.charCodeAt(0) | (1 << 22) ? 'old screen' : 'gone';
      return false;
    });
    let changed = 0;
    t.buffer.onBufferChange(() => changed++);
    writeSync(t, '\x1bc');
    expect(seen).toBe('old screen');
    expect(normalBuffer(t)).not.toBe(before);
    expect(changed).toBeGreaterThan(0);
  });

  it('trims the oldest lines (reporting them) when its scrollback setting shrinks', () => {
    const t = createTerminal(10, 3, 10);
    writeSync(t, Array.from({ length: 12 }, (_, i) => `l${i}`).join('\r\n'));
    let trimmed = 0;
    normalBuffer(t).lines.onTrim((n) => (trimmed += n));
    t.options.scrollback = 2;
    expect(trimmed).toBe(7);
    expect(normalBuffer(t).lines.length).toBe(5);
    expect(t.buffer.normal.getLine(0)!.translateToString(true)).toBe('l7');
  });

  it('rewraps the line being printed (reflowCursorLine), and the cursor can be put back on its character', () => {
    for (const [from, to] of [[20, 5], [5, 20], [12, 4]]) {
      const t = createTerminal(from, 6, 10);
      writeSync(t, 'abcdefghijkl');
      const at = cursorInText(t);
      expect(at).toEqual({ offset: 12 });
      t.resize(to, 6);
      placeCursorInText(t, at!);
      writeSync(t, 'mn\r\n');
      const rows = Array.from({ length: t.buffer.normal.length }, (_, i) => t.buffer.normal.getLine(i)!.translateToString(true));
      expect(rows.join('')).toBe('abcdefghijklmn');
    }
  });

  it('packs colours and attributes in the cell words as wordColour and wordFlags read them', () => {
    const t = createTerminal(40, 2, 2);
    const sgrs = ['1', '2', '3', '4', '5', '7', '8', '9', '53', '31;44', '38;5;200;48;5;17', '38;2;1;2;3;48;2;250;240;230', '0'];
    writeSync(t, sgrs.map((p) => `\x1b[0;${p}mx`).join(''));
    const line = t.buffer.active.getLine(0)!;
    sgrs.forEach((_, x) => {
      const cell = line.getCell(x)!;
      const api = [cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isBlink(), cell.isInverse(), cell.isInvisible(), cell.isStrikethrough(), cell.isOverline()]
        .reduce((f: number, on, bit) => (on ? f | (1 << bit) : f), 0);
      expect(wordFlags(cellFgWord(cell), cellBgWord(cell))).toBe(api);
      const colour = (def: boolean, rgb: boolean, c: number) => (def ? -1 : rgb ? RGB_FLAG | c : c);
      expect(wordColour(cellFgWord(cell))).toBe(colour(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()));
      expect(wordColour(cellBgWord(cell))).toBe(colour(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()));
    });
  });

  it('keeps underline styles and colours in a cell\'s extended attributes, read raw', () => {
    const t = createTerminal(40, 3, 2);
    writeSync(t, 'a\x1b[4mb\x1b[4:2mc\x1b[4:3md\x1b[4:4me\x1b[4:5mf\x1b[21mg\x1b[24mh\x1b[4:0mi\x1b[0m');
    expect([...'abcdefghi'].map((_, x) => extended(t, x, 0).style)).toEqual([0, 1, 2, 3, 4, 5, 2, 0, 0]);
    writeSync(t, '\r\n\x1b[4;58;2;255;0;10mA\x1b[58:2::1:2:3mB\x1b[58;5;196mC\x1b[58:5:9mD\x1b[59mE\x1b[58;2;255;255;255mF\x1b[0mG');
    expect([...'ABCDEFG'].map((_, x) => extended(t, x, 1).ul)).toEqual([RGB_FLAG | 0xff000a, RGB_FLAG | 0x010203, 196, 9, -1, -1, -1]);
    // SGR 59 is stored as all ones, as is white: both read as "the text's colour".
    expect(t.buffer.active.getLine(1)!.getCell(4)!.isUnderline()).toBe(1);
  });

  it('keeps hyperlinks (OSC 8) as a number per terminal, with the URI and id, and reports linked cells as underlined', () => {
    const t = createTerminal(40, 3, 2);
    writeSync(t, '\x1b]8;;https://a.example/\x1b\\ab\x1b]8;;\x1b\\c \x1b]8;id=k1;file:///x\x1b\\d\x1b[4:3me\x1b[0m\x1b]8;;\x1b\\');
    const a = extended(t, 0, 0);
    expect(a.link).toEqual({ uri: 'https://a.example/', id: undefined });
    expect(extended(t, 1, 0).link).toEqual(a.link);
    expect(extended(t, 2, 0).link).toBeUndefined();
    expect(extended(t, 4, 0)).toEqual({ style: 0, ul: -1, link: { uri: 'file:///x', id: 'k1' } });
    // A linked, curly-underlined cell: the raw style, not the dashed xterm reports for links.
    expect(extended(t, 5, 0).style).toBe(3);
    // IBufferCell.isUnderline() is 1 for any linked cell: ccmux never asks it.
    expect(t.buffer.active.getLine(0)!.getCell(0)!.isUnderline()).toBe(1);
    // The same through a line's packed cells (what the history archives).
    const line = normalBuffer(t).lines.get(normalBuffer(t).ybase)!;
    expect(lineCellExtended(line, 2)).toBeUndefined();
    expect(lineCellExtended(line, 0)?.urlId).toBeGreaterThan(0);
    expect([...lineExtendedCells(line, 40)!.keys()]).toEqual([0, 1, 4, 5]);
    expect(lineExtendedCells(line, 3)!.size).toBe(2);
  });

  it('homes the cursor and erases the screen from inside a parser handler (DECCOLM as tmux does it)', () => {
    const t = createTerminal(10, 3, 2);
    t.parser.registerCsiHandler({ prefix: '?', final: 'h' }, () => {
      homeAndEraseScreen(t);
      return true;
    });
    writeSync(t, 'one\r\ntwo\x1b[?3hX');
    const rows = [0, 1, 2].map((y) => t.buffer.active.getLine(t.buffer.active.viewportY + y)!.translateToString(true));
    expect(rows).toEqual(['X', '', '']);
  });

  it('keeps the scroll region and the tab stops of the active screen', () => {
    const t = createTerminal(30, 10, 10);
    expect(scrollRegion(t)).toEqual({ top: 0, bottom: 9 });
    expect(tabStops(t)).toEqual([8, 16, 24]);
    writeSync(t, '\x1b[3;7r\x1b[3g\x1b[1;5H\x1bH\x1b[1;12H\x1bH');
    expect(scrollRegion(t)).toEqual({ top: 2, bottom: 6 });
    expect(tabStops(t)).toEqual([4, 11]);
    writeSync(t, '\x1b[?1049h');
    expect(scrollRegion(t)).toEqual({ top: 0, bottom: 9 });
  });

  it('drops the bottom rows and brings history lines back (lines.pop, ybase, ydisp, y: resize-pane -T)', () => {
    const t = createTerminal(10, 3, 10);
    writeSync(t, '1\r\n2\r\n3\r\n4\r\n5\x1b[1;1H');
    expect(t.buffer.active.baseY).toBe(2);
    dropBottomRows(t, 2);
    expect(t.buffer.active.baseY).toBe(0);
    expect(t.buffer.active.viewportY).toBe(0);
    expect(t.buffer.active.cursorY).toBe(2);
    const rows = [0, 1, 2].map((y) => t.buffer.active.getLine(y)!.translateToString(true));
    expect(rows).toEqual(['1', '2', '3']);
    expect(t.buffer.active.length).toBe(3);
    writeSync(t, '\r\nX');
    expect(t.buffer.active.getLine(3)!.translateToString(true)).toBe('X');
  });
});
