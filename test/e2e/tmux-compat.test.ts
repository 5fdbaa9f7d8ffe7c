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

type Run = (args: string[]) => Promise<{ code: number; out: string; err: string }>;

let sb: Sandbox | undefined;
let tmuxName = '';
let tmuxPid: number | undefined;

const tmux: Run = (args) =>
  new Promise((resolve) => {
    execFile('tmux', ['-L', tmuxName, '-f', '/dev/null', ...args], { env: { ...sb!.env, TMUX_TMPDIR: sb!.dir }, timeout: 10_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? 1 : 0, out: stdout, err: stderr });
    });
  });

const ccmux: Run = async (args) => {
  const r = await sb!.ccmux(args);
  return { code: r.code, out: r.stdout, err: r.stderr };
};

/**
 * Run `steps` through `run`, noting each step's exit code, output and the first line of
 * its errors (ccmux adds a usage line after tmux's message for a bad flag).
 */
async function script(run: Run, steps: string[][]): Promise<string[]> {
  const seen: string[] = [];
  for (const s of steps) {
    const r = await run(s);
    seen.push(`${s.join(' ')} → ${r.code}: ${r.out.trimEnd()}${r.err ? ` / ${r.err.split('\n')[0]}` : ''}`);
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

  it('fails as tmux does: exit code and message for missing targets, duplicates, bad flags', async () => {
    await start();
    const steps = [
      ['has-session', '-t', 'nosuch'],
      ['select-window', '-t', 'keep:7'],
      ['select-pane', '-t', '%99'],
      ['select-pane', '-t', 'keep:0.5'],
      ['kill-session', '-t', 'nosuch'],
      ['new', '-d', '-s', 'keep'],
      ['select-window', '-t', 'nosuch:1'],
      ['split-window', '-t', 'nosuch'],
      ['list-panes', '-t', 'zz'],
      ['new-window', '-t', 'keep:0'],
      ['kill-window', '-t', 'keep:3'],
      ['foo'],
      ['split-window', '-Q'],
      ['list-sessions', '-F', '#{session_name} #{session_windows}'],
    ];
    const theirs = await script(tmux, steps);
    const ours = await script(ccmux, steps);
    expect(theirs[0]).toBe("has-session -t nosuch → 1:  / can't find session: nosuch");
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('shows options as tmux does: quoted in a listing, as they are with -v, arrays one item a line', async () => {
    await start();
    const steps = [
      ['set', '-g', 'status-left', '[#{session_name}] x'],
      ['show', '-g', 'status-left'],
      ['show', '-gv', 'status-left'],
      ['set', '-g', 'update-environment', 'DISPLAY FOO'],
      ['set', '-ga', 'update-environment', 'BAR'],
      ['show', '-g', 'update-environment'],
      ['show', '-gv', 'update-environment'],
      ['set', '-g', 'mouse', 'on'],
      ['show', '-g', 'mouse'],
      ['show', '-gv', 'mouse'],
      ['set', '-g', 'history-limit', '1234'],
      ['show', '-gv', 'history-limit'],
    ];
    expect(await script(ccmux, steps)).toEqual(await script(tmux, steps));
  }, 60_000);

  it('user options (@name), setw/showw and the copy-mode-vi table as a tmux config uses them', async () => {
    await start();
    const steps = [
      ['set', '-g', '@plugin', 'tmux-plugins/tpm'],
      ['set', '-ga', '@plugin', ' more'],
      ['show', '-gv', '@plugin'],
      ['show', '-g', '@plugin'],
      ['display-message', '-p', '[#{@plugin}][#{@nope}]'],
      ['set', '-go', '@plugin', 'other'],
      ['set', '-gu', '@plugin'],
      ['show', '-gv', '@plugin'],
      ['show', '-gqv', '@plugin'],
      ['setw', '-g', 'mode-keys', 'vi'],
      ['showw', '-gv', 'mode-keys'],
      ['set-window-option', '-g', 'mode-keys', 'emacs'],
      ['show-window-options', '-g', 'mode-keys'],
      ['bind', '-T', 'copy-mode-vi', 'v', 'send', '-X', 'begin-selection'],
      ['list-keys', '-T', 'copy-mode-vi', 'v'],
    ];
    expect(await script(ccmux, steps)).toEqual(await script(tmux, steps));
  }, 60_000);
});
