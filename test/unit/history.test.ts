/*
 * The two-tier pane history: lines leave xterm's short live scrollback into the compact
 * archive without loss or reordering, keep their text, colours and wide characters, and
 * the archive is bounded by the history limit.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/server/pane.js';
import { LIVE_LINES, PaneHistory } from '../../src/server/history/pane-history.js';
import { Grid } from '../../src/render/grid.js';
import { captureLines } from '../../src/server/capture.js';
import type { Pane } from '../../src/server/pane.js';
import { hyperlink } from '../../src/render/links.js';
import { rgb, underlineStyle } from '../../src/render/style.js';

function setup(limit: number, cols = 40, rows = 10) {
  const term = createTerminal(cols, rows, PaneHistory.xtermScrollback(limit));
  const history = new PaneHistory(term, limit);
  const write = (s: string) => (term as unknown as { _core: { writeSync(d: string): void } })._core.writeSync(s);
  return { term, history, write, pane: { term, history } as unknown as Pane };
}

/**
 * Print `data` as the first line of a 20×4 pane, push it into the archive, and check that
 * it paints back from there exactly as it painted while live.
 */
function archivedFirstLine(data: string) {
  const box = setup(2000, 20, 4);
  box.write(data);
  const painted = new Grid(20, 1);
  box.history.paintLine(painted, 0, 0, 0, 20);
  box.write(Array.from({ length: LIVE_LINES + 100 }, () => '\r\n').join(''));
  const archived = new Grid(20, 1);
  box.history.paintLine(archived, 0, 0, 0, 20);
  for (let x = 0; x < 20; x++) expect(archived.equalsCell(painted, x)).toBe(true);
  return box;
}

