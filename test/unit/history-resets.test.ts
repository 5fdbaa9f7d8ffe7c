/*
 * What resets, clears, buffer switches and resizes do to a pane's history, as tmux 3.3a
 * does it (issue 15.1 and 15.2). Each case was run side by side in a tmux pane of the
 * same size (`tmux -L <name> -f /dev/null`, the same program, then `capture-pane -p`,
 * `-p -J -S -` and `#{history_size}`); the expected values here are tmux's. A program's
 * "\n" is "\r\n" here (the pty adds the "\r"). DECSTR, the alternate screen in and out,
 * and rows coming and going during output already matched tmux before issue 15: those
 * tests, and the one of a buffer that is all one line, guard it.
 */
import { describe, expect, it } from 'vitest';
import { Pane } from '../../src/server/pane.js';
import { captureLines } from '../../src/server/capture.js';
import { CopyMode } from '../../src/server/copy/mode.js';
import { lineCells } from '../../src/server/copy/source.js';

/** A pane (no program: it is fed bytes) of cols × rows with a history-limit of `limit`. */
function setup(cols = 80, rows = 24, limit = 2000) {
  const pane = new Pane(1, { file: 'sh', args: [], cwd: '/', env: {}, term: 'xterm-256color' }, cols, rows, limit, { output() {}, exit() {} });
  const { term, history } = pane;
  const write = (s: string) => pane.print(s);
  const resize = (c: number, r: number) => pane.resize(c, r);
  /** capture-pane -p [-J] -S - as lines (the last "\n" dropped). */
  const all = (join = false) => captureLines(pane, -history.historySize(), term.rows - 1, { join }).split('\n').slice(0, -1);
  /** capture-pane -p as lines. */
  const screen = () => captureLines(pane, 0, term.rows - 1).split('\n').slice(0, -1);
  return { term, history, write, resize, pane, all, screen };
}

