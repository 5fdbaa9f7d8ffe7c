/*
 * The window, pane and client commands side by side with tmux 3.3a: the same script
 * through a private tmux server and through ccmux, at the same size; what each step
 * printed, and the windows and panes read back with list-windows / list-panes -F, must
 * be the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
import { script, startBoth, type Run, type SideBySide } from './lib/side-by-side.js';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.stop();
  both = undefined;
});

const LSW = (s: string) => ['list-windows', '-t', s, '-F', '#{window_index}:#{window_name}#{window_flags}'];

/** Session `s` with windows w0..w3 (w3 current, w2 last), the same in both. */
function fourWindows(s: string): string[][] {
  return [
    ['new-session', '-d', '-s', s, '-n', 'w0', '-x', '80', '-y', '24'],
    ['new-window', '-d', '-t', s, '-n', 'w1'],
    ['new-window', '-t', s, '-n', 'w2'],
    ['new-window', '-t', s, '-n', 'w3'],
  ];
}

describe.skipIf(!hasTmux())('window commands side by side with tmux 3.3a', () => {
  it('move-window: indexes, -k, -a/-b, -d, sessions, errors, -r and renumber-windows', async () => {
    both = await startBoth();
    const steps = [
      ...fourWindows('a'),
      ['new-session', '-d', '-s', 'b', '-n', 'b0'],
      LSW('a'),
      ['move-window', '-s', 'a:1', '-t', 'a:7'], LSW('a'),
      ['move-window', '-d', '-s', 'a:3', '-t', 'a:5'], LSW('a'),
      ['move-window', '-s', 'a:0', '-t', 'a:2'],
      ['move-window', '-s', 'a:0', '-t', 'a:0'],
      ['move-window', '-k', '-s', 'a:0', '-t', 'a:2'], LSW('a'),
      ['move-window', '-a', '-s', 'a:7', '-t', 'a:2'], LSW('a'),
      ['move-window', '-b', '-d', '-s', 'a:5', '-t', 'a:2'], LSW('a'),
      ['move-window', '-s', 'a:2', '-t', 'b:'], LSW('a'), LSW('b'),
      ['move-window', '-d', '-s', 'a:3', '-t', 'b:5'], LSW('a'), LSW('b'),
      ['move-window', '-r', '-t', 'b'], LSW('b'),
      ['move-window', '-s', 'b:0', '-t', 'a:9'],
      ['move-window', '-s', 'a:9', '-t', 'nosuch:1'],
      ['move-window', '-s', 'a:99', '-t', 'b:'],
      ['move-window', '-x'],
      // renumber-windows: the session a window leaves is renumbered when no -s was given.
      ['set', '-g', 'renumber-windows', 'on'],
      ['select-window', '-t', 'b:1'],
      ['move-window', '-s', 'b:1', '-t', 'b:8'], LSW('b'),
      ['kill-window', '-t', 'a:4'], LSW('a'),
      ['list-sessions', '-F', '#{session_name} #{session_windows}'],
    ];
    const theirs = await script(both.tmux, steps);
    const ours = await script(both.ccmux, steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('move-window with no -s moves the current window, renumbering the session it left', async () => {
    both = await startBoth();
    const steps = [
      ...fourWindows('a'),
      ['set', '-g', 'renumber-windows', 'on'],
      ['new-session', '-d', '-s', 'b', '-n', 'b0'],
      // The most recent session is b; its current window moves.
      ['move-window', '-t', 'a:9'], LSW('a'),
      ['select-window', '-t', 'a:1'],
      ['move-window', '-d', '-t', 'a:12'], LSW('a'),
      ['move-window', '-t', 'keep:'], LSW('a'), LSW('keep'),
    ];
    expect(await script(both.ccmux, steps)).toEqual(await script(both.tmux, steps));
  }, 60_000);

  it('swap-window: the current window stays at its index; -d makes the moved windows current; across sessions', async () => {
    both = await startBoth();
    const steps = [
      ...fourWindows('a'),
      ['new-session', '-d', '-s', 'b', '-n', 'b0'],
      ['new-window', '-d', '-t', 'b:', '-n', 'b1'],
      ['swap-window', '-s', 'a:3', '-t', 'a:1'], LSW('a'),
      ['swap-window', '-d', '-s', 'a:0', '-t', 'a:2'], LSW('a'),
      ['swap-window', '-s', 'a:1', '-t', 'b:1'], LSW('a'), LSW('b'),
      ['swap-window', '-d', '-s', 'a:3', '-t', 'b:0'], LSW('a'), LSW('b'),
      ['swap-window', '-s', 'a:3', '-t', 'a:3'], LSW('a'),
      ['swap-window', '-s', 'a:8', '-t', 'a:3'],
      ['swap-window', '-t', 'a:nosuch'],
      ['last-window', '-t', 'a'], LSW('a'),
    ];
    expect(await script(both.ccmux, steps)).toEqual(await script(both.tmux, steps));
  }, 60_000);

  it('rotate-window -U/-D/-Z and previous-layout/next-layout: the same panes in the same places', async () => {
    both = await startBoth();
    const LSP = ['list-panes', '-t', 'r', '-F', '#{pane_index}:#{pane_id} #{pane_left},#{pane_top},#{pane_width}x#{pane_height}#{?pane_active, *,}#{?window_zoomed_flag, Z,}'];
    const ZOOMED = ['list-panes', '-t', 'r', '-F', '#{pane_index}:#{pane_id}#{?pane_active, *,}#{?window_zoomed_flag, Z,}'];
    const steps = [
      ['new-session', '-d', '-s', 'r', '-x', '80', '-y', '24'],
      ['split-window', '-t', 'r', '-h', '-l', '30'],
      ['split-window', '-t', 'r', '-v'],
      ['split-window', '-t', 'r:0.0', '-v', '-l', '5'],
      ['select-pane', '-t', 'r:0.1'], LSP,
      ['rotate-window', '-t', 'r'], LSP,
      ['rotatew', '-t', 'r'], LSP,
      ['rotate-window', '-D', '-t', 'r'], LSP,
      ['resize-pane', '-Z', '-t', 'r'],
      // Zoomed, tmux lists the hidden panes at their unzoomed sizes and ccmux at the window's: ids and flags only.
      ['rotate-window', '-Z', '-t', 'r'], ZOOMED,
      ['rotate-window', '-U', '-t', 'r'], LSP,
      ['previous-layout', '-t', 'r'], LSP,
      ['select-layout', '-t', 'r', 'even-vertical'],
      ['prevl', '-t', 'r'], LSP,
      ['previous-layout', '-t', 'r'], LSP,
      ['next-layout', '-t', 'r'], LSP,
      ['rotate-window', '-t', 'r:7'],
      ['rotate-window', '-X'],
    ];
    expect(await script(both.ccmux, steps)).toEqual(await script(both.tmux, steps));
  }, 60_000);

  it('pipe-pane: -o toggles, #{pane_pipe}, -I types into the pane, -IO; the logs hold the same bytes', async () => {
    both = await startBoth();
    const logs = (dir: string) => ({ one: path.join(dir, 'one.log'), two: path.join(dir, 'two.log'), three: path.join(dir, 'three.log') });
    /** Wait until `file` holds `marker` twice (the pty's echo and cat's line), then read it. */
    const settled = async (file: string, marker: string) =>
      waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').split(marker).length > 2 && fs.readFileSync(file, 'utf8'), 10_000, `${file} to hold ${marker}`);
    const run = async (r: Run, dir: string) => {
      fs.mkdirSync(dir, { recursive: true });
      const l = logs(dir);
      const seen = (text: string) => ({ poll: ['capture-pane', '-p', '-t', 'p'], until: new RegExp(`${text}\\n${text}`) });
      const PIPE = ['display-message', '-p', '-t', 'p', '#{pane_pipe}'];
      const out = await script(r, [
        ['new-session', '-d', '-s', 'p', '-x', '80', '-y', '24', 'cat'],
        PIPE,
        ['pipe-pane', '-t', 'p', `cat >>${l.one}`], PIPE,
        ['send-keys', '-t', 'p', 'one', 'Enter'], seen('one'),
        ['pipe-pane', '-o', '-t', 'p', `cat >>${l.two}`], PIPE,
        ['send-keys', '-t', 'p', 'gap', 'Enter'], seen('gap'),
        ['pipep', '-o', '-t', 'p', `cat >>${l.two}`], PIPE,
        ['send-keys', '-t', 'p', 'two', 'Enter'], seen('two'),
        ['pipe-pane', '-t', 'p'], PIPE,
        ['pipe-pane', '-I', '-t', 'p', "printf 'typed\\n'"], seen('typed'),
        ['pipe-pane', '-IO', '-t', 'p', `cat >${l.three}`],
        ['send-keys', '-t', 'p', 'three', 'Enter'], seen('three'),
        ['pipe-pane', '-X'],
        ['pipe-pane', '-t', 'nosuch', 'cat'],
      ]);
      const files = [await settled(l.one, 'one'), await settled(l.two, 'two'), await settled(l.three, 'three')];
      return [...out.map((x) => x.split(dir).join('DIR')), ...files];
    };
    const theirs = await run(both.tmux, path.join(both.sb.dir, 'tmux-logs'));
    const ours = await run(both.ccmux, path.join(both.sb.dir, 'ccmux-logs'));
    expect(theirs.at(-3)).toBe('one\r\none\r\n');
    expect(ours).toEqual(theirs);
  }, 60_000);
});
