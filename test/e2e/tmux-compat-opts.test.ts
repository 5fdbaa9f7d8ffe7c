/*
 * tmux 3.3a's options that ccmux took last, side by side with tmux: the same script run
 * against both and every step's exit code, output and first error line compared. Array
 * options: items by index with gaps, `set name[N]`, `-a`, `-u name[N]`, `-o`, a whole
 * value split on the option's separator into the first free indexes, a session's own
 * array starting empty, `show` of an array, of one item and of an empty one, and one item
 * in a format.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

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
