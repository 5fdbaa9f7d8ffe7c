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
import { hasTmux } from './harness.js';
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
});
