/*
 * The fidelity corpus, side by side with tmux 3.3a (issue 15, docs/fidelity.md): each
 * input below is printed by `cat` into a pane of ccmux and of a private tmux server (its
 * own -L name, no config) at the same size, and `capture-pane -p -e -S -` of both must
 * say the same: the same text, and every cell the same style — colours, attributes,
 * underline style and colour — once each output is read back by a terminal (a headless
 * xterm, as a user's `capture-pane -e | cat` would be). The escapes themselves differ:
 * ccmux writes each change of style whole, tmux only what changed (both are tmux's
 * vocabulary: 4:n, 58;2;r;g;b, …).
 *
 * Intended differences (docs/fidelity.md), handled case by case below:
 *   overline     tmux 3.3a writes SGR 53 as `5:3` (its code ≥ 10 → "a:b" rule meant for
 *                4:n): read as blink. Its output is corrected (5:3 → 53) before reading.
 *   OSC 8        tmux 3.3a keeps no hyperlinks; ccmux keeps them (as tmux 3.4): the
 *                comparison leaves links out, and `links` says what ccmux must have.
 *   58 without 4 an underline colour on text that is not underlined: tmux keeps it in the
 *                cell, xterm (ccmux's pane terminal) drops it; it shows nowhere.
 *   SGR 59       xterm stores "the text's colour" as white (58;2;255;255;255) would be
 *                stored: ccmux reads both as the text's colour.
 *   blank ends   tmux trims a line's trailing blanks whatever their colour (with -e its
 *                escape is left dangling); ccmux keeps those that show (a background,
 *                inverse, an underline): rows are compared up to their last non-blank,
 *                and the erase case checks ccmux's coloured blanks.
 *   regions      tmux moves a line scrolled off the top of any scroll region into the
 *                history; xterm (so ccmux) only from a region that starts at the top row,
 *                as terminals do: the scroll-region case compares the screens only.
 *   DECSTR       tmux ignores the soft reset (CSI ! p); xterm resets the attributes as a
 *                VT220 does: that case checks ccmux's plain text after it.
 * Skipped without tmux. The tmux server is ended and waited for by its pid.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, hasTmux, pidAlive, waitFor } from './harness.js';
import { cellExtended, cellFgWord, createTerminal, linkData, underlineColourOf, underlineStyleOf, writeSync, type HeadlessTerminal } from '../../src/render/xterm.js';

const COLS = 40;
const ROWS = 8;
const E = '\x1b';

interface Case {
  name: string;
  input: string;
  /** The hyperlinks ccmux must show, by row: "row:col uri" for each linked cell's run start. */
  links?: string[];
  /** A difference from tmux 3.3a, intended (see above): compare the screens only (the last ROWS lines). */
  screenOnly?: string;
  /** Cells from this one on (row, col) differ from tmux's, intended: `check` says what ccmux's are. */
  differsFrom?: { row: number; col: number; why: string };
  /** More to check of ccmux's capture (cells as cellsOf reads them). */
  check?: (cells: string[][]) => void;
}

