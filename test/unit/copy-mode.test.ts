/*
 * Copy mode without a pty: search, selection, word motions and the commands that drive
 * them, on a history built from a headless terminal (both tiers: xterm's live scrollback
 * and the archive), and the default copy-mode bindings.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/server/pane.js';
import type { Pane } from '../../src/server/pane.js';
import { LIVE_LINES, PaneHistory } from '../../src/server/history/pane-history.js';
import { findMatch, matchesIn } from '../../src/server/copy/search.js';
import { selectionText, type Selection } from '../../src/server/copy/selection.js';
import { nextWord, nextWordEnd, nextWordEndEmacs, previousWord } from '../../src/server/copy/words.js';
import { CopyMode, DEFAULT_COPY_STYLES } from '../../src/server/copy/mode.js';
import { COPY_COMMANDS, runCopyCommand } from '../../src/server/copy/commands.js';
import { COPY_MODE_BINDINGS } from '../../src/commands/copy-mode-bindings.js';
import { parseCommandString } from '../../src/core/parse-command.js';
import { checkCommandString } from '../../src/commands/registry.js';
import { Grid } from '../../src/render/grid.js';
import { INVERSE } from '../../src/render/style.js';

function setup(limit = 5000, cols = 40, rows = 10) {
  const term = createTerminal(cols, rows, PaneHistory.xtermScrollback(limit));
  const history = new PaneHistory(term, limit);
  const write = (s: string) => (term as unknown as { _core: { writeSync(d: string): void } })._core.writeSync(s);
  const pane = { term, history } as unknown as Pane;
  return { term, history, write, pane };
}

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\r\n`).join('');

describe('copy-mode search', () => {
  it('finds text forward and backward, wrapping around, in the archive and in xterm', () => {
    const { history, write } = setup();
    write(numbered(0, 2999));
    const cols = 40;
    const bottom = { line: history.length() - 1, col: 0 };
    // backward from the bottom: the nearest "line 2500"
    const back = findMatch(history, 'line 2500', bottom, false, cols)!;
    expect(back.start).toEqual({ line: 2500, col: 0 });
    expect(back.end).toEqual({ line: 2500, col: 9 });
    // far back, in the archive (more than LIVE_LINES + the screen above the bottom)
    expect(LIVE_LINES).toBeLessThan(3000 - 100);
    expect(findMatch(history, 'line 100', bottom, false, cols)!.start.line).toBe(1009);
    expect(findMatch(history, 'line 100', { line: 1000, col: 0 }, false, cols)!.start.line).toBe(100);
    // forward from the bottom wraps to the top
    expect(findMatch(history, 'line 7', bottom, true, cols)!.start.line).toBe(7);
    // forward from a match goes to the next one
    const first = findMatch(history, 'line 12', { line: 0, col: 0 }, true, cols)!;
    expect(first.start.line).toBe(12);
    expect(findMatch(history, 'line 12', first.start, true, cols)!.start.line).toBe(120);
    expect(findMatch(history, 'line 12', { line: 120, col: 0 }, false, cols)!.start.line).toBe(12);
    expect(findMatch(history, 'no such text', bottom, true, cols)).toBeNull();
  });

  it('is smart about case, and finds text across a wrapped line and after wide characters', () => {
    const { history, write } = setup(5000, 20, 5);
    write('Hello World\r\n');
    write('漢字 needle 😀 here\r\n');
    write('0123456789012345678_wrapped_needle\r\n');
    write(numbered(0, 700));
    const from = { line: history.length() - 1, col: 0 };
    expect(findMatch(history, 'hello', from, false, 20)!.start).toEqual({ line: 0, col: 0 });
    expect(findMatch(history, 'World', from, false, 20)!.start).toEqual({ line: 0, col: 6 });
    expect(findMatch(history, 'WORLD', from, false, 20)).toBeNull();
    // 漢字 take two cells each: "needle" starts at column 5
    expect(findMatch(history, 'needle 😀', from, false, 20)).toEqual({ start: { line: 1, col: 5 }, end: { line: 1, col: 14 } });
    // the 35-character line wrapped at 20 columns; "19_wrapped" spans the two rows
    const wrapped = findMatch(history, '8_wrapped', from, false, 20)!;
    expect(wrapped).toEqual({ start: { line: 2, col: 18 }, end: { line: 3, col: 7 } });
    expect(matchesIn(history, 'needle', 0, 3, 20).map((m) => m.start)).toEqual([
      { line: 1, col: 5 },
      { line: 3, col: 8 },
    ]);
  });
});

describe('copy-mode selection text', () => {
  const sel = (line: number, col: number, mode: 'char' | 'line' = 'char', rect = false): Selection => ({ anchor: { line, col }, mode, rect });

  it('copies characters (vi: the cursor cell included; emacs: not), lines, and rectangles', () => {
    const { history, write } = setup(5000, 20, 5);
    write('alpha beta gamma\r\nsecond line   \r\nthird\r\n');
    expect(selectionText(history, sel(0, 6), { line: 0, col: 9 }, 20, true)).toBe('beta');
    expect(selectionText(history, sel(0, 6), { line: 0, col: 9 }, 20, false)).toBe('bet');
    // backwards works the same
    expect(selectionText(history, sel(0, 9), { line: 0, col: 6 }, 20, true)).toBe('beta');
    // across lines: the end of each line's text, not its trailing blanks
    expect(selectionText(history, sel(0, 11), { line: 1, col: 5 }, 20, true)).toBe('gamma\nsecond');
    // whole lines end in a newline (as tmux's vi mode copies them)
    expect(selectionText(history, sel(1, 0, 'line'), { line: 2, col: 2 }, 20, true)).toBe('second line\nthird\n');
    expect(selectionText(history, sel(0, 1, 'char', true), { line: 2, col: 3 }, 20, true)).toBe('lph\neco\nhir');
  });

  it('joins wrapped lines and keeps wide characters and emoji whole, in both history tiers', () => {
    const { history, write } = setup(5000, 20, 5);
    const long = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const wide = '日本語テキ 😀👍 ok';
    write(`${long}\r\n${wide}\r\n`);
    const check = () => {
      expect(selectionText(history, sel(0, 0, 'line'), { line: 1, col: 0 }, 20, true)).toBe(`${long}\n`);
      expect(selectionText(history, sel(2, 0, 'line'), { line: 2, col: 0 }, 20, true)).toBe(`${wide}\n`);
      // from the second character (column 2) to 😀 (columns 11-12)
      expect(selectionText(history, sel(2, 2), { line: 2, col: 11 }, 20, true)).toBe('本語テキ 😀');
    };
    check();
    write(numbered(0, LIVE_LINES + 200)); // now they are archived
    expect(history.line(0)!.text).toBe(long.slice(0, 20));
    check();
  });
});

describe('copy-mode word motions', () => {
  it('moves by words and by space-separated words across lines', () => {
    const { history, write } = setup(5000, 30, 5);
    write('foo.bar  baz\r\nnext-line word\r\n');
    const at = (col: number, line = 0) => ({ line, col });
    expect(nextWord(history, at(0), 30)).toEqual(at(3));
    expect(nextWord(history, at(3), 30)).toEqual(at(4));
    expect(nextWord(history, at(4), 30)).toEqual(at(9));
    expect(nextWord(history, at(9), 30)).toEqual(at(0, 1));
    expect(nextWord(history, at(0), 30, true)).toEqual(at(9));
    expect(nextWord(history, at(9), 30, true)).toEqual(at(0, 1));
    expect(previousWord(history, at(0, 1), 30)).toEqual(at(9));
    expect(previousWord(history, at(9), 30)).toEqual(at(4));
    expect(previousWord(history, at(10, 1), 30, true)).toEqual(at(0, 1));
    expect(nextWordEnd(history, at(0), 30)).toEqual(at(2));
    expect(nextWordEnd(history, at(0), 30, true)).toEqual(at(6));
    expect(nextWordEnd(history, at(9), 30)).toEqual(at(11));
  });

  it('stops at the session\'s word-separators, just past the word with emacs keys, and at the end as tmux\'s grid reader', () => {
    const { history, write } = setup(5000, 30, 3);
    write('a.b-c d_e(f) —x\r\n');
    const at = (col: number, line = 0) => ({ line, col });
    const walk = (seps: string) => {
      const stops: string[] = [];
      for (let p = at(0), i = 0; i < 8; i++) stops.push(`${(p = nextWord(history, p, 30, false, seps)).line}:${p.col}`);
      return stops;
    };
    expect(walk('!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~')).toEqual(['0:1', '0:2', '0:3', '0:4', '0:6', '0:9', '0:10', '0:11']);
    // The em dash is a word character (not a separator), as in tmux; past the last word, the last line.
    expect(walk('-')).toEqual(['0:3', '0:4', '0:6', '0:13', '2:1', '2:1', '2:1', '2:1']);
    expect(walk('').slice(0, 3)).toEqual(['0:6', '0:13', '2:1']);
    expect(nextWordEnd(history, at(0), 30, false, '.')).toEqual(at(1));
    expect(nextWordEndEmacs(history, at(0), 30, false, '.')).toEqual(at(1));
    expect(nextWordEndEmacs(history, at(13), 30)).toEqual(at(15));
    // Past the last word: the last line, one past its text (w), on its end (vi e).
    expect(nextWord(history, at(13), 30)).toEqual(at(1, 2));
    expect(nextWordEnd(history, at(14), 30)).toEqual(at(0, 2));
  });
});

describe('CopyMode commands', () => {
  const run = (m: CopyMode, name: string, ...args: string[]) => runCopyCommand(m, name, args);

  it('searches, selects a line and copies it, leaving copy mode', () => {
    const { pane, write } = setup(5000, 40, 10);
    write(numbered(1, 3000));
    const m = new CopyMode(pane, false);
    expect(run(m, 'search-backward', 'line 1234').status).toBe('handled');
    expect(m.cursorPos()).toEqual({ line: 1233, col: 0 });
    expect(m.viewTop()).toBeLessThanOrEqual(1233);
    expect(m.viewTop() + m.rows).toBeGreaterThan(1233);
    run(m, 'select-line');
    // select-line leaves the cursor at the end of the line's text, as tmux's.
    expect(m.cursorPos()).toEqual({ line: 1233, col: 9 });
    expect(run(m, 'copy-selection-and-cancel')).toEqual({ status: 'exit', copied: 'line 1234\n' });
    // n repeats the search in its direction (up), N the other way
    run(m, 'search-backward', 'line 123');
    expect(m.cursorPos()).toEqual({ line: 1233, col: 0 }); // "line 1234" holds it before the cursor
    run(m, 'search-again');
    expect(m.cursorPos().line).toBe(1232);
    run(m, 'search-reverse');
    expect(m.cursorPos().line).toBe(1233);
    run(m, 'search-forward', 'zzz');
    expect(m.notice).toBe('no match: zzz');
    expect(m.cursorPos().line).toBe(1233);
  });

  it('selects with v and o, copies without leaving, and unknown names are unbound', () => {
    const { pane, write } = setup(5000, 40, 10);
    write('one two three\r\n');
    const m = new CopyMode(pane, false);
    m.moveTo({ line: 0, col: 4 });
    run(m, 'begin-selection');
    run(m, 'next-word-end');
    expect(m.cursorPos()).toEqual({ line: 0, col: 6 });
    run(m, 'other-end');
    expect(m.cursorPos()).toEqual({ line: 0, col: 4 });
    expect(run(m, 'copy-selection')).toEqual({ status: 'handled', copied: 'two' });
    expect(m.sel).toBeNull();
    expect(run(m, 'no-such-command').status).toBe('unbound');
    expect(COPY_COMMANDS).toContain('search-forward');
  });

  it('select-word: the word, then grown by words as the cursor moves on or back (vi and emacs), fixed by stop-selection', () => {
    const { pane, write } = setup(5000, 40, 10);
    write('one alpha beta.gamma  delta\r\n');
    for (const emacs of [false, true]) {
      const m = new CopyMode(pane, false);
      const copy = () => run(m, 'copy-selection-no-clear').copied;
      m.emacs = emacs;
      m.moveTo({ line: 0, col: 11 });
      run(m, 'select-word');
      expect(copy()).toBe('beta');
      // select-word leaves the word as it is, though "." follows it; a move works it out again.
      run(m, 'cursor-right');
      expect(copy()).toBe('beta.gamma');
      run(m, 'next-word');
      expect(copy()).toBe(emacs ? 'beta.gamma  delta' : 'beta.gamma');
      m.moveTo({ line: 0, col: 5 });
      run(m, 'cursor-left');
      expect(copy()).toBe('alpha beta');
      run(m, 'stop-selection');
      expect(m.selectionEnds()).toEqual({ start: { line: 0, col: 4 }, end: { line: 0, col: emacs ? 14 : 13 } });
      run(m, 'cursor-right');
      expect(copy()).toBe('alpha beta');
    }
  });

  it('keeps the view, the selection and the match on the same text while output evicts old lines', () => {
    const limit = LIVE_LINES + 1000;
    const { pane, write, history } = setup(limit, 40, 10);
    write(numbered(0, limit));
    const m = new CopyMode(pane, false);
    run(m, 'search-backward', 'line 900');
    expect(m.match).not.toBeNull();
    run(m, 'begin-selection');
    run(m, 'cursor-down');
    const shown = () => history.line(m.viewTop())!.text;
    const before = shown();
    write(numbered(limit + 1, limit + 600));
    expect(history.evicted).toBeGreaterThan(0);
    expect(shown()).toBe(before);
    expect(history.line(m.match!.start.line)!.text).toBe('line 900');
    expect(run(m, 'copy-selection').copied).toBe('line 900\nl');
  });

  it('paints search matches, the current one distinct, and the selection and indicator in mode-style', () => {
    const { pane, write } = setup(5000, 20, 4);
    write('ab x ab\r\nab\r\n');
    const m = new CopyMode(pane, false);
    m.moveTo({ line: 0, col: 0 });
    run(m, 'search-forward', 'ab');
    expect(m.cursorPos()).toEqual({ line: 0, col: 5 });
    const g = new Grid(20, 4);
    m.paint(g, { x: 0, y: 0, cols: 20, rows: 4 });
    const bg = (x: number, y: number) => g.bg[y * 20 + x];
    expect(bg(0, 0)).toBe(6);
    expect(bg(5, 0)).toBe(5);
    expect(bg(0, 1)).toBe(6);
    expect(bg(3, 0)).toBe(-1);
    run(m, 'select-line');
    g.clear();
    m.paint(g, { x: 0, y: 0, cols: 20, rows: 4 }, { ...DEFAULT_COPY_STYLES, mode: { fg: 1, bg: 2, flags: INVERSE } });
    // A selected cell takes mode-style whole (tmux's screen_select_cell), match colours and all.
    expect([g.fg[3], g.bg[3], g.flags[3]]).toEqual([1, 2, INVERSE]);
    expect([g.fg[0], g.bg[0], g.flags[0]]).toEqual([1, 2, INVERSE]);
    expect([g.bg[20 + 3], g.flags[20 + 3]]).toEqual([-1, 0]);
    // The position indicator, top right, in mode-style too.
    expect(g.lineText(0).trimEnd().endsWith('[0/0]')).toBe(true);
    expect([g.fg[19], g.bg[19]]).toEqual([1, 2]);
  });

  it('draws with the copy-mode-*-style options, and the mark\'s line (set-mark) with its cell swapped; jump-to-mark swaps cursor and mark', () => {
    const { pane, write } = setup(5000, 20, 4);
    write('ab x ab\r\nab\r\n');
    const m = new CopyMode(pane, false);
    m.moveTo({ line: 1, col: 1 });
    run(m, 'set-mark');
    m.moveTo({ line: 0, col: 0 });
    run(m, 'search-forward', 'ab');
    const g = new Grid(20, 4);
    m.paint(g, { x: 0, y: 0, cols: 20, rows: 4 }, { match: { fg: 2, flags: 0 }, current: { bg: 4, flags: 1 }, mark: { fg: 7, bg: 1, flags: 0 } });
    const cell = (x: number, y: number) => [g.fg[y * 20 + x], g.bg[y * 20 + x], g.flags[y * 20 + x]];
    expect(cell(0, 0)).toEqual([2, -1, 0]); // a match: its style replaces the cell's
    expect(cell(5, 0)).toEqual([-1, 4, 1]); // the current match
    expect(cell(10, 1)).toEqual([7, 1, 0]); // the mark's line, to the pane's edge
    expect(cell(1, 1)).toEqual([-1, 2, 0]); // the mark's cell under a match: colours swapped
    expect(cell(3, 2)).toEqual([-1, -1, 0]);
    run(m, 'jump-to-mark');
    expect([m.cursorPos(), m.mark]).toEqual([{ line: 1, col: 1 }, { line: 0, col: 5 }]);
    run(m, 'jump-to-mark');
    expect(m.cursorPos()).toEqual({ line: 0, col: 5 });
  });

  it('wrap-search off: a search that reaches the end of the history does not go on from the other end', () => {
    const { pane, write } = setup(5000, 20, 4);
    write('one\r\ntwo\r\n');
    const m = new CopyMode(pane, false);
    m.moveTo({ line: 1, col: 0 });
    expect(runCopyCommand(m, 'search-forward', ['one'], { wrapSearch: false }).status).toBe('handled');
    expect([m.cursorPos(), m.notice]).toEqual([{ line: 1, col: 0 }, 'no match: one']);
    runCopyCommand(m, 'search-forward', ['one'], { wrapSearch: true });
    expect(m.cursorPos()).toEqual({ line: 0, col: 0 });
  });
});

describe('CopyMode on the alternate screen', () => {
  it('searches and copies what the full-screen program shows (there is no history)', () => {
    const { pane, write } = setup(5000, 30, 6);
    write(numbered(1, 100));
    write('\x1b[?1049h\x1b[H\x1b[2Jtop row\r\nvim-like screen text\r\n');
    const m = new CopyMode(pane, false);
    expect(m.offset()).toBe(0);
    runCopyCommand(m, 'search-backward', ['screen']);
    expect(m.cursorPos()).toEqual({ line: 1, col: 9 });
    runCopyCommand(m, 'begin-selection', []);
    runCopyCommand(m, 'next-word-end', []);
    expect(runCopyCommand(m, 'copy-selection', []).copied).toBe('screen');
    runCopyCommand(m, 'search-backward', ['line 50']);
    expect(m.notice).toBe('no match: line 50');
  });
});

describe('default copy-mode bindings', () => {
  it('are valid commands, and every send-keys -X names a copy-mode command', () => {
    expect(COPY_MODE_BINDINGS.length).toBeGreaterThan(60);
    for (const [table, key, command] of COPY_MODE_BINDINGS) {
      expect(['copy-mode-vi', 'copy-mode']).toContain(table);
      expect(checkCommandString(command), `${table} ${key}`).toBeNull();
      const argv = parseCommandString(command)[0]!;
      if (argv[0] === 'send') expect(COPY_COMMANDS, `${table} ${key}`).toContain(argv[2]);
      else expect(argv[0]).toBe('command-prompt');
    }
    const keys = (t: string) => COPY_MODE_BINDINGS.filter((b) => b[0] === t).map((b) => b[1]);
    expect(keys('copy-mode-vi')).toEqual(expect.arrayContaining(['/', '?', 'n', 'N', 'v', 'V', 'C-v', 'o', 'Enter', 'w', 'b', 'e', 'q', 'Escape']));
    expect(keys('copy-mode')).toEqual(expect.arrayContaining(['C-s', 'C-r', 'C-Space', 'M-w', 'C-g', 'M-v', 'C-v', 'M-<', 'M->', 'C-a', 'C-e']));
  });
});
