/*
 * Windows in several sessions side by side with tmux 3.3a: link-window, unlink-window,
 * session groups (new-session -t), kill-window and kill-session of linked windows and
 * grouped sessions, and the formats that show them (window_linked*, session_group*),
 * read back with list-windows -a / list-sessions / display -p. Window ids differ between
 * the two (tmux spends ids ccmux does not), so no step prints one. Then that a clean
 * kill-server and `ccmux restore` bring the links and groups back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as pty from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, hasTmux, pidAlive, Sandbox, waitFor } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let both: SideBySide | undefined;
let sb: Sandbox | undefined;
const controls: ChildProcess[] = [];

/**
 * A control client (-C attach) of `cmd`: command lines in, each run once the one before
 * has its %end or %error; what it printed but %output and the guard lines, out.
 */
async function controlScript(cmd: string, args: string[], env: Record<string, string>, lines: string[]): Promise<string[]> {
  const child = spawn(cmd, [...args, '-C', 'attach', '-t', 'keep'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  controls.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('latin1')));
  const ends = () => out.split('\n').filter((l) => /^%(end|error) /.test(l)).length;
  await waitFor(() => out.includes('%session-changed'), 10_000, 'the control client to attach');
  for (const line of lines) {
    const before = ends();
    child.stdin!.write(line + '\n');
    await waitFor(() => ends() > before, 10_000, `"${line}" to finish`);
  }
  const exited = new Promise((r) => child.on('exit', r));
  child.stdin!.end();
  await exited;
  // A window's automatic name as tmux's rename timer sees it (#{pane_current_command}) is not what is tested here.
  return out.split('\n').filter((l) => l !== '' && !/^%(output|begin|end|error|window-renamed|exit) ?/.test(l));
}

const ptys: pty.IPty[] = [];

/** A client of each attached to `target` in a terminal of `cols`×`rows`, once both servers count it. */
async function attachAt(b: SideBySide, target: string, cols: number, rows: number, clients: number): Promise<void> {
  const p = pty.spawn('tmux', ['-L', b.tmuxName, '-f', '/dev/null', 'attach', '-t', target], { name: 'xterm-256color', cols, rows, cwd: b.sb.home, env: { ...b.sb.env, TMUX_TMPDIR: b.sb.dir } });
  p.onData(() => {});
  ptys.push(p);
  await b.sb.terminal(['attach-session', '-t', target], cols, rows);
  for (const run of [b.tmux, b.ccmux]) {
    await waitFor(async () => (await run(['list-clients', '-F', '#{client_width}x#{client_height}'])).out.trim().split('\n').filter(Boolean).length === clients, 10_000, `${clients} clients`);
  }
}

afterEach(async () => {
  for (const p of ptys.splice(0)) p.kill('SIGHUP');
  for (const c of controls.splice(0)) if (c.exitCode === null) c.kill();
  await both?.dispose();
  both = undefined;
  await sb?.dispose();
  sb = undefined;
});

const WINDOWS = '#{session_name}:#{window_index} #{window_name} L=#{window_linked} n=#{window_linked_sessions} #{window_linked_sessions_list} #{window_flags}';
const LSW: Step = ['list-windows', '-a', '-F', WINDOWS];
const SESSIONS = '#{session_name} g=#{session_group} #{session_grouped} size=#{session_group_size} list=#{session_group_list} w=#{session_windows}';
const LS: Step = ['list-sessions', '-F', SESSIONS];