const CASES: Case[] = [
  { name: 'plain text and wrapping', input: `hello\r\nworld\r\n${'0123456789'.repeat(5)}\r\ntabs\tat\tstops` },
  {
    name: 'SGR attributes',
    input: `${E}[1mbold${E}[0m ${E}[2mdim${E}[0m ${E}[3mital${E}[0m ${E}[4mund${E}[0m ${E}[5mblink${E}[0m\r\n` +
      `${E}[7minv${E}[0m ${E}[8mhid${E}[0m ${E}[9mstrike${E}[0m ${E}[1;3;4;9mall${E}[22;23;24;29mnone${E}[0m`,
  },
  {
    name: 'colours: 16, 256, truecolor, default',
    input: `${E}[31mred${E}[42mongreen${E}[39;49m ${E}[91;104mbright${E}[0m ${E}[38;5;208m208${E}[48;5;17mon17${E}[0m\r\n` +
      `${E}[38;2;1;2;3mrgb${E}[48;2;250;240;230mon${E}[0m ${E}[38:2::9:8:7mcolon${E}[0m`,
  },
  {
    name: 'underline styles',
    input: `A${E}[4:2mdbl${E}[0m B${E}[4:3mcurly${E}[0m C${E}[4:4mdot${E}[0m D${E}[4:5mdash${E}[0m E${E}[21mdbl21${E}[0m\r\n` +
      `F${E}[4:3mc${E}[4:1ms${E}[4:0mn${E}[4mu${E}[24mx${E}[0m`,
  },
  {
    name: 'underline colours',
    input: `${E}[4m${E}[58;2;255;0;10mrgb${E}[59mreset${E}[0m ${E}[4:3;58:2::1:2:3mcolon${E}[0m ${E}[4;58;5;196mpal${E}[0m\r\n` +
      `${E}[4;58;5;3mcol${E}[0m after`,
  },
  { name: 'overline', input: `${E}[53mover${E}[55mnot${E}[0m ${E}[53;4:3mboth${E}[0m` },
  {
    name: 'hyperlinks (OSC 8)',
    input: `P${E}]8;;http://example.com/${E}\\link${E}]8;;${E}\\ Q${E}]8;id=x1;https://a.b/c${E}\\idlink${E}]8;;${E}\\ R`,
    links: ['0:1 http://example.com/', '0:7 https://a.b/c'],
  },
  {
    name: 'cursor motion and tabs',
    input: `${E}[3;5Hat3,5${E}[1;1Htop${E}[2B${E}[4Cdown${E}[10Dback\rcr\x08\x08b\tt${E}[5Gcol5${E}[2dline2`,
  },
  {
    name: 'erasing, with a background colour',
    input: `${'x'.repeat(30)}\r\n${'y'.repeat(30)}\r\n${'z'.repeat(30)}${E}[1;10H${E}[44m${E}[K${E}[2;10H${E}[1K${E}[3;5H${E}[5X${E}[0m` +
      `\r\n${'w'.repeat(20)}${E}[10D${E}[J`,
    // The blue blanks EL left at the end of row 0: the capture drops them as tmux's does
    // (trailing spaces go, the escape before them stays).
    check: (cells) => expect(cells[0]!.slice(9).every((c) => c.startsWith(' |0:-1|0:-1|'))).toBe(true),
  },
  {
    name: 'insert and delete characters and lines',
    input: `abcdefghij\r\n1234567890\r\nlast line${E}[1;3H${E}[2@${E}[2;3H${E}[3P${E}[3;1H${E}[L${E}[1;1H${E}[M`,
  },
  {
    name: 'scroll region, index and reverse index',
    input: `${Array.from({ length: ROWS }, (_, i) => `row ${i}`).join('\r\n')}${E}[2;5r${E}[5;1H\nIND${E}[2;1H${E}M${E}MRI${E}[S${E}[T${E}[r`,
    screenOnly: 'tmux moves lines scrolled off the top of any region into the history',
  },
  {
    name: 'wide and combining characters',
    input: `漢字テスト😀x\r\ne\u0301 a\u0308\u0323 n\u0303\r\n${'.'.repeat(COLS - 1)}漢 wrapped`,
  },
  { name: 'alternate screen', input: `normal text${E}[?1049h${E}[Halternate${E}[?1049l after` },
  { name: 'RIS', input: `before reset\r\nmore${E}cafter reset` },
  {
    name: 'DECSTR',
    input: `${E}[1;31mred${E}[!pplain ${E}[?25l`,
    differsFrom: { row: 0, col: 3, why: 'tmux ignores DECSTR; it resets the attributes' },
    check: (cells) => expect(cells[0]![3]).toBe('p|0:-1|0:-1|00000000|u0:-1|'),
  },
  { name: 'DECALN', input: `${E}#8${E}[3;3Hhi` },
  { name: 'insert mode', input: `abcdef${E}[1;3H${E}[4hXY${E}[4lZ` },
  { name: 'autowrap off', input: `${E}[?7l${'a'.repeat(COLS + 10)}END${E}[?7h\r\nnext` },
  { name: 'repeat (REP)', input: `x${E}[5b ${E}[31m=${E}[3b${E}[0m` },
  { name: 'save and restore the cursor', input: `${E}[2;2H${E}[1;32m${E}7${E}[0m${E}[5;5Hfar${E}8saved${E}[0m` },
  { name: 'scrolling into the history', input: Array.from({ length: 30 }, (_, i) => `${E}[3${i % 8}mline ${i}${E}[0m`).join('\r\n') },
];

/**
 * Each cell as a terminal shows it — text, colours, attributes, underline style and colour,
 * link — up to each row's last non-blank (see "blank ends" above).
 */
function cellsOf(capture: string, links: boolean): string[][] {
  const lines = capture.replace(/\n$/, '').split('\n');
  const t = createTerminal(COLS, lines.length + 1, 0);
  writeSync(t, lines.join('\r\n'));
  return lines.map((_, y) => {
    const line = t.buffer.active.getLine(y)!;
    const row: string[] = [];
    for (let x = 0; x < COLS; x++) {
      const cell = line.getCell(x)!;
      const ext = cellExtended(cell);
      const us = underlineStyleOf(cellFgWord(cell), ext);
      const flags = [cell.isBold(), cell.isDim(), cell.isItalic(), cell.isBlink(), cell.isInverse(), cell.isInvisible(), cell.isStrikethrough(), cell.isOverline()]
        .map((b) => (b ? 1 : 0))
        .join('');
      const link = links && ext?.urlId ? linkData(t as HeadlessTerminal, ext.urlId)?.uri : '';
      row.push(`${cell.getChars() || ' '}|${cell.getFgColorMode()}:${cell.getFgColor()}|${cell.getBgColorMode()}:${cell.getBgColor()}|${flags}|u${us}:${us ? underlineColourOf(ext) : -1}|${link ?? ''}`);
    }
    return row;
  });
}

/** Rows of cells up to each one's last non-blank. */
function trimmed(rows: string[][]): string[][] {
  return rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1]!.startsWith(' |')) end--;
    return row.slice(0, end);
  });
}

