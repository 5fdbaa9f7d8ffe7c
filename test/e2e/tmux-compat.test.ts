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

/** Run `steps` through `run`, noting each step's exit code and output. */
async function script(run: Run, steps: string[][]): Promise<string[]> {
  const seen: string[] = [];
  for (const s of steps) {
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
});
