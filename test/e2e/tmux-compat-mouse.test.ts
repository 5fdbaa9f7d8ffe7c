/*
 * The mouse side by side with tmux 3.3a: a real tmux client and a ccmux client, each in an
 * outer terminal of 80x24 on a session of the same panes, are typed the same SGR mouse
 * reports, and what followed is read back with the same commands and compared: the active
 * pane, the layout after a border drag, copy mode and its scroll position after the
 * wheel, what a drag and a double click copied, the bytes a program that asked for the
 * mouse received, a user's binding of a mouse key run instead of the default and an
 * unbound one doing nothing; and list-keys of the mouse bindings.
 *
 * Typed reports are followed by F12, bound on both to set @seen: once @seen has the
 * value, the reports before it have been handled (keys are handled in order).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, hasTmux, waitFor, type OuterTerminal } from './harness.js';
import { SideBySide, type Run } from './lib/side-by-side.js';

const DUMP = path.join(ROOT, 'test', 'fixtures', 'dump-input.py');
const F12 = '\x1b[24~';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

/** SGR reports at 1-based cell (x, y): press, release, drag (motion with the button), the wheel. */
const down = (x: number, y: number, b = 0) => `\x1b[<${b};${x};${y}M`;
const up = (x: number, y: number, b = 0) => `\x1b[<${b};${x};${y}m`;
const drag = (x: number, y: number, b = 0) => `\x1b[<${32 + b};${x};${y}M`;
const wheelUp = (x: number, y: number) => `\x1b[<64;${x};${y}M`;
const wheelDown = (x: number, y: number) => `\x1b[<65;${x};${y}M`;

/** One side: its command runner and an outer terminal with its client attached to session m. */
interface Side {
  name: 'tmux' | 'ccmux';
  run: Run;
  outer: OuterTerminal;
  dir: string;
  seen: number;
}

async function ok(side: { run: Run; name: string }, args: string[]): Promise<string> {
  const r = await side.run(args);
  if (r.code !== 0) throw new Error(`${side.name} ${args.join(' ')}: ${r.err}`);
  return r.out;
}

