/*
 * tmux compatibility, side by side: the same command lines run against tmux 3.3a (a
 * private -L server) and against ccmux, and what each says back (exit codes, output,
 * state read back with list-*) must match. Each case is a script: a list of argv, run in
 * order against a fresh server of each.
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, hasTmux, pidAlive, waitFor } from './harness.js';

type Run = (args: string[]) => Promise<{ code: number; out: string }>;

let sb: Sandbox | undefined;
let tmuxName = '';
let tmuxPid: number | undefined;

function tmux(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('tmux', ['-L', tmuxName, '-f', '/dev/null', ...args], { env: { ...sb!.env, TMUX_TMPDIR: sb!.dir }, timeout: 10_000 }, (err, stdout) => {
      resolve({ code: err ? 1 : 0, out: stdout });
    });
  });
}

async function ccmux(args: string[]): Promise<{ code: number; out: string }> {
  const r = await sb!.ccmux(args);
  return { code: r.code, out: r.stdout };
}

/** A step that waits: `argv` is run again until its output matches `until` (a pane's program exiting). */
type Poll = { poll: string[]; until: RegExp };

/** Run `steps` through `run`, noting each step's exit code and output. */
async function script(run: Run, steps: Array<string[] | Poll>): Promise<string[]> {
  const seen: string[] = [];
  for (const s of steps) {
    if (!Array.isArray(s)) {
      const out = await waitFor(async () => {
        const r = await run(s.poll);
        return s.until.test(r.out) && r.out;
      }, 10_000, `${s.poll.join(' ')} to match ${s.until}`);
      seen.push(`${s.poll.join(' ')} ⇒ ${out.trimEnd()}`);
      continue;
    }
    const r = await run(s);
    seen.push(`${s.join(' ')} → ${r.code}: ${r.out.trimEnd()}`);
  }
  return seen;
}

/** Both servers fresh, each with a session "keep" so neither exits between steps. */
async function start(): Promise<void> {
  sb = new Sandbox();
  tmuxName = `ccmux-compat-${crypto.randomBytes(4).toString('hex')}`;
  await tmux(['new-session', '-d', '-s', 'keep']);
  tmuxPid = Number((await tmux(['display-message', '-p', '-t', 'keep', '#{pid}'])).out.trim());
  await sb.ok(['new-session', '-d', '-s', 'keep']);
}

afterEach(async () => {
  if (sb) await tmux(['kill-server']);
  // kill-server returns before the server has exited: wait for its pid.
  if (tmuxPid !== undefined) await waitFor(() => !pidAlive(tmuxPid!), 10_000, 'the tmux server to exit');
  tmuxPid = undefined;
  await sb?.dispose();
  sb = undefined;
});

