/*
 * The window, pane and session flags side by side with tmux 3.3a: new-window -a -b -k -S,
 * next-window/previous-window -a, select-window -T, kill-session -C, select-layout -E -n
 * -p -o, and the others of the pane and session commands. The same script through a
 * private tmux server and through ccmux, at the same size; what each step printed, and
 * the windows and panes read back with list-windows / list-panes -F, must be the same.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

const LSW = (s: string) => ['list-windows', '-t', s, '-F', '#{window_index}:#{window_name}#{window_flags}'];

/** A window named `name` in session `s`, not made current, whose program rings the bell once. */
const ringing = (s: string, name: string) => ['new-window', '-d', '-t', `${s}:`, '-n', name, 'printf "\\a"; exec sleep 100'];

describe.skipIf(!hasTmux())('window and session flags side by side with tmux 3.3a', () => {
  it('new-window -a -b -k -S: windows moved up to make room, a window replaced, one of that name selected', async () => {
    both = await new SideBySide().start({}, { size: null });
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'a', '-n', 'w0', '-x', '80', '-y', '24'],
      ['new-window', '-d', '-t', 'a', '-n', 'w1'],
      ['new-window', '-t', 'a', '-n', 'w2'],
      LSW('a'),
      ['new-window', '-a', '-t', 'a:0', '-n', 'after0'], LSW('a'),
      ['new-window', '-b', '-d', '-t', 'a:0', '-n', 'before0'], LSW('a'),
      ['new-window', '-a', '-d', '-t', 'a:9', '-n', 'nine'], LSW('a'),
      ['new-window', '-a', '-n', 'aftercur'], LSW('a'),
      ['new-window', '-b', '-d', '-t', 'a:w2', '-n', 'beforew2'], LSW('a'),
      ['new-window', '-k', '-d', '-t', 'a:9', '-n', 'k9'], LSW('a'),
      ['select-window', '-t', 'a:1'],
      ['new-window', '-k', '-d', '-t', 'a:1', '-n', 'k1'], LSW('a'),
      ['new-window', '-t', 'a:1', '-n', 'taken'],
      ['new-window', '-t', 'a:w2', '-n', 'named'],
      ['new-window', '-S', '-t', 'a', '-n', 'w0'], LSW('a'),
      ['new-window', '-S', '-d', '-t', 'a', '-n', 'w1'], LSW('a'),
      ['new-window', '-S', '-d', '-t', 'a', '-n', 'fresh', '-P', '-F', '#{window_index}'], LSW('a'),
      ['new-window', '-S', '-d', '-t', 'a:20', '-n', 'w0'], LSW('a'),
      ['new-window', '-d', '-t', 'a', '-n', 'w0'],
      ['new-window', '-S', '-t', 'a', '-n', 'w0'], LSW('a'),
      ['new-window', '-x'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('next-window -a / previous-window -a go to the windows with an alert; kill-session -C clears them; select-window -T', async () => {
    both = await new SideBySide().start({}, { size: null });
    // Until exactly the windows `want` carry the bell flag.
    const flagged = (s: string, want: string[]): Step => ({ poll: LSW(s), until: (out) => out.split('\n').filter((l) => l.endsWith('!')).join(' ') === want.map((w) => `${w}!`).join(' ') });
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'n', '-n', 'n0', '-x', '80', '-y', '24'],
      ringing('n', 'n1'),
      ['new-window', '-d', '-t', 'n:', '-n', 'n2'],
      ringing('n', 'n3'),
      flagged('n', ['1:n1', '3:n3']),
      ['next-window', '-a', '-t', 'n'], LSW('n'),
      ['next-window', '-a', '-t', 'n'], LSW('n'),
      ['next-window', '-a', '-t', 'n'],
      ['previous-window', '-a', '-t', 'n'],
      ['previous-window', '-t', 'n'], LSW('n'),
      ['next-window', '-t', 'n'], LSW('n'),
      ['select-window', '-a', '-t', 'n'],
      ringing('n', 'n4'),
      ringing('n', 'n5'),
      flagged('n', ['4:n4', '5:n5']),
      ['previous-window', '-a', '-t', 'n'], LSW('n'),
      ['kill-session', '-C', '-t', 'n'], LSW('n'),
      ['next-window', '-a', '-t', 'n'],
      ['list-sessions', '-F', '#{session_name} #{session_windows} #{session_alerts}'],
      // -T: the window again goes to the last one; another goes there.
      ['select-window', '-t', 'n:0'],
      ['select-window', '-T', '-t', 'n:0'], LSW('n'),
      ['select-window', '-T', '-t', 'n:2'], LSW('n'),
      ['select-window', '-T', '-t', 'n:2'], LSW('n'),
      ['new-session', '-d', '-s', 'one', '-n', 'only'],
      ['select-window', '-T', '-t', 'one:0'],
      ['next-window', '-t', 'one'],
      ['previous-window', '-t', 'one'],
      ['last-window', '-t', 'one'],
      ['list-keys', '-T', 'prefix', 'M-n'],
      ['list-keys', '-T', 'prefix', 'M-p'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);
});
