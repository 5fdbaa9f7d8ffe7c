/*
 * resize-pane -T on the two-tier history (PaneHistory.trimBelowCursor): the rows below the
 * cursor go, the newest history lines come back onto the screen, the cursor moves down
 * with its line — and afterwards, as output scrolls on, every line is in the history once,
 * in order, whichever tier it reaches. Lines already in the archive (after a clear) do not
 * come back.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/server/pane.js';
import { LIVE_LINES, PaneHistory } from '../../src/server/history/pane-history.js';

function setup(limit = 2000, cols = 20, rows = 10) {
  const term = createTerminal(cols, rows, PaneHistory.xtermScrollback(limit));
  const history = new PaneHistory(term, limit);
  const write = (s: string) => (term as unknown as { _core: { writeSync(d: string): void } })._core.writeSync(s);
  const all = () => Array.from({ length: history.length() }, (_, i) => history.line(i)!.text);
  const cursor = () => ({ x: term.buffer.active.cursorX, y: term.buffer.active.cursorY });
  return { term, history, write, all, cursor };
}

const seq = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('PaneHistory.trimBelowCursor (resize-pane -T)', () => {
  it('brings back as many history lines as there are rows below the cursor, and moves the cursor down with its line', () => {
    const { history, write, all, cursor } = setup();
    write(seq(1, 30).join('\r\n') + '\r\n\x1b[3;1H'); // 31 lines, 21 in the history; the cursor on row 2 ("23")
    expect(history.historySize()).toBe(21);
    expect(history.trimBelowCursor()).toBe(7);
    expect(history.historySize()).toBe(14);
    expect(cursor()).toEqual({ x: 0, y: 9 });
    // The screen is 15…24: the rows below the cursor (25…30 and the empty last row) are gone.
    expect(all()).toEqual(seq(1, 24));
    // A second -T has nothing below the cursor to trim.
    expect(history.trimBelowCursor()).toBe(0);
  });

  it('brings back at most the lines the history has', () => {
    const { history, write, all, cursor } = setup();
    write(seq(1, 12).join('\r\n') + '\x1b[2;5H'); // 2 lines in the history, the cursor on row 1
    expect(history.historySize()).toBe(2);
    expect(history.trimBelowCursor()).toBe(2);
    expect(history.historySize()).toBe(0);
    expect(cursor()).toEqual({ x: 4, y: 3 });
    expect(all()).toEqual(seq(1, 10));
  });

  it('loses and repeats no line as output goes on past the archive afterwards', () => {
    const { history, write, all } = setup(5000);
    write(seq(1, 300).join('\r\n') + '\x1b[4;1H'); // 291 lines in the history, the cursor on "294"
    expect(history.trimBelowCursor()).toBe(6);
    write('\x1b[10;1H'); // the last row: "294" is there now
    write('\r\n' + seq(1000, 1400).join('\r\n'));
    expect(all()).toEqual([...seq(1, 294), ...seq(1000, 1400)]);
    expect(history.archivedLength()).toBeGreaterThan(LIVE_LINES);
  });

  it('brings nothing back from the archive: after a clear (ED 2), the old screen stays history', () => {
    const { history, write, all } = setup();
    write(seq(1, 30).join('\r\n') + '\x1b[H\x1b[2J');
    const before = all();
    expect(history.trimBelowCursor()).toBe(0);
    expect(all()).toEqual(before);
  });

  it('does nothing on the alternate screen', () => {
    const { history, write } = setup();
    write(seq(1, 30).join('\r\n') + '\x1b[?1049h\x1b[H');
    expect(history.trimBelowCursor()).toBe(0);
    write('\x1b[?1049l');
    expect(history.historySize()).toBe(20);
  });
});