describe.skipIf(!hasTmux())('windows in several sessions, side by side with tmux 3.3a', () => {
  it('link-window and unlink-window: indexes, -d, -k, -a/-b, errors; kill-window kills a window in every session', async () => {
    both = await new SideBySide().start();
    const steps: Step[] = [
      // keep's window named: its automatic name is its shell's, which tmux reads as "tmux"
      // until the forked child has exec'd the shell (a race of tmux's, seen in a loaded run).
      ['rename-window', '-t', 'keep:0', 'k0'],
      ['new-session', '-d', '-s', 'a', '-x', '80', '-y', '24', '-n', 'a0'],
      ['new-window', '-d', '-t', 'a:', '-n', 'a1'],
      ['new-window', '-d', '-t', 'a:', '-n', 'a2'],
      ['new-session', '-d', '-s', 'b', '-x', '80', '-y', '24', '-n', 'b0'],
      ['link-window', '-d', '-s', 'a:1', '-t', 'b:3'],
      ['link-window', '-s', 'a:2', '-t', 'b'],
      LSW,
      ['link-window', '-s', 'a:0', '-t', 'b:0'],
      ['link-window', '-s', 'a:9', '-t', 'b:'],
      ['link-window', '-a', '-s', 'a:0', '-t', 'b:0'],
      LSW,
      ['link-window', '-b', '-d', '-k', '-s', 'keep:0', '-t', 'b:1'],
      LSW,
      ['link-window', '-k', '-s', 'a:2', '-t', 'b:0'],
      LSW,
      ['rename-window', '-t', 'b:3', 'renamed'],
      ['display-message', '-p', '-t', 'a:1', '#{window_name} #{window_index} #{session_name}'],
      ['unlink-window', '-t', 'a:0'],
      ['unlink-window', '-t', 'b:3'],
      LSW,
      ['unlink-window', '-t', 'a:1'],
      ['kill-window', '-t', 'keep:0'],
      LSW,
      ['set', '-g', 'renumber-windows', 'on'],
      ['kill-window', '-t', 'b:1'],
      LSW,
      ['unlink-window', '-k', '-t', 'a:1'],
      LSW,
      ['list-sessions', '-F', '#{session_name} #{session_windows}'],
      ['unlink-window', '-x'],
      ['link-window', '-s', 'nosuch:0', '-t', 'b:'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('session groups: new-session -t shares windows; made, killed, moved and renumbered in one, so in all; each its own current window', async () => {
    both = await new SideBySide().start();
    const steps: Step[] = [
      // keep's window named, as in the test above: LSW shows it, and its automatic name can be "tmux".
      ['rename-window', '-t', 'keep:0', 'k0'],
      ['new-session', '-d', '-s', 'a', '-x', '80', '-y', '24', '-n', 'a0'],
      ['new-window', '-d', '-t', 'a:', '-n', 'a1'],
      ['new-session', '-d', '-t', 'a'],
      ['new-session', '-d', '-t', 'a', '-s', 'g'],
      ['new-session', '-d', '-t', 'a', '-s', 'c', '-n', 'nope'],
      ['new-session', '-d', '-t', 'fresh'],
      ['new-session', '-d', '-t', 'fresh', '-n', 'nope'],
      // Named now: a new shell's automatic name can be read before it runs (tmux's too).
      ['rename-window', '-t', 'fresh-4:0', 'f0'],
      ['new-session', '-d', '-t', 'fresh', '-s', 'y'],
      ['new-session', '-d', '-t', 'g', '-s', 'g'],
      LS, LSW,
      ['new-window', '-d', '-t', 'g:7', '-n', 'g7'],
      ['select-window', '-t', 'g:7'],
      LSW,
      ['move-window', '-s', 'g:7', '-t', 'g:9'],
      ['kill-window', '-t', 'a:1'],
      LSW,
      ['move-window', '-r', '-t', 'a-2'],
      LSW,
      ['link-window', '-s', 'a:0', '-t', 'g:5'],
      ['link-window', '-s', 'keep:0', '-t', 'g:5'],
      LSW,
      ['unlink-window', '-t', 'g:5'],
      ['unlink-window', '-t', 'a:0'],
      ['rename-session', '-t', 'a', 'renamed'],
      LS,
      ['kill-session', '-t', 'g'],
      LS, LSW,
      ['display-message', '-p', '-t', 'a-2', '#{session_group_list} #{session_group_size} #{session_group_attached} #{session_group_many_attached}'],
      ['display-message', '-p', '-t', 'keep', '[#{session_group}] [#{session_group_list}] [#{session_group_size}] #{session_grouped}'],
      ['kill-session', '-t', 'renamed'],
      ['kill-session', '-t', 'a-2'],
      LS, LSW,
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('the window list of each session of a group (the status line\'s #{W:} loop) and flags per session', async () => {
    both = await new SideBySide().start();
    const W = ['display-message', '-p', '#{W:#{window_index}:#{window_name}#{window_flags} }'];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'a', '-x', '80', '-y', '24', '-n', 'a0'],
      ['new-window', '-t', 'a:', '-n', 'a1'],
      ['new-session', '-d', '-t', 'a', '-s', 'g'],
      ['new-window', '-t', 'a:', '-n', 'a2'],
      [...W.slice(0, 2), '-t', 'a', W[2]!],
      [...W.slice(0, 2), '-t', 'g', W[2]!],
      ['select-window', '-t', 'g:1'],
      ['last-window', '-t', 'g'],
      [...W.slice(0, 2), '-t', 'a', W[2]!],
      [...W.slice(0, 2), '-t', 'g', W[2]!],
      ['list-sessions', '-F', '#{session_name}: #{session_windows} windows#{?session_grouped, (group ,}#{session_group}#{?session_grouped,),}'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('window-size and aggressive-resize, side by side with tmux 3.3a', () => {
  it('a window linked into two sessions shown by clients of two sizes: largest, smallest, latest, manual; aggressive-resize counts only the clients it is current for', async () => {
    both = await new SideBySide().start();
    const size = (t: string): Step => ['display-message', '-p', '-t', t, '#{window_width}x#{window_height}'];
    const setup: Step[] = [
      ['new-session', '-d', '-s', 'a', '-x', '80', '-y', '24', '-n', 'shared'],
      ['new-window', '-d', '-t', 'a:1', '-n', 'own'],
      ['new-session', '-d', '-s', 'b', '-x', '80', '-y', '24', '-n', 'b0'],
      ['link-window', '-s', 'a:0', '-t', 'b:1'],
    ];
    await both.both(setup);
    await attachAt(both, 'a', 100, 30, 1);
    await attachAt(both, 'b', 60, 20, 2);
    const steps: Step[] = [
      ['show-options', '-gv', 'window-size'],
      size('a:0'), size('a:1'), size('b:0'),
      ['set', '-g', 'window-size', 'largest'], size('a:0'), size('a:1'),
      ['set', '-g', 'window-size', 'smallest'], size('a:0'), size('a:1'),
      ['select-window', '-t', 'a:1'],
      ['set', '-g', 'window-size', 'largest'], size('a:0'),
      ['set', '-g', 'aggressive-resize', 'on'], size('a:0'), size('a:1'),
      ['set', '-g', 'aggressive-resize', 'off'],
      ['set', '-g', 'window-size', 'manual'],
      ['select-window', '-t', 'a:0'], size('a:0'),
      // (tmux 3.3a's server dies at a new session under window-size manual with a default-size set.)
      ['set', '-g', 'window-size', 'latest'],
      ['set', '-g', 'default-size', '90x20'],
      ['new-session', '-d', '-s', 'c'], size('c:0'),
      ['new-session', '-d', '-s', 'e', '-x', '70', '-y', '15'],
      ['show-options', '-t', 'e', 'default-size'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('sessions ending and clients leaving, side by side with tmux 3.3a', () => {
  it('detach-on-destroy no-detached, off and on; destroy-unattached per session', async () => {
    both = await new SideBySide().start();
    const clients: Step = ['list-clients', '-F', '#{session_name}'];
    // Each switch made deterministic: one candidate session at a time (tmux picks among equals by a time it keeps to the microsecond).
    const at = (re: RegExp): Step => ({ poll: ['list-clients', '-F', '#{session_name}'], until: re });
    for (const run of [both.tmux, both.ccmux]) for (const s of ['a', 'b']) await run(['new-session', '-d', '-s', s, '-x', '80', '-y', '24']);
    await attachAt(both, 'a', 80, 24, 1);
    await attachAt(both, 'keep', 80, 24, 2);
    const steps: Step[] = [
      ['show-options', '-g', 'detach-on-destroy'],
      ['set', '-g', 'detach-on-destroy', 'no-detached'],
      ['kill-session', '-t', 'a'],
      at(/^b\nkeep\n$|^keep\nb\n$/),
      ['set', '-g', 'detach-on-destroy', 'off'],
      ['kill-session', '-t', 'b'],
      at(/^keep\nkeep\n$/),
      ['new-session', '-d', '-s', 'd'],
      ['set', '-g', 'detach-on-destroy', 'no-detached'],
      ['kill-session', '-t', 'keep'],
      at(/^d\nd\n$/),
      ['set', '-g', 'detach-on-destroy', 'on'],
      ['new-session', '-d', '-s', 'e'],
      ['new-session', '-d', '-s', 'f'],
      ['set', '-t', 'e', 'destroy-unattached', 'off'],
      // At once: f, attached to no client, ends; e does not (its own value).
      ['set', '-g', 'destroy-unattached', 'on'],
      ['list-sessions', '-F', '#{session_name} #{session_attached}'],
      ['kill-session', '-t', 'd'],
      { poll: ['list-sessions', '-F', '#{session_name} #{session_attached}'], until: /^e 0\n$/ },
      clients,
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('detach-on-destroy off sends the clients to the session used longest ago, as tmux 3.3a\'s server_next_session', async () => {
    both = await new SideBySide().start();
    // keep is the oldest; x1 and x2 come later, each in its own instant; the client is on x3.
    for (const s of ['x1', 'x2', 'x3']) {
      await new Promise((r) => setTimeout(r, 50));
      for (const run of [both.tmux, both.ccmux]) await run(['new-session', '-d', '-s', s, '-x', '80', '-y', '24']);
    }
    await attachAt(both, 'x3', 80, 24, 1);
    const steps: Step[] = [
      ['set', '-g', 'detach-on-destroy', 'off'],
      ['kill-session', '-t', 'x3'],
      { poll: ['list-clients', '-F', '#{session_name}'], until: /^keep\n$/ },
      ['kill-session', '-t', 'keep'],
      { poll: ['list-clients', '-F', '#{session_name}'], until: /^x1\n$/ },
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('#{client_last_session} names the session a client left while that session lives', async () => {
    both = await new SideBySide().start();
    for (const s of ['a', 'b']) for (const run of [both.tmux, both.ccmux]) await run(['new-session', '-d', '-s', s, '-x', '80', '-y', '24']);
    await attachAt(both, 'a', 80, 24, 1);
    const lsc: Step = ['list-clients', '-F', '#{client_session} [#{client_last_session}]'];
    const steps: Step[] = [
      ['switch-client', '-t', 'b'],
      { poll: lsc, until: /^b \[a\]\n$/ },
      ['kill-session', '-t', 'a'],
      lsc,
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs.at(-1)).toMatch(/→ 0: b \[\]$/);
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('exit-unattached: the server stops when its last client detaches, sessions or not', async () => {
    sb = new Sandbox();
    await sb.ok(['new-session', '-d', '-s', 'a']);
    await sb.ok(['new-session', '-d', '-s', 'b']);
    const pid = Number((await sb.ok(['display-message', '-p', '#{pid}'])).trim());
    const t = await sb.terminal(['attach-session', '-t', 'a'], 80, 24);
    await waitFor(async () => (await sb!.ok(['list-clients', '-F', '#{session_name}'])) === 'a\n', 10_000, 'the client to attach');
    await sb.ok(['set', '-s', 'exit-unattached', 'on']);
    expect(pidAlive(pid)).toBe(true);
    await sb.ok(['detach-client', '-s', 'a']);
    await waitFor(() => !pidAlive(pid), 10_000, 'the server to exit');
    t.dispose();
  }, 60_000);
});

describe.skipIf(!hasTmux())('hooks of links, side by side with tmux 3.3a', () => {
  it('window-linked and window-unlinked run for each session a window is linked into or out of, kill-session\'s after the session', async () => {
    both = await new SideBySide().start();
    const log = (what: string) => `set -gaF @log '${what}:#{hook_session_name}:#{hook_window_name} '`;
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'other', '-n', 'o0'],
      ['new-session', '-d', '-s', 'third', '-n', 't0'],
      ['set-hook', '-g', 'window-linked', log('L')],
      ['set-hook', '-g', 'window-unlinked', log('U')],
      ['link-window', '-d', '-s', 'other:0', '-t', 'keep:3'],
      ['link-window', '-d', '-s', 'other:0', '-t', 'third:'],
      ['unlink-window', '-t', 'keep:3'],
      ['kill-window', '-t', 'third:1'],
      ['kill-session', '-t', 'third'],
      { poll: ['show-options', '-gv', '@log'], until: /U:third:t0 $/m },
    ];
    const { theirs, ours } = await both.both(steps);
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('control-mode notifications of links, side by side with tmux 3.3a', () => {
  it('%window-add, %unlinked-window-close and %session-window-changed as windows are linked into and out of the client\'s session and a group\'s', async () => {
    both = await new SideBySide().start();
    for (const run of [both.tmux, both.ccmux]) {
      await run(['new-session', '-d', '-s', 'other', '-n', 'o0']);
      await run(['new-window', '-d', '-t', 'other:', '-n', 'o1']);
      await run(['new-session', '-d', '-s', 'third', '-n', 't0']);
    }
    const lines = [
      'link-window -d -s other:0 -t keep:5',
      'unlink-window -t keep:5',
      'link-window -s other:0 -t keep:',
      'link-window -d -s other:1 -t third:4',
      'unlink-window -t other:1',
      'kill-window -t other:0',
      'kill-window -t third:4',
    ];
    const tmuxEnv = { ...both.sb.env, TMUX_TMPDIR: both.sb.dir };
    const theirs = await controlScript('tmux', ['-L', both.tmuxName, '-f', '/dev/null'], tmuxEnv, lines);
    const ours = await controlScript(process.execPath, [CCMUX], both.sb.env, lines);
    expect(ours).toEqual(theirs);
    expect(ours).toContain('%unlinked-window-close @1');
  }, 60_000);
});

describe('linked windows and groups across a restore', () => {
  it('a clean kill-server and ccmux restore bring back the links, their indexes, the groups and each session\'s path', async () => {
    sb = new Sandbox();
    await sb.ok(['new-session', '-d', '-s', 'a', '-x', '80', '-y', '24', '-n', 'a0']);
    await sb.ok(['new-window', '-d', '-t', 'a:', '-n', 'a1']);
    await sb.ok(['new-session', '-d', '-s', 'b', '-n', 'b0', '-c', '/tmp']);
    await sb.ok(['link-window', '-d', '-s', 'a:1', '-t', 'b:4']);
    await sb.ok(['new-session', '-d', '-t', 'a', '-s', 'g']);
    await sb.ok(['select-window', '-t', 'g:1']);
    const F = ['list-windows', '-a', '-F', '#{session_name}:#{window_index} #{window_name} #{window_linked_sessions_list} #{window_flags} #{session_group} #{session_path}'];
    const before = await sb.ok(F);
    expect(before).toContain('b:4 a1 a,b,g');
    expect(before).toMatch(/^b:0 b0 b\s+\S*\s+\/tmp$/m); // the session's path comes back too
    const pid = Number((await sb.ok(['display-message', '-p', '#{pid}'])).trim());
    await sb.ok(['kill-server']);
    await waitFor(() => !pidAlive(pid), 10_000, 'the server to exit');
    await sb.ok(['new-session', '-d', '-s', 'x']);
    expect(await sb.ok(['restore'])).toMatch(/restored 3 session\(s\), 3 pane\(s\)/);
    const after = (await sb.ok(F)).split('\n').filter((l) => !l.startsWith('x:')).join('\n');
    expect(after).toBe(before);
    // One window, one pane: a pane is closed once, whichever session it is closed from.
    await sb.ok(['kill-window', '-t', 'b:4']);
    expect(await sb.ok(['list-windows', '-a', '-F', '#{session_name}:#{window_index}'])).toBe('a:0\nb:0\ng:0\nx:0\n');
  }, 60_000);
});
