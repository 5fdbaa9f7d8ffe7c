/*
 * Side by side with tmux 3.3a: a window bigger than its client (window-size manual, a
 * 120x40 window of two panes on an 80x24 terminal). Each program attached in a terminal
 * of its own; the same commands and keys given to both, and the whole screens compared:
 * the part shown around the active pane's cursor, refresh-client -L/-R/-U/-D [adjustment]
 * and -c, the prefix S-arrows (repeating) and DC, the [x,y] of window_offset_x/_y in the
 * status line, a mouse click landing in the pane the user sees under it, and
 * refresh-client's errors. Then refresh-client -l: the query each sends its terminal,
 * answered by the test as a terminal would, kept as a buffer or sent to a pane.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor, type OuterTerminal } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let sbs: SideBySide | undefined;

afterEach(async () => {
  await sbs?.dispose();
  sbs = undefined;
});

/** 39 lines of `tag` and its row and column numbers, 58 wide (the last 19), then the cursor put at (`col`, `row`), 1-based. */
function painter(tag: string, row: number, col: number): string {
  const awk = `awk 'BEGIN{for(i=0;i<39;i++){s=sprintf("${tag}%02d",i); while(length(s)<58) s=s sprintf(" %s%02d.%03d","${tag}",i,length(s)); print substr(s,1,(i<38)?58:19)}}'`;
  return `${awk}; printf '\\033[${row};${col}H'; exec cat`;
}

/** The same session on both: a 120x40 window (left pane L, right pane R active), kept at that size. */
const SETUP: string[][] = [
  ['set', '-g', 'automatic-rename', 'off'],
  ['set', '-g', 'status-left', '[p] '],
  ['set', '-g', 'status-right', '#{?window_bigger,[#{window_offset_x}#,#{window_offset_y}] ,}R'],
  ['new-session', '-d', '-s', 'p', '-x', '120', '-y', '40', '-n', 'big', painter('L', 10, 50)],
  ['split-window', '-h', '-t', 'p:big', painter('R', 30, 40)],
  // After the session: tmux 3.3a's server dies making a session with -x -y under window-size manual while another exists.
  ['set', '-g', 'window-size', 'manual'],
];

const text = (t: OuterTerminal) => t.screen().join('\n');

/** Wait until both screens show `marker` and match, then compare them (so a mismatch fails with both shown). */
async function same(theirs: OuterTerminal, ours: OuterTerminal, marker: string): Promise<string[]> {
  try {
    await waitFor(async () => {
      await theirs.flush();
      await ours.flush();
      return text(theirs).includes(marker) && text(ours).includes(marker) && text(theirs) === text(ours);
    }, 10_000, `both screens to show ${marker}`);
  } catch {
    /* compared below, with both screens in the failure */
  }
  await theirs.flush();
  await ours.flush();
  expect(text(ours)).toBe(text(theirs));
  expect(text(theirs), `tmux's screen shows ${marker}`).toContain(marker);
  return ours.screen();
}

async function attached(s: SideBySide): Promise<{ theirs: OuterTerminal; ours: OuterTerminal }> {
  for (const which of ['tmux', 'ccmux'] as const) for (const step of SETUP) await s.ok(which, step);
  // Both panes have drawn (the cursor is placed last).
  for (const which of ['tmux', 'ccmux'] as const) {
    for (const pane of ['0', '1']) {
      await waitFor(async () => /^[LR]38 [LR]38\.003/m.test(await s.ok(which, ['capture-pane', '-p', '-t', `p:big.${pane}`])), 10_000, `${which}'s pane ${pane} to draw`);
    }
  }
  const theirs = await s.terminal('tmux', ['attach', '-t', 'p'], 80, 24);
  const ours = await s.terminal('ccmux', ['attach', '-t', 'p'], 80, 24);
  await theirs.waitForScreen('[p] ');
  await ours.waitForScreen('[p] ');
  return { theirs, ours };
}

