/*
 * Side by side with tmux 3.3a: the same sessions in both, a client of each attached in an
 * 80×24 terminal, the same keys pressed, and the two screens compared whole (status line
 * included, with status-right emptied in both since ccmux's default differs). Covers
 * choose-tree (its lines, folding, tags, the preview), display-panes and display-menu.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor, type OuterTerminal, type Sandbox } from './harness.js';
import { attachedSideBySide, type TmuxSide, type PtyScreen } from './lib/tmux-side.js';

let sb: Sandbox | undefined;
let tm: TmuxSide | undefined;

afterEach(async () => {
  await tm?.dispose();
  tm = undefined;
  await sb?.dispose();
  sb = undefined;
});

const KEYS: Record<string, string> = { Up: '\x1b[A', Down: '\x1b[B', Right: '\x1b[C', Left: '\x1b[D', Enter: '\r', 'C-b': '\x02', Escape: '\x1b' };

/** The same setup in both: sessions a (windows one; two split left/right) and b (three). */
const SETUP = [
  ['new-session', '-d', '-s', 'a', '-x', '80', '-y', '23', '-n', 'one', '/bin/sh'],
  ['set', '-g', 'status-right', ''],
  ['set', '-g', 'automatic-rename', 'off'],
  ['new-window', '-t', 'a', '-n', 'two', '/bin/sh'],
  ['split-window', '-h', '-t', 'a', '/bin/sh'],
  ['new-session', '-d', '-s', 'b', '-n', 'three', '/bin/sh'],
];

/** One window of three panes: left, and right split top and bottom. */
const THREE_PANES = [
  ['new-session', '-d', '-s', 'a', '-x', '80', '-y', '23', '-n', 'one', '/bin/sh'],
  ['set', '-g', 'status-right', ''],
  ['set', '-g', 'automatic-rename', 'off'],
  ['set', '-g', 'display-panes-time', '30000'],
  ['split-window', '-h', '-t', 'a', '/bin/sh'],
  ['split-window', '-v', '-t', 'a', '/bin/sh'],
];

async function start(setup = SETUP): Promise<{ theirs: PtyScreen; ours: OuterTerminal }> {
  const both = await attachedSideBySide(setup);
  ({ sb, tm } = both);
  return both;
}

/** Press `keys` (names from KEYS, or text) in both, one at a time. */
function press(t: { type(d: string): void }, keys: string[]): void {
  for (const k of keys) t.type(KEYS[k] ?? k);
}

/** Wait until both screens show `marker` and match each other, then compare them (so a mismatch fails with both shown). */
async function same(theirs: PtyScreen, ours: OuterTerminal, marker: string | ((lines: string[]) => boolean)): Promise<string[]> {
  const seen = (lines: string[]) => (typeof marker === 'string' ? lines.join('\n').includes(marker) : marker(lines));
  try {
    await waitFor(async () => {
      await theirs.flush();
      await ours.flush();
      return seen(theirs.screen()) && seen(ours.screen()) && text(theirs) === text(ours);
    }, 10_000, 'the screens to match');
  } catch {
    /* compared below, with both screens in the failure */
  }
  await theirs.flush();
  await ours.flush();
  expect(text(ours)).toBe(text(theirs));
  expect(seen(theirs.screen()), `tmux's screen shows ${String(marker)}:\n${text(theirs)}`).toBe(true);
  return ours.screen();
}

/**
 * A screen's text, each line without trailing blanks: tmux clears to the end of a line
 * where ccmux writes blanks, which xterm keeps apart when it trims.
 */
function text(t: { screen(): string[] }): string {
  return t.screen().map((l) => l.trimEnd()).join('\n');
}

/** The background colour of a cell of each screen (the current line is drawn in mode-style). */
function bgAt(t: { term: PtyScreen['term'] }, x: number, y: number): number {
  const buf = t.term.buffer.active;
  return buf.getLine(buf.viewportY + y)!.getCell(x)!.getBgColor();
}

