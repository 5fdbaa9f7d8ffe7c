/*
 * The marked pane side by side with tmux 3.3a: select-pane -m / -M, the {marked} and ~
 * targets and their error, the formats (pane_marked, pane_marked_set, window_marked_flag,
 * session_marked, the M window flag) read back with list-panes / list-windows after each
 * step; join-pane, move-pane, swap-pane and swap-window taking the marked pane as -s; the
 * mark lost with its pane, window or session, or when its window is moved; the default
 * bindings and menu items; and what an attached client shows: the marked pane's border
 * reversed, the M in the status line, prefix m / M and choose-tree's m / M.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor, type OuterTerminal, type Sandbox } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';
import { attachedSideBySide, type TmuxSide, type PtyScreen } from './lib/tmux-side.js';

let both: SideBySide | undefined;
let sb: Sandbox | undefined;
let tm: TmuxSide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
  await tm?.dispose();
  tm = undefined;
  await sb?.dispose();
  sb = undefined;
});

const LSP = ['list-panes', '-a', '-F', '#{session_name}:#{window_index}.#{pane_index} #{pane_id} m=#{pane_marked} set=#{pane_marked_set} wm=#{window_marked_flag} sm=#{session_marked} #{window_flags}'];
const LSW = ['list-windows', '-a', '-F', '#{session_name}:#{window_index} #{window_id} #F #{window_marked_flag}'];

/** Session m: window 0 of three panes, window 1 of one (current); session keep (the SideBySide's) too. */
const SETUP: Step[] = [
  ['new-session', '-d', '-s', 'm', '-x', '80', '-y', '24'],
  ['split-window', '-t', 'm'],
  ['split-window', '-h', '-t', 'm'],
  ['new-window', '-t', 'm'],
];

