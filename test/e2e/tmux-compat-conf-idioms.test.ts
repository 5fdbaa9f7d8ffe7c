/*
 * Side by side with tmux 3.3a: idioms of real users' tmux.conf files that a corpus of 65
 * of them (public dotfiles, run through both) showed ccmux reading differently. The same
 * file is sourced by both; the bindings, options and environment it sets are read back.
 *   - a variable set by the file (`is_vim="…"`, `color=…`, `%hidden`) and used by the lines
 *     after it — in if-shell, in styles, inside `{ }` groups (vim-tmux-navigator's snippet);
 *   - a single-quoted value continued with backslash-newline, and quoted text over several
 *     lines with indentation and comment lines inside;
 *   - `~` first inside double quotes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let sbs: SideBySide | undefined;

afterEach(async () => {
  await sbs?.dispose();
  sbs = undefined;
});

const CONF = `# variables the file sets for itself
is_vim="ps -o state= -o comm= -t '#{pane_tty}' | grep -iqE '^[^TXZ ]+ +(\\\\S+\\\\/)?g?(view|n?vim?x?)(diff)?$'"
bind-key -n C-h if-shell "$is_vim" "send-keys C-h" "select-pane -L"
bind-key -n C-j if-shell "$is_vim" 'send-keys C-j' 'select-pane -D'
accent=colour39
set -g mode-style "fg=black,bg=$accent"
set -g status-left "#[fg=$accent]#S "
%hidden PLUGDIR="$HOME/plugins"
bind-key P run-shell "\${PLUGDIR}/update.sh"
bind-key B { display-message "$accent" ; set -g @from-block "$accent" }
set -g @unset "[$NOT_SET_ANYWHERE]"
# continued and multi-line quoted values
set -g status-right 'one \\
two'
set -g @multi "a
   # a comment inside the quotes
   b"
set -g @path "~/Documents/Log"
set -g @nopath "x~/y"
`;

describe.skipIf(!hasTmux())('real configs\' idioms, side by side with tmux 3.3a', () => {
  it('variables the file sets, line continuations in quotes, ~ in double quotes read as tmux reads them', async () => {
    sbs = await new SideBySide().start();
    const conf = path.join(sbs.sb.dir, 'idioms.conf');
    fs.writeFileSync(conf, CONF);
    const steps: Step[] = [
      ['source-file', conf],
      ['list-keys', '-T', 'root', 'C-h'],
      ['list-keys', '-T', 'root', 'C-j'],
      ['list-keys', '-T', 'prefix', 'P'],
      ['list-keys', '-T', 'prefix', 'B'],
      ['show', '-gv', 'mode-style'],
      ['show', '-gv', 'status-left'],
      ['show', '-gv', 'status-right'],
      ['show', '-gv', '@unset'],
      ['show', '-gv', '@multi'],
      ['show', '-gv', '@path'],
      ['show', '-gv', '@nopath'],
      ['showenv', '-g', 'accent'],
      ['showenv', '-gh', 'PLUGDIR'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.join('\n')).toContain("if-shell \"ps -o state=");
    expect(theirs.join('\n')).toContain('fg=black,bg=colour39');
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('source-file -v and -nv print each line\'s commands with where they are, as tmux prints them', async () => {
    sbs = await new SideBySide().start();
    const conf = path.join(sbs.sb.dir, 'verbose.conf');
    fs.writeFileSync(conf, 'set -g @a 1\nbind x display hi \\; set -g @b 2\nset -g @e 5 ; setw -g mode-keys vi\n%if 1\nset -g @d "a b"\n%endif\n');
    const { theirs, ours } = await sbs.both([['source-file', '-v', conf], ['source-file', '-nv', conf], ['show', '-gv', '@d']]);
    expect(theirs[0]).toContain(`${conf}:3: set-option -g @e 5 ; set-window-option -g mode-keys vi\n${conf}:5: set-option -g @d "a b"`);
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('pane-title-changed runs when a program sets its pane title and on select-pane -T', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['set-hook', '-g', 'pane-title-changed', 'set -gaF @titles "[#{pane_title}]"'],
      ['select-pane', '-t', 'keep', '-T', 'given'],
      ['show', '-gv', '@titles'],
      ['send-keys', '-t', 'keep', "printf '\\033]2;from-program\\007'", 'Enter'],
      { poll: ['show', '-gv', '@titles'], until: /from-program/ },
      ['display', '-p', '-t', 'keep', '#{pane_title}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('show -gv @titles → 0: [given]');
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('values real configs set: key names in any case, colours tmux knows, a large history-limit, default-shell checked, xterm-keys, $_ in jobs', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['set', '-g', 'prefix', 'C-space'],
      ['show', '-g', 'prefix'],
      ['set', '-g', 'prefix2', 'M-tab'],
      ['show', '-g', 'prefix2'],
      ['set', '-g', 'prefix2', 'C-bogus'],
      ['set', '-g', 'prefix2', '^A'],
      ['show', '-g', 'prefix2'],
      ['set', '-s', 'backspace', '^?'],
      ['show', '-s', 'backspace'],
      ['set', '-g', 'status-style', 'fg=2,bg=terminal'],
      ['show', '-g', 'status-style'],
      ['set', '-g', 'status-bg', 'terminal'],
      ['set', '-g', 'message-style', 'fg=orange,bg=DarkSlateGray4'],
      ['show', '-g', 'message-style'],
      ['set', '-g', 'mode-style', 'fg=97,bg=8'],
      ['set', '-g', 'history-limit', '10000000'],
      ['show', '-g', 'history-limit'],
      ['set', '-g', 'default-shell', '/no/such/shell'],
      ['set', '-g', 'default-shell', 'sh'],
      ['set', '-g', 'default-shell', '/bin/sh'],
      ['show', '-g', 'default-shell'],
      ['setw', '-g', 'xterm-keys', 'on'],
      ['show', '-gw', 'xterm-keys'],
      // An option by a prefix of its name, or its -color spelling, as tmux's options_match.
      ['set', '-s', 'focus-event', 'on'],
      ['show', '-s', 'focus-ev'],
      ['set', '-g', 'status-l', 'x'],
      ['show', '-g', 'status-le'],
      ['set', '-gw', 'clock-mode-color', 'red'],
      ['show', '-gw', 'clock-mode-colour'],
      // Variables status lines and scripts read: the stack of windows, the sessions a window is current in.
      ['new-window', '-d', '-t', 'keep'],
      ['new-window', '-t', 'keep'],
      ['select-window', '-t', 'keep:0'],
      ['new-session', '-d', '-s', 'grouped', '-t', 'keep'],
      ['display', '-p', '-t', 'keep', '#{next_session_id} #{session_stack} #{window_stack_index} #{window_active_sessions} #{window_active_sessions_list}'],
      ['list-windows', '-t', 'keep', '-F', '#{window_index} #{window_stack_index} #{window_active_sessions_list}'],
      // The command a pane was given, as tmux prints it; nothing for the default shell.
      ['new-window', '-d', '-t', 'keep:7', '--', 'sleep', '100'],
      ['new-window', '-d', '-t', 'keep:8', 'sleep 100; echo "x y"'],
      ['list-panes', '-s', '-t', 'keep', '-F', '#{window_index} [#{pane_start_command}]'],
      // split-window -p N, older tmux's -l N%.
      ['split-window', '-d', '-t', 'keep', '-p', '25'],
      ['list-panes', '-t', 'keep', '-F', '#{pane_index} #{pane_height}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('show -g prefix → 0: prefix C-Space');
    expect(ours).toEqual(theirs);
    // A job's $_ is tmux (tmux's jobs inherit it from the shell that started tmux; here the
    // test started tmux with none, so only ccmux's is checked): the shim, saying 3.3a.
    expect((await sbs.ccmux(['run-shell', '$_ -V'])).out).toBe('tmux 3.3a\n');
  }, 60_000);

  it('set-clipboard: external (the default) ignores a program\'s OSC 52; on makes it a paste buffer and runs pane-set-clipboard', async () => {
    sbs = await new SideBySide().start();
    const osc = (b64: string): Step => ['send-keys', '-t', 'keep', `printf '\\033]52;c;${b64}\\007'`, 'Enter'];
    const steps: Step[] = [
      ['show', '-s', 'set-clipboard'],
      ['send-keys', '-t', 'keep', "PS1='$ '; clear", 'Enter'], // one prompt in both shells
      ['set-hook', '-g', 'pane-set-clipboard', 'set -g @clip yes'],
      osc('aWdub3JlZA=='), // "ignored"
      ['send-keys', '-t', 'keep', 'echo done-one', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'keep'], until: /^done-one$/m },
      ['list-buffers', '-F', '#{buffer_sample}'],
      ['set', '-s', 'set-clipboard', 'on'],
      ['show', '-s', 'set-clipboard'],
      osc('aGVsbG8gdGhlcmU='), // "hello there"
      { poll: ['list-buffers', '-F', '#{buffer_sample}'], until: /hello there/ },
      ['show', '-gv', '@clip'],
      osc('bm90IGJhc2U2NCE'), // not a multiple of 4: ignored
      ['set', '-s', 'set-clipboard', 'off'],
      ['show', '-s', 'set-clipboard'],
      ['list-buffers', '-F', '#{buffer_sample}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('show -s set-clipboard → 0: set-clipboard external');
    expect(ours).toEqual(theirs);
    // And the text reaches the terminal of a client showing the pane, as its Ms (OSC 52 with no selection, as tmux).
    expect((await sbs.ccmux(['set', '-s', 'set-clipboard', 'on'])).code).toBe(0);
    const t = await sbs.terminal('ccmux', ['attach', '-t', 'keep']);
    await t.waitForScreen(/\[keep\]/);
    expect((await sbs.ccmux(['send-keys', '-t', 'keep', "printf '\\033]52;c;Y29waWVk\\007'", 'Enter'])).code).toBe(0);
    await waitFor(() => t.output.includes('\x1b]52;;Y29waWVk\x07'), 10_000, 'the client to be sent the clipboard (its Ms, as tmux)');
  }, 60_000);
});