describe('PaneHistory', () => {
  it('keeps every line in order across the archive/xterm boundary, in single lines and big chunks', () => {
    const { history, write, term } = setup(5000);
    write(Array.from({ length: 700 }, (_, i) => `line ${i}\r\n`).join(''));
    for (let i = 700; i < 3000; i++) write(`line ${i}\r\n`);
    // 3000 lines plus the empty line the cursor sits on; the last `rows` of them are the screen
    expect(history.length()).toBe(3001);
    expect(history.historySize()).toBe(3001 - term.rows);
    for (let i = 0; i < 3000; i++) expect(history.line(i)!.text).toBe(`line ${i}`);
  });

  it('bounds the history to exactly the limit, dropping the oldest lines', () => {
    const { history, write, term } = setup(LIVE_LINES + 100);
    write(Array.from({ length: 5000 }, (_, i) => `n${i}\r\n`).join(''));
    expect(history.historySize()).toBe(LIVE_LINES + 100);
    const first = 5000 - (term.rows - 1) - (LIVE_LINES + 100);
    for (let i = 0; i < history.length() - 1; i++) expect(history.line(i)!.text).toBe(`n${first + i}`);
    expect(history.evicted).toBe(first);
  });

  it('drops the oldest lines first when a flood fills the queue between two reads (issue 15.3)', () => {
    // A read packs the queue, leaving the archive's newest chunk part full; the flood
    // after it is more than the history holds. The old lines in that chunk used to stay,
    // ahead of a gap: "526 then 29967".
    const limit = 2000;
    const { history, write, term } = setup(limit, 40, 10);
    let n = 0;
    const print = (k: number) => write(Array.from({ length: k }, () => `n${n++}\r\n`).join(''));
    for (const [before, flood] of [[1000, 20_000], [300, 2500], [2345, 1999]] as const) {
      print(before);
      expect(history.line(0)).toBeDefined();
      print(flood);
      const texts = Array.from({ length: history.length() - 1 }, (_, i) => history.line(i)!.text);
      const gaps = texts.filter((t, i) => i > 0 && Number(t.slice(1)) !== Number(texts[i - 1]!.slice(1)) + 1);
      expect(gaps).toEqual([]);
      expect(history.historySize()).toBe(limit);
      const first = n - (term.rows - 1) - limit;
      expect(texts[0]).toBe(`n${first}`);
      expect(history.evicted).toBe(first);
    }
  });

  it('keeps exactly the newest lines when the limit changes, under and over the live lines', () => {
    const { history, write, term } = setup(2000);
    let n = 0;
    const print = (k: number) => write(Array.from({ length: k }, () => `n${n++}\r\n`).join(''));
    const check = (size: number) => {
      expect(history.historySize()).toBe(size);
      const first = n - (term.rows - 1) - size;
      expect(Array.from({ length: size + term.rows - 1 }, (_, i) => history.line(i)!.text)).toEqual(Array.from({ length: size + term.rows - 1 }, (_, i) => `n${first + i}`));
      expect(history.evicted).toBe(first);
    };
    print(3000);
    check(2000);
    let size = 2000;
    for (const limit of [150, 50, 0, 70, 3000]) {
      history.setLimit(limit);
      check((size = Math.min(limit, size)));
      print(500);
      check((size = Math.min(limit, size + 500)));
    }
  });

  it('archives colours, attributes and wide characters and paints them back exactly', () => {
    const { history } = archivedFirstLine('\x1b[1;31mred\x1b[0m 漢字 \x1b[38;2;1;2;3mrgb\x1b[0m😀x\r\n');
    expect(history.line(0)!.text).toBe('red 漢字 rgb😀x');
    expect(history.cellsText(0, 4, 8)).toBe('漢字');
  });

  it('archives underline styles and colours and hyperlinks (kept outside xterm\'s cells) and paints them back exactly', () => {
    const { history, pane } = archivedFirstLine(
      'a\x1b[4:3;58:2::255:0:1mcu\x1b[4:2;58;5;9md\x1b[0m \x1b]8;id=z;https://e.example/\x1b\\L\x1b[4:4mk\x1b]8;;\x1b\\\x1b[4mu\x1b[0m.\r\n',
    );
    const g = new Grid(20, 1);
    history.paintLine(g, 0, 0, 0, 20);
    expect([0, 1, 2, 3, 5, 6, 7, 8].map((x) => underlineStyle(g.flags[x]!))).toEqual([0, 3, 3, 2, 0, 4, 1, 0]);
    expect([1, 3, 6].map((x) => g.ul[x])).toEqual([rgb(255, 0, 1), 9, -1]);
    expect([5, 6, 7].map((x) => hyperlink(g.link[x]!)?.uri)).toEqual(['https://e.example/', 'https://e.example/', undefined]);
    // capture-pane -e writes them byte for byte as tmux 3.3a does (checked against it: only
    // what changed, 4:n, 58;…, 0 and the colours again when an attribute goes), with OSC 8
    // and the program's id for the link (tmux 3.4's; 3.3a drops links).
    expect(captureLines(pane, -history.historySize(), -history.historySize(), { escapes: true })).toBe(
      'a\x1b[4:3m\x1b[58;2;255;0;1mcu\x1b[0;4:2m\x1b[39m\x1b[49m\x1b[58;5;9md\x1b[0m\x1b[39m\x1b[49m \x1b]8;id=z;https://e.example/\x1b\\L\x1b[4:4mk\x1b[0;4m\x1b[39m\x1b[49m\x1b]8;;\x1b\\u\x1b[0m\x1b[39m\x1b[49m.\n',
    );
  });

  it('archives combined characters, and not a combined char since overwritten', () => {
    // "e" + acute at 0, "a" + ring at 3 then overwritten by a plain "z"
    const { history } = archivedFirstLine('e\u0301xya\u030a\x1b[4Gz n\u0303\r\n');
    expect(history.line(0)!.text).toBe('e\u0301xyz n\u0303');
  });

  it('capture-pane addresses history with negative lines, joins wrapped lines, and emits escapes', () => {
    const { write, pane } = setup(3000, 10, 3);
    write(Array.from({ length: 1000 }, (_, i) => `L${i}\r\n`).join(''));
    write('\x1b[32mgreen\x1b[0m\r\n');
    write('abcdefghij' + 'KLM\r\n');
    // history: L0..L999 and "green"; screen: "abcdefghij", "KLM" (wrapped), the cursor line
    expect(captureLines(pane, -1001, -999)).toBe('L0\nL1\nL2\n');
    expect(captureLines(pane, -5000, -1000)).toBe('L0\nL1\n');
    expect(captureLines(pane, 0, 1, { join: true })).toBe('abcdefghijKLM\n');
    expect(captureLines(pane, 0, 1)).toBe('abcdefghij\nKLM\n');
    expect(captureLines(pane, -1, -1, { escapes: true })).toBe('\x1b[32mgreen\n');
    // The pen goes on from line to line (tmux resets it at no line's end).
    expect(captureLines(pane, -2, -1, { escapes: true })).toBe('L999\n\x1b[32mgreen\n');
    expect(captureLines(pane, -1, 0, { escapes: true })).toBe('\x1b[32mgreen\n\x1b[39mabcdefghij\n');
  });
});