/** The first cell of each run of linked cells, as "row:col uri". */
function linkRuns(capture: string): string[] {
  const runs: string[] = [];
  cellsOf(capture, true).forEach((row, y) => {
    let prev = '';
    row.forEach((c, x) => {
      const uri = c.slice(c.lastIndexOf('|') + 1);
      if (uri && uri !== prev) runs.push(`${y}:${x} ${uri}`);
      prev = uri;
    });
  });
  return runs;
}

/** tmux 3.3a's capture with its overline bug corrected: it writes SGR 53 as 5:3. */
function correctTmux(capture: string): string {
  return capture.replace(/\x1b\[[0-9:;]*m/g, (sgr) => sgr.replace(/(?<=[[;])5:3(?=[;m])/g, '53'));
}

describe.skipIf(!hasTmux())('the fidelity corpus, side by side with tmux 3.3a', () => {
  const name = `ccmux-corpus-${crypto.randomBytes(4).toString('hex')}`;
  let sb: Sandbox | undefined;
  let tmuxPid: number | undefined;

  function tmux(args: string[]): Promise<{ code: number; out: string }> {
    return new Promise((resolve) => {
      execFile('tmux', ['-L', name, '-f', '/dev/null', ...args], { env: { ...sb!.env, TMUX_TMPDIR: sb!.dir }, timeout: 10_000, maxBuffer: 16 << 20 }, (err, stdout) => {
        resolve({ code: err ? 1 : 0, out: stdout });
      });
    });
  }
  async function ccmux(args: string[]): Promise<{ code: number; out: string }> {
    const r = await sb!.ccmux(args);
    return { code: r.code, out: r.stdout };
  }

  /** Print `c`'s input in a new session of `run`'s multiplexer; its capture once printed. */
  async function capture(run: typeof tmux, c: Case, i: number): Promise<{ plain: string; styled: string }> {
    const file = path.join(sb!.dir, `case-${i}.bin`);
    fs.writeFileSync(file, c.input);
    const s = `case${i}`;
    // The title says the input has all been printed (a capture before that would race it).
    const cmd = `cat ${file}; printf '\\033]2;printed-${i}\\007'; exec sleep 1000`;
    expect((await run(['new-session', '-d', '-s', s, '-x', String(COLS), '-y', String(ROWS), cmd])).code).toBe(0);
    await waitFor(async () => (await run(['display-message', '-p', '-t', s, '#{pane_title}'])).out.trim() === `printed-${i}`, 10_000, `case ${c.name} to be printed`);
    const plain = (await run(['capture-pane', '-p', '-S', '-', '-t', s])).out;
    const styled = (await run(['capture-pane', '-p', '-e', '-S', '-', '-t', s])).out;
    await run(['kill-session', '-t', s]);
    return { plain, styled };
  }

  afterAll(async () => {
    if (sb) await tmux(['kill-server']);
    if (tmuxPid !== undefined) await waitFor(() => !pidAlive(tmuxPid!), 10_000, 'the tmux server to exit');
    await sb?.dispose();
  });

  it('captures every input as tmux does (text, and every cell\'s style)', async () => {
    sb = new Sandbox();
    // A session each that outlives the cases', so neither server exits between them.
    await tmux(['new-session', '-d', '-s', 'keep']);
    tmuxPid = Number((await tmux(['display-message', '-p', '-t', 'keep', '#{pid}'])).out.trim());
    await sb.ok(['new-session', '-d', '-s', 'keep']);
    const failures: string[] = [];
    for (const [i, c] of CASES.entries()) {
      const theirs = await capture(tmux, c, i);
      const ours = await capture(ccmux, c, i);
      const lines = (text: string) => (c.screenOnly ? text.replace(/\n$/, '').split('\n').slice(-ROWS).join('\n') + '\n' : text);
      if (lines(ours.plain) !== lines(theirs.plain)) {
        failures.push(`${c.name}: capture-pane -p differs\n--- tmux\n${theirs.plain}--- ccmux\n${ours.plain}`);
        continue;
      }
      const want = trimmed(cellsOf(lines(correctTmux(theirs.styled)), false));
      const got = trimmed(cellsOf(lines(ours.styled), false));
      const cut = c.differsFrom;
      for (let y = 0; y < (cut ? cut.row + 1 : Math.max(want.length, got.length)); y++) {
        const a = cut?.row === y ? want[y]!.slice(0, cut.col) : want[y];
        const b = cut?.row === y ? got[y]!.slice(0, cut.col) : got[y];
        const x = Math.max(a?.length ?? 0, b?.length ?? 0) > 0 ? Array.from({ length: Math.max(a?.length ?? 0, b?.length ?? 0) }, (_, k) => k).find((k) => a?.[k] !== b?.[k]) : undefined;
        if (x !== undefined) {
          failures.push(`${c.name}: row ${y} col ${x}: tmux ${a?.[x]} ccmux ${b?.[x]}\n${JSON.stringify(theirs.styled.split('\n')[y])}\n${JSON.stringify(ours.styled.split('\n')[y])}`);
          break;
        }
      }
      c.check?.(cellsOf(lines(ours.styled), false));
      expect(linkRuns(ours.styled), c.name).toEqual(c.links ?? []);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
