/*
 * tmux 3.3a's options that ccmux took last, side by side with tmux: the same script run
 * against both and every step's exit code, output and first error line compared. Array
 * options: items by index with gaps, `set name[N]`, `-a`, `-u name[N]`, `-o`, a whole
 * value split on the option's separator into the first free indexes, a session's own
 * array starting empty, `show` of an array, of one item and of an empty one, and one item
 * in a format.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
import { script, SideBySide, type Step } from './lib/side-by-side.js';
import { statusRow } from './lib/status-row.js';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

/** Lines of `argv` words split on spaces (a word may not hold one). */
const words = (text: string): Step[] => text.trim().split('\n').map((l) => l.trim().split(' '));

const arraySteps: Step[] = [
  ...words(`
show -g status-format[1]
show -g status-format[2]
set -g status-format[1] one
show -gv status-format[1]
set -ga status-format[1] +more
show -g status-format[1]
set -ga status-format x,y
show -gv status-format
set -gu status-format[2]
show -gv status-format
set -ga status-format z
show -gv status-format
set -go status-format[1] no
set -go status-format[7] yes
show -g status-format[7]
set -gu status-format
show -g status-format[1]
set -t keep status-format[1] mine
show -t keep status-format
show -A -t keep status-format
show -g status-format[2]
display -p -t keep #{status-format[1]}|#{status-format[3]}|#{user-keys}
show -s user-keys
show -s terminal-overrides
set -s terminal-overrides a:b,c:d=1
show -s terminal-overrides
set -as terminal-overrides ,e:f
show -s terminal-overrides[2]
set -s terminal-overrides[0] new
set -su terminal-overrides[1]
show -s terminal-overrides
set -su terminal-overrides
show -s terminal-overrides
set -s user-keys[3] \\e[99~
show -s user-keys
show -gw pane-colours
set -gw pane-colours[1] color5
set -gw pane-colours[0] #FF0000
set -gw pane-colours[2] Red
set -gw pane-colours[4] nosuchcolour
show -gw pane-colours
set -p -t keep pane-colours[3] blue
show -p -t keep pane-colours
show -pA -t keep pane-colours
show -g update-environment[3]
set -g update-environment[3] FOO
set -gu update-environment[0]
show -g update-environment
set -g @user[1] x
show -g status-left[1]
set -g status-left[1] x
set -g @e1 a$%x#
show -g @e1
set -g @e2 a\${x}$1$Zx$_;
show -g @e2
show -g word-separators
show -gw xterm-keys
setw -g xterm-keys off
show -gw xterm-keys
show -s editor
show -gw cursor-style
show -s extended-keys
show -g assume-paste-time
show -s command-alias[0]
set -s command-alias[0] zz=list-sessions
show -s command-alias[0]
set -su command-alias[1]
show -s command-alias[1]
`),
  ['set', '-s', 'command-alias[9]', 'hi=display -p "hi there"'],
  ['hi'],
  ['show', '-s', 'command-alias[9]'],
  ['set', '-g', 'status-format[1]', '#[align=right]a b'],
  ['show', '-g', 'status-format[1]'],
  ['set', '-g', 'status-format', 'p q,r'],
  ['show', '-g', 'status-format'],
];

