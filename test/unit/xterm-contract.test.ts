/*
 * The contract between ccmux and @xterm/headless's internals (src/render/xterm.ts): each
 * internal ccmux uses exists in the installed xterm and behaves as ccmux relies on. An
 * xterm upgrade that moves one fails here, by name, instead of breaking panes at run time.
 */
import { describe, expect, it } from 'vitest';
import { activeLines, createTerminal, cursorHidden, mouseEncoding, normalBuffer, normalIsActive, onRowsChanged, writeSync } from '../../src/render/xterm.js';

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
});
