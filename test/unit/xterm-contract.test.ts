/*
 * The contract between ccmux and @xterm/headless's internals (src/render/xterm.ts): each
 * internal ccmux uses exists in the installed xterm and behaves as ccmux relies on. An
 * xterm upgrade that moves one fails here, by name, instead of breaking panes at run time.
 */
import { describe, expect, it } from 'vitest';
import { activeLines, createTerminal, cursorHidden, cursorInText, homeAndEraseScreen, mouseEncoding, normalBuffer, normalIsActive, onRowsChanged, placeCursorInText, writeSync } from '../../src/render/xterm.js';

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
});
