/*
 * Side by side with tmux 3.3a: alerts (monitor-activity, -bell, -silence, the *-action and
 * visual-* options, the alert-* hooks, the ! # ~ flags and #{session_alerts}), read back
 * with list-windows, display-message, show-options and show-messages after the same
 * script in both; the main-* layouts under main-pane-width/-height and
 * other-pane-width/-height, compared by #{window_layout}.
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

const FLAGS = ['list-windows', '-t', 'keep', '-F', '#{window_index}[#{window_flags}][#{window_raw_flags}]#{window_activity_flag}#{window_bell_flag}#{window_silence_flag}'];

describe.skipIf(!hasTmux())('alerts, side by side with tmux 3.3a', () => {
  it('monitor-activity, monitor-bell and monitor-silence flag windows (# ! ~) until they are selected', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const steps: Step[] = [
      ['show', '-g', 'monitor-bell'],
      ['show', '-g', 'monitor-silence'],
      ['show', '-g', 'activity-action'],
      ['show', '-g', 'silence-action'],
      ['show', '-g', 'visual-activity'],
      ['show', '-g', 'visual-bell'],
      ['show', '-g', 'visual-silence'],
      ['set-hook', '-g', 'alert-silence', 'setenv -gF AS "#{hook}"'],
      ['set', '-g', 'monitor-activity', 'on'],
      ['new-window', '-d', '-t', 'keep:1', 'sleep 0.3; echo hi; exec sleep 100'],
      ['new-window', '-d', '-t', 'keep:2', 'sleep 0.3; printf "\\a"; exec sleep 100'],
      { poll: FLAGS, until: /^1\[##\][\s\S]*^2\[##!\]/m },
      ['display', '-p', '-t', 'keep', '#{session_alerts}'],
      // Selecting a window clears its flags; in a session nobody is attached to, being made current is activity.
      ['select-window', '-t', 'keep:1'],
      ['select-window', '-t', 'keep:0'],
      FLAGS,
      ['set', '-g', 'monitor-activity', 'off'],
      ['set', '-g', 'monitor-bell', 'off'],
      ['set', '-w', '-t', 'keep:2', 'monitor-silence', '1'],
      { poll: FLAGS, until: /^2\[##!~\]/m },
      { poll: ['showenv', '-g', 'AS'], until: /alert-silence/ },
      ['set', '-w', '-t', 'keep:2', 'monitor-silence', '0'],
      ['select-window', '-t', 'keep:2'],
      ['select-window', '-t', 'keep:0'],
      FLAGS,
      ['display', '-p', '-t', 'keep', '#{session_alerts}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('display -p -t keep #{session_alerts} → 0: 1#,2#!');
    expect(ours).toEqual(theirs);
    // Bad values are refused in both (ccmux's message names the option and what it takes).
    for (const [name, value, says] of [['monitor-silence', '-1', 'from 0 to'], ['visual-bell', 'sometimes', 'off, on, both'], ['silence-action', 'never', 'any, none, current, other']] as const) {
      const [t, c] = [await sbs.tmux(['set', '-g', name, value]), await sbs.ccmux(['set', '-g', name, value])];
      expect([t.code, c.code]).toEqual([1, 1]);
      expect(c.err).toContain(`${name}: expected`);
      expect(c.err).toContain(says);
    }
  }, 60_000);

  it('visual-bell, visual-activity and visual-silence: the message tmux shows on an attached client, and the bell', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const clients = await sbs.attach('keep');
    const messages = async (run: typeof sbs.tmux): Promise<string[]> =>
      (await run(['show-messages'])).out.split('\n').map((l) => /message: (.*)$/.exec(l)?.[1]).filter((m): m is string => m !== undefined);
    for (const run of [sbs.tmux, sbs.ccmux]) {
      for (const step of [
        ['set', '-g', 'visual-bell', 'on'],
        ['set', '-g', 'visual-activity', 'both'],
        ['set', '-g', 'visual-silence', 'on'],
        ['set', '-g', 'display-time', '60000'],
        ['new-window', '-d', '-t', 'keep:3', 'sleep 0.3; printf "\\a"; exec sleep 100'],
      ]) expect((await run(step)).err).toBe('');
      await waitFor(async () => (await messages(run)).includes('Bell in window 3'), 10_000, 'the bell message');
      expect((await run(['set', '-w', '-t', 'keep:3', 'monitor-activity', 'on'])).err).toBe('');
      expect((await run(['send-keys', '-t', 'keep:3', 'x'])).err).toBe('');
      await waitFor(async () => (await messages(run)).includes('Activity in window 3'), 10_000, 'the activity message');
      // The current window: silence-action any reports it too, as "… in current window".
      for (const step of [['set', '-g', 'silence-action', 'any'], ['set', '-w', '-t', 'keep:0', 'monitor-silence', '1']]) expect((await run(step)).err).toBe('');
      await waitFor(async () => (await messages(run)).includes('Silence in current window'), 10_000, 'the silence message');
      expect((await run(['set', '-w', '-t', 'keep:0', 'monitor-silence', '0'])).err).toBe('');
    }
    const theirs = await messages(sbs.tmux);
    const ours = await messages(sbs.ccmux);
    const alerts = (ms: string[]) => [...new Set(ms.filter((m) => / in /.test(m)))];
    expect(alerts(ours)).toEqual(alerts(theirs));
    clients.tmux.close();
    clients.ccmux.close();
  }, 60_000);
});

describe.skipIf(!hasTmux())('main-pane-* and other-pane-* options, side by side with tmux 3.3a', () => {
  it('main-vertical and main-horizontal give the same #{window_layout} for cells, percentages, bad values and windows too small', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const LAYOUT = ['display', '-p', '-t', 'w', '#{window_layout}'];
    const steps: Step[] = [
      ['show', '-g', 'main-pane-width'],
      ['show', '-g', 'main-pane-height'],
      ['show', '-g', 'other-pane-width'],
      ['show', '-g', 'other-pane-height'],
      ['new-session', '-d', '-s', 'w', '-x', '200', '-y', '50', 'sleep 100'],
      ['split-window', '-d', '-t', 'w', 'sleep 100'],
      ['split-window', '-d', '-t', 'w', 'sleep 100'],
      ['split-window', '-d', '-t', 'w', 'sleep 100'],
    ];
    const settings: Array<[string, string]> = [
      ['main-pane-width', '80'], ['main-pane-width', '30%'], ['main-pane-width', '150'], ['main-pane-width', '199'], ['main-pane-width', '300'],
      ['main-pane-width', 'wide'], ['main-pane-width', '101%'], ['other-pane-width', '50'], ['other-pane-width', '25%'], ['other-pane-width', '190'],
      ['main-pane-height', '10'], ['main-pane-height', '50%'], ['main-pane-height', '49'], ['main-pane-height', 'tall'], ['other-pane-height', '12'], ['other-pane-height', '90%'],
    ];
    for (const [name, value] of settings) {
      steps.push(['set', '-w', '-t', 'w', name, value]);
      for (const layout of ['main-vertical', 'main-horizontal']) steps.push(['select-layout', '-t', 'w', layout], LAYOUT);
    }
    // Defaults again, in an 80x24 window: tmux's 80 columns leave the others one column.
    steps.push(['kill-session', '-t', 'w'], ['new-session', '-d', '-s', 'w', '-x', '80', '-y', '24', 'sleep 100'], ['split-window', '-d', '-t', 'w', 'sleep 100'], ['split-window', '-d', '-t', 'w', 'sleep 100']);
    for (const layout of ['main-vertical', 'main-horizontal']) steps.push(['select-layout', '-t', 'w', layout], LAYOUT);
    steps.push(['set', '-g', 'main-pane-width', '50%'], ['select-layout', '-t', 'w', 'main-vertical'], ['list-panes', '-t', 'w', '-F', '#{pane_left},#{pane_top},#{pane_width}x#{pane_height}']);
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('show -g main-pane-width → 0: main-pane-width 80');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('buffer-limit, side by side with tmux 3.3a', () => {
  it('drops the oldest automatic buffers beyond the limit; named ones do not count', async () => {
    sbs = await new SideBySide().start();
    const LIST = ['list-buffers'];
    const steps: Step[] = [['save-buffer', '-'], ['show', '-s', 'buffer-limit'], ['set', '-s', 'buffer-limit', '0'], ['set', '-s', 'buffer-limit', '3']];
    for (const t of ['one', 'two', 'three', 'four']) steps.push(['set-buffer', t]);
    steps.push(LIST, ['set-buffer', '-b', 'mine', 'named'], ['set-buffer', '-b', 'buffer5', 'taken'], ['set-buffer', 'five'], ['set-buffer', 'six'], LIST);
    steps.push(['set-buffer', '-n', 'kept', '-b', 'buffer1'], ['set-buffer', 'seven'], LIST, ['set', '-s', 'buffer-limit', '1'], LIST, ['set-buffer', 'eight'], LIST);
    const eight = steps.length - 1;
    // -a appends only to the buffer -b names (else the data is a new buffer); -n renames and
    // ignores data; a -b naming no buffer is an error.
    steps.push(['set', '-s', 'buffer-limit', '50'], ['set-buffer', '-a', ' more'], ['set-buffer', '-a', '-b', 'mine', '!'], ['set-buffer', '-b', 'mine', '-n', 'mine2', 'ignored'], LIST);
    steps.push(['delete-buffer', '-b', 'nosuch'], ['set-buffer', '-b', 'nosuch', '-n', 'x'], ['set-buffer', '-a', '-b', 'nosuch', 'new'], LIST);
    // The sample: the first 200 bytes, a backslash doubled, a tab as \t, "..." after.
    steps.push(['set-buffer', '-b', 'long', `back\\slash\ttab ${'é'.repeat(40)}${'x'.repeat(300)}`], ['set-buffer', '-b', 'short', 'a\\b'], LIST);
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[eight]).toMatch(/buffer8: 5 bytes: "eight"\n/);
    expect(theirs[0]).toBe('save-buffer - → 1:  / no buffers');
    expect(ours[0]).toBe(theirs[0]);
    // Up to there without the errors' wording (set's number errors are ccmux's own); then whole.
    const words = (l: string) => l.replace(/ \/ .*/, '');
    expect(ours.slice(0, eight + 1).map(words)).toEqual(theirs.slice(0, eight + 1).map(words));
    expect(theirs.slice(eight + 1).join('\n')).toMatch(/unknown buffer: nosuch/);
    expect(ours.slice(eight + 1)).toEqual(theirs.slice(eight + 1));
  }, 60_000);
});