describe.skipIf(!hasTmux())('tmux 3.3a side by side: choose-tree, display-panes, display-menu', () => {
  it('prefix s: the sessions collapsed, the current one highlighted, its windows previewed side by side', async () => {
    const { theirs, ours } = await start();
    press(theirs, ['C-b', 's']);
    press(ours, ['C-b', 's']);
    const lines = await same(theirs, ours, '(sort: index)');
    expect(lines[0]!.trimEnd()).toBe('(0) + a: 2 windows (attached)');
    expect(lines.join('\n')).toContain('│ 0:one │');
    expect(bgAt(ours, 5, 0)).toBe(bgAt(theirs, 5, 0));
    expect(bgAt(ours, 5, 0)).toBe(3);
  }, 60_000);

  it('prefix w: unfold, move, tag, fold, sort and the pane preview match tmux step by step', async () => {
    const { theirs, ours } = await start();
    const steps: Array<[string[], string | ((lines: string[]) => boolean)]> = [
      [['C-b', 'w'], '└─> + 1: two*Z'],
      [['Right'], '(4)     └─> 1: sh*'],
      [['Down'], '┌ 0 (sort: index)'],
      [['Down', 't'], '(4)     └─> 1*: sh*'],
      [['Up', 'Up', 'Up', 'Left'], '(2) └─> + 1: two*Z'],
      [['O'], '(sort: name)'],
      [['r'], '(sort: name, reversed)'],
      [['v'], (lines) => lines[0] === '(0) - b: 1 windows' && !lines.join('\n').includes('(sort:')],
    ];
    for (const [keys, marker] of steps) {
      press(theirs, keys);
      press(ours, keys);
      await same(theirs, ours, marker);
    }
  }, 60_000);

  it('choose-tree without -Z draws over the active pane only; Enter on a window goes there', async () => {
    const { theirs, ours } = await start();
    for (const t of [theirs, ours]) press(t, ['C-b', 'l']); // window two, split
    await same(theirs, ours, '[a] 0:one* 1:two-');
    for (const t of [theirs, ours]) press(t, ['C-b', ':']);
    await same(theirs, ours, (lines) => lines[23]!.trimEnd() === ':'); // tmux drops what is typed before its prompt is open
    for (const t of [theirs, ours]) press(t, ['choose-tree -w', 'Enter']);
    await same(theirs, ours, '(sort: index)');
    for (const t of [theirs, ours]) press(t, ['Up', 'Up', 'Enter']);
    await same(theirs, ours, '[b] 0:three*');
  }, 60_000);

  it('x asks before killing, and kills the current item on y', async () => {
    const { theirs, ours } = await start();
    for (const t of [theirs, ours]) press(t, ['C-b', 'w', 'Down', 'Down', 'Down', 'Down', 'x']);
    await same(theirs, ours, 'Kill window 0?');
    for (const t of [theirs, ours]) press(t, ['y']);
    await same(theirs, ours, '(0) - a: 1 windows (attached)');
    const sessions = ['list-sessions', '-F', '#{session_name}'];
    expect(await sb!.ok(sessions)).toBe(await tm!.ok(sessions));
  }, 60_000);

  it('display-panes (prefix q): big numbers in the panes\' colours, sizes in the corners; a digit selects, another key goes on', async () => {
    const { theirs, ours } = await start(THREE_PANES);
    for (const t of [theirs, ours]) press(t, ['C-b', 'q']);
    const lines = await same(theirs, ours, '39x11');
    expect(lines[0]).toContain('40x23');
    // The cells of the digits: the same background colours (display-panes-colour blue, the active pane's red).
    const painted = (t: { term: PtyScreen['term'] }) => {
      const out: string[] = [];
      for (let y = 0; y < 23; y++) for (let x = 0; x < 80; x++) if (bgAt(t, x, y) !== 0 && bgAt(t, x, y) !== -1) out.push(`${x},${y}:${bgAt(t, x, y)}`);
      return out;
    };
    expect(painted(ours)).toEqual(painted(theirs));
    expect(painted(ours).some((c) => c.endsWith(':1'))).toBe(true);
    for (const t of [theirs, ours]) press(t, ['0']);
    const active = ['list-panes', '-t', 'a', '-F', '#{pane_index}#{?pane_active,*,}'];
    await waitFor(async () => (await sb!.ok(active)) === (await tm!.ok(active)), 10_000, 'the same pane active');
    expect(await sb!.ok(active)).toBe('0*\n1\n2\n');
    for (const t of [theirs, ours]) press(t, ['C-b', 'q']);
    await same(theirs, ours, '39x11');
    // A letter selects (a-z are panes 10-35), so another key: the space closes the numbers and reaches the shell.
    for (const t of [theirs, ours]) press(t, [' echo hi', 'Enter']);
    await same(theirs, ours, (l) => l.some((x) => x.startsWith('hi')));
  }, 60_000);

  it('display-menu: the box, title, keys, separator and dim item placed as tmux places them; keys move and choose', async () => {
    const { theirs, ours } = await start(THREE_PANES);
    const menu = `display-menu -T "#[align=centre]menu #{window_name}" -x 10 -y 15 "First thing" 1 "rename-window first" "" "-Not now" n "kill-server" "Second" s "rename-window second" "Third, longer item" 3 "rename-window third"`;
    for (const t of [theirs, ours]) press(t, ['C-b', ':']);
    await same(theirs, ours, (lines) => lines[23]!.trimEnd() === ':');
    for (const t of [theirs, ours]) press(t, [menu, 'Enter']);
    const lines = await same(theirs, ours, 'menu one');
    expect(lines.join('\n')).toContain('│ Second             (s) │');
    // The first item that can be chosen is picked, in mode-style.
    const row = lines.findIndex((l) => l.includes('First thing'));
    expect(bgAt(ours, 12, row)).toBe(bgAt(theirs, 12, row));
    expect(bgAt(ours, 12, row)).toBe(3);
    for (const t of [theirs, ours]) press(t, ['Down']); // over the separator and the dim item
    const second = lines.findIndex((l) => l.includes('Second'));
    const picked = (t: { term: PtyScreen['term'] }) => bgAt(t, 12, second) === 3 && bgAt(t, 12, row) !== 3;
    await waitFor(async () => {
      await theirs.flush();
      await ours.flush();
      return picked(theirs) && picked(ours);
    }, 10_000, 'Second picked in both');
    await same(theirs, ours, 'menu one');
    for (const t of [theirs, ours]) press(t, ['3']);
    await same(theirs, ours, '[a] 0:third*');
  }, 60_000);

  it('display-popup: the box, title and command drawn as tmux draws them; keys reach the command; C-c closes it', async () => {
    const { theirs, ours } = await start(THREE_PANES);
    for (const t of [theirs, ours]) press(t, ['C-b', ':']);
    await same(theirs, ours, (lines) => lines[23]!.trimEnd() === ':');
    for (const t of [theirs, ours]) press(t, [`display-popup -T title -w 30 -h 8 'printf "hello\\nworld\\n"; cat'`, 'Enter']);
    const lines = await same(theirs, ours, '│world');
    expect(lines[7]!.trimEnd()).toBe(`${' '.repeat(24)}┌─title${'─'.repeat(22)}┐`);
    for (const t of [theirs, ours]) press(t, ['typed', 'Enter']);
    await same(theirs, ours, (l) => l.filter((x) => x.includes('│typed')).length === 2);
    for (const t of [theirs, ours]) press(t, ['\x03']);
    await same(theirs, ours, (l) => !l.some((x) => x.includes('title')));
  }, 60_000);

  it('display-popup -E closes when the command exits; -EE only when it exits 0', async () => {
    const { theirs, ours } = await start(THREE_PANES);
    const popup = async (cmd: string, marker: string) => {
      for (const t of [theirs, ours]) press(t, ['C-b', ':']);
      await same(theirs, ours, (lines) => lines[23]!.trimEnd() === ':');
      for (const t of [theirs, ours]) press(t, [cmd, 'Enter']);
      await same(theirs, ours, marker);
    };
    await popup(`display-popup -E -w 20 -h 5 'echo alpha; read x'`, '│alpha');
    for (const t of [theirs, ours]) press(t, ['Enter']);
    await same(theirs, ours, (l) => !l.some((x) => x.includes('alpha')));
    await popup(`display-popup -EE -w 20 -h 5 'echo beta; exit 3'`, '│beta');
    // Exited 3: it stays (the unit test holds the order of exit and keys), until C-c.
    for (const t of [theirs, ours]) press(t, ['\x03']);
    await same(theirs, ours, (l) => !l.some((x) => x.includes('beta')));
    await popup(`display-popup -EE -w 20 -h 5 'echo gamma; read x; exit 0'`, '│gamma');
    for (const t of [theirs, ours]) press(t, ['Enter']);
    await same(theirs, ours, (l) => !l.some((x) => x.includes('gamma')));
  }, 60_000);

  it('choose-buffer (prefix =): buffers newest first with their samples, the preview, Enter pastes, d deletes', async () => {
    const { theirs, ours } = await start(THREE_PANES);
    // Each line shows its buffer's time (HH:MM): the four buffers are made in one minute,
    // so that both lists read the same (a loaded run once made tmux's at :59 and ccmux's
    // at :00). With less than 10 s of this minute left, wait for it to turn (the clock's
    // own boundary, not a guess at how long the steps take).
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 100));
    for (const run of [(x: string[]) => tm!.ok(x), (x: string[]) => sb!.ok(x)]) {
      await run(['set-buffer', '-b', 'first', 'echo pasted']);
      await run(['set-buffer', 'line one\nline two\ttab']);
    }
    for (const t of [theirs, ours]) press(t, ['C-b', '=']);
    const lines = await same(theirs, ours, '(sort: time)');
    expect(lines[0]).toMatch(/^\(0\) buffer0: \d\d:\d\d: line one\\nline two\\ttab/);
    for (const t of [theirs, ours]) press(t, ['d']);
    await same(theirs, ours, (l) => l[0]!.startsWith('(0) first: ') && !l.join('\n').includes('buffer0'));
    for (const t of [theirs, ours]) press(t, ['Enter']);
    await same(theirs, ours, (l) => l.some((x) => x.includes('$ echo pasted')));
    const names = ['list-buffers', '-F', '#{buffer_name}'];
    expect((await sb!.ok(['list-buffers'])).split('\n')[0]).toMatch(/^first: /);
    expect((await tm!.ok(names)).trim()).toBe('first');
  }, 60_000);

  it('choose-tree and choose-client run from a script open over the pane on the client showing it, as tmux\'s pane modes', async () => {
    const { theirs, ours } = await start();
    for (const run of [(x: string[]) => tm!.ok(x), (x: string[]) => sb!.ok(x)]) await run(['choose-tree', '-w', '-t', 'a']);
    await same(theirs, ours, '(sort: index)');
    for (const t of [theirs, ours]) press(t, ['q']);
    await same(theirs, ours, (l) => !l.join('\n').includes('(sort:'));
    for (const run of [(x: string[]) => tm!.ok(x), (x: string[]) => sb!.ok(x)]) await run(['choose-client', '-N', '-t', 'a', '-F', 'client of #{client_session}']);
    // Each line starts with its client's terminal, which differs: compared without it.
    const shown = (t: { screen(): string[] }) => text(t).replace(/\/dev\/pts\/\d+/g, 'TTY');
    await waitFor(async () => {
      await theirs.flush();
      await ours.flush();
      return shown(theirs).includes('(0) TTY: client of a') && shown(ours) === shown(theirs);
    }, 10_000, 'the client lists to match').catch(() => undefined);
    expect(shown(ours)).toBe(shown(theirs));
    expect(shown(theirs)).toContain('(0) TTY: client of a');
    for (const t of [theirs, ours]) press(t, ['q']);
    await same(theirs, ours, (l) => !l.join('\n').includes('client of a'));
    // confirm-before's own prompt names the first command, by its full name.
    for (const run of [(x: string[]) => tm!.ok(x), (x: string[]) => sb!.ok(x)]) await run(['confirm-before', '-b', 'killw -t a:1; display x']);
    await same(theirs, ours, "Confirm 'kill-window'? (y/n)");
    for (const t of [theirs, ours]) press(t, ['n']);
    await same(theirs, ours, (l) => !l.join('\n').includes('Confirm'));
  }, 60_000);

  it('choose-tree -N -f -F: the filter keeps windows with a matching pane, f shows it for editing, -F formats the lines', async () => {
    const { theirs, ours } = await start();
    for (const t of [theirs, ours]) press(t, ['C-b', ':']);
    await same(theirs, ours, (lines) => lines[23]!.trimEnd() === ':');
    const cmd = `choose-tree -N -f '#{==:#{window_name},two}' -F '#{?pane_format,P#{pane_index},#{?window_format,W#{window_name},S#{session_name}}}'`;
    for (const t of [theirs, ours]) press(t, [cmd, 'Enter']);
    const lines = await same(theirs, ours, '(3)     └─> 1: P1');
    expect(lines.slice(0, 4).map((l) => l.slice(41).trimEnd())).toEqual(['(0) - a: Sa', '(1) └─> - 1: Wtwo', '(2)     ├─> 0: P0', '(3)     └─> 1: P1']);
    for (const t of [theirs, ours]) press(t, ['f']);
    await same(theirs, ours, '(filter) #{==:#{window_name},two}');
  }, 60_000);

  it('choose-tree shows one session of each session group (the client\'s own, else the first); -G shows them all', async () => {
    const GROUPS = [...SETUP, ['new-session', '-d', '-t', 'a', '-s', 'a2'], ['new-session', '-d', '-t', 'b', '-s', 'b2'], ['new-session', '-d', '-t', 'b', '-s', 'b3']];
    const { theirs, ours } = await start(GROUPS);
    const open = async (cmd: string, marker: string): Promise<string[]> => {
      for (const t of [theirs, ours]) press(t, ['C-b', ':']);
      await same(theirs, ours, (lines) => lines[23]!.trimEnd() === ':');
      for (const t of [theirs, ours]) press(t, [cmd, 'Enter']);
      // Drawn over the active pane (the right half): the lines from column 41.
      return (await same(theirs, ours, marker)).map((l) => l.slice(41).trimEnd()).filter(Boolean);
    };
    expect(await open('choose-tree -s -N', '(1) + b:')).toEqual(['(0) + a: 2 windows (group a: a,a2) (att', '(1) + b: 1 windows (group b: b,b2,b3)']);
    for (const t of [theirs, ours]) press(t, ['q']);
    await same(theirs, ours, (lines) => !lines.join('\n').includes('(0) + a:'));
    expect((await open('choose-tree -s -N -G', '(4) + b3:')).map((l) => l.slice(0, 8))).toEqual(['(0) + a:', '(1) + b:', '(2) + a2', '(3) + b2', '(4) + b3']);
  }, 60_000);
  it('choose-buffer e: the buffer edited in the editor option\'s program, in a popup; the list again after', async () => {
    const { theirs, ours } = await start(THREE_PANES);
    const runs = [(x: string[]) => tm!.ok(x), (x: string[]) => sb!.ok(x)];
    const buffer = async (name: string) => [await tm!.ok(['show-buffer', '-b', name]), await sb!.ok(['show-buffer', '-b', name])];
    for (const run of runs) {
      await run(['set-buffer', '-b', 'one', 'old text']);
      await run(['set', '-g', 'editor', 'sed -i s/old/new/']);
    }
    for (const t of [theirs, ours]) press(t, ['C-b', '=']);
    await same(theirs, ours, '(sort: time)');
    for (const t of [theirs, ours]) press(t, ['e']);
    await waitFor(async () => (await buffer('one')).every((b) => b === 'new text'), 10_000, 'both buffers edited');
    // The editor has exited, its popup closed: the list shows the buffer as it is now.
    const lines = await same(theirs, ours, (l) => l[0]!.includes(': new text') && l.some((x) => x.includes('(sort: time)')));
    expect(lines[0]).toMatch(/^\(0\) one: \d\d:\d\d: new text/);
    // A final newline the editor adds to a buffer that had none is dropped.
    for (const run of runs) await run(['set', '-g', 'editor', "printf 'edited\\n' >"]);
    for (const t of [theirs, ours]) press(t, ['e']);
    await waitFor(async () => (await buffer('one')).every((b) => b === 'edited'), 10_000, 'both buffers edited again');
    await same(theirs, ours, (l) => l[0]!.includes(': edited') && l.some((x) => x.includes('(sort: time)')));
    // An editor that fails changes nothing (it notes each run in a file of its side's, so
    // the list is compared after it has run).
    const ran = ['tmux', 'ccmux'].map((side) => path.join(sb!.dir, `${side}-edits`));
    await tm!.ok(['set', '-g', 'editor', `sh -c 'echo lost > $0; echo ran >> ${ran[0]}; exit 3'`]);
    await sb!.ok(['set', '-g', 'editor', `sh -c 'echo lost > $0; echo ran >> ${ran[1]}; exit 3'`]);
    for (const t of [theirs, ours]) press(t, ['e']);
    await waitFor(() => ran.every((f) => fs.existsSync(f) && fs.readFileSync(f, 'utf8') === 'ran\n'), 10_000, 'both failing editors to run');
    await same(theirs, ours, (l) => l[0]!.includes(': edited') && l.some((x) => x.includes('(sort: time)')) && !l.join('\n').includes('    ┌'));
    expect(await buffer('one')).toEqual(['edited', 'edited']);
  }, 60_000);
  it('#{pane_mode} and #{pane_in_mode} name the view open over a pane (tree-mode, buffer-mode), as tmux\'s pane modes', async () => {
    const { theirs, ours } = await start(THREE_PANES);
    const mode = async () => [await tm!.ok(['display', '-p', '-t', 'a', '[#{pane_mode}] #{pane_in_mode}']), await sb!.ok(['display', '-p', '-t', 'a', '[#{pane_mode}] #{pane_in_mode}'])];
    expect(await mode()).toEqual(['[] 0\n', '[] 0\n']);
    for (const run of [(x: string[]) => tm!.ok(x), (x: string[]) => sb!.ok(x)]) await run(['set-buffer', 'x']);
    for (const t of [theirs, ours]) press(t, ['C-b', '=']);
    await same(theirs, ours, '(sort: time)');
    expect(await mode()).toEqual(['[buffer-mode] 1\n', '[buffer-mode] 1\n']);
    for (const t of [theirs, ours]) press(t, ['q']);
    await same(theirs, ours, (l) => !l.join('\n').includes('(sort: time)'));
    for (const t of [theirs, ours]) press(t, ['C-b', 's']);
    await same(theirs, ours, '(sort: index)');
    expect(await mode()).toEqual(['[tree-mode] 1\n', '[tree-mode] 1\n']);
  }, 60_000);
  it('the prefix key redraws the status line: #{client_prefix} and #{client_key_table} while in the prefix table, and after', async () => {
    const setup = SETUP.map((step) => (step[2] === 'status-right' ? ['set', '-g', 'status-right', '#{?client_prefix,PFX,---} #{client_key_table}'] : step));
    const { theirs, ours } = await start(setup);
    await same(theirs, ours, '--- root');
    press(theirs, ['C-b']);
    press(ours, ['C-b']);
    await same(theirs, ours, 'PFX prefix');
    const F = ['list-clients', '-F', '#{client_prefix} #{client_key_table}'];
    expect((await sb!.ok(F)).trim()).toBe((await tm!.ok(F)).trim());
    // Another key leaves the prefix table: the status line is drawn again.
    press(theirs, ['C-b']);
    press(ours, ['C-b']);
    await same(theirs, ours, '--- root');
    expect((await sb!.ok(F)).trim()).toBe('0 root');
  });
});
