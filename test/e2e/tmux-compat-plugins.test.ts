/*
 * Shell jobs side by side with tmux 3.3a: the `#(command)` jobs of the status line (their
 * output drawn in place, the command's formats expanded first, the last line kept, what
 * is left without a newline at the end) and what a job's own `tmux` reaches — a plugin
 * run by run-shell from the start-up configuration, as tpm runs its plugins, calling
 * `tmux -V`, `show-option`, `set-option` and `set-environment` back into the server that
 * runs it while that server is still reading its configuration — and what a theme's
 * files rely on: `source -F "#{d:current_file}/…"`, `${NAME}` of a %hidden in a %if,
 * `#{version}`, and style options that are formats.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, pidAlive, waitFor } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

/** Each cell of the terminal's last row as text. */
function lastRow(t: { screen(): string[] }): string {
  const s = t.screen();
  return s[s.length - 1] ?? '';
}

describe.skipIf(!hasTmux())('#() jobs, side by side with tmux 3.3a', () => {
  it('draws the output of status-line jobs as tmux does', async () => {
    both = await new SideBySide().start();
    const setup = [
      ['new', '-d', '-s', 's', '-x', '70', '-y', '9', '-n', 'one'],
      ['new-window', '-d', '-t', 's', '-n', 'two'],
      ['set', '-g', '@word', 'opt'],
      ['set', '-g', 'status-left', '[#(echo "L-#{session_name}")] '],
      ['set', '-g', 'status-right-length', '60'],
      // the command's formats expanded first; the last complete line; a tail with no newline; no output at all
      ['set', '-g', 'status-right', '#(echo "#{@word}")|#(printf "first\\nsecond\\n")|#(printf "a\\ntail")|#(true)|#(echo "#[fg=red]x")'],
      ['set', '-g', 'window-status-format', '#I:#(echo "w#{window_index}")'],
      ['set', '-g', 'window-status-current-format', '#I:#(echo "c#{window_name}")'],
    ];
    for (const step of setup) {
      expect((await both.ccmux(step)).code, step.join(' ')).toBe(0);
      expect((await both.tmux(step)).code, step.join(' ')).toBe(0);
    }
    const ours = await both.sb.terminal(['attach', '-t', 's'], 70, 10);
    const theirs = await both.sb.terminal(['-L', both.tmuxName, '-f', '/dev/null', 'attach', '-t', 's'], 70, 10, { program: 'tmux', env: { TMUX_TMPDIR: both.sb.dir } });
    // Every job has printed once both rows show the last of them (the red x).
    const done = (lines: string[]) => /x *$/.test(lines[9] ?? '') && (lines[9] ?? '').includes('L-s');
    await theirs.waitForScreen(done);
    await ours.waitForScreen((lines) => lines[9] === lastRow(theirs));
    expect(lastRow(ours)).toContain('[L-s] 0:cone 1:w1');
    expect(lastRow(ours)).toMatch(/opt\|second\|tail\|\|x$/);
    expect(lastRow(ours)).toBe(lastRow(theirs));
  }, 90_000);

  it('runs a start-up plugin whose tmux calls reach the server reading the configuration', async () => {
    both = new SideBySide();
    const dir = both.sb.dir;
    const plugin = path.join(dir, 'plugin.tmux');
    fs.writeFileSync(
      plugin,
      [
        '#!/bin/sh',
        'v=$(tmux -V | cut -d" " -f2)',
        'x=$(tmux show-option -gqv @in)',
        'tmux set-option -g @out "got-$x"',
        'tmux set-environment -g PLUGIN_PATH /plugins/',
        'tmux set-option -g status-right "#{@out} $v"',
        'tmux bind-key -T prefix y display-message "from the plugin"',
        'echo "$TMUX" | cut -d, -f3 > "$(dirname "$0")/session-id.${CCMUX:+ccmux}"',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const conf = path.join(dir, 'plugins.conf');
    fs.writeFileSync(conf, `set -g @in hello\nrun-shell '${plugin}'\n`);
    const tmuxPidOf = async (): Promise<number> => Number((await both!.tmux(['display-message', '-p', '#{pid}'])).out.trim());
    // tmux with this configuration (after its -f /dev/null) and ccmux with it alone.
    expect((await both.tmux(['-f', conf, 'new-session', '-d', '-s', 'keep', '-x', '80', '-y', '24'], { TMUX_TMPDIR: dir })).code).toBe(0);
    const tmuxPid = await tmuxPidOf();
    expect((await both.ccmux(['-f', conf, 'new-session', '-d', '-s', 'keep', '-x', '80', '-y', '24'])).code).toBe(0);
    const steps = [
      ['show-option', '-gv', '@out'],
      ['show-environment', '-g', 'PLUGIN_PATH'],
      ['show-option', '-gv', 'status-right'],
      ['list-keys', '-T', 'prefix', 'y'],
    ];
    // tmux runs a start-up run-shell before its first command too, so both are done by now.
    const theirs = await Promise.all(steps.map((s) => both!.tmux(s)));
    const ours = await Promise.all(steps.map((s) => both!.ccmux(s)));
    expect(theirs.map((r) => r.out.trim())).toEqual(['got-hello', 'PLUGIN_PATH=/plugins/', '#{@out} 3.3a', expect.stringContaining('display-message "from the plugin"')]);
    expect(ours.map((r) => r.out.trim().replace(/ +/g, ' '))).toEqual(theirs.map((r) => r.out.trim().replace(/ +/g, ' ')));
    // A job of a session-less start-up names no session in TMUX, as tmux's -1.
    expect(fs.readFileSync(path.join(dir, 'session-id.'), 'utf8').trim()).toBe('-1');
    expect(fs.readFileSync(path.join(dir, 'session-id.ccmux'), 'utf8').trim()).toBe('-1');
    await both.tmux(['kill-server']);
    await waitFor(() => !pidAlive(tmuxPid), 10_000, 'the tmux server to exit');
  }, 90_000);

  it("sources a theme's parts as tmux does: current_file, ${NAME} in %if, #{version}, style formats", async () => {
    both = await new SideBySide().start();
    const dir = path.join(both.sb.dir, 'theme');
    fs.mkdirSync(path.join(dir, 'parts'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'theme.conf'),
      [
        '%hidden MOD="app"',
        'set -g @app_color "#eba0ac"',
        'set -gF @here "#{b:current_file}"',
        'source -F "#{d:current_file}/parts/part.conf"',
        '%if "#{>=:#{version},3.2}"',
        '  set -g @modern yes',
        '%else',
        '  set -g @modern no',
        '%endif',
        'set -g pane-active-border-style "#{?pane_in_mode,fg=yellow,fg=#{@app_color}}"',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'parts', 'part.conf'),
      [
        '%if "#{==:#{@st_${MOD}_bg},}"',
        '  set -gqF "@st_${MOD}_bg" "#{@${MOD}_color}"',
        '%endif',
        'set -gF "@part_${MOD}" "#{b:current_file} in #{b:#{d:current_file}}"',
        '',
      ].join('\n'),
    );
    const steps = [
      ['source-file', path.join(dir, 'theme.conf')],
      ['show-options', '-g', '@here'],
      ['show-options', '-g', '@st_app_bg'],
      ['show-options', '-g', '@part_app'],
      ['show-options', '-g', '@modern'],
      ['show-options', '-gv', 'pane-active-border-style'],
      ['display-message', '-p', '#{current_file}'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs).toEqual([
      `source-file ${path.join(dir, 'theme.conf')} → 0: `,
      'show-options -g @here → 0: @here theme.conf',
      'show-options -g @st_app_bg → 0: @st_app_bg "#eba0ac"',
      // b: of a format, not a variable's name, is the format's value as it is (tmux's way)
      `show-options -g @part_app → 0: @part_app "part.conf in ${path.join(dir, 'parts')}"`,
      'show-options -g @modern → 0: @modern yes',
      'show-options -gv pane-active-border-style → 0: #{?pane_in_mode,fg=yellow,fg=#{@app_color}}',
      'display-message -p #{current_file} → 0: ',
    ]);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('saves and restores the way tmux-resurrect does: its formats, a named window, a layout string on a detached session', async () => {
    both = await new SideBySide().start();
    // tmux-resurrect's save: list-panes -a -F with its fields, and each window's own automatic-rename.
    const paneFormat = '#{session_name}\t#{window_index}\t#{window_active}\t:#{window_flags}\t#{pane_index}\t:#{pane_current_path}\t#{pane_active}\t#{pane_current_command}';
    const windowFormat = '#{session_name}\t#{window_index}\t:#{window_name}\t#{window_active}\t:#{window_flags}\t#{window_layout}';
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'work', '-x', '100', '-y', '30', '-c', '/tmp'],
      ['split-window', '-h', '-t', 'work', '-c', '/usr'],
      ['new-window', '-d', '-t', 'work', '-n', 'logs', '-c', '/'],
      // A new pane's path and command (and so an automatic window name) are its foreground
      // process's: until the forked child has exec'd the shell tmux reads no path and "tmux".
      // Each shell running where it was made, then work:0 renamed after it, before they are read.
      { poll: ['list-panes', '-a', '-F', '#{pane_current_path} #{pane_current_command}', '-f', '#{==:#{session_name},work}'], until: /^\/tmp sh\n\/usr sh\n\/ sh\n$/ },
      { poll: ['list-windows', '-t', 'work', '-F', '#{window_index}:#{window_name}'], until: /^0:sh$/m },
      ['list-panes', '-a', '-F', paneFormat, '-f', '#{!=:#{session_name},keep}'],
      ['list-windows', '-a', '-F', windowFormat, '-f', '#{!=:#{session_name},keep}'],
      ['show-window-options', '-v', '-t', 'work:1', 'automatic-rename'],
      ['show-window-options', '-v', '-t', 'work:0', 'automatic-rename'],
      // the restore: a detached session made anew, then its layout string
      ['kill-session', '-t', 'work'],
      ['new-session', '-d', '-s', 'work', '-c', '/tmp'],
      ['split-window', '-h', '-t', 'work', '-c', '/usr'],
      ['select-layout', '-t', 'work:0', '6b8b,100x30,0,0{50x30,0,0,0,49x30,51,0,1}'],
      ['list-windows', '-t', 'work', '-F', '#{window_index} #{window_width}x#{window_height} #{window_layout}'],
      // an empty target is the current one: no client here, as in tmux
      ['switch-client', '-t', ''],
      ['display-message', '-p', '-t', '', '#{session_name}'],
      // list filters, as scripts use them
      ['list-sessions', '-F', '#{session_name}', '-f', '#{==:#{session_name},work}'],
      ['set-buffer', '-b', 'mybuf', 'hello there'],
      ['set-buffer', 'other'],
      ['list-buffers', '-F', '#{buffer_name} #{buffer_size} #{buffer_sample}', '-f', '#{==:#{buffer_name},mybuf}'],
      ['list-buffers', '-F', '#{buffer_size}'],
      // a sessionizer's names: `.` and `:` become `_`; -t= is exact; session_path is where it was made
      ['new-session', '-d', '-s', 'my.proj:x', '-c', '/usr'],
      ['has-session', '-t=my_proj_x'],
      ['has-session', '-t=my_proj'],
      ['rename-session', '-t', 'my_proj_x', 'v1.2'],
      ['list-sessions', '-F', '#{session_name} #{session_path}', '-f', '#{m:v1*,#{session_name}}'],
    ];
    const { theirs, ours } = await both.both(steps);
    // pane ids differ (each server numbers its own); the rest is the same
    const ids = (lines: string[]) => lines.map((l) => l.replace(/(,\d+x\d+,\d+,\d+),\d+/g, '$1,N').replace(/^[0-9a-f]{4},/gm, 'XXXX,').replace(/([ \t])[0-9a-f]{4},(\d+x\d+)/g, '$1XXXX,$2'));
    expect(ids(ours)).toEqual(ids(theirs));
    expect(theirs[7]).toBe('show-window-options -v -t work:1 automatic-rename → 0: off');
    expect(theirs[13]).toMatch(/→ 0: 0 100x30 /);
  }, 90_000);
});