describe.skipIf(!hasTmux())('a window bigger than its client, side by side with tmux 3.3a', () => {
  it('shows the part around the cursor, moved by refresh-client and the prefix S-arrows and DC, as tmux', async () => {
    sbs = await new SideBySide().start();
    const s = sbs;
    const { theirs, ours } = await attached(s);
    // R's cursor at window cell (99, 29): the right edge, and the bottom (40 - 23).
    const first = await same(theirs, ours, '[40,17] R');
    expect(first[0]).toMatch(/^035 L17\.043 L17\.05 {2}│R17 R17\.003/); // window row 17 from column 40
    // display-panes draws each pane's number and size in its part shown (the left pane cut at the left).
    for (const t of [theirs, ours]) t.type('\x02q');
    const numbers = await same(theirs, ours, '59x40');
    expect(numbers.join('\n')).toContain('60x40');
    const both = async (args: string[]) => {
      for (const which of ['tmux', 'ccmux'] as const) await s.ok(which, args);
    };
    await both(['refresh-client', '-L', '25']);
    const left = await same(theirs, ours, '[15,17] R');
    expect(left.slice(0, 23).every((l) => l[45] === '│'), 'the border between the panes at window column 60').toBe(true);
    await both(['refresh-client', '-U', '5']);
    await same(theirs, ours, '[15,12] R');
    await both(['refresh-client', '-R']);
    await both(['refresh-client', '-D']);
    await same(theirs, ours, '[16,13] R');
    await both(['refresh-client', '-U', '100']);
    await same(theirs, ours, '[16,0] R');
    for (const which of ['tmux', 'ccmux'] as const) {
      expect(await s.ok(which, ['display', '-p', '-t', 'p', '#{window_bigger},#{window_offset_x},#{window_offset_y},#{window_width}x#{window_height}'])).toBe('1,16,0,120x40\n');
    }
    // A click where the left pane shows (screen 5,3 is window 21,3) selects it: the mouse goes through the part shown.
    await both(['set', '-g', 'mouse', 'on']);
    for (const t of [theirs, ours]) t.type('\x1b[<0;6;4M\x1b[<0;6;4m');
    for (const which of ['tmux', 'ccmux'] as const) {
      await waitFor(async () => (await s.ok(which, ['display', '-p', '-t', 'p', '#{pane_index}'])) === '0\n', 10_000, `${which}: the click to select the left pane`);
    }
    await same(theirs, ours, '[16,0] R');
    // -c: back to the cursor, now the left pane's at window cell (49, 9): the top-left corner.
    await both(['refresh-client', '-c']);
    await same(theirs, ours, '[0,0] R');
    // The prefix S-Right by 10, repeating without the prefix; S-Down; DC back to the cursor.
    // The repeat lasts repeat-time from the last key: long enough that the screens can be
    // compared before the S-Right typed alone (500 ms, the default, is not on a loaded machine).
    await both(['set', '-g', 'repeat-time', '10000']);
    for (const t of [theirs, ours]) t.type('\x02\x1b[1;2C');
    await same(theirs, ours, '[10,0] R');
    for (const t of [theirs, ours]) t.type('\x1b[1;2C');
    await same(theirs, ours, '[20,0] R');
    for (const t of [theirs, ours]) t.type('\x02\x1b[1;2B');
    await same(theirs, ours, '[20,10] R');
    for (const t of [theirs, ours]) t.type('\x02\x1b[3~');
    await same(theirs, ours, '[0,0] R');
    // Zoomed, the left pane is the whole window: its cursor still at the top-left corner. Compared
    // without trailing blanks: after the zoom ccmux writes spaces past the end of the left pane's
    // lines where tmux leaves the cells untouched (the same to the eye; not a matter of the part shown).
    await both(['resize-pane', '-Z', '-t', 'p:big.0']);
    const trimmed = (t: OuterTerminal) => t.screen().map((l) => l.trimEnd()).join('\n');
    await waitFor(async () => {
      await theirs.flush();
      await ours.flush();
      return text(theirs).includes('0:big*Z') && trimmed(ours) === trimmed(theirs);
    }, 10_000, 'both zoomed screens to match').catch(() => undefined);
    expect(trimmed(ours)).toBe(trimmed(theirs));
    expect(text(theirs)).toContain('0:big*Z');
  }, 90_000);

  it("refresh-client's adjustments, errors and the default bindings as tmux has them", async () => {
    sbs = await new SideBySide().start();
    await attached(sbs);
    const steps: Step[] = [
      ['refresh-client', '-L', 'abc'],
      ['refresh-client', '-R', '0'],
      ['refresh-client', '-U', '-5'],
      ['refresh-client', '-D', '99999999999'],
      ['refresh-client', '-R', '3'],
      ['display', '-p', '-t', 'p', '#{window_offset_x},#{window_offset_y}'],
      ['refresh-client', '-c', '7'],
      ['display', '-p', '-t', 'p', '#{window_offset_x},#{window_offset_y}'],
      ['display', '-p', '-t', 'p', '#{window_bigger}'],
      ['list-keys', '-T', 'prefix', 'DC'],
      ['list-keys', '-T', 'prefix', 'S-Up'],
      ['list-keys', '-T', 'prefix', 'S-Down'],
      ['list-keys', '-T', 'prefix', 'S-Left'],
      ['list-keys', '-T', 'prefix', 'S-Right'],
      ['list-keys', '-N', '-T', 'prefix', 'S-Left'],
      ['list-keys', '-N', '-T', 'prefix', 'DC'],
      ['list-commands', 'refresh-client'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[0]).toBe('refresh-client -L abc → 1:  / adjustment invalid');
    expect(ours.slice(0, -1)).toEqual(theirs.slice(0, -1));
    // ccmux's refresh-client also takes -F (tmux's alias of -f, which it leaves out of its usage).
    expect(ours.at(-1)).toBe(theirs.at(-1)!.replace('[-f flags] ', '[-f flags] [-F flags] '));
  }, 60_000);

  it('refresh-client -l asks the terminal for its clipboard: the answer a new buffer, or sent to the pane named', async () => {
    sbs = await new SideBySide().start();
    const s = sbs;
    const { theirs, ours } = await attached(s);
    const clip = Buffer.from('from the clipboard ✓', 'utf8').toString('base64');
    const ask = async (which: 'tmux' | 'ccmux', t: OuterTerminal, args: string[]) => {
      const before = t.output.length;
      await s.ok(which, args);
      await waitFor(() => t.output.indexOf('\x1b]52;;?\x07', before) >= 0, 10_000, `${which} to ask its terminal`);
      t.type(`\x1b]52;c;${clip}\x07`);
    };
    for (const [which, t] of [['tmux', theirs], ['ccmux', ours]] as const) {
      await ask(which, t, ['refresh-client', '-l']);
      await waitFor(async () => (await s.ok(which, ['list-buffers', '-F', '#{buffer_sample}'])) === 'from the clipboard ✓\n', 10_000, `${which}'s buffer`);
      // tmux 3.3a's server dies making a window under window-size manual: back to latest first.
      await s.ok(which, ['set', '-g', 'window-size', 'latest']);
      await s.ok(which, ['new-window', '-d', '-t', 'p:', '-n', 'clip', 'cat -v']);
      await ask(which, t, ['refresh-client', '-l', 'p:clip.0']);
    }
    const got: string[] = [];
    for (const which of ['tmux', 'ccmux'] as const) {
      got.push(await waitFor(async () => {
        const out = await s.ok(which, ['capture-pane', '-p', '-t', 'p:clip.0']);
        return out.includes('52;;') && out.trim();
      }, 10_000, `${which}'s pane to be answered`));
    }
    expect(got[0]).toBe(`^[]52;;${clip}^[\\`);
    expect(got[1]).toBe(got[0]);
    // One buffer each, the answer kept as it came (the pane's answer made none).
    for (const which of ['tmux', 'ccmux'] as const) expect(await s.ok(which, ['list-buffers', '-F', '#{buffer_sample}'])).toBe('from the clipboard ✓\n');
    // ccmux only: an answer longer than it holds (1 MB decoded) is dropped whole, and none of it is typed into the pane.
    const before = ours.output.length;
    await s.ok('ccmux', ['refresh-client', '-l']);
    await waitFor(() => ours.output.indexOf('\x1b]52;;?\x07', before) >= 0, 10_000, 'ccmux to ask its terminal again');
    ours.type(`\x1b]52;c;${'QUJD'.repeat(400_000)}\x07`);
    ours.type('zz');
    await waitFor(async () => /zz/.test(await s.ok('ccmux', ['capture-pane', '-p', '-t', 'p:big.1'])), 10_000, 'what follows the answer to reach the pane');
    expect(await s.ok('ccmux', ['capture-pane', '-p', '-t', 'p:big.1'])).not.toMatch(/QUJD|ABC/);
    expect(await s.ok('ccmux', ['list-buffers', '-F', '#{buffer_sample}'])).toBe('from the clipboard ✓\n');
  }, 60_000);
});