describe.skipIf(!hasTmux())('tmux compatibility, side by side with tmux 3.3a', () => {
  it('splits a command line on arguments ending in ";" and keeps an escaped "\\;"', async () => {
    await start();
    const steps = [
      // What `tmux new -d -s a\; new -d -s b` gives the program after the shell.
      ['new', '-d', '-s', 'a;', 'new', '-d', '-s', 'b'],
      ['new', '-d', '-s', 'c', ';', 'new', '-d', '-s', 'd', ';'],
      ['new', '-d', '-s', 'x\\;'],
      ['new', '-d', '-s', 'semi;colon'],
      ['list-sessions', '-F', '#{session_name}'],
    ];
    const theirs = await script(tmux, steps);
    const ours = await script(ccmux, steps);
    expect(theirs.at(-1)).toContain('x;');
    expect(ours).toEqual(theirs);
  }, 60_000);

  it("runs Claude Code's agent-team sequence as tmux does (split, respawn, titles, layouts, break and join)", async () => {
    await start();
    // What Claude Code 2.1.197 runs inside tmux to place teammates beside its lead pane
    // (%0 here), hide one in a session of its own and show it again; the teammates' own
    // command is `sleep`. Read back: every pane's id, place, size, title and window.
    const PANES = '#{session_name}:#{window_index} #{pane_id} #{pane_index} #{pane_width}x#{pane_height} #{pane_left},#{pane_top} #{pane_title} #{pane_active} #{pane_dead}';
    const steps: Array<string[] | Poll> = [
      ['display-message', '-p', '-t', '%0', '#{window_id}'],
      ['list-panes', '-t', '@0', '-F', '#{pane_id}'],
      ['split-window', '-d', '-t', '%0', '-h', '-l', '70%', '-P', '-F', '#{pane_id}', '--', 'sleep 100'],
      ['set-option', '-p', '-t', '%1', 'remain-on-exit', 'failed'],
      ['select-pane', '-t', '%1', '-T', 'researcher'],
      ['list-panes', '-t', '@0', '-F', '#{pane_id}'],
      ['respawn-pane', '-k', '-t', '%1', '--', 'sleep 200'],
      ['respawn-pane', '-t', '%1', '--', 'sleep 200'], // still active: refused
      ['split-window', '-d', '-t', '%1', '-v', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'sleep 100'],
      ['select-pane', '-t', '%2', '-T', 'tester'],
      ['select-layout', '-t', '@0', 'main-vertical'],
      ['resize-pane', '-t', '%0', '-x', '30%'],
      ['split-window', '-d', '-t', '%1', '-h', '-P', '-F', '#{pane_id}', '--', 'sleep 100'],
      ['select-layout', '-t', '@0', 'main-vertical'],
      ['resize-pane', '-t', '%0', '-x', '30%'],
      ['list-panes', '-a', '-F', PANES],
      ['new-window', '-t', 'keep', '-n', 'swarm-view', '-P', '-F', '#{pane_id}', '--', 'sleep 100'],
      ['has-session', '-t', 'claude-hidden'],
      ['new-session', '-d', '-s', 'claude-hidden'],
      ['break-pane', '-d', '-s', '%2', '-t', 'claude-hidden:'],
      ['list-panes', '-a', '-F', PANES],
      ['join-pane', '-h', '-s', '%2', '-t', '@0'],
      ['select-layout', '-t', '@0', 'main-vertical'],
      ['list-panes', '-t', '@0', '-F', '#{pane_id}'],
      ['select-layout', '-t', '@0', 'tiled'],
      ['list-panes', '-a', '-F', PANES],
      ['display-message', '-p', '#{client_termtype}|#{client_control_mode}'],
      // remain-on-exit failed: a teammate that fails stays, dead; one that exits 0 goes.
      ['respawn-pane', '-k', '-t', '%1', '--', 'exit 3'],
      { poll: ['list-panes', '-t', '%1', '-F', '#{pane_id} #{pane_dead} #{pane_dead_status}'], until: /^%1 1 3$/m },
      ['respawn-pane', '-t', '%1', '--', 'exit 0'],
      { poll: ['list-panes', '-a', '-F', '#{pane_id}'], until: /^(?![\s\S]*%1\n)/ },
      ['kill-pane', '-t', '%3'],
      ['list-windows', '-a', '-F', '#{session_name}:#{window_index} #{window_id} #{window_name} #{window_panes} #{window_active}'],
      ['list-panes', '-a', '-F', PANES],
    ];
    const theirs = await script(tmux, steps);
    const ours = await script(ccmux, steps);
    expect(theirs[2]).toMatch(/→ 0: %1$/);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('breaks, joins, moves and respawns panes and windows with their flags as tmux does', async () => {
    await start();
    // (No automatic window names: tmux renames on a timer.)
    const PANES = '#{session_name}:#{window_index} #{pane_id} #{pane_width}x#{pane_height} #{pane_left},#{pane_top} #{pane_active}';
    const steps: Array<string[] | Poll> = [
      ['split-window', '-d', '-t', 'keep', '-P', '--', 'sleep 100'],
      ['split-window', '-d', '-h', '-t', '%1', '-P', '-F', '#{pane_id}', 'sleep 100'],
      ['new-window', '-d', '-t', 'keep:3', '-n', 'three', 'sleep 100'],
      ['break-pane', '-s', '%1', '-n', 'solo', '-P'],
      ['break-pane', '-d', '-s', '%2', '-t', 'keep:3', '-P'], // index in use
      ['break-pane', '-d', '-s', '%2', '-t', 'keep:5', '-P', '-F', '#{window_index} #{pane_id}'],
      ['break-pane', '-d', '-s', '%3', '-t', 'keep:1'], // index in use
      ['break-pane', '-d', '-s', '%3', '-t', 'keep:7'], // a window's only pane: the window moves
      ['break-pane', '-a', '-d', '-s', '%2', '-t', 'keep:0', '-n', 'after'],
      ['list-windows', '-F', '#{window_index} #{window_name} #{window_panes}'],
      ['join-pane', '-v', '-s', '%2', '-t', '%0', '-l', '5'],
      ['join-pane', '-s', '%0', '-t', '%0'],
      ['move-pane', '-b', '-h', '-s', '%3', '-t', '%0', '-l', '30%'],
      ['join-pane', '-d', '-f', '-v', '-s', '%1', '-t', '%2'],
      ['split-window', '-d', '-f', '-h', '-b', '-t', '%2', '-l', '10', '-P', '-F', '#{pane_id}', 'sleep 100'],
      ['list-panes', '-a', '-F', PANES],
      ['respawn-window', '-t', 'keep:0'],
      ['respawn-window', '-k', '-t', 'keep:0', '-c', '/', 'sleep 300'],
      ['list-panes', '-a', '-F', PANES],
      ['display-message', '-p', '-t', 'keep:0', '#{pane_current_path}'],
    ];
    const theirs = await script(tmux, steps);
    const ours = await script(ccmux, steps);
    expect(ours).toEqual(theirs);
  }, 90_000);
});