/** `seq -f <prefix>%g from to` as a program prints it. */
const seq = (from: number, to: number, prefix = '') => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}\r\n`).join('');
const lines = (from: number, to: number, prefix = '') => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
/** `text` followed by blank rows up to `total` lines. */
const padded = (text: string[], total: number) => [...text, ...Array<string>(total - text.length).fill('')];

describe('history through resets and clears, as in tmux', () => {
  it('RIS (reset, ESC c) keeps the history and the screen it cleared, and what follows', () => {
    const { write, history, all, screen, pane } = setup();
    write(seq(1, 500) + '\x1bc' + 'AFTER-RIS\r\n');
    // tmux: history_size 500 (the 477 lines above the screen and the 23 on it), the screen AFTER-RIS
    expect(history.historySize()).toBe(500);
    expect(screen()).toEqual(padded(['AFTER-RIS'], 24));
    const copy = new CopyMode(pane, false);
    expect(copy.offset()).toBe(0);
    expect(lineCells(history, copy.viewTop(), 9).join('')).toBe('AFTER-RIS');
    write(seq(1, 100, 'later-') + 'DONE-MARK\r\n');
    // tmux: history_size 579, capture -S - every line in order
    expect(history.historySize()).toBe(579);
    expect(all()).toEqual(padded([...lines(1, 500), 'AFTER-RIS', ...lines(1, 100, 'later-'), 'DONE-MARK'], 603));
    expect(screen()).toEqual(padded([...lines(79, 100, 'later-'), 'DONE-MARK'], 24));
  });

  it('DECSTR (soft reset) leaves the history alone', () => {
    const { write, history, all } = setup();
    write(seq(1, 30) + '\x1b[!p' + 'AFTER\r\nDONE-MARK\r\n');
    expect(history.historySize()).toBe(9);
    expect(all()).toEqual(padded([...lines(1, 30), 'AFTER', 'DONE-MARK'], 33));
  });

  it('ED 2 moves the used rows of the screen into the history, wherever the cursor is', () => {
    for (const [before, erase, history_size] of [[30, '\x1b[H\x1b[2J', 30], [30, '\x1b[5;1H\x1b[2J', 30], [5, '\x1b[2J', 5]] as const) {
      const { write, history, all, screen } = setup();
      write(seq(1, before) + erase + 'X\r\nDONE-MARK\r\n');
      expect(history.historySize()).toBe(history_size);
      expect(all().slice(0, history_size)).toEqual(lines(1, before));
      expect(screen().filter((l) => l)).toEqual(['X', 'DONE-MARK']);
    }
  });

  it('DECCOLM (ESC [ ? 3 h / l) homes the cursor and clears the screen into the history', () => {
    for (const mode of ['h', 'l']) {
      const { write, history, screen } = setup();
      write(seq(1, 50) + `\x1b[?3${mode}` + 'COL\r\n' + seq(1, 5, 'x') + 'DONE-MARK\r\n');
      expect(history.historySize()).toBe(50);
      expect(screen()).toEqual(padded(['COL', ...lines(1, 5, 'x'), 'DONE-MARK'], 24));
    }
  });

  it('the alternate screen in and out keeps the history', () => {
    const { write, history, all } = setup();
    write(seq(1, 100) + '\x1b[?1049hIN-ALT\r\n\x1b[?1049lOUT\r\n' + seq(1, 50, 'after-') + 'DONE-MARK\r\n');
    expect(history.historySize()).toBe(129);
    expect(all().slice(0, 129)).toEqual([...lines(1, 100), 'OUT', ...lines(1, 28, 'after-')]);
  });
});

describe('clearing the history, as in tmux', () => {
  it('clear (ESC [ H ESC [ 2 J ESC [ 3 J) leaves no history', () => {
    const { write, history, screen } = setup();
    write(seq(1, 300) + '\x1b[H\x1b[2J\x1b[3J' + 'DONE-MARK\r\n');
    expect(history.historySize()).toBe(0);
    expect(screen()).toEqual(padded(['DONE-MARK'], 24));
  });

  it('ED 3 empties the history and keeps the screen; the oldest lines count as dropped', () => {
    const { write, history, all } = setup();
    write(seq(1, 300) + '\x1b[3J');
    expect(history.historySize()).toBe(0);
    expect(history.evicted).toBe(277);
    write('DONE-MARK\r\n');
    expect(history.historySize()).toBe(1);
    expect(all()).toEqual(padded([...lines(278, 300), 'DONE-MARK'], 25));
  });

  it('ED 3 on the alternate screen empties the history too', () => {
    const { write, history } = setup();
    write(seq(1, 100) + '\x1b[?1049hALT\r\n\x1b[3J');
    write('\x1b[?1049l');
    expect(history.historySize()).toBe(0);
  });
});

describe('history through resizes, as in tmux', () => {
  it('keeps every line in order as rows come and go during output', () => {
    const { write, history, all, term, resize } = setup();
    write(seq(1, 1000) + 'PHASE-0-DONE\r\n');
    expect(history.historySize()).toBe(978);
    resize(80, 10);
    write(seq(1, 500, 'a') + 'PHASE-1-DONE\r\n');
    expect(history.historySize()).toBe(1493);
    resize(80, 60);
    write(seq(1, 50, 'b') + 'PHASE-2-DONE\r\n');
    expect(history.historySize()).toBe(1494);
    const content = [...lines(1, 1000), 'PHASE-0-DONE', ...lines(1, 500, 'a'), 'PHASE-1-DONE', ...lines(1, 50, 'b'), 'PHASE-2-DONE'];
    expect(all()).toEqual(padded(content.slice(-(1494 + 59)), 1494 + term.rows));
    resize(80, 5);
    write(seq(1, 3, 'd') + 'PHASE-4-DONE\r\n');
    expect(all(true).filter((l) => l)).toEqual([...content, ...lines(1, 3, 'd'), 'PHASE-4-DONE'].slice(-all(true).filter((l) => l).length));
  });

  it('loses nothing when a pane shrinks by more rows than xterm keeps spare', () => {
    const { write, all, resize } = setup(80, 150);
    write(seq(1, 1000));
    resize(80, 5);
    write(seq(1001, 1100));
    expect(all().filter((l) => l)).toEqual(lines(1, 1100));
  });

  it('rewraps a line being printed when the width changes, the rest of it following on', () => {
    // tmux: printf abc…z; (resize 80 → 6); printf 0123456789 → "abcdefghijklmnopqrstuvwxyz0123456789"
    for (const widths of [[80, 6], [6, 20], [26, 7, 50]]) {
      const { write, all, resize } = setup(widths[0]!, 10);
      write('abcdefghijklmnopqrstuvwxyz');
      for (const w of widths.slice(1)) resize(w, 10);
      write('0123456789\r\n');
      expect(all(true).filter((l) => l)).toEqual(['abcdefghijklmnopqrstuvwxyz0123456789']);
    }
  });

  it('resizes a pane whose whole buffer is one line being printed (the cursor search once went round for ever)', () => {
    const { write, resize, term } = setup(10, 5);
    write('k '.repeat(5000));
    resize(7, 5);
    resize(12, 6);
    write('END');
    expect(term.buffer.active.getLine(term.buffer.active.cursorY + term.buffer.active.baseY)!.translateToString(true)).toMatch(/END$/);
  });

  it('keeps every line whole and in order when lines are cut between writes and the pane resizes in between', () => {
    // Seeded: output arrives in pieces that end anywhere (a half line, a "\r" without its
    // "\n"), the pane takes random sizes between pieces, and the history is read now and then.
    for (const seed0 of [1, 2, 3]) {
      let seed = seed0;
      const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const { write, all, resize } = setup(80, 24);
      let text = '';
      let n = 0;
      for (let step = 0; step < 600; step++) {
        while (text.length < 600) text += `p-${n++}\r\n`;
        const k = 1 + Math.floor(rnd() * 300);
        write(text.slice(0, k));
        text = text.slice(k);
        if (rnd() < 0.3) resize(3 + Math.floor(rnd() * 40), 2 + Math.floor(rnd() * 60));
        if (rnd() < 0.1 || step === 599) {
          const got = all(true).filter((l) => l).slice(1, -1); // the first may be cut by the limit, the last half printed
          const first = Number(got[0]!.slice(2));
          expect(got).toEqual(got.map((_, i) => `p-${first + i}`));
        }
      }
    }
  });

  it('gives back whole wrapped lines with -J however the width changes, spaces at the wrap kept (tmux reflows them)', () => {
    const { write, all, resize } = setup();
    const long = (tag: string, n: number, text: (i: number) => string) => Array.from({ length: n }, (_, i) => `${tag}${i + 1}:${text(i)}`);
    const content: string[] = [];
    const print = (text: string[]) => {
      write(text.map((l) => `${l}\r\n`).join(''));
      content.push(...text);
    };
    print(long('L', 300, () => '0'.repeat(150)));
    print(long('W', 100, () => Array.from({ length: 40 }, (_, k) => k + 1).join(' ')));
    for (const [cols, rows, text] of [
      [50, 24, lines(1, 30, 'a')],
      [120, 30, long('M', 20, () => '0'.repeat(100))],
      [33, 12, long('V', 50, () => Array.from({ length: 30 }, (_, k) => k + 1).join(' '))],
      [200, 50, lines(1, 3, 'c')],
    ] as const) {
      resize(cols, rows);
      print([...text]);
      expect(all(true).filter((l) => l)).toEqual(content);
    }
  });
});