describe.skipIf(!hasTmux())('copy mode options, side by side with tmux 3.3a', () => {
  const P = 'keep:1';
  const AT = ['display', '-p', '-t', P, '#{copy_cursor_x},#{copy_cursor_y} #{scroll_position}'];
  const X = (...cmd: string[]) => ['send-keys', '-X', '-t', P, ...cmd];
  /** A motion run `n` times, the cursor read after each (one command line: the motion `;` the read). */
  const moves = (motion: string, n: number): Step[] => Array.from({ length: n }, () => [...X(motion), ';', ...AT]);
  const TEXT = "printf 'foo.bar baz_qux  one-two (three) end\\nx=1; y:=[a,b]  \\303\\274ber\\342\\200\\224stra\\303\\237e ok\\n'; exec sleep 100";

  async function started(): Promise<SideBySide> {
    const s = await new SideBySide({ env: { SHELL: '/bin/sh', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } }).start();
    for (const run of [s.tmux, s.ccmux]) {
      expect((await run(['new-window', '-d', '-t', P, TEXT])).err).toBe('');
      await waitFor(async () => (await run(['capture-pane', '-p', '-t', P])).out.includes('ok'), 10_000, 'the text');
    }
    return s;
  }

  it('word-separators: next-word, previous-word and next-word-end stop where tmux stops, for the default, "" and a set of its own, and past the last word', async () => {
    sbs = await started();
    const steps: Step[] = [['show', '-g', 'word-separators'], ['set', '-gw', 'mode-keys', 'vi'], ['copy-mode', '-t', P], X('history-top'), AT];
    for (const seps of [null, '', '.-=']) {
      if (seps !== null) steps.push(['set', '-g', 'word-separators', seps], X('history-top'));
      steps.push(...moves('next-word', 14), ...moves('previous-word', 14), ...moves('next-word-end', 14));
    }
    // Emacs keys: M-f (next-word-end) stops just past the word.
    steps.push(['set', '-gw', 'mode-keys', 'emacs'], ['set', '-gu', 'word-separators'], X('history-top'), ...moves('next-word-end', 14));
    const { theirs, ours } = await sbs.both(steps);
    expect(ours).toEqual(theirs);
  }, 120_000);

  it('wrap-search off stops at the ends; set-mark and jump-to-mark swap the cursor and the mark', async () => {
    sbs = await started();
    const steps: Step[] = [
      ['show', '-gw', 'wrap-search'],
      ['set', '-gw', 'mode-keys', 'vi'],
      ['copy-mode', '-t', P], X('history-top'), X('search-forward', 'end'), AT, X('search-forward', 'foo'), AT,
      ['set', '-gw', 'wrap-search', 'off'], X('search-backward', 'ok'), AT, X('search-forward', 'ok'), AT, X('search-forward', 'foo'), AT,
      X('set-mark'), X('next-word'), X('next-word'), AT, X('jump-to-mark'), AT, X('jump-to-mark'), AT, X('cursor-down'), X('jump-to-mark'), AT,
      ['send-keys', '-X', '-t', P, 'cancel'], ['copy-mode', '-t', P], X('cursor-up'), X('jump-to-mark'), AT,
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('copy-pipe pipes the selection to its command, or to copy-command without one, and keeps a buffer; pipe keeps none', async () => {
    sbs = await started();
    const file = (who: string, n: number) => path.join(sbs!.sb.dir, `${who}-piped-${n}`);
    const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null);
    for (const [who, run] of [['tmux', sbs.tmux], ['ccmux', sbs.ccmux]] as const) {
      const steps: string[][] = [
        ['set', '-gw', 'mode-keys', 'vi'], ['set', '-s', 'copy-command', `cat > ${file(who, 1)}`],
        ['copy-mode', '-t', P], X('history-top'), X('begin-selection'), X('next-word-end'), X('copy-pipe'),
        X('begin-selection'), X('next-word-end'), X('next-word-end'), X('next-word-end'), X('copy-pipe-no-clear', `cat > ${file(who, 2)}; echo '#{pane_id}' >> ${file(who, 2)}`),
        X('pipe-and-cancel', `cat > ${file(who, 3)}`),
      ];
      for (const step of steps) expect((await run(step)).err).toBe('');
      // Written, not only made: `cat > f` makes the file before cat has read the selection (a loaded run read one empty).
      await waitFor(() => !!read(file(who, 1)) && read(file(who, 2))?.includes('%') === true && !!read(file(who, 3)), 10_000, `${who}'s pipes`);
    }
    const seen = (who: string) => [1, 2, 3].map((n) => read(file(who, n))!.replace(/%\d+/, '%N'));
    // vi e stops on the o of foo (the selection takes the cursor's cell), then on . r and x.
    expect(seen('tmux')).toEqual(['foo', 'o.bar baz_qux%N\n', 'o.bar baz_qux']);
    expect(seen('ccmux')).toEqual(seen('tmux'));
    const buffers = async (run: typeof sbs.tmux) => (await run(['list-buffers'])).out.replace(/buffer\d+/g, 'bufferN');
    expect(await buffers(sbs.ccmux)).toEqual(await buffers(sbs.tmux));
  }, 60_000);
});

describe.skipIf(!hasTmux())('scroll-on-clear, side by side with tmux 3.3a', () => {
  it('a cleared screen goes into the history while it is on, and is lost when it is off', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const PRINT = "printf 'a\\nb\\nc\\n\\033[2Jdone'; exec sleep 100";
    const steps: Step[] = [['show', '-gw', 'scroll-on-clear'], ['new-window', '-d', '-t', 'keep:1', PRINT], { poll: ['capture-pane', '-p', '-t', 'keep:1'], until: /done/ }];
    steps.push(['set', '-gw', 'scroll-on-clear', 'off'], ['new-window', '-d', '-t', 'keep:2', PRINT], { poll: ['capture-pane', '-p', '-t', 'keep:2'], until: /done/ });
    for (const w of ['keep:1', 'keep:2']) steps.push(['display', '-p', '-t', w, '#{history_size} #{scroll-on-clear}'], ['capture-pane', '-p', '-t', w, '-S', '-', '-E', '3']);
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('display -p -t keep:2 #{history_size} #{scroll-on-clear} → 0: 0 0');
    // The first window cleared while it was on (the option is global, so it reads off now).
    expect(theirs).toContain('display -p -t keep:1 #{history_size} #{scroll-on-clear} → 0: 3 0');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('history-file, side by side with tmux 3.3a', () => {
  it('is read after the configuration at start-up (show-prompt-history) and written whole when the server exits', async () => {
    sbs = new SideBySide();
    const dir = sbs.sb.dir;
    const files: Record<string, string> = {};
    for (const [who, run] of [['tmux', sbs.tmux], ['ccmux', sbs.ccmux]] as const) {
      const file = (files[who] = path.join(dir, `${who}-history`));
      fs.writeFileSync(file, 'command:new-window\nsearch:error\nsplit-window -h\ncommand:new-window\ncommand:new-window\ntarget:%1\nbogus:x:y\n\n');
      const conf = path.join(dir, `${who}.conf`);
      fs.writeFileSync(conf, `set -s history-file ${file}\nset -s prompt-history-limit 3\n`);
      expect((await run(['-f', conf, 'new-session', '-d', '-s', 'first'])).err).toBe('');
    }
    await sbs.start();
    const { theirs, ours } = await sbs.both([['show-prompt-history'], ['show-prompt-history', '-T', 'search'], ['show', '-s', 'history-file']]);
    expect(ours.map((l) => l.replace(files.ccmux!, 'FILE'))).toEqual(theirs.map((l) => l.replace(files.tmux!, 'FILE')));
    for (const run of [sbs.tmux, sbs.ccmux]) await run(['kill-server']);
    const written = (who: string) => fs.readFileSync(files[who]!, 'utf8');
    await waitFor(() => written('tmux').includes('command:bogus') && written('ccmux').includes('command:bogus'), 10_000, 'the history files written').catch((e) => { throw new Error(`${e.message}: ${JSON.stringify([written('tmux'), written('ccmux')])}`); });
    // The last three commands (an empty line is one), a line of no known type a command.
    expect(written('tmux')).toBe('command:new-window\ncommand:bogus:x:y\ncommand:\nsearch:error\ntarget:%1\n');
    expect(written('ccmux')).toBe(written('tmux'));
  }, 60_000);
});

describe.skipIf(!hasTmux())('status-keys vi, side by side with tmux 3.3a', () => {
  it('the command prompt\'s vi keys edit the line as tmux\'s do', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    for (const run of [sbs.tmux, sbs.ccmux]) for (const step of [['set', '-s', 'escape-time', '0'], ['set', '-g', 'status-keys', 'vi'], ['set-buffer', 'PASTED']]) expect((await run(step)).err).toBe('');
    const clients = await sbs.attach('keep');
    const WAIT = ['display', '-p', 'between keys'];
    /**
     * Open a prompt with `initial`, type each key (a command between them). An Escape waits
     * until the client has drawn the prompt's command mode: a loaded machine once let the
     * client read Escape and the next key in one read, which both tmux and ccmux take as one
     * Meta key (M-0 …). Every Escape here switches the prompt's mode, so something is drawn.
     */
    const edit = (initial: string, keys: string[]): Step[] => {
      // Ended by Enter, @out is set once the server has read it: unset first, then waited for
      // (the next prompt, opened before the Enter was read, would replace this one and take it).
      const entered = keys.at(-1) === '\r';
      return [
        ...(entered ? [['set', '-gu', '@out']] : []),
        ['command-prompt', '-b', '-I', initial, 'set -g @out "%%"'],
        ...keys.flatMap((k): Step[] => [k === '\x1b' ? { keys: k, drawn: true } : { keys: k }, WAIT]),
        ...(entered ? [{ poll: ['show', '-gv', '@out'], until: /./ }] : []),
        ['show', '-gv', '@out'],
      ];
    };
    const ESC = '\x1b';
    const steps: Step[] = [
      ['show', '-g', 'status-keys'],
      ...edit('foo bar-baz qux', [ESC, '0', 'w', 'w', 'x', 'e', 'i', 'Z', '\r']),
      ...edit('one two three', [ESC, 'b', 'b', 'D', 'a', '!', '\r']),
      ...edit('a.b c', [ESC, 'B', 'W', 'E', 'X', 'h', 'l', 'A', 'z', '\r']),
      ...edit('old line', [ESC, 'S', 'n', 'e', 'w', '\r']),
      ...edit('x', [ESC, '0', 'p', 'I', '<', ESC, '$', 'a', '>', '\r']),
      ...edit('kept?', [ESC, 'd', 'i', 'y', ESC, 'q']),
    ];
    const { theirs, ours } = await sbs.both(steps, clients);
    expect(theirs).toContain('show -gv @out → 0: new');
    expect(ours).toEqual(theirs);
    clients.tmux.close();
    clients.ccmux.close();
  }, 90_000);
});
