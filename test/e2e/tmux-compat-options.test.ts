/*
 * Option levels side by side with tmux 3.3a: the same set-option / show-options script
 * (global, session, window and pane values, -A inheritance, -u/-U, -o, -a, toggles, user
 * options at each level and what formats see of them, and the errors) run against both,
 * and every step's exit code, output and first error line compared.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from './harness.js';
import { script, SideBySide } from './lib/side-by-side.js';
import { statusRow } from './lib/status-row.js';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

const steps = `
new -d -s b
show -t b
set -t keep status-left LOCAL
show -t keep status-left
show -t b
show -g status-left
show -t b status-left
show -v -t b status-left
show -A -t b status-left
show -Av -t b status-left
set -t b status-left OTHER
show -t keep status-left
show -t b status-left
set -w -t keep mode-keys emacs
show -w -t keep
show -w -t b
set -t b mode-keys emacs
show -w -t b
setw -g mode-keys vi
showw -g mode-keys
set -gw @gw 5
set -s @sv 6
show -gw @gw
show -g @gw
show -wA -t keep @gw
display -p -t keep #{@gw}|#{@sv}
set -a -t b status-right XX
show -t b status-right
set -o -t keep status-left Y
set -go status-left x
set -go @u x
set -go @u y
set -u -t keep status-left
show -t keep status-left
set -t keep escape-time 5
show -s escape-time
show -g escape-time
set -t b @x 1
set -g @y 2
set -w -t b @z 3
set -p -t b @p 4
show -t b @x
show -g @y
show -w -t b @z
show -p -t b @p
show -wA -t b @y
display -p -t keep #{@x}|#{@y}|#{@z}|#{@p}
display -p -t b #{@x}|#{@y}|#{@z}|#{@p}|#{status-left}|#{mode-keys}
set -p -t keep remain-on-exit failed
show -p -t keep
show -pA -t keep remain-on-exit
show -wA -t keep remain-on-exit
set -w -t keep remain-on-exit on
show -pA -t keep remain-on-exit
set -U -w -t keep remain-on-exit
show -p -t keep
show -w -t keep remain-on-exit
set -p -t keep pane-border-style fg=blue
show -p -t keep
show -w -t keep pane-border-style
set -t nosuch status-left x
show -t nosuch
show nosuchopt
show -q nosuchopt
show -g @nosuch
set -t keep status-left
set -t keep renumber-windows
show -t keep renumber-windows
set -t keep renumber-windows
show -t keep renumber-windows
set -g -t keep base-index 1
show -g base-index
set -gu base-index
show -g base-index
`.trim().split('\n').map((l) => l.split(' '));

describe.skipIf(!hasTmux())('option levels, side by side with tmux 3.3a', () => {
  it('sets and shows global, session, window and pane values as tmux does', async () => {
    both = await new SideBySide().start();
    const theirs = await script(both.tmux, steps);
    const ours = await script(both.ccmux, steps);
    expect(theirs.find((l) => l.startsWith('show -A -t b status-left'))).toContain('status-left* ');
    expect(ours).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('the status line, side by side with tmux 3.3a', () => {
  it('draws window-status formats, styles, separator, status-justify and status-left-length as tmux does', async () => {
    both = await new SideBySide().start();
    const setup = [
      ['new', '-d', '-s', 's', '-x', '60', '-y', '9', '-n', 'one'],
      ['new-window', '-d', '-t', 's', '-n', 'two'],
      ['new-window', '-t', 's', '-n', 'three'],
      ['select-window', '-t', 's:1'],
      ['select-window', '-t', 's:2'],
      ['set', '-g', 'status-style', 'bg=green,fg=black'],
      ['set', '-g', 'status-justify', 'centre'],
      ['set', '-g', 'window-status-format', ' #I #W '],
      ['set', '-g', 'window-status-current-format', '#[fg=red,bold] #I:#W#F #[default]'],
      ['set', '-g', 'window-status-current-style', 'bg=blue'],
      ['set', '-g', 'window-status-last-style', 'fg=white'],
      ['set', '-g', 'window-status-separator', '|'],
      ['set', '-g', 'status-left-length', '5'],
      ['set', '-g', 'status-left', '#[fg=blue]LEFTSIDE-LONG'],
      ['set', '-g', 'status-right-style', 'bg=yellow'],
      ['set', '-g', 'status-right', '#[fg=default]R#[fg=magenta]S'],
    ];
    expect(await script(both.ccmux, setup)).toEqual(await script(both.tmux, setup));
    const ours = await both.sb.terminal(['attach', '-t', 's'], 60, 10);
    const theirs = await both.sb.terminal(['-L', both.tmuxName, '-f', '/dev/null', 'attach', '-t', 's'], 60, 10, { program: 'tmux', env: { TMUX_TMPDIR: both.sb.dir } });
    const ready = (lines: string[]) => /RS$/.test(lines[9] ?? '');
    await ours.waitForScreen(ready);
    await theirs.waitForScreen(ready);
    expect(ours.screen()[9]).toContain('0 one | 1 two | 2:three*');
    expect(statusRow(ours)).toBe(statusRow(theirs));
    for (const justify of ['left', 'right', 'absolute-centre']) {
      const before = theirs.screen()[9];
      await both.ccmux(['set', '-g', 'status-justify', justify]);
      await both.tmux(['set', '-g', 'status-justify', justify]);
      await theirs.waitForScreen((lines) => lines[9] !== before && ready(lines));
      await ours.waitForScreen((lines) => lines[9] === theirs.screen()[9]);
      expect(statusRow(ours), justify).toBe(statusRow(theirs));
    }
  }, 90_000);
});
