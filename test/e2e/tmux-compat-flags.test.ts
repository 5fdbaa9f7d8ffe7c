/*
 * The window, pane and session flags side by side with tmux 3.3a: new-window -a -b -k -S,
 * next-window/previous-window -a, select-window -T, kill-session -C, select-layout -E -n
 * -p -o, and the others of the pane and session commands. The same script through a
 * private tmux server and through ccmux, at the same size; what each step printed, and
 * the windows and panes read back with list-windows / list-panes -F, must be the same.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
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
      ['list-keys', '-T', 'prefix', 'r'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('resize-pane -L/-R/-U/-D/-x/-y move the borders tmux moves, in nested splits, with title lines, and its errors', async () => {
    both = await new SideBySide().start({}, { size: null });
    const LP = ['list-panes', '-t', 'R', '-F', '#{pane_index}:#{pane_left},#{pane_top} #{pane_width}x#{pane_height}'];
    const rp = (...a: string[]): Step => ['resize-pane', '-t', ...a];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'R', '-x', '80', '-y', '24'],
      ['split-window', '-h', '-t', 'R:0.0'], ['split-window', '-h', '-t', 'R:0.1'], ['split-window', '-v', '-t', 'R:0.1'],
      ['split-window', '-v', '-t', 'R:0.0'], ['split-window', '-h', '-t', 'R:0.1'], LP,
      rp('R:0.2', '-L', '5'), LP, rp('R:0.2', '-R', '3'), LP, rp('R:0.4', '-L'), LP, rp('R:0.4', '-R', '7'), LP,
      rp('R:0.3', '-U', '4'), LP, rp('R:0.3', '-D', '40'), LP, rp('R:0.1', '-U', '2'), LP, rp('R:0.0', '-D', '3'), LP,
      rp('R:0.0', '-x', '1000'), LP, rp('R:0.4', '-x', '30'), LP, rp('R:0.2', '-x', '25%'), LP, rp('R:0.3', '-y', '50%'), LP,
      rp('R:0.0', '-y', '2'), LP, rp('R:0.1', '-x', '0'), LP,
      ['set', '-w', '-t', 'R', 'pane-border-status', 'top'],
      rp('R:0.0', '-y', '5'), LP, rp('R:0.1', '-y', '5'), LP, rp('R:0.2', '-U', '30'), LP,
      ['set', '-w', '-t', 'R', 'pane-border-status', 'bottom'],
      rp('R:0.3', '-y', '4'), LP, rp('R:0.1', '-D', '30'), LP,
      rp('R:0.1', '-L', '0'), rp('R:0.1', '-L', 'x'), rp('R:0.1', '-L', '5%'), rp('R:0.1', '-x', 'abc'), rp('R:0.1', '-y', '200%'), rp('R:0.1', '-x', '-3'),
      ['resize-pane', '-Z', '-t', 'R:0.1'], rp('R:0.2', '-L', 'bad'), ['display', '-p', '-t', 'R', '#{window_zoomed_flag}'],
      // -Z on a zoomed window unzooms it, whichever pane is named.
      ['resize-pane', '-Z', '-t', 'R:0.0'], ['resize-pane', '-Z', '-t', 'R:0.2'], ['display', '-p', '-t', 'R', '#{window_zoomed_flag} #{pane_index}'],
      ['resize-pane', '-Z', '-t', 'R:0.2'], ['display', '-p', '-t', 'R', '#{window_zoomed_flag} #{pane_index}'], LP,
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  });

  it('split-window -f in deep layouts: what was there shrinks as tmux shrinks it, and is refused where tmux refuses', async () => {
    both = await new SideBySide().start({}, { size: null });
    const LP = (s: string): Step => ['list-panes', '-t', s, '-F', '#{pane_index} #{pane_width}x#{pane_height} #{pane_left},#{pane_top}'];
    // Found by a fuzzer against tmux: a proportional share that no longer fits its panes.
    const g14: Step[] = [["new", "-d", "-s", "g14", "-x", "33", "-y", "47"], ["split-window", "-d", "-t", "g14:0.0", "-v", "-b", "-p", "9"], ["split-window", "-d", "-t", "g14:0.1", "-v", "-f"], ["split-window", "-d", "-t", "g14:0.1", "-h", "-b", "-l", "22"], ["split-window", "-d", "-t", "g14:0.1", "-v"], ["split-window", "-d", "-t", "g14:0.4", "-v", "-p", "26"], ["split-window", "-d", "-t", "g14:0.3", "-v"], ["split-window", "-d", "-t", "g14:0.4", "-v", "-p", "95"], ["split-window", "-d", "-t", "g14:0.3", "-v", "-f", "-l", "55%"], ["split-window", "-d", "-t", "g14:0.8", "-v", "-l", "22%"], ["split-window", "-d", "-t", "g14:0.1", "-h"], ["split-window", "-d", "-t", "g14:0.6", "-v", "-l", "98%"], ["split-window", "-d", "-t", "g14:0.7", "-v", "-f"], ["split-window", "-d", "-t", "g14:0.7", "-v", "-f"]];
    const h12: Step[] = [["new", "-d", "-s", "h12", "-x", "63", "-y", "20"], ["split-window", "-d", "-t", "h12:0.0", "-h", "-f", "-l", "95%"], ["split-window", "-d", "-t", "h12:0.1", "-h", "-f", "-b", "-l", "0"], ["split-window", "-d", "-t", "h12:0.1", "-v", "-l", "0"], ["split-window", "-d", "-t", "h12:0.1", "-h", "-f", "-b", "-p", "87"], ["split-window", "-d", "-t", "h12:0.0", "-h", "-l", "52"], ["split-window", "-d", "-t", "h12:0.0", "-v", "-f", "-l", "7"], ["split-window", "-d", "-t", "h12:0.4", "-v", "-f", "-b"], ["split-window", "-d", "-t", "h12:0.2", "-h", "-f", "-l", "0"], ["split-window", "-d", "-t", "h12:0.7", "-v", "-f", "-b", "-l", "99999999"]];
    const steps: Step[] = [...g14.flatMap((st) => [st, LP('g14')]), ...h12.flatMap((st) => [st, LP('h12')])];
    const { theirs, ours } = await both.both(steps);
    expect(theirs.some((l) => l.includes('no space for new pane'))).toBe(true);
    expect(ours).toEqual(theirs);
  });

  it('list-windows, list-panes and list-sessions print tmux\'s default lines', async () => {
    both = await new SideBySide().start({}, { size: null });
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'D', '-x', '80', '-y', '24'],
      ['split-window', '-d', '-h', '-t', 'D'],
      ['new-window', '-d', '-t', 'D:3', '-n', 'three'],
      ['new-session', '-d', '-s', 'E', '-t', 'D'],
      ['list-windows', '-t', 'D'], ['list-windows', '-a'],
      ['list-panes', '-t', 'D:0'], ['list-panes', '-s', '-t', 'D'], ['list-panes', '-a'],
      ['list-sessions'],
    ];
    // The values that are each server's own: when a session was made, the bytes its history
    // takes (tmux's grid, ccmux's lines) and history-limit's default (2000, ccmux 10000);
    // the rest of each line is compared.
    const own = (lines: string[]) => lines.map((l) => l.replace(/\(created [^)]*\)/g, '(created T)').replace(/\/\d+, \d+ bytes\]/g, '/L, N bytes]'));
    const { theirs, ours } = await both.both(steps);
    expect(theirs.join('\n')).toMatch(/\(created \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\)/);
    expect(ours.join('\n')).toMatch(/\(created \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\)/);
    expect(ours.join('\n')).toMatch(/\[history \d+\/10000, [1-9]\d* bytes\] %1 \(active\)/);
    expect(own(ours)).toEqual(own(theirs));
  });

  it('split-window and join-pane -l/-p: a size that does not fit is clamped, tmux\'s errors for bad sizes and no space', async () => {
    both = await new SideBySide().start({}, { size: null });
    const LP = ['list-panes', '-t', 'S', '-F', '#{pane_index}:#{pane_left},#{pane_top} #{pane_width}x#{pane_height}'];
    const reset: Step = ['kill-pane', '-a', '-t', 'S:0.0'];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'S', '-x', '80', '-y', '24'],
      ['split-window', '-d', '-h', '-t', 'S', '-l', '100'], LP, reset,
      ['split-window', '-d', '-h', '-b', '-t', 'S', '-l', '100'], LP, reset,
      ['split-window', '-d', '-h', '-b', '-t', 'S', '-l', '79'], LP, reset,
      ['split-window', '-d', '-h', '-t', 'S', '-l', '0'], LP, reset,
      ['split-window', '-d', '-v', '-t', 'S', '-l', '200%'], LP, reset,
      ['split-window', '-d', '-v', '-t', 'S', '-l', '0%'], LP, reset,
      ['split-window', '-d', '-h', '-t', 'S', '-p', '150'], LP, reset,
      ['split-window', '-d', '-h', '-t', 'S', '-l', 'abc'],
      ['split-window', '-d', '-h', '-t', 'S', '-l', '-5'],
      ['split-window', '-d', '-h', '-t', 'S', '-l', '99999999999'],
      ['split-window', '-d', '-h', '-t', 'S', '-l', 'x%'],
      ['split-window', '-d', '-h', '-t', 'S', '-p', 'x'],
      ['split-window', '-d', '-h', '-t', 'S', '-l', '78'],
      ['split-window', '-d', '-h', '-t', 'S:0.0'], LP,
      ['new-window', '-d', '-t', 'S:1'],
      ['join-pane', '-d', '-h', '-s', 'S:1', '-t', 'S:0.1', '-l', '150%'],
      ['join-pane', '-d', '-h', '-s', 'S:1', '-t', 'S:0.1', '-p', '150'],
      ['join-pane', '-d', '-h', '-s', 'S:1', '-t', 'S:0.1', '-l', 'abc'],
      ['join-pane', '-d', '-v', '-s', 'S:1', '-t', 'S:0.1', '-l', '50'], LP,
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  });

  it('select-layout -E spreads the panes beside one out evenly; -n/-p step through the presets; -o puts the layout back', async () => {
    both = await new SideBySide().start({}, { size: null });
    const LP = ['list-panes', '-t', 'L:0', '-F', '#{pane_index}:#{pane_left},#{pane_top} #{pane_width}x#{pane_height}'];
    const LP1 = ['list-panes', '-t', 'L:1', '-F', '#{pane_index}:#{pane_left},#{pane_top} #{pane_width}x#{pane_height}'];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'L', '-x', '80', '-y', '24'],
      ['split-window', '-d', '-h', '-t', 'L', '-l', '10'],
      ['split-window', '-d', '-h', '-t', 'L:0.0', '-l', '5'],
      ['split-window', '-d', '-v', '-t', 'L:0.2', '-l', '4'],
      LP,
      ['select-layout', '-t', 'L'], LP,
      ['select-layout', '-o', '-t', 'L'], LP,
      ['select-layout', '-E', '-t', 'L:0.2'], LP,
      ['select-layout', '-o', '-t', 'L'], LP,
      ['select-layout', '-o', '-t', 'L'], LP,
      ['select-layout', '-E', '-t', 'L:0.2'], LP,
      ['select-layout', '-E', '-t', 'L:0.1'], LP,
      ['select-layout', '-o', '-t', 'L'], LP,
      ['select-layout', '-n', '-t', 'L'], LP,
      ['select-layout', '-n', '-t', 'L'], LP,
      ['select-layout', '-p', '-t', 'L'], LP,
      ['next-layout', '-t', 'L'], LP,
      ['previous-layout', '-t', 'L'], LP,
      ['select-layout', '-t', 'L'], LP,
      ['select-layout', '-o', '-t', 'L'], LP,
      ['select-layout', '-t', 'L', 'even-vertical'], LP,
      ['select-layout', '-t', 'L', 'bogus'],
      ['select-layout', '-o', '-t', 'L'], LP,
      ['resize-pane', '-Z', '-t', 'L:0.1'],
      ['display', '-p', '-t', 'L', '#{window_zoomed_flag}'],
      ['select-layout', '-E', '-t', 'L:0.3'],
      ['display', '-p', '-t', 'L', '#{window_zoomed_flag}'], LP,
      // With title lines the pane at the edge keeps its title row.
      ['new-window', '-t', 'L:1'],
      ['set', '-w', '-t', 'L:1', 'pane-border-status', 'top'],
      ['split-window', '-v', '-t', 'L:1.0', '-l', '4'],
      ['split-window', '-v', '-t', 'L:1.0', '-l', '3'], LP1,
      ['select-layout', '-E', '-t', 'L:1.1'], LP1,
      ['set', '-w', '-t', 'L:1', 'pane-border-status', 'bottom'],
      ['split-window', '-v', '-t', 'L:1.2', '-l', '3'], LP1,
      ['select-layout', '-E', '-t', 'L:1.3'], LP1,
      ['select-layout', '-x'],
      ['list-keys', '-T', 'prefix', 'E'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
    // -o with a name takes it as a layout string only (no preset), as tmux 3.3a means to;
    // tmux 3.3a's server crashes on this when the string is not one, so only ccmux is asked.
    const r = await both.ccmux(['select-layout', '-o', '-t', 'L:0', 'tiled']);
    expect([r.code, r.err.split('\n')[0]]).toEqual([1, 'invalid layout: tiled']);
  }, 90_000);

  it('select-pane -d/-e and last-pane -d/-e/-Z: input off drops what is sent, #{pane_input_off}; select-pane -Z', async () => {
    both = await new SideBySide().start({}, { size: null });
    const LP = ['list-panes', '-t', 'p:0', '-F', '#{pane_index}:#{pane_id} active=#{pane_active} last=#{pane_last} off=#{pane_input_off} #{pane_width}x#{pane_height}'];
    const zoomed = ['display', '-p', '-t', 'p:0', '#{window_zoomed_flag}'];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'p', '-x', '80', '-y', '24', 'cat'],
      ['split-window', '-h', '-t', 'p', 'cat'],
      ['split-window', '-v', '-t', 'p:0.1', 'cat'],
      LP,
      ['select-pane', '-d', '-t', 'p:0.0'], LP,
      ['send-keys', '-t', 'p:0.0', 'dropped', 'Enter'],
      ['set-buffer', 'pasted'],
      ['paste-buffer', '-t', 'p:0.0'],
      ['select-pane', '-e', '-t', 'p:0.0'],
      ['send-keys', '-t', 'p:0.0', 'back', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'p:0.0'], until: /back\nback/ },
      ['last-pane', '-t', 'p:0'], LP,
      ['last-pane', '-d', '-t', 'p:0'], LP,
      ['send-keys', '-t', 'p:0.2', 'nothing', 'Enter'],
      ['last-pane', '-e', '-t', 'p:0'], LP,
      ['send-keys', '-t', 'p:0.2', 'again', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'p:0.2'], until: /again\nagain/ },
      ['select-pane', '-t', 'p:0.0'],
      ['resize-pane', '-Z', '-t', 'p:0.0'], zoomed,
      ['last-pane', '-Z', '-t', 'p:0'], zoomed, LP,
      ['select-pane', '-Z', '-t', 'p:0.1'], zoomed, LP,
      ['last-pane', '-t', 'p:0'], zoomed, LP,
      ['resize-pane', '-Z', '-t', 'p:0.0'],
      ['select-pane', '-D', '-Z', '-t', 'p:0.1'], zoomed, LP,
      ['select-pane', '-t', 'p:0.0', '-d', '-e'], LP,
      ['kill-pane', '-t', 'p:0.2'],
      ['new-window', '-d', '-t', 'p:1', 'cat'],
      ['last-pane', '-t', 'p:1'],
      ['last-pane', '-t', 'p:0'], LP,
      ['last-pane', '-x'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('swap-pane across windows, -d, -D/-U, -Z; split-window -Z', async () => {
    both = await new SideBySide().start({}, { size: null });
    const LP = (w: string) => ['list-panes', '-t', w, '-F', '#{pane_index}:#{pane_id} active=#{pane_active} last=#{pane_last} #{pane_left},#{pane_top} #{pane_width}x#{pane_height}'];
    const zoomed = (w: string) => ['display', '-p', '-t', w, '#{window_zoomed_flag}'];
    // While zoomed, without the hidden panes' places (tmux keeps their cells' offsets, and a
    // pane split-window -Z -d makes keeps the whole window's size until the unzoom; ccmux's are 0,0 and their own).
    const LPZ = (w: string) => ['list-panes', '-t', w, '-F', '#{pane_index}:#{pane_id} active=#{pane_active} last=#{pane_last}'];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'p', '-x', '80', '-y', '24', 'cat'],
      ['split-window', '-h', '-t', 'p', 'cat'],
      ['split-window', '-v', '-t', 'p:0.1', 'cat'],
      ['new-window', '-t', 'p:1', 'cat'],
      ['split-window', '-v', '-l', '5', '-t', 'p:1', 'cat'],
      LP('p:0'), LP('p:1'),
      ['swap-pane', '-s', 'p:0.0', '-t', 'p:1.1'], LP('p:0'), LP('p:1'),
      ['swap-pane', '-d', '-s', 'p:0.1', '-t', 'p:1.0'], LP('p:0'), LP('p:1'),
      ['swap-pane', '-s', 'p:0.1', '-t', 'p:0.2'], LP('p:0'),
      ['swap-pane', '-d', '-s', 'p:0.0', '-t', 'p:0.2'], LP('p:0'),
      ['swap-pane', '-t', 'p:0.1'], LP('p:0'),
      ['swap-pane', '-D', '-t', 'p:0.0'], LP('p:0'),
      ['swap-pane', '-U', '-d', '-t', 'p:0.0'], LP('p:0'),
      ['resize-pane', '-Z', '-t', 'p:0.1'],
      ['swap-pane', '-Z', '-D', '-t', 'p:0.1'], zoomed('p:0'), LPZ('p:0'),
      ['swap-pane', '-D', '-t', 'p:0.1'], zoomed('p:0'), LP('p:0'),
      ['resize-pane', '-Z', '-t', 'p:1.0'],
      ['swap-pane', '-Z', '-s', 'p:0.0', '-t', 'p:1.1'], zoomed('p:0'), zoomed('p:1'), LP('p:1'),
      ['split-window', '-Z', '-t', 'p:0.0', 'cat'], zoomed('p:0'), LPZ('p:0'),
      ['split-window', '-Z', '-d', '-h', '-t', 'p:0.3', 'cat'], zoomed('p:0'), LPZ('p:0'),
      ['split-window', '-t', 'p:0.0', 'cat'], zoomed('p:0'), LP('p:0'),
      ['swap-pane', '-s', 'p:0.0', '-t', 'nosuch:0'],
      ['swap-pane', '-x'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('attach-session -f ignore-size/read-only, -r, -c, -x; new-session -A -D / -X -f: the same clients, sizes and flags', async () => {
    both = await new SideBySide().start({}, { size: null });
    const seen: Record<'tmux' | 'ccmux', string[]> = { tmux: [], ccmux: [] };
    for (const which of ['tmux', 'ccmux'] as const) {
      const r = which === 'tmux' ? both.tmux : both.ccmux;
      const note = (what: string) => seen[which].push(what);
      const clients = async (n: number) =>
        waitFor(async () => {
          const out = (await r(['list-clients', '-t', 'a', '-F', '#{client_width}x#{client_height} ro=#{client_readonly}'])).out.trim().split('\n').filter(Boolean).sort();
          return out.length === n && out.join(' | ');
        }, 10_000, `${which}: ${n} clients of a`);
      const windowSize = (want: string) =>
        waitFor(async () => {
          const out = (await r(['display', '-p', '-t', 'a', '#{window_width}x#{window_height}'])).out.trim();
          return out === want && out;
        }, 10_000, `${which}: window of a ${want}`).catch(async () => `not ${want}: ${(await r(['display', '-p', '-t', 'a', '#{window_width}x#{window_height}'])).out.trim()}`);
      expect((await r(['new-session', '-d', '-s', 'a', '-x', '80', '-y', '24'])).code).toBe(0);
      const big = both.client(which, 'a', 100, 30);
      note(await clients(1));
      note(await windowSize('100x29'));
      // A smaller client that ignores its size: the window stays the big one's.
      const small = both.client(which, 'a', 60, 20, ['-f', 'ignore-size']);
      note(await clients(2));
      note(await windowSize('100x29'));
      // Without it (refresh-client -f !ignore-size), the latest client sizes the window again.
      const smallName = (await r(['list-clients', '-F', '#{client_width} #{client_name}'])).out.split('\n').find((l) => l.startsWith('60 '))!.split(' ')[1]!;
      note(`refresh ${(await r(['refresh-client', '-t', smallName, '-f', '!ignore-size'])).code}`);
      // -r: read-only and ignoring its size; -c: the session's directory.
      const ro = both.client(which, 'a', 50, 15, ['-r', '-c', '/tmp']);
      note(await clients(3));
      note((await r(['display', '-p', '-t', 'a', '#{session_path}'])).out.trim());
      // -x: the others are detached and their shells hung up.
      const x = both.client(which, 'a', 70, 22, ['-x']);
      for (const [name, c] of [['big', big], ['small', small], ['ro', ro]] as const) {
        note(`${name} ${JSON.stringify(await c.exited)} ${/\[detached and SIGHUP \(from session a\)\]/.test(c.output())}`);
      }
      note(await clients(1));
      // new-session -A -D: attaches to the existing session, detaching the others (no hangup).
      const again = both.client(which, 'a', 72, 22);
      note(await clients(2));
      await both.terminal(which, ['new-session', '-A', '-D', '-s', 'a', '-f', 'read-only'], 74, 22);
      // Detached with no hangup: their shells go on (to the `sleep 30` after the client).
      for (const [name, c] of [['x', x], ['again', again]] as const) {
        note(`${name} ${await waitFor(() => /\[detached \(from session a\)\]/.test(c.output()), 10_000, `${which}: ${name} detached`)}`);
      }
      note(await clients(1));
      // new-session -A -X: the others detached and hung up (each a shell's client: the one above, run from the test, is detached first).
      note(`detach ${(await r(['detach-client', '-s', 'a'])).code}`);
      // Gone from the list before the next one comes (else a count of 1 could still be it).
      await waitFor(async () => (await r(['list-clients', '-t', 'a'])).out === '', 10_000, `${which}: the client detached`);
      const victim = both.client(which, 'a', 76, 22);
      note(await clients(1));
      await both.terminal(which, ['new-session', '-A', '-X', '-s', 'a'], 78, 22);
      note(`victim ${JSON.stringify(await victim.exited)} ${/\[detached and SIGHUP \(from session a\)\]/.test(victim.output())}`);
      note(await clients(1));
      await r(['kill-session', '-t', 'a']);
    }
    expect(seen.ccmux).toEqual(seen.tmux);
    // What tmux 3.3a ignores without a word, ccmux refuses, naming it.
    await both.ccmux(['new-session', '-d', '-s', 'b']);
    for (const [argv, err] of [
      [['attach', '-t', 'b', '-f', 'bogus'], 'unknown client flag: bogus'],
      [['new-session', '-A', '-s', 'b', '-f', 'active-pane'], 'unknown client flag: active-pane'],
    ] as const) {
      const res = await both.ccmux([...argv]);
      expect([res.code, res.err.split('\n')[0]]).toEqual([1, err]);
    }
  }, 120_000);
});
