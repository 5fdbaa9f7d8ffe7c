/*
 * Side by side with tmux 3.3a: format variables of a pane's terminal and of time —
 * cursor_flag, cursor_character, scroll_region_upper/_lower, pane_tabs, pane_fg/pane_bg,
 * and window_activity/session_activity moving with output and attaching — read back with
 * display-message after the same script in both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let sbs: SideBySide | undefined;

afterEach(async () => {
  await sbs?.dispose();
  sbs = undefined;
});

const TERMINAL = '[#{cursor_character}] #{cursor_flag} #{scroll_region_upper},#{scroll_region_lower} #{pane_tabs}';

describe.skipIf(!hasTmux())('format variables, side by side with tmux 3.3a', () => {
  it("a pane's cursor, scroll region and tab stops", async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh', LANG: 'C.UTF-8' } }).start();
    const steps: Step[] = [
      // A scroll region, tab stops cleared and set at 4 and 11, the cursor hidden on the "b" of "ab".
      ['new-window', '-d', '-t', 'keep:1', "printf 'ab\\033[3;7r\\033[3g\\033[1;5H\\033H\\033[1;12H\\033H\\033[1;2H\\033[?25l'; exec sleep 100"],
      { poll: ['display', '-p', '-t', 'keep:1', '#{cursor_flag}'], until: /^0\n/ },
      ['display', '-p', '-t', 'keep:1', TERMINAL],
      // The right half of a wide character is no character; a blank cell is a space; the defaults.
      ['new-window', '-d', '-t', 'keep:2', "printf '\\346\\274\\242\\033[1;2H'; exec sleep 100"],
      { poll: ['display', '-p', '-t', 'keep:2', '#{cursor_x}'], until: /^1\n/ },
      ['display', '-p', '-t', 'keep:2', TERMINAL],
      ['new-window', '-d', '-t', 'keep:3', "printf '\\033[1;4H'; exec sleep 100"],
      { poll: ['display', '-p', '-t', 'keep:3', '#{cursor_x}'], until: /^3\n/ },
      ['display', '-p', '-t', 'keep:3', TERMINAL],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[2]).toBe(`display -p -t keep:1 ${TERMINAL} → 0: [b] 0 2,6 4,11`);
    expect(ours).toEqual(theirs);
  });

  it("pane_fg and pane_bg: the colours window-style and window-active-style give a pane", async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const both = ['list-panes', '-t', 'keep', '-F', '#{pane_index}:#{pane_active} #{pane_fg},#{pane_bg}'];
    const steps: Step[] = [
      ['split-window', '-d', '-t', 'keep'],
      both,
      ['set', '-g', 'window-style', 'fg=red,bg=colour100'],
      both,
      ['set', '-g', 'window-active-style', 'bg=#102030,bold'],
      both,
      ['set', '-w', '-t', 'keep', 'window-style', 'fg=blue'],
      both,
      ['set', '-p', '-t', 'keep.1', 'window-style', 'fg=#{?pane_active,red,green}'],
      both,
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[5]).toBe(`${both.join(' ')} → 0: 0:1 red,#102030\n1:0 red,colour100`);
    expect(ours).toEqual(theirs);
  });

  it('window_activity moves with a pane\'s output, session_activity with a client attaching', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const since = (v: string) => `#{e|>=:#{e|-:#{${v}},#{session_created}},2}`;
    const steps: Step[] = [
      ['display', '-p', '-t', 'keep', `${since('window_activity')} ${since('session_activity')}`],
      ['new-window', '-d', '-t', 'keep:1', 'sleep 2.2; echo later; exec sleep 100'],
      { poll: ['display', '-p', '-t', 'keep:1', since('window_activity')], until: /^1\n/ },
      ['display', '-p', '-t', 'keep:0', since('window_activity')],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[0]).toMatch(/→ 0: 0 0$/);
    expect(ours).toEqual(theirs);
    // Attaching is activity of the session (tmux's session_update_activity), two seconds on.
    await sbs.attach();
    for (const which of ['tmux', 'ccmux'] as const) {
      expect(await sbs.ok(which, ['display', '-p', '-t', 'keep', since('session_activity')])).toBe('1\n');
    }
  });

  it('display-message -a lists the variables with a value, as tmux; a -t naming nothing expands with what of it was found', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const steps: Step[] = [
      ['display', '-p', '-t', 'nosuch', 'v=#{version} p=#{pane_id}.'],
      ['display', '-p', '-t', 'keep', '#{session_format}#{window_format}#{pane_format} #{S:#{session_format}#{window_format}#{pane_format}} #{W:#{window_format}} #{P:#{pane_format}}'],
      ['display', '-p', '-t', 'keep', '#{session_last_attached} #{window_cell_width}x#{window_cell_height} #{pane_path}.'],
      ['display', '-p', '-t', 'keep', '#{buffer_mode_format}|#{client_mode_format}|#{tree_mode_format}'],
      // What of a -t was found is used: a session's current window, a window's active pane.
      ['new-window', '-d', '-t', 'keep:5', '-n', 'x.y'],
      ...['keep:nosuch', 'keep:5.9', 'keep:x.y', 'nosuch:0', 'nosuch:0.1', '5.9', 'keep:5'].map((t): Step => ['display', '-p', '-t', t, '[#{session_name}:#{window_index}.#{pane_index} #{window_name}]']),
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[0]).toBe('display -p -t nosuch v=#{version} p=#{pane_id}. → 0: v=3.3a p=.');
    expect(ours).toEqual(theirs);
    // The names -a lists: tmux's, but those ccmux keeps nothing for (the alternate screen's
    // saved cursor, tmux's grid sizes, the #{command} of its format tree) and a pane's
    // current path (tmux finds none in this sandbox).
    const leftOut = /^(alternate_saved_[xy]|history_(all_)?bytes|command|pane_current_path)=/;
    const names = async (which: 'tmux' | 'ccmux') => (await sbs!.ok(which, ['display', '-a', '-t', 'keep'])).split('\n').filter((l) => l && !leftOut.test(l)).map((l) => l.split('=')[0]);
    const tmuxNames = await names('tmux');
    expect(tmuxNames.length).toBeGreaterThan(100);
    expect(await names('ccmux')).toEqual(tmuxNames);
  });
});