describe.skipIf(!hasTmux())('the marked pane, side by side with tmux 3.3a', () => {
  it('select-pane -m marks (again: unmarks), -M clears; {marked} and ~ name it; the formats and the M flag say so', async () => {
    both = await new SideBySide().start();
    const steps: Step[] = [
      ...SETUP,
      // Nothing marked: the tokens are errors, the formats 0.
      ['kill-pane', '-t', '~'],
      ['select-pane', '-t', '{marked}'],
      ['join-pane', '-s', '{marked}', '-t', 'm:1'],
      ['has-session', '-t', '~'],
      LSP,
      ['select-pane', '-m', '-t', 'm:0.1'],
      LSP,
      LSW,
      ['display-message', '-p', '-t', '{marked}', '#{session_name}:#{window_index}.#{pane_index} #{pane_marked}'],
      ['display-message', '-p', '-t', '~', '#{pane_id}'],
      ['list-panes', '-t', '~', '-F', '#{pane_index}'],
      ['select-pane', '-m', '-t', 'm:0.1'],
      LSP,
      ['select-pane', '-m', '-t', 'm:0.1'],
      ['select-pane', '-m', '-t', 'm:0.2'],
      LSP,
      // -M clears whatever -t names; -m of a pane a zoom hides does nothing.
      ['select-pane', '-M', '-t', 'm:1'],
      LSP,
      ['resize-pane', '-Z', '-t', 'm:0.0'],
      ['select-pane', '-m', '-t', 'm:0.1'],
      LSP,
      ['select-pane', '-m', '-t', 'm:0.0'],
      LSP,
      ['resize-pane', '-Z', '-t', 'm:0.0'],
      ['kill-pane', '-t', '~'],
      LSP,
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs[4]).toMatch(/→ 1: +\/ no marked target$/);
    expect(theirs.find((l) => l.startsWith('display-message -p -t {marked}'))).toMatch(/→ 0: m:0\.1 1$/);
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('join-pane, move-pane, swap-pane and swap-window take the marked pane as -s; a moved pane or window is no longer marked', async () => {
    both = await new SideBySide().start();
    const steps: Step[] = [
      ...SETUP,
      ['split-window', '-t', 'm:1'],
      // join-pane with no -s: the marked pane, which then is marked no more.
      ['select-pane', '-m', '-t', 'm:0.1'],
      ['join-pane', '-t', 'm:1'],
      LSP,
      // swap-pane with no -s, in one window: it stays marked; into another: it is not.
      ['select-pane', '-m', '-t', 'm:1.0'],
      ['swap-pane', '-t', 'm:1.1'],
      LSP,
      ['swap-pane', '-t', 'm:0.0'],
      LSP,
      // Swapped back into its window, it is marked again (tmux's marked pane holds the pane).
      ['swap-pane', '-s', 'm:0.0', '-t', 'm:1.1'],
      LSP,
      // -s is found from the marked pane: .1 is the marked pane's window's pane 1.
      ['select-pane', '-m', '-t', 'm:0.0'],
      ['swap-pane', '-s', '.1', '-t', 'keep:0'],
      LSP,
      // swap-window with no -s: the marked pane's window; swapped back, marked again.
      ['select-pane', '-m', '-t', 'm:0.1'],
      ['swap-window', '-t', 'm:1'],
      LSW,
      LSP,
      ['swap-window', '-s', 'm:0', '-t', 'm:1'],
      LSP,
      // move-pane and break-pane of it, moving its window, renumbering: no longer marked.
      ['select-pane', '-m', '-t', 'm:0.0'],
      ['move-pane', '-t', 'keep:0'],
      LSP,
      ['select-pane', '-m', '-t', 'm:1.0'],
      ['break-pane', '-d', '-s', '~'],
      LSP,
      ['select-pane', '-m', '-t', 'm:1.0'],
      ['move-window', '-s', 'm:1', '-t', 'm:5'],
      LSP,
      ['select-pane', '-m', '-t', 'm:0.0'],
      ['move-window', '-r', '-t', 'm'],
      LSP,
      // Killed with its window, or its session.
      ['select-pane', '-m', '-t', 'm:1.0'],
      ['kill-window', '-t', 'm:1'],
      LSP,
      ['select-pane', '-m', '-t', 'm:0'],
      LSP,
      ['kill-session', '-t', 'm'],
      LSP,
      ['select-pane', '-t', '~'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs.at(-1)).toMatch(/no marked target/);
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('lists the same default bindings: prefix m and M, and the menus with their marked-pane items', async () => {
    both = await new SideBySide().start();
    const steps: Step[] = [
      ['list-keys', '-T', 'prefix', 'm'],
      ['list-keys', '-T', 'prefix', 'M'],
      ['list-keys', '-N', 'm'],
      ['list-keys', '-N', 'M'],
      ['list-keys', '-T', 'prefix', '<'],
      ['list-keys', '-T', 'prefix', '>'],
      ['list-keys', '-T', 'root', 'MouseDown3Pane'],
      ['list-keys', '-T', 'root', 'M-MouseDown3Pane'],
      ['list-keys', '-T', 'root', 'MouseDown3Status'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs.filter((l) => l.includes('Swap Marked') && l.includes('Unmark,Mark')).length).toBe(5);
    expect(ours.map((l) => l.replace(/ +/g, ' '))).toEqual(theirs.map((l) => l.replace(/ +/g, ' ')));
  }, 30_000);
});

const KEYS: Record<string, string> = { Down: '\x1b[B', 'C-b': '\x02' };

/** One window of three panes (left; right top and bottom), status-right emptied in both. */
const THREE_PANES = [
  ['new-session', '-d', '-s', 'a', '-x', '80', '-y', '23', '-n', 'one', '/bin/sh'],
  ['set', '-g', 'status-right', ''],
  ['set', '-g', 'automatic-rename', 'off'],
  ['split-window', '-h', '-t', 'a', '/bin/sh'],
  ['split-window', '-v', '-t', 'a', '/bin/sh'],
  ['new-window', '-d', '-t', 'a', '-n', 'two', '/bin/sh'],
];

/** Each row of the screen: its text, then a map of its cells drawn in reverse ('R') or not ('.'), trailing ones left out. */
function screenOf(t: { term: PtyScreen['term'] }): string[] {
  const buf = t.term.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < t.term.rows; y++) {
    const line = buf.getLine(buf.viewportY + y)!;
    let rev = '';
    for (let x = 0; x < t.term.cols; x++) rev += line.getCell(x)?.isInverse() ? 'R' : '.';
    // Trailing blanks trimmed: tmux clears to the end of a line where ccmux writes blanks.
    out.push(`${line.translateToString(true).trimEnd()} | ${rev.replace(/\.+$/, '')}`);
  }
  return out;
}

describe.skipIf(!hasTmux())('the marked pane on an attached client, side by side with tmux 3.3a', () => {
  async function start(): Promise<{ theirs: PtyScreen; ours: OuterTerminal }> {
    const both = await attachedSideBySide(THREE_PANES);
    ({ sb, tm } = both);
    return both;
  }

  /**
   * Wait until both screens (text and reverse cells; `rows` of them, all by default) match
   * and `ok` holds of them, then compare them.
   */
  async function same(theirs: PtyScreen, ours: OuterTerminal, ok: (rows: string[]) => boolean, rows = 24): Promise<string[]> {
    const of = (t: { term: PtyScreen['term'] }) => screenOf(t).slice(0, rows);
    await waitFor(async () => {
      await theirs.flush();
      await ours.flush();
      const t = of(theirs);
      return ok(t) && ok(of(ours)) && t.join('\n') === of(ours).join('\n');
    }, 10_000, 'the screens to match').catch(() => undefined);
    await theirs.flush();
    await ours.flush();
    expect(of(ours).join('\n')).toBe(of(theirs).join('\n'));
    expect(ok(of(theirs)), of(theirs).join('\n')).toBe(true);
    return screenOf(ours);
  }

  const marked = (rows: string[]) => rows[23]!.includes('one*M');
  const unmarked = (rows: string[]) => rows[23]!.includes('one*') && !rows[23]!.includes('one*M');

  it('draws the marked pane\'s border reversed and M in the status line; prefix m and M mark and clear', async () => {
    const { theirs, ours } = await start();
    const both2 = [theirs, ours];
    const run = async (args: string[]) => {
      await tm!.ok(args);
      await sb!.ok(args);
    };
    // The bottom right pane marked from outside: its top and left borders reversed.
    await run(['select-pane', '-m', '-t', 'a:0.2']);
    let rows = await same(theirs, ours, marked);
    expect(rows[11]).toMatch(/R{40}/);
    // The top right pane: another border, in the active style.
    await run(['select-pane', '-m', '-t', 'a:0.1']);
    rows = await same(theirs, ours, (r) => marked(r) && r[0]!.includes('| ' + '.'.repeat(40) + 'R'));
    // Another window shown: no reversed border there, the flag stays on window one.
    await run(['select-window', '-t', 'a:1']);
    await same(theirs, ours, (r) => r[23]!.includes('one-M'));
    await run(['select-window', '-t', 'a:0']);
    await same(theirs, ours, marked);
    // prefix M clears; prefix m marks the active pane (the bottom right one), prefix m again unmarks.
    for (const t of both2) t.type(KEYS['C-b'] + 'M');
    await same(theirs, ours, unmarked);
    for (const t of both2) t.type(KEYS['C-b'] + 'm');
    rows = await same(theirs, ours, marked);
    expect(rows[11]).toMatch(/R{40}/);
    for (const t of both2) t.type(KEYS['C-b'] + 'm');
    await same(theirs, ours, unmarked);
  }, 60_000);

  it('choose-tree: m marks the current item\'s pane, M clears it', async () => {
    const { theirs, ours } = await start();
    const both2 = [theirs, ours];
    const LSP_A = ['list-panes', '-a', '-F', '#{window_index}.#{pane_index} #{pane_marked} #{pane_marked_set}'];
    // prefix w: the tree at the current window; Down to window two, m marks its pane; its line and the status line show M.
    for (const t of both2) t.type(KEYS['C-b'] + 'w');
    await same(theirs, ours, (r) => r.some((l) => l.includes('(sort: index)')));
    for (const t of both2) t.type(KEYS.Down!);
    // The preview's title names the current window: Down has been taken.
    await same(theirs, ours, (r) => r.some((l) => l.includes('┌ 1 (sort: index)')));
    // tmux does not draw its status line again for choose-tree's m and M (window_tree_key
    // only rebuilds the tree); ccmux does at once. After refresh-client -S the two agree.
    const statusAfter = async (ok: (r: string[]) => boolean, status: (line: string) => boolean) => {
      const rows = await same(theirs, ours, ok, 23);
      expect(status(rows[23]!), rows[23]).toBe(true);
      await tm!.ok(['refresh-client', '-S']);
      await sb!.ok(['refresh-client', '-S']);
      await same(theirs, ours, (r) => ok(r) && status(r[23]!));
    };
    for (const t of both2) t.type('m');
    await statusAfter((r) => r.some((l) => l.includes('1: twoM')), (l) => l.includes('1:twoM'));
    expect(await sb!.ok(LSP_A)).toBe(await tm!.ok(LSP_A));
    expect(await sb!.ok(LSP_A)).toMatch(/ 1 1/);
    for (const t of both2) t.type('M');
    await statusAfter((r) => r.some((l) => l.includes('1: two |')), (l) => !l.includes('twoM'));
    expect(await sb!.ok(LSP_A)).toBe(await tm!.ok(LSP_A));
    expect(await sb!.ok(LSP_A)).not.toMatch(/ 1 1/);
  }, 60_000);
});
