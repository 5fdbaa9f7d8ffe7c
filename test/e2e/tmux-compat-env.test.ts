/*
 * Side by side with tmux 3.3a: set-environment / show-environment, update-environment,
 * what panes inherit; set-hook / show-hooks and hooks running; command-alias; the
 * message log and prompt history. The same script runs against both; outputs must match.
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

describe.skipIf(!hasTmux())('environment, side by side with tmux 3.3a', () => {
  it('set-environment and show-environment: global and session, removal marks, hidden, -s, -F, errors', async () => {
    sbs = await new SideBySide().start({ SSH_AUTH_SOCK: '/first', FOO: '1' });
    const conf = path.join(sbs.sb.dir, 'env.conf');
    fs.writeFileSync(conf, 'CONFVAR="a b"\n%hidden CONFHID=h\n%if #{CONFVAR}\nset -g @fromenv "$CONFVAR/$CONFHID"\n%endif\n%if 0\nNOTSET=1\n%endif\n');
    const steps: Step[] = [
      ['showenv', '-t', 'keep'],
      ['showenv', '-g', 'NOTSET'],
      ['setenv', '-g', 'GV', 'a$b"c`d\\e'],
      ['setenv', '-gh', 'HID', 'hv'],
      ['setenv', '-t', 'keep', 'SV', 'sv'],
      ['setenv', '-r', '-t', 'keep', 'DISPLAY'],
      ['setenv', '-r', '-t', 'keep', 'NEWMARK'],
      ['showenv', '-t', 'keep'],
      ['showenv', '-s', '-t', 'keep'],
      ['showenv', '-g', 'GV'],
      ['showenv', '-gs', 'GV'],
      ['showenv', '-gh'],
      ['showenv', '-g', 'HID'],
      ['showenv', '-g', 'FOO'],
      ['showenv', '-t', 'keep', 'NOPE'],
      ['setenv', '-t', 'keep', 'X'],
      ['setenv', '-u', '-t', 'keep', 'X', 'v'],
      ['setenv', '-r', '-t', 'keep', 'X', 'v'],
      ['setenv', '-t', 'keep', 'A=B', 'x'],
      ['setenv', '-t', 'keep', '', 'x'],
      ['setenv', '-u', '-t', 'keep', 'NOPE'],
      ['setenv', '-u', '-t', 'keep', 'NEWMARK'],
      ['setenv', '-F', '-t', 'keep', 'FV', '#{session_name}-#{window_index}'],
      ['showenv', '-t', 'keep', 'FV'],
      ['display', '-p', '-t', 'keep', '#{GV}|#{HID}|#{SV}|#{FOO}|#{DISPLAY}'],
      ['setenv', '-t', 'nosuch', 'A', 'b'],
      ['setenv', '-g', '-t', 'nosuch', 'GOK', 'b'],
      ['showenv', '-t', 'nosuch'],
      ['showenv', '-t', 'keep'],
      // A config's NAME=value goes into the global environment, %hidden's hidden; $NAME reads it.
      ['source-file', conf],
      ['showenv', '-g', 'CONFVAR'],
      ['showenv', '-gh', 'CONFHID'],
      ['show', '-gv', '@fromenv'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('showenv -g GV → 0: GV=a$b"c`d\\e');
    expect(theirs).toContain('show -gv @fromenv → 0: a b/h');
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('a new session takes the client\'s update-environment variables and -e; its panes get global + session, not hidden or removed ones', async () => {
    sbs = await new SideBySide().start({ SSH_AUTH_SOCK: '/first', FOO: '1' });
    const show = "env | grep -E '^(GV|HID|SV|FOO|DISPLAY|SSH_AUTH_SOCK|SSH_CONNECTION|E1|E2|XAUTHORITY)=' | sort; echo END; sleep 30";
    const steps: Step[] = [
      ['set', '-g', 'update-environment', 'DISPLAY SSH_*'],
      ['setenv', '-g', 'GV', 'g'],
      ['setenv', '-gh', 'HID', 'h'],
      { argv: ['new', '-d', '-s', 'two', '-x', '80', '-y', '24', '-e', 'E1=x'], env: { SSH_AUTH_SOCK: '/second', SSH_CONNECTION: 'c d', DISPLAY: ':5', XAUTHORITY: '/xa' } },
      ['showenv', '-t', 'two'],
      ['setenv', '-t', 'two', 'SV', 's'],
      ['setenv', '-t', 'two', '-r', 'FOO'],
      ['new-window', '-d', '-t', 'two:5', '-e', 'E2=y', show],
      { poll: ['capture-pane', '-p', '-t', 'two:5'], until: /END/ },
      ['new', '-d', '-s', 'three', '-E', '-x', '80', '-y', '24'],
      ['showenv', '-t', 'three'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.join('\n')).toContain('SSH_AUTH_SOCK=/second');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe('environment on attach', () => {
  it('attach-session gives the session the client\'s update-environment variables, not with -E (as tmux\'s cmd-attach-session)', async () => {
    sbs = new SideBySide();
    const sb = sbs.sb;
    await sb.ok(['new-session', '-d', '-s', 'keep'], { env: { SSH_AUTH_SOCK: '/first' } });
    expect(await sb.ok(['showenv', '-t', 'keep', 'SSH_AUTH_SOCK'])).toBe('SSH_AUTH_SOCK=/first\n');
    const t = await sb.terminal(['attach-session', '-t', 'keep'], 80, 24, { env: { SSH_AUTH_SOCK: '/attached' } });
    await waitFor(async () => (await sb.ok(['showenv', '-t', 'keep', 'SSH_AUTH_SOCK'])) === 'SSH_AUTH_SOCK=/attached\n', 10_000, 'the attach to update SSH_AUTH_SOCK');
    await sb.ok(['detach-client', '-s', 'keep']);
    await t.waitExit();
    const e = await sb.terminal(['attach-session', '-E', '-t', 'keep'], 80, 24, { env: { SSH_AUTH_SOCK: '/ignored' } });
    await e.waitForScreen('[keep]');
    expect(await sb.ok(['showenv', '-t', 'keep', 'SSH_AUTH_SOCK'])).toBe('SSH_AUTH_SOCK=/attached\n');
    await sb.ok(['detach-client', '-s', 'keep']);
    await e.waitExit();
  }, 60_000);
});

describe.skipIf(!hasTmux())('command-alias, side by side with tmux 3.3a', () => {
  it('expands aliases before commands, adds the arguments to the last command, never recursively', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['split-pane', '-d', '-t', 'keep'],
      ['splitp', '-d', '-t', 'keep'],
      ['list-panes', '-t', 'keep', '-F', '#{pane_index}'],
      ['set', '-s', 'command-alias', 'lsn=list-sessions -F x,qqq=display -p'],
      ['show', '-s', 'command-alias'],
      ['set', '-as', 'command-alias', 'two=display -p one ; display -p'],
      ['set', '-s', 'command-alias[3]', 'qqloop=qqloop'],
      ['set', '-s', 'command-alias[4]', 'list-windows=display -p shadowed'],
      ['show', '-s', 'command-alias'],
      ['lsn'],
      ['qqq', 'given'],
      ['two', 'last'],
      ['qqloop'],
      ['list-windows'],
      ['set', '-su', 'command-alias[1]'],
      ['qqq', 'x'],
      // tmux keeps a binding's commands with the alias expanded; ccmux keeps the text (list-keys differs)
      ['bind', 'X', 'two'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('two last → 0: one\nlast');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('hooks, side by side with tmux 3.3a', () => {
  it('set-hook / show-hooks: levels, arrays, -a -u, errors, commands printed as tmux prints them', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['set-hook', '-g', 'after-new-window', 'display -p hi'],
      ['set-hook', '-ga', 'after-new-window', 'run "echo x"'],
      ['set-hook', '-t', 'keep', 'after-new-window', 'display -p "a b" ; run -b "x y"'],
      ['set-hook', '-g', 'pane-died[3]', 'display -p x'],
      ['set-hook', '-p', '-t', 'keep', 'pane-exited', 'display -p y'],
      ['set-hook', '-w', '-t', 'keep', 'window-renamed', 'display -p z'],
      ['set-hook', '-g', 'session-created[2]', 'split-window -h -d -t keep:0 -c /tmp'],
      ['set-hook', '-g', 'session-created[5]', "split-window -d printf 'a$b\"c\\\\d' '' '#' '~/x' 'tab\té' \"it's\""],
      ['set-hook', '-ag', 'session-created', 'new-window -e A=1 -e B=2 -n w -d'],
      { argv: ['show-hooks', '-g'], env: {} },
      ['show-hooks', '-t', 'keep'],
      ['show-hooks', '-w', '-t', 'keep'],
      ['show-hooks', '-p', '-t', 'keep'],
      ['show-hooks', '-gw'],
      ['show-hooks', '-g', 'after-new-window'],
      ['show-hooks', '-t', 'keep', 'after-new-window'],
      ['show-hooks', '-t', 'keep', 'session-created'],
      ['show-hooks', '-g', 'window-renamed'],
      ['set-hook', '-gu', 'session-created[2]'],
      ['set-hook', '-gu', 'after-new-window'],
      ['show-hooks', '-g', 'session-created'],
      ['show-hooks', '-g', 'after-new-window'],
      ['set-hook', '-g', 'nosuch', 'display x'],
      ['set-hook', '-g', 'after-new-window', 'nosuchcmd'],
      ['set-hook', '-g', 'after-new-window'],
      ['show-hooks', '-g', 'nosuch'],
      ['show-hooks', '-t', 'nosuch'],
      ['set-hook', '-t', 'nosuch', 'session-created', 'display x'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('show-hooks -g after-new-window → 0: after-new-window[0] display-message -p hi\nafter-new-window[1] run-shell "echo x"');
    // The global listings name every hook tmux has; ccmux's leave out the ones it refuses
    // to set (it never raises them, or has no such command): each must be refused as such.
    const missing = (i: number) => theirs[i]!.split('\n').filter((l) => !ours[i]!.split('\n').includes(l));
    for (const i of [steps.findIndex((s) => !Array.isArray(s)), steps.findIndex((s) => Array.isArray(s) && s.join(' ') === 'show-hooks -gw')]) {
      const gone = missing(i);
      expect(gone.length).toBeLessThan(20);
      for (const name of gone) {
        expect(name).toMatch(/^[a-z-]+$/);
        const r = await sbs.ccmux(['set-hook', '-g', name, 'display x']);
        expect(r.err).toMatch(new RegExp(`^${name}: ccmux (does not raise ${name}|has no [a-z-]+ command)`));
      }
      theirs[i] = theirs[i]!.split('\n').filter((l) => !gone.includes(l)).join('\n');
    }
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('show-options shows hooks as tmux 3.3a keeps them, as options: by name, and with -H after the options', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['set-hook', '-g', 'after-new-window', 'display -p hi'],
      ['set-hook', '-ga', 'after-new-window', 'run "echo x"'],
      ['set-hook', '-w', '-t', 'keep', 'window-renamed', 'display -p z'],
      ['set-hook', '-p', '-t', 'keep', 'pane-exited', 'display -p y'],
      ['show', '-g', 'after-new-window'],
      ['show', '-gv', 'after-new-window'],
      ['show', '-g', 'after-new-window[1]'],
      ['show', '-t', 'keep', 'after-new-window'],
      ['show', '-w', '-t', 'keep', 'window-renamed'],
      ['show', '-w', '-t', 'keep', '-H'],
      ['show', '-p', '-t', 'keep', '-H'],
      ['show', '-s', '-H', 'exit-empty'],
      ['show', '-gH'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[4]).toBe('show -g after-new-window → 0: after-new-window[0] display-message -p hi\nafter-new-window[1] run-shell "echo x"');
    // -gH: the options, then every global session hook; compared on the hook lines both know.
    const hookLines = (out: string) => out.split('\n').filter((l) => /^(after-new-window|session-created|client-attached)/.test(l.replace(/^.*→ 0: /, '')));
    expect(hookLines(ours.at(-1)!)).toEqual(hookLines(theirs.at(-1)!));
    expect(hookLines(theirs.at(-1)!)).toHaveLength(4);
    expect(ours.slice(0, -1)).toEqual(theirs.slice(0, -1));
  }, 60_000);

  it('after-select-pane runs only when the active pane changes, as tmux', async () => {
    sbs = await new SideBySide().start();
    const n = ['show', '-gv', '@n'];
    const steps: Step[] = [
      ['set', '-g', '@n', '0'],
      ['set-hook', '-g', 'after-select-pane', 'set -gF @n "#{e|+:#{@n},1}"'],
      ['split-window', '-d', '-t', 'keep'],
      ['select-pane', '-t', 'keep.0'], n,
      ['select-pane', '-t', 'keep.1'], n,
      ['select-pane', '-m', '-t', 'keep.1'], n,
      ['select-pane', '-T', 'title', '-t', 'keep.1'], n,
      ['select-pane', '-d', '-t', 'keep.1'], n,
      ['select-pane', '-e', '-t', 'keep.1'], n,
      ['select-pane', '-l', '-t', 'keep'], n,
      ['select-pane', '-L', '-t', 'keep.0'], n,
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.filter((l) => l.startsWith('show')).map((l) => l.split(': ')[1])).toEqual(['0', '1', '1', '1', '1', '1', '1', '1']);
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('runs after-<command> and event hooks with their target and formats, never recursively', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['set-hook', '-g', 'after-new-window', 'setenv -gF AFTER "#{hook}|#{hook_arguments}|#{hook_flag_d}|#{hook_flag_n}|#{hook_argument_0}|#{window_name}" ; new-window -d -t keep:'],
      ['new-window', '-d', '-n', 'nw', '-t', 'keep:', 'sleep 100'],
      ['showenv', '-g', 'AFTER'],
      ['list-windows', '-t', 'keep', '-F', '#{window_index}'],
      ['set-hook', '-g', 'after-split-window', 'setenv -gF SPLIT "#{hook_flag_h}|#{pane_index}|#{hook_flag_l}"'],
      ['split-window', '-h', '-d', '-l', '5', '-t', 'keep:0', 'sleep 100'],
      ['showenv', '-g', 'SPLIT'],
      ['set-hook', '-g', 'session-created', 'setenv -gF CREATED "#{hook}|#{hook_session_name}|#{session_name}" ; new-session -d -s fromhook'],
      ['new', '-d', '-s', 'b'],
      { poll: ['showenv', '-g', 'CREATED'], until: /b\|b/ },
      ['list-sessions', '-F', '#{session_name}'],
      // the hook's current session is the renamed one; tmux does not expand formats in -t
      ['set-hook', '-g', 'session-renamed', 'rename-session "#{hook_session_name}x"'],
      ['rename-session', '-t', 'b', 'c'],
      { poll: ['list-sessions', '-F', '#{session_name}'], until: /cx/ },
      ['set-hook', '-g', 'window-renamed', 'setenv -gF WR "#{hook_window_name}|#{hook_window}|#{window_name}"'],
      ['rename-window', '-t', 'keep:1', 'renamed'],
      { poll: ['showenv', '-g', 'WR'], until: /renamed/ },
      // the after-new-window hook's own new-window raises window-linked too (as tmux): WL gets both
      ['set-hook', '-g', 'window-linked', 'setenv -gF WL "#{WL}#{hook_session_name}|#{hook_window_name},"'],
      ['set-hook', '-g', 'window-unlinked', 'setenv -gF WU "#{hook_session_name}|#{hook_window}"'],
      ['new-window', '-d', '-t', 'keep:7', '-n', 'seven', 'sleep 100'],
      { poll: ['showenv', '-g', 'WL'], until: /seven,keep\|sh,\n/ },
      ['kill-window', '-t', 'keep:7'],
      { poll: ['showenv', '-g', 'WU'], until: /keep/ },
      ['set-hook', '-g', 'pane-exited', 'setenv -gF PE "#{hook}|#{hook_pane}|#{pane_id}"'],
      ['split-window', '-d', '-t', 'keep:0', 'exit 0'],
      { poll: ['showenv', '-g', 'PE'], until: /pane-exited/ },
      ['set-option', '-g', 'remain-on-exit', 'on'],
      ['set-hook', '-g', 'pane-died', 'setenv -gF PD "#{hook}|#{hook_pane}|#{pane_dead}"'],
      ['new-window', '-d', '-t', 'keep:8', 'exit 3'],
      { poll: ['showenv', '-g', 'PD'], until: /pane-died/ },
      ['set-hook', '-g', 'session-closed', 'setenv -gF SC "#{hook_session_name}"'],
      ['kill-session', '-t', 'cx'],
      { poll: ['showenv', '-g', 'SC'], until: /cx/ },
      ['set-hook', '-g', 'client-attached', 'display -p "#{hook}:#{session_name}"'],
      ['set-hook', '-R', '-t', 'keep', 'client-attached'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('set-hook -R -t keep client-attached → 0: client-attached:keep');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('event hooks of windows and alerts, side by side with tmux 3.3a', () => {
  it('alert-bell, alert-activity, window-layout-changed, window-pane-changed, session-window-changed', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const steps: Step[] = [
      ['set-hook', '-g', 'alert-bell', 'setenv -gF AB "#{AB}#{hook}|#{hook_window}|#{hook_session_name},"'],
      ['set', '-g', 'monitor-activity', 'on'],
      // the bell is output too: window 3 is flagged for activity as well (in both)
      ['set-hook', '-g', 'alert-activity', 'setenv -gF AA "#{AA}#{hook}|#{hook_window},"'],
      ['new-window', '-d', '-t', 'keep:3', 'sleep 0.3; printf "\\a"; sleep 100'],
      { poll: ['showenv', '-g', 'AB'], until: /alert-bell/ },
      ['new-window', '-d', '-t', 'keep:4', 'sleep 0.3; echo hi; sleep 100'],
      { poll: ['showenv', '-g', 'AA'], until: /@2,/ },
      ['set-hook', '-g', 'window-layout-changed', 'setenv -gF WLC "#{hook}|#{hook_window}|#{window_panes}"'],
      ['split-window', '-d', '-t', 'keep:3'],
      { poll: ['showenv', '-g', 'WLC'], until: /window-layout-changed/ },
      ['set-hook', '-g', 'window-pane-changed', 'setenv -gF WPC "#{hook}|#{hook_window}|#{pane_index}"'],
      ['select-pane', '-t', 'keep:3.1'],
      { poll: ['showenv', '-g', 'WPC'], until: /window-pane-changed/ },
      ['set-hook', '-g', 'session-window-changed', 'setenv -gF SWC "#{hook}|#{hook_session_name}|#{window_index}"'],
      ['select-window', '-t', 'keep:4'],
      { poll: ['showenv', '-g', 'SWC'], until: /session-window-changed/ },
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('pane-mode-changed and client-active, side by side with tmux 3.3a', () => {
  it('run when a pane enters or leaves copy or clock mode, and when a client presses a key or resizes in a window it was not the last to use', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const clients = await sbs.attach();
    const steps: Step[] = [
      ['set-hook', '-g', 'pane-mode-changed', 'set -gaF @m "#{hook}:#{==:#{hook_pane},#{pane_id}}:#{pane_in_mode},"'],
      ['set-hook', '-g', 'client-active', 'set -gaF @a "#{hook}:#{session_name}:#{hook_client},"'],
      ['copy-mode', '-t', 'keep'],
      { poll: ['show', '-gv', '@m'], until: /:1,\s*$/ },
      ['send', '-t', 'keep', '-X', 'cancel'],
      { poll: ['show', '-gv', '@m'], until: /:0,\s*$/ },
      ['clock-mode', '-t', 'keep'],
      { poll: ['show', '-gv', '@m'], until: /,.*,.*:1,\s*$/ },
      { keys: 'q' },
      { poll: ['show', '-gv', '@m'], until: /(.*,){4}/ },
    ];
    const { theirs, ours } = await sbs.both(steps, clients);
    expect(ours).toEqual(theirs);
    clients.tmux.close();
    clients.ccmux.close();
    // Two clients of the session take turns: a key runs client-active when the window's
    // last client was another (h1 x, h2 y, h1 w), not again for the same (h2 z). An attach
    // may make a client the last one too (tmux's does when its first resize comes after
    // it), so what counts is what follows h1's first run.
    const runs: Record<string, string[]> = {};
    for (const which of ['tmux', 'ccmux'] as const) {
      const run = which === 'tmux' ? sbs.tmux : sbs.ccmux;
      const ttys = async () => (await run(['list-clients', '-F', '#{client_tty}'])).out.split('\n').filter(Boolean);
      const h1 = await sbs.terminal(which, ['attach', '-t', 'keep']);
      await waitFor(async () => (await ttys()).length === 1, 10_000, 'h1');
      const [tty1] = await ttys();
      const h2 = await sbs.terminal(which, ['attach', '-t', 'keep']);
      await waitFor(async () => (await ttys()).length === 2, 10_000, 'h2');
      const names = (list: string[]) => list.map((n) => (n === tty1 ? 'h1' : 'h2'));
      const entries = async () => names([...(await run(['show', '-gv', '@a'])).out.matchAll(/client-active:keep:([^,]*),/g)].map((m) => m[1]!));
      const start = (await entries()).length;
      const after = async () => {
        const e = (await entries()).slice(start);
        return e.slice(e.indexOf('h1'));
      };
      for (const [t, key, want] of [[h1, 'x', 1], [h2, 'y', 2], [h2, 'z', 2], [h1, 'w', 3]] as const) {
        t.type(key);
        if (key === 'z') await t.waitForScreen((l) => l.join('').includes('yz'));
        else await waitFor(async () => (await entries()).includes('h1') && (await after()).length >= want, 10_000, `client-active after ${key} (${which})`);
      }
      // A resize of a client's terminal counts as a key does (tmux's MSG_RESIZE): h2's first
      // runs the hook, its second does not (the server has it once h2's width reads 71).
      const width = async (tty: string) => (await run(['list-clients', '-F', '#{client_tty} #{client_width}'])).out.split('\n').find((l) => l.startsWith(`${tty} `))?.split(' ')[1];
      const tty2 = (await ttys()).find((t) => t !== tty1)!;
      h2.resize(70, 24);
      await waitFor(async () => (await after()).length >= 4, 10_000, `client-active after h2's resize (${which})`);
      h2.resize(71, 24);
      await waitFor(async () => (await width(tty2)) === '71', 10_000, `h2 at 71 columns (${which})`);
      h1.type('v');
      await waitFor(async () => (await after()).length >= 5, 10_000, `client-active after v (${which})`);
      runs[which] = await after();
    }
    expect(runs.ccmux).toEqual(runs.tmux);
    expect(runs.tmux).toEqual(['h1', 'h2', 'h1', 'h2', 'h1']);
  }, 60_000);
});

describe('client hooks', () => {
  it('client-attached, client-resized, client-session-changed and client-detached run with the client\'s session and #{hook_client}', async () => {
    sbs = new SideBySide();
    const sb = sbs.sb;
    await sb.ok(['new-session', '-d', '-s', 'keep']);
    await sb.ok(['new-session', '-d', '-s', 'other']);
    for (const h of ['client-attached', 'client-resized', 'client-session-changed', 'client-detached']) {
      await sb.ok(['set-hook', '-g', h, `setenv -gF ${h.replace(/-/g, '_')} "#{hook}|#{session_name}|#{==:#{hook_client},#{client_name}}"`]);
    }
    const env = async (name: string) => (await sb.ccmux(['showenv', '-g', name])).stdout.trim();
    const t = await sb.terminal(['attach-session', '-t', 'keep'], 80, 24);
    await waitFor(async () => (await env('client_attached')) === 'client_attached=client-attached|keep|1', 10_000, 'client-attached');
    t.resize(100, 30);
    await waitFor(async () => (await env('client_resized')) === 'client_resized=client-resized|keep|1', 10_000, 'client-resized');
    t.prefix('(');
    await waitFor(async () => /^client_session_changed=client-session-changed\|(other|keep)\|1$/.test(await env('client_session_changed')), 10_000, 'client-session-changed');
    await sb.ok(['detach-client']); // the one client (-a would detach every client but it, as tmux)
    await t.waitExit();
    await waitFor(async () => /^client_detached=client-detached\|/.test(await env('client_detached')), 10_000, 'client-detached');
  }, 60_000);
});


describe.skipIf(!hasTmux())('prompts, side by side with tmux 3.3a', () => {
  it('command-prompt -p -I -1 -N -k, several prompts, %% and %1, confirm-before, the prompt history', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const clients = await sbs.attach();
    const name = (until: RegExp): Step => ({ poll: ['display', '-p', '-t', 'keep', '#{window_name}'], until });
    // -b: tmux's command-prompt and confirm-before otherwise wait for the answer before the CLI returns
    const steps: Step[] = [
      ['command-prompt', '-b', '-p', 'name:', '-I', '#{session_name}', 'rename-window "%% %%"'],
      { keys: '-1\r' },
      name(/^keep-1 keep-1$/m),
      ['command-prompt', '-b1', '-p', 'key?', 'rename-window "one-%%"'],
      { keys: 'x' },
      name(/^one-x$/m),
      ['command-prompt', '-bN', '-p', 'n:', 'rename-window "n%1"'],
      { keys: '12a' },
      name(/^n12$/m),
      ['command-prompt', '-bk', '-p', 'k:', 'rename-window "k-%%"'],
      { keys: '\x1b[A' },
      name(/^k-Up$/m),
      ['command-prompt', '-b', '-p', 'a:,b:', '-I', 'x,y', 'rename-window "%1-%2"'],
      { keys: '\r' },
      { keys: 'z\r' },
      name(/^x-yz$/m),
      ['command-prompt', '-b', '-p', 'q:', 'rename-window "%%%"'],
      { keys: 'a;b\r' },
      name(/^a;b$/m),
      ['command-prompt', '-b', '-p', 'again:', 'rename-window "%%"'],
      { keys: '\x1b[A\x1b[A\r' },
      name(/^yz$/m),
      ['confirm-before', '-b', '-p', 'sure?', 'rename-window confirmed'],
      // Drawn: n was read and the prompt put away (the next one, opened before, would replace it and take the n).
      { keys: 'n', drawn: true },
      ['confirm-before', '-b', 'rename-window confirmed'],
      { keys: 'y' },
      name(/^confirmed$/m),
      ['show-prompt-history', '-T', 'command'],
      ['show-prompt-history', '-T', 'search'],
      ['clear-prompt-history', '-T', 'command'],
      ['show-prompt-history'],
      ['command-prompt', '-T', 'nosuch'],
      ['show-prompt-history', '-T', 'nosuch'],
    ];
    const { theirs, ours } = await sbs.both(steps, clients);
    clients.tmux.close();
    clients.ccmux.close();
    expect(theirs).toContain('show-prompt-history -T command → 0: History for command:\n\n1: keep-1\n2: x\n3: yz\n4: a;b\n5: yz');
    expect(ours).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('the message log, side by side with tmux 3.3a', () => {
  it('show-messages lists the commands run, newest first, as tmux prints them, at most message-limit', async () => {
    sbs = await new SideBySide().start();
    const none = await sbs.both([['show-messages']]);
    expect(none.ours).toEqual(none.theirs);
    const clients = await sbs.attach();
    const steps: Step[] = [
      ['set', '-g', '@a', 'x y'],
      ['display', '-p', '-t', 'keep', '#{session_name}'],
      ['splitw', '-dh', '-t', 'keep', '-l', '10', 'sleep 100'],
      ['show-messages'],
      ['set', '-g', 'message-limit', '3'],
      ['display', '-p', 'y'],
      ['show-messages'],
      ['show-messages', '-t', 'nosuch'],
    ];
    const { theirs, ours } = await sbs.both(steps, clients);
    clients.tmux.close();
    clients.ccmux.close();
    // Times and client names (a pid, or a terminal) differ from run to run; what came
    // before the script (each server's own start) is cut off.
    const norm = (lines: string[]) =>
      lines.map((l) => {
        if (!l.startsWith('show-messages →')) return l;
        const body = l.split('\n');
        const first = body[0]!.slice(body[0]!.indexOf(': ') + 2);
        const msgs = [first, ...body.slice(1)].map((m) => m.replace(/^\d\d:\d\d: /, '').replace(/^(client-\d+|\/dev\/pts\/\d+) /, 'C '));
        const cut = msgs.findIndex((m) => m.includes('set-option -g @a'));
        return msgs.slice(0, cut < 0 ? msgs.length : cut + 1).join('\n');
      });
    expect(norm(theirs)[3]).toContain('C command: split-window -dh -l 10 -t keep "sleep 100"');
    expect(norm(ours)).toEqual(norm(theirs));
  }, 60_000);
});

describe.skipIf(!hasTmux())('display-message flags, side by side with tmux 3.3a', () => {
  it('-F, -d, -c, -N and their errors', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['display', '-p', '-F', '#{session_name}x'],
      ['display', '-p', '-F', 'a', 'b'],
      ['display', '-p', '-d', 'abc', 'x'],
      ['display', '-p', '-d', '-1', 'x'],
      ['display', '-c', 'nosuch', 'x'],
      ['display', '-p', '-N', '-d', '5', 'n #{window_index}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(ours).toEqual(theirs);
    // -c: the message goes to that client, and its formats see that client.
    const clients = await sbs.attach();
    for (const [run, c] of [[sbs.tmux, clients.tmux], [sbs.ccmux, clients.ccmux]] as const) {
      const name = (await run(['display', '-p', '#{client_name}'])).out.trim();
      expect((await run(['display', '-d', '0', '-c', name, 'hello #{client_name}'])).code).toBe(0);
      expect((await run(['show-messages'])).out).toContain(`${name} message: hello ${name}`);
      c.close();
    }
  }, 60_000);
});