describe.skipIf(!hasTmux())('array options, side by side with tmux 3.3a', () => {
  it('sets, appends to, removes and shows items as tmux does', async () => {
    both = await new SideBySide().start();
    const { theirs, ours } = await both.both(arraySteps);
    expect(theirs.find((l) => l.startsWith('show -gv status-format →'))).toContain('x\ny');
    expect(ours).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('a status-format[0] of your own, side by side with tmux 3.3a', () => {
  it('draws the window list of tmux\'s default format edited, cut around the current window with its markers, as tmux', async () => {
    both = await new SideBySide().start();
    const first = (await both.ok('tmux', ['show', '-gv', 'status-format[0]'])).trimEnd();
    const mine = `#[fg=red]X#[default]${first}`;
    const setup: Step[] = [
      ['new', '-d', '-s', 's', '-x', '50', '-y', '6', '-n', 'window-zero'],
      ...['one', 'two', 'three', 'four', 'five', 'six'].map((n) => ['new-window', '-d', '-t', 's', '-n', `window-${n}`]),
      ['select-window', '-t', 's:4'],
      ['set', '-g', 'status-right', '#[fg=blue]R'],
      ['set', '-g', 'status-style', 'bg=green,fg=black'],
      ['set', '-g', 'window-status-current-style', 'fg=yellow,bold'],
      ['set', '-g', 'window-status-format', '#I:#W#{?window_flags,#{window_flags}, }'],
      ['set', '-g', 'window-status-current-format', '#I:#W#[fg=magenta]#{?window_flags,#{window_flags}, }#[default]@'],
      ['set', '-g', 'status-format[0]', mine],
    ];
    const { theirs, ours } = await both.both(setup);
    expect(ours).toEqual(theirs);
    const o = await both.terminal('ccmux', ['attach', '-t', 's'], 50, 6);
    const t = await both.terminal('tmux', ['attach', '-t', 's'], 50, 6);
    const ready = (lines: string[]) => /R$/.test(lines[5] ?? '') && /^X/.test(lines[5] ?? '');
    await o.waitForScreen(ready);
    await t.waitForScreen(ready);
    expect(t.screen()[5]).toMatch(/<.*4:window-four\*@.*>/);
    expect(statusRow(o)).toBe(statusRow(t));
    const cases: string[][][] = [
      [['set', '-g', 'status-justify', 'centre']],
      [['set', '-g', 'status-justify', 'right']],
      [['set', '-g', 'status-justify', 'absolute-centre']],
      [['set', '-g', 'status-justify', 'left'], ['select-window', '-t', 's:0']],
      [['select-window', '-t', 's:6']],
      [['set', '-g', 'status-format[0]', '#[fill=blue]L#[list=on align=right]#[list=left-marker]{#[list=right-marker]}#[list=on]#{W:#I ,#[list=focus fg=red]#I* #[list=on fg=default]}#[nolist]A#[align=centre push-default fg=white]C#[default]c#[pop-default]#[default]d#[align=right]#{T:status-right}']],
      [['kill-window', '-t', 's:1'], ['kill-window', '-t', 's:2'], ['kill-window', '-t', 's:3'], ['kill-window', '-t', 's:4'], ['kill-window', '-t', 's:5']],
    ];
    // After each case the pane prints a line of its own: a server draws its status line
    // anew before the pane's later output, so once both show it both lines are current
    // (the line may not show status-right: a list in the centre takes the whole line).
    for (const [i, steps] of cases.entries()) {
      for (const step of [...steps, ['send-keys', '-t', 's', `clear; echo M$((${i}+100))`, 'Enter']]) {
        await both.ok('tmux', step);
        await both.ok('ccmux', step);
      }
      const drawn = (lines: string[]) => lines.includes(`M${100 + i}`);
      await t.waitForScreen(drawn);
      await o.waitForScreen(drawn);
      expect(statusRow(o), `${JSON.stringify(steps)}\n${t.screen()[5]}\n${o.screen()[5]}`).toBe(statusRow(t));
    }
  }, 90_000);
});

describe.skipIf(!hasTmux())('remain-on-exit-format, side by side with tmux 3.3a', () => {
  it('draws the dead pane\'s line from the format, on a new last line, styled and placed as tmux', async () => {
    both = await new SideBySide().start();
    // tmux draws the line once it has reaped the program, after #{pane_dead}: wait for the line.
    const drawn = (s: string, line: RegExp): Step => ({ poll: ['capture-pane', '-p', '-t', s], until: line });
    const steps: Step[] = [
      ['set', '-g', 'remain-on-exit', 'on'],
      ['new', '-d', '-s', 'd', '-x', '60', '-y', '5', 'exit 3'],
      drawn('d', /Pane is dead/),
      ['display', '-p', '-t', 'd', '#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{?pane_dead_time,t,}'],
      ['set', '-g', 'remain-on-exit-format', '#[fg=red,bold]gone #{pane_dead_status}#{pane_dead_signal}#[default] #[align=right]#{pane_index}'],
      ['new', '-d', '-s', 'e', '-x', '30', '-y', '3', 'kill -9 $$'],
      drawn('e', /gone/),
      ['display', '-p', '-t', 'e', '#{pane_dead_status}|#{pane_dead_signal}'],
      ['set', '-w', '-t', 'e', 'remain-on-exit-format', ''],
      ['respawn-pane', '-t', 'e', 'exit 4'],
      { poll: ['display', '-p', '-t', 'e', '#{pane_dead_status}'], until: /^4/ },
      ['set', '-p', '-t', 'e', 'remain-on-exit-format', 'pane #{pane_id}'],
      ['show', '-p', '-t', 'e', 'remain-on-exit-format'],
    ];
    const { theirs, ours } = await both.both(steps);
    // tmux's default ends with the time it died (ctime); the two died in different seconds.
    const when = (lines: string[]) => lines.map((l) => l.replace(/, \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\)/, ', TIME)'));
    expect(when(theirs).find((l) => l.startsWith('capture-pane -p -t d'))).toMatch(/Pane is dead \(status 3, TIME\)$/);
    expect(when(ours)).toEqual(when(theirs));
    // After respawn, the empty format draws nothing: the screen stays as the respawn left it.
    expect((await both.ok('ccmux', ['capture-pane', '-p', '-t', 'e'])).trim()).toBe((await both.ok('tmux', ['capture-pane', '-p', '-t', 'e'])).trim());
  }, 90_000);
});

describe.skipIf(!hasTmux())('automatic-rename-format, side by side with tmux 3.3a', () => {
  it('names windows from the format, [tmux] in a mode, and takes the automatic name back with automatic-rename on', async () => {
    both = await new SideBySide().start();
    // tmux renames a window when its active pane prints: these panes print all the time. As
    // tmux's, the format is expanded with no session, so #{session_name} is empty.
    const name = (t: string, until: RegExp): Step => ({ poll: ['display', '-p', '-t', t, '#{window_name}'], until });
    const steps: Step[] = [
      ['new', '-d', '-s', 'a', 'while :; do echo; sleep 0.1; done'],
      name('a', /^(bash|sh|dash|zsh)\n$/),
      ['copy-mode', '-t', 'a'],
      name('a', /^\[tmux\]\n$/),
      ['send', '-X', '-t', 'a', 'cancel'],
      ['setw', '-g', 'automatic-rename-format', '#{?pane_in_mode,M,P}#{pane_index}:#{window_panes}#{?pane_dead,D,}#{session_name}'],
      name('a', /^P0:1\n$/),
      ['split-window', '-d', '-t', 'a', 'while :; do echo; sleep 0.1; done'],
      ['select-pane', '-t', 'a.1'],
      name('a', /^P1:2\n$/),
      ['copy-mode', '-t', 'a.1'],
      name('a', /^M1:2\n$/),
      ['rename-window', '-t', 'a', 'fixed'],
      ['display', '-p', '-t', 'a', '#{window_name}|#{automatic-rename}'],
      ['setw', '-t', 'a', 'automatic-rename', 'on'],
      name('a', /^M1:2\n$/),
      ['setw', '-t', 'a', 'automatic-rename-format', 'own#{pane_index}'],
      name('a', /^own1\n$/),
      ['show', '-w', '-t', 'a'],
      ['setw', '-gu', 'automatic-rename-format'],
      ['setw', '-u', '-t', 'a', 'automatic-rename-format'],
      name('a', /^\[tmux\]\n$/),
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('cursor-style and cursor-colour, side by side with tmux 3.3a', () => {
  it('tells the terminal the options\' cursor until the pane\'s program sets its own, and gives it back at detach', async () => {
    both = await new SideBySide().start();
    const t = both.client('tmux', 'keep', 80, 24);
    const o = both.client('ccmux', 'keep', 80, 24);
    const seen = async (what: string, since: { t: number; o: number }) => {
      await waitFor(() => t.output().indexOf(what, since.t) >= 0, 10_000, `tmux to send ${JSON.stringify(what)}`);
      await waitFor(() => o.output().indexOf(what, since.o) >= 0, 10_000, `ccmux to send ${JSON.stringify(what)}`);
    };
    const mark = () => ({ t: t.output().length, o: o.output().length });
    for (const run of [both.tmux, both.ccmux]) await waitFor(async () => (await run(['display', '-p', '-t', 'keep', '#{session_attached}'])).out.trim() === '1', 10_000, 'clients to attach');
    const step = async (args: string[], expected: string) => {
      const at = mark();
      await both.ok('tmux', args);
      await both.ok('ccmux', args);
      await seen(expected, at);
    };
    await step(['setw', '-g', 'cursor-style', 'underline'], '\x1b[4 q');
    await step(['setw', '-g', 'cursor-colour', '#ff0000'], '\x1b]12;rgb:ff/00/00\x07');
    await step(['set', '-p', '-t', 'keep', 'cursor-style', 'blinking-bar'], '\x1b[5 q');
    await step(['set', '-p', '-t', 'keep', 'cursor-colour', 'colour4'], '\x1b]12;rgb:00/00/80\x07');
    // The program's own style and colour win over the options.
    await step(['send-keys', '-t', 'keep', "printf '\\033[2 q\\033]12;#00ff00\\007'", 'Enter'], '\x1b[2 q');
    await seen('\x1b]12;rgb:00/ff/00\x07', { t: 0, o: 0 });
    await step(['send-keys', '-t', 'keep', "printf '\\033]112\\007\\033[0 q'", 'Enter'], '\x1b]12;rgb:00/00/80\x07');
    await seen('\x1b[5 q', { t: 0, o: 0 });
    for (const run of [both.tmux, both.ccmux]) expect((await run(['show', '-p', '-t', 'keep'])).out).toBe('cursor-colour colour4\ncursor-style blinking-bar\n');
    const at = mark();
    await both.ok('ccmux', ['detach-client', '-s', 'keep']);
    // Both give the terminal its Se (ESC [ 2 q) and Cr.
    await waitFor(() => o.output().indexOf('\x1b[2 q\x1b]112\x07', at.o) >= 0, 10_000, 'ccmux to give the cursor back');
  }, 90_000);
});

describe.skipIf(!hasTmux())('user-keys, side by side with tmux 3.3a', () => {
  it('turns a sequence of the option into the key UserN, which a binding takes and no pane gets', async () => {
    both = await new SideBySide().start();
    const clients = await both.attach('keep');
    const steps: Step[] = [
      ['set', '-s', 'user-keys[0]', '\x1b[99;5~'],
      ['set', '-s', 'user-keys[3]', '\x1bxyz'],
      ['bind', '-n', 'User0', 'set', '-g', '@hit', 'zero'],
      ['bind', '-n', 'User3', 'set', '-ga', '@hit', '+three'],
      ['list-keys', '-T', 'root', 'User0'],
      { keys: 'a\x1b[99;5~b' },
      { poll: ['show', '-gv', '@hit'], until: /^zero/ },
      { keys: '\x1bxyz' },
      { poll: ['show', '-gv', '@hit'], until: /three/ },
      // User1 is unbound: its sequence is a key no pane gets.
      ['set', '-s', 'user-keys[1]', 'Q'],
      { keys: 'cQd\r' },
      { poll: ['capture-pane', '-p', '-t', 'keep'], until: /abcd: not found/ },
    ];
    const { theirs, ours } = await both.both(steps, clients);
    // The command the shell got from the typing (the prompts and the shell's name differ).
    const typed = (lines: string[]) => lines.map((l) => (l.startsWith('capture-pane') ? (/ (\S+): not found/.exec(l)?.[1] ?? l) : l));
    expect(typed(theirs).at(-1)).toBe('abcd');
    expect(typed(ours)).toEqual(typed(theirs));
  }, 90_000);
});

describe.skipIf(!hasTmux())('assume-paste-time, side by side with tmux 3.3a', () => {
  it('sends keys that come faster than typing to the pane, the prefix and its bindings too, until it is 0', async () => {
    both = await new SideBySide().start();
    const clients = await both.attach('keep');
    const windows = (n: number): Step => ({ poll: ['list-windows', '-t', 'keep', '-F', '#I'], until: (out) => out.trim().split('\n').length === n });
    const steps: Step[] = [
      ['show', '-g', 'assume-paste-time'],
      // One write: a, then b (the second fast key, still typed), then C-b c as a paste's.
      { keys: 'ab\x02c' },
      { poll: ['capture-pane', '-p', '-t', 'keep'], until: /ab\^Bc$/m },
      windows(1),
      ['send-keys', '-t', 'keep', 'C-u'],
      ['set', '-g', 'assume-paste-time', '0'],
      { keys: 'ab\x02c' },
      windows(2),
    ];
    const theirs = await script(both.tmux, steps, clients.tmux);
    const ours = await script(both.ccmux, steps, clients.ccmux);
    const screen = (lines: string[]) => lines.map((l) => (l.startsWith('capture-pane') ? (/ab\^Bc$/m.exec(l)?.[0] ?? l) : l));
    expect(screen(ours)).toEqual(screen(theirs));
  }, 90_000);
});

describe.skipIf(!hasTmux())('extended-keys, side by side with tmux 3.3a', () => {
  it('gives a pane C-Enter, S-Enter, C-Tab as CSI u when it asked or was made under always, else a control character or nothing', async () => {
    both = await new SideBySide().start();
    const clients = await both.attach('keep');
    // From the terminal as modifyOtherKeys sends them: C-Enter, S-Enter, C-Tab, C-x, M-C-x.
    const typed = 'A\x1b[27;5;13~B\x1b[27;2;13~C\x1b[27;5;9~D\x1b[27;5;120~E\x1b[27;7;120~F\r';
    // Each block in a window of its own running cat -v: the typed line is echoed, then printed.
    const win = (name: string, cmd: string): Step[] => [['new-window', '-t', 'keep', '-n', name, cmd], { poll: ['display', '-p', '-t', `keep:${name}`, '#{pane_current_command}'], until: /^cat/ }];
    const shown = (name: string): Step => ({ poll: ['capture-pane', '-p', '-t', `keep:${name}`], until: (out) => out.split('\n').filter((l) => l !== '').length >= 2 });
    const steps: Step[] = [
      ...win('plain', 'exec cat -v'),
      { keys: typed },
      shown('plain'),
      // A title after the escape: once the server shows it, it has read the escape too (cat
      // running in the pane says only that printf wrote it, not that the server has read it).
      ...win('asked', "printf '\\033[>4;1m\\033]2;asked\\007'; exec cat -v"),
      { poll: ['display', '-p', '-t', 'keep:asked', '#{pane_title}'], until: /^asked$/m },
      { keys: typed },
      shown('asked'),
      ['send-keys', '-t', 'keep:asked', 'C-Enter', 'S-Enter', 'C-Tab', 'M-C-x', 'C-S-a', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'keep:asked'], until: (out) => out.split('\n').filter((l) => l !== '').length >= 4 },
      ['send-keys', '-t', 'keep:plain', 'x', 'C-Enter', 'C-Tab', 'y', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'keep:plain'], until: (out) => out.split('\n').filter((l) => l !== '').length >= 4 },
      ['send-keys', '-t', 'keep:plain', 'S-Enter', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'keep:plain'], until: (out) => out.split('\n').filter((l) => l !== '').length >= 6 },
      ['set', '-s', 'extended-keys', 'always'],
      ...win('always', 'exec cat -v'),
      { keys: typed },
      shown('always'),
      // A pane made before: not changed by the option.
      ['select-window', '-t', 'keep:plain'],
      { keys: typed },
      { poll: ['capture-pane', '-p', '-t', 'keep:plain'], until: (out) => out.split('\n').filter((l) => l !== '').length >= 8 },
      ['set', '-s', 'extended-keys', 'off'],
      ['send-keys', '-t', 'keep:always', 'C-Enter', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'keep:always'], until: (out) => out.split('\n').filter((l) => l !== '').length >= 4 },
      ['show', '-s', 'extended-keys'],
    ];
    const { theirs, ours } = await both.both(steps, clients);
    expect(theirs.join('\n')).toContain('A^[[13;5uB^[[13;2uC^[[9;5uD^XE^[^XF');
    expect(ours).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('pane-colours, side by side with tmux 3.3a', () => {
  it('draws a pane\'s palette colours (foreground, background, 256-colour) as its pane-colours say, a pane\'s own value too', async () => {
    both = await new SideBySide().start();
    const setup: Step[] = [
      ['new', '-d', '-s', 'p', '-x', '40', '-y', '6', "printf '\\033[31mX\\033[32mY\\033[41mZ\\033[38;5;200mW\\033[0m\\n'; exec cat"],
      ['set', '-g', 'pane-colours[1]', 'colour46'],
      ['set', '-g', 'pane-colours[200]', 'blue'],
    ];
    const { theirs, ours } = await both.both(setup);
    expect(ours).toEqual(theirs);
    const o = await both.terminal('ccmux', ['attach', '-t', 'p'], 40, 6);
    const t = await both.terminal('tmux', ['attach', '-t', 'p'], 40, 6);
    /** The four cells X Y Z W: their foreground and background modes and colours. */
    const cells = (x: typeof o) => {
      const line = x.term.buffer.active.getLine(x.term.buffer.active.viewportY)!;
      return [0, 1, 2, 3].map((i) => {
        const c = line.getCell(i)!;
        return `${c.getChars()}${c.getFgColorMode()}:${c.getFgColor()}/${c.getBgColorMode()}:${c.getBgColor()}`;
      }).join(' ');
    };
    for (const x of [o, t]) await x.waitForScreen(/XYZW/);
    await o.waitForScreen(() => cells(o) === cells(t)).catch(() => undefined);
    expect(cells(t)).toContain('X33554432:46'); // the palette's colour, in 256-colour mode
    expect(cells(o)).toBe(cells(t));
    // A pane's own value over the global one.
    for (const step of [['set', '-p', '-t', 'p', 'pane-colours[1]', 'colour99']]) {
      await both.ok('tmux', step);
      await both.ok('ccmux', step);
    }
    await t.waitForScreen(() => cells(t).includes(':99/'));
    await o.waitForScreen(() => cells(o) === cells(t));
    expect(cells(o)).toBe(cells(t));
  }, 90_000);
});

describe.skipIf(!hasTmux())('the server started with $VISUAL or $EDITOR, side by side with tmux 3.3a', () => {
  it('an editor named vi-something gives vi keys, another emacs keys, to the prompt and copy mode; it is the editor option', async () => {
    const keys: Array<[string[], string]> = [];
    for (const env of [{ EDITOR: '/usr/bin/vim' }, { VISUAL: 'nvim', EDITOR: 'nano' }, { EDITOR: 'nano' }]) {
      both = await new SideBySide({ env }).start();
      const steps = [['show', '-gv', 'status-keys'], ['show', '-gwv', 'mode-keys'], ['show', '-gv', 'editor']];
      const { theirs, ours } = await both.both(steps);
      expect(ours).toEqual(theirs);
      keys.push([theirs, JSON.stringify(env)]);
      await both.dispose();
      both = undefined;
    }
    expect(keys.map(([t]) => t[0])).toEqual(['show -gv status-keys → 0: vi', 'show -gv status-keys → 0: vi', 'show -gv status-keys → 0: emacs']);
  });
});