/** Type `data`, then F12, and wait until F12's binding has run: everything typed before it has been handled. */
async function typeAndSettle(side: Side, data: string): Promise<void> {
  const n = ++side.seen;
  // A press within 300 ms of the last one is its second click (tmux's KEYC_CLICK_TIMEOUT): apart, each press is a first.
  if (/\x1b\[<[0-2];\d+;\d+M/.test(data)) await new Promise((r) => setTimeout(r, 400));
  side.outer.type(data);
  // Apart, or tmux takes F12 for part of a paste (keys closer than assume-paste-time go to the pane).
  await new Promise((r) => setTimeout(r, 30));
  side.outer.type(F12);
  await waitFor(async () => (await side.run(['show', '-gv', '@seen'])).out.trim() === String(n), 10_000, `${side.name} to handle the reports`).catch(async (e: Error) => {
    throw new Error(`${e.message} (@seen ${(await side.run(['show', '-gv', '@seen'])).out.trim()}, want ${n}; ${JSON.stringify(data)}) ${side.outer.screen().join('\n')}`);
  });
}

/** A session m of 80x24 on each side, made by `setup`, a client attached in an outer terminal, F12 bound to count. */
async function sides(b: SideBySide, setup: (run: (args: string[]) => Promise<string>, dir: string) => Promise<void>): Promise<Side[]> {
  const out: Side[] = [];
  for (const name of ['tmux', 'ccmux'] as const) {
    const run = name === 'tmux' ? b.tmux : b.ccmux;
    const dir = path.join(b.sb.dir, `mouse-${name}`);
    fs.mkdirSync(dir, { recursive: true });
    const side = { name, run };
    await ok(side, ['set', '-g', 'mouse', 'on']);
    await ok(side, ['set', '-g', '@seen', '0']);
    await ok(side, ['bind', '-n', 'F12', 'set', '-gF', '@seen', '#{e|+:#{@seen},1}']);
    await setup((args) => ok(side, args), dir);
    const outer = await b.terminal(name, ['attach', '-t', 'm'], 80, 24);
    await waitFor(async () => (await run(['display', '-p', '-t', 'm', '#{session_attached}'])).out.trim() === '1', 10_000, `${name}'s client to attach`);
    const s: Side = { name, run, outer, dir, seen: 0 };
    // tmux reads the outer terminal's keys once it has its answers to its queries: wait for F12 to work.
    await typeAndSettle(s, '');
    out.push(s);
  }
  return out;
}

/** The newest paste buffer, its size and text. */
const buffer = async (side: Side) => (await ok(side, ['list-buffers', '-F', '#{buffer_size}: #{buffer_sample}'])).split('\n')[0];

const show = (side: Side, format: string, target = 'm') => ok(side, ['display', '-p', '-t', target, format]);

describe.skipIf(!hasTmux())('the mouse, side by side with tmux 3.3a', () => {
  it('lists the same default mouse bindings in the copy-mode tables and in root', async () => {
    both = await new SideBySide().start();
    const lines = async (run: Run, table: string) =>
      (await run(['list-keys', '-T', table])).out.split('\n').filter((l) => /(Mouse|Wheel|Click)\S*(Pane|Border|Status\S*) /.test(l)).map((l) => l.replace(/ +/g, ' '));
    for (const table of ['copy-mode', 'copy-mode-vi']) {
      const theirs = await lines(both.tmux, table);
      expect(theirs.length).toBe(7);
      expect(await lines(both.ccmux, table)).toEqual(theirs);
    }
    // Root: the same, the menus' marked-pane items included.
    const theirs = await lines(both.tmux, 'root');
    expect(theirs.length).toBe(14);
    expect(await lines(both.ccmux, 'root')).toEqual(theirs);
    // A mouse key is bound, listed and unbound by its name, with modifiers, as tmux.
    for (const run of [both.tmux, both.ccmux]) {
      await run(['bind', '-T', 'copy-mode-vi', 'C-MouseDragEnd1Pane', 'send', '-X', 'copy-pipe-and-cancel', 'xclip']);
      await run(['unbind', '-n', 'MouseDown3Pane']);
    }
    expect((await both.ccmux(['list-keys', '-T', 'copy-mode-vi', 'C-MouseDragEnd1Pane'])).out).toBe((await both.tmux(['list-keys', '-T', 'copy-mode-vi', 'C-MouseDragEnd1Pane'])).out);
    expect((await both.ccmux(['list-keys', '-T', 'root', 'MouseDown3Pane'])).code).toBe((await both.tmux(['list-keys', '-T', 'root', 'MouseDown3Pane'])).code);
    const bad = [await both.tmux(['bind', '-n', 'MouseMovePane', 'display', 'x']), await both.ccmux(['bind', '-n', 'MouseMovePane', 'display', 'x'])];
    expect(bad.map((r) => r.code)).toEqual([1, 1]);
    expect(bad[1]!.err).toMatch(/unknown key.*MouseMovePane/);
    // Outside a mouse binding there is no mouse: = and send -M are errors, copy-mode -M and resize-pane -M do nothing.
    const steps = [['select-pane', '-t', '='], ['send-keys', '-M'], ['copy-mode', '-M'], ['resize-pane', '-M'], ['display', '-p', '#{pane_in_mode}[#{mouse_x}]']];
    const outside = await both.both(steps);
    expect(outside.theirs[0]).toMatch(/no mouse target/);
    expect(outside.ours).toEqual(outside.theirs);
  }, 60_000);

  it('selects panes, drags a border, enters copy mode and scrolls with the wheel, copies a drag and a double click, as tmux', async () => {
    both = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const text = "printf 'one two-three four\\n'; seq 1 100; printf 'alpha beta gamma\\n'; exec sleep 1000";
    const all = await sides(both, async (run) => {
      // ccmux's default is vi; tmux's depends on $EDITOR.
      await run(['set', '-gw', 'mode-keys', 'vi']);
      await run(['new-session', '-d', '-s', 'm', '-x', '80', '-y', '24', text]);
      await run(['split-window', '-h', '-t', 'm', text]);
      await run(['set', '-g', 'set-clipboard', 'off']);
    });
    const seen: Record<string, string[]> = { tmux: [], ccmux: [] };
    for (const side of all) {
      const note = async (what: string, format: string) => seen[side.name]!.push(`${what}: ${(await show(side, format)).trim()}`);
      await waitFor(async () => /alpha/.test((await side.run(['capture-pane', '-p', '-t', 'm.0'])).out), 10_000, 'the text');
      await note('start', '#{pane_index} #{window_layout}');
      // A click on the left pane selects it.
      await typeAndSettle(side, down(10, 5) + up(10, 5));
      await note('click left', '#{pane_index}');
      // The border is column 41 (1-based): drag it 10 to the left.
      await typeAndSettle(side, down(41, 5) + drag(36, 5) + drag(31, 5) + up(31, 5));
      await note('border drag', '#{pane_index} #{window_layout}');
      // After the release, motion moves nothing.
      await typeAndSettle(side, drag(20, 5) + up(20, 5));
      await note('after release', '#{pane_index} #{window_layout}');
      // The wheel over the right pane: copy mode there, then 5 lines a tick; down again to the bottom leaves it.
      await typeAndSettle(side, wheelUp(60, 10));
      await note('wheel 1', '#{pane_index} #{pane_in_mode} #{scroll_position} #{P:#{pane_in_mode}}');
      await typeAndSettle(side, wheelUp(60, 10) + wheelUp(60, 10));
      await note('wheel 3', '#{pane_index} #{pane_in_mode} #{scroll_position}');
      await typeAndSettle(side, wheelDown(60, 10));
      await note('wheel down', '#{pane_in_mode} #{scroll_position}');
      await typeAndSettle(side, wheelDown(60, 10) + wheelDown(60, 10));
      await note('wheel down to the bottom', '#{P:#{pane_in_mode}}');
      // A drag over "alpha beta" (row 22, the last line printed) in the left pane copies it.
      const row = 22;
      await typeAndSettle(side, down(1, row) + drag(4, row) + drag(10, row) + up(10, row));
      await waitFor(async () => (await side.run(['show-buffer'])).code === 0, 10_000, `${side.name}: a buffer`);
      seen[side.name]!.push(`drag copy: ${(await show(side, '#{pane_index} #{pane_in_mode}')).trim()} ${await buffer(side)}`);
      // A double click on "beta" copies the word (after tmux's 0.3 s). First the click timer
      // of the drag's press runs out (else this press would be its second click). Nothing is
      // typed until the copy is done: tmux handles keys queued behind `run -d` as a paste.
      await ok(side, ['delete-buffer']);
      await new Promise((r) => setTimeout(r, 400));
      side.outer.type(down(9, row) + up(9, row) + down(9, row) + up(9, row));
      await waitFor(async () => (await side.run(['show-buffer'])).code === 0, 10_000, `${side.name}: the double click's buffer`);
      await waitFor(async () => (await show(side, '#{P:#{pane_in_mode}}')).trim() === '00', 10_000, `${side.name}: out of copy mode`);
      await typeAndSettle(side, '');
      seen[side.name]!.push(`double click: ${await buffer(side)}`);
      // A triple click copies the line.
      await ok(side, ['delete-buffer']);
      await new Promise((r) => setTimeout(r, 400));
      side.outer.type(down(9, row) + up(9, row) + down(9, row) + up(9, row) + down(9, row) + up(9, row));
      await waitFor(async () => (await side.run(['show-buffer'])).code === 0, 10_000, `${side.name}: the triple click's buffer`);
      await waitFor(async () => (await show(side, '#{P:#{pane_in_mode}}')).trim() === '00', 10_000, `${side.name}: out of copy mode`);
      await typeAndSettle(side, '');
      seen[side.name]!.push(`triple click: ${await buffer(side)}`);
      // The right button opens tmux's pane menu at the mouse (a menu takes every key: no F12); Escape closes it.
      await new Promise((r) => setTimeout(r, 400));
      side.outer.type(down(20, 3, 2));
      await side.outer.waitForScreen(/Horizontal Split/);
      const menuRow = side.outer.screen().findIndex((l) => l.includes('Horizontal Split'));
      seen[side.name]!.push(`menu: row ${menuRow} col ${side.outer.screen()[menuRow]!.indexOf('Horizontal Split')}`);
      side.outer.type('\x1b');
      await side.outer.waitForScreen((l) => !l.some((x) => x.includes('Horizontal Split')));
      // Over a word, the menu offers it (#{mouse_word}, underlined) and the line; the items as tmux's.
      await new Promise((r) => setTimeout(r, 400));
      side.outer.type(down(3, row, 2));
      await side.outer.waitForScreen(/Copy Line/);
      const items = side.outer.screen().map((l) => /│ (.+?) +(\(\S+\) )?│/.exec(l)).filter((x) => x !== null).map((x) => `${x[1]} ${x[2] ?? ''}`.trim());
      seen[side.name]!.push(`menu items: ${items.join(', ')}`);
      side.outer.type('\x1b');
      await side.outer.waitForScreen((l) => !l.some((x) => x.includes('Copy Line')));
      await typeAndSettle(side, '');
    }
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 120_000);

  it('a drag from the word a double click selected grows it by words, from a triple click\'s line by lines, as tmux', async () => {
    both = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const text = "printf 'one two-three four\\n'; seq 1 100; printf 'alpha beta gamma.delta\\n'; exec sleep 1000";
    const all = await sides(both, async (run) => {
      await run(['set', '-gw', 'mode-keys', 'vi']);
      await run(['new-session', '-d', '-s', 'm', '-x', '80', '-y', '24', text]);
      await run(['set', '-g', 'set-clipboard', 'off']);
      // As users bind them: a double or triple click selects, the drag's release copies.
      await run(['bind', '-T', 'copy-mode-vi', 'DoubleClick1Pane', 'select-pane; send -X select-word']);
      await run(['bind', '-T', 'copy-mode-vi', 'TripleClick1Pane', 'select-pane; send -X select-line']);
    });
    const seen: Record<string, string[]> = { tmux: [], ccmux: [] };
    // "alpha beta gamma.delta" is row 22, "100" row 21; beta is columns 7-10 (1-based). tmux
    // 3.3a runs DoubleClick1Pane when its click timer (300 ms) ends without a third click, so
    // a user double-clicks, sees the word selected, then presses on it again and drags.
    const row = 22;
    const double = (x: number) => down(x, row) + up(x, row) + down(x, row) + up(x, row);
    const cases: Array<[string, string, string]> = [
      ['double click on beta, drag right into gamma', double(9), down(9, row) + drag(12, row) + drag(14, row) + up(14, row)],
      ['double click on beta, drag left into alpha', double(8), down(8, row) + drag(5, row) + drag(3, row) + up(3, row)],
      ['double click on beta, drag onto the dot and past it', double(9), down(10, row) + drag(17, row) + drag(18, row) + up(18, row)],
      ['double click on beta, drag from gamma: a new selection', double(9), down(13, row) + drag(15, row) + drag(16, row) + up(16, row)],
      ['triple click, drag up a line', double(9) + down(9, row) + up(9, row), down(20, row) + drag(5, row - 1) + up(5, row - 1)],
    ];
    for (const side of all) {
      await waitFor(async () => /alpha/.test((await side.run(['capture-pane', '-p', '-t', 'm'])).out), 10_000, 'the text');
      for (const [what, clicks, dragged] of cases) {
        await side.run(['delete-buffer']);
        await ok(side, ['copy-mode', '-t', 'm']);
        await typeAndSettle(side, clicks);
        await waitFor(async () => (await show(side, '#{selection_present}')).trim() === '1', 10_000, `${side.name}: the selection of ${what}`);
        await typeAndSettle(side, dragged);
        await waitFor(async () => (await side.run(['show-buffer'])).code === 0, 10_000, `${side.name}: the buffer of ${what}`);
        seen[side.name]!.push(`${what}: ${(await show(side, '#{pane_in_mode}')).trim()} ${JSON.stringify((await side.run(['show-buffer'])).out)}`);
      }
    }
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 90_000);

  it('gives a program that asked for the mouse the same reports; a user binding runs instead of the default, an unbound key does nothing', async () => {
    both = await new SideBySide().start();
    const all = await sides(both, async (run, dir) => {
      const dump = ['python3', DUMP, path.join(dir, 'p'), '\\e[?1002h\\e[?1006h'].map((a) => `'${a}'`).join(' ');
      await run(['new-session', '-d', '-s', 'm', '-x', '80', '-y', '24', 'sleep 1000']);
      await run(['split-window', '-h', '-t', 'm', dump]);
      await run(['new-window', '-d', '-t', 'm']);
    });
    const seen: Record<string, string[]> = { tmux: [], ccmux: [] };
    for (const side of all) {
      const file = path.join(side.dir, 'p');
      await waitFor(() => fs.existsSync(file), 10_000, 'the dump program');
      const note = async (what: string, format: string) => seen[side.name]!.push(`${what}: ${(await show(side, format)).trim()}`);
      // Click, drag, release and the wheel in the program's pane (right), then a click in the left pane.
      await typeAndSettle(side, down(50, 3) + up(50, 3) + down(50, 4) + drag(52, 4) + drag(55, 6) + up(55, 6) + wheelUp(60, 8) + wheelDown(60, 8) + down(5, 5) + up(5, 5));
      seen[side.name]!.push(`program got: ${JSON.stringify(fs.readFileSync(file, 'latin1'))}`);
      await note('after', '#{pane_index} #{pane_in_mode}');
      // A user's bindings of WheelUpPane and MouseDown1Status run instead of tmux's.
      await ok(side, ['bind', '-n', 'WheelUpPane', 'set', '-gF', '@wheel', '#{mouse_x},#{mouse_y} #{mouse_pane}']);
      await ok(side, ['bind', '-n', 'MouseDown1Status', 'set', '-gF', '@status', '#{mouse_x} #{window_index}']);
      await typeAndSettle(side, wheelUp(10, 8));
      await note('user wheel', '#{@wheel} #{pane_in_mode}');
      // The status line: "[m] 0:sleep* 1:sh" — click on window 1's entry.
      const status = side.outer.screen()[23]!;
      const x = status.indexOf('1:') + 2;
      await typeAndSettle(side, down(x, 24) + up(x, 24));
      const [mx, index] = (await show(side, '#{@status}')).trim().split(' ');
      seen[side.name]!.push(`user status click: at x ${Number(mx) === x - 1}, current window then ${index}, now ${(await show(side, '#{window_index}')).trim()}`);
      // Unbound, a click selects nothing.
      await ok(side, ['unbind', '-n', 'MouseDown1Pane']);
      await typeAndSettle(side, down(50, 3) + up(50, 3));
      await note('unbound click', '#{pane_index}');
    }
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 90_000);
  it("a status-format of the user's: clicks land by its #[range=left|right|window|N], elsewhere StatusDefault", async () => {
    both = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const fmt = '#[range=left]LEFT#[norange] #{W:#[range=window|#{window_index}]<#I:#W>#[norange] }#[align=right]#[range=right]RIGHT#[norange] END';
    const all = await sides(both, async (run) => {
      await run(['new-session', '-d', '-s', 'm', '-x', '80', '-y', '24', '-n', 'zero', 'sleep 1000']);
      await run(['new-window', '-d', '-t', 'm', '-n', 'one', 'sleep 1000']);
      await run(['set', '-g', 'status-format[0]', fmt]);
      for (const where of ['StatusLeft', 'StatusRight', 'StatusDefault']) await run(['bind', '-n', `MouseDown1${where}`, 'set', '-gF', '@click', `${where} #{mouse_x}`]);
    });
    const seen: Record<string, string[]> = { tmux: [], ccmux: [] };
    for (const side of all) {
      await waitFor(() => side.outer.screen()[23]!.includes('<1:one>'), 10_000, `${side.name}'s status line`);
      const status = side.outer.screen()[23]!;
      seen[side.name]!.push(status.trimEnd());
      for (const text of ['EFT', '<1:', 'RIGHT', 'END', 'ze']) {
        const x = status.indexOf(text) + 2;
        await typeAndSettle(side, down(x, 24) + up(x, 24));
        seen[side.name]!.push(`${text}: ${(await show(side, '#{@click} #{window_index}')).trim()}`);
      }
    }
    // A window's range runs MouseDown1Status (select-window -t =): @click keeps the click before it.
    expect(seen.tmux.slice(1)).toEqual(['EFT: StatusLeft 2 0', '<1:: StatusLeft 2 1', 'RIGHT: StatusRight 72 1', 'END: StatusDefault 78 1', 'ze: StatusDefault 78 0']);
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 60_000);
});
