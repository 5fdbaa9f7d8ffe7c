/*
 * Side by side with tmux 3.3a: the same layout script — splits down to one-column panes,
 * the preset layouts over 2 to 8 panes, resize-pane -x/-y (growing and shrinking, by the
 * border that exists) —
 * run through a private tmux server (its own -L name, its socket in the sandbox, no
 * config) and through ccmux, at the same size; every pane's place and size
 * (`list-panes -F`) must be the same. Skipped without tmux. The tmux server is ended and
 * waited for by its pid.
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, hasTmux, pidAlive, waitFor } from './harness.js';


const GEOMETRY = '#{pane_left},#{pane_top},#{pane_width}x#{pane_height}';

describe.skipIf(!hasTmux())('layouts side by side with tmux', () => {
  const name = `ccmux-layouts-${crypto.randomBytes(4).toString('hex')}`;
  let sb: Sandbox | undefined;
  let tmuxPid: number | undefined;

  function tmux(args: string[]): Promise<{ code: number; out: string }> {
    return new Promise((resolve) => {
      execFile('tmux', ['-L', name, '-f', '/dev/null', ...args], { env: { ...sb!.env, TMUX_TMPDIR: sb!.dir }, timeout: 10_000 }, (err, stdout) => {
        resolve({ code: err ? 1 : 0, out: stdout });
      });
    });
  }
  async function ccmux(args: string[]): Promise<{ code: number; out: string }> {
    const r = await sb!.ccmux(args);
    return { code: r.code, out: r.stdout };
  }

  /** The script, run through `run`; what list-panes said after each layout step. */
  async function script(run: (args: string[]) => Promise<{ code: number; out: string }>): Promise<string[]> {
    const seen: string[] = [];
    const look = async (what: string) => seen.push(`${what}: ${(await run(['list-panes', '-t', 'w', '-F', GEOMETRY])).out.trim().split('\n').join(' ')}`);
    for (const n of [2, 3, 4, 5, 8]) {
      for (const layout of ['even-horizontal', 'even-vertical', 'tiled']) {
        await run(['new-session', '-d', '-s', 'w', '-x', '80', '-y', '24']);
        for (let i = 1; i < n; i++) {
          // Whichever way fits, then tiled to make room for the next: the same steps in both.
          if ((await run(['split-window', '-t', 'w', '-h'])).code !== 0) await run(['split-window', '-t', 'w', '-v']);
          await run(['select-layout', '-t', 'w', 'tiled']);
        }
        await run(['select-layout', '-t', 'w', layout]);
        await look(`${n} ${layout}`);
        await run(['kill-session', '-t', 'w']);
      }
    }
    // Halving the newest pane until it is one column wide: sizes still add up to the window.
    await run(['new-session', '-d', '-s', 'w', '-x', '80', '-y', '24']);
    for (let i = 0; i < 7; i++) await run(['split-window', '-t', 'w', '-h']);
    await look('split -h down to one column');
    await run(['kill-session', '-t', 'w']);
    for (const x of ['20', '60', '30%']) {
      await run(['new-session', '-d', '-s', 'w', '-x', '80', '-y', '24']);
      await run(['split-window', '-t', 'w', '-h']);
      await run(['split-window', '-t', 'w', '-v']);
      await run(['resize-pane', '-t', 'w.0', '-x', x]);
      await look(`-x ${x} on the left pane`);
      await run(['resize-pane', '-t', 'w.2', '-y', '5']);
      await look('-y 5 on the bottom right pane');
      await run(['resize-pane', '-t', 'w.1', '-x', '10']);
      await look('-x 10 on the top right pane');
      await run(['resize-pane', '-t', 'w.1', '-y', '20']);
      await look('-y 20 on the top right pane');
      await run(['kill-session', '-t', 'w']);
    }
    return seen;
  }

  afterAll(async () => {
    if (sb) await tmux(['kill-server']);
    // kill-server returns before the server has exited: wait for its pid.
    if (tmuxPid !== undefined) await waitFor(() => !pidAlive(tmuxPid!), 10_000, 'the tmux server to exit');
    await sb?.dispose();
  });

  it('places and sizes every pane as tmux does', async () => {
    sb = new Sandbox();
    // A session each that outlives the script's, so neither server exits between steps.
    await tmux(['new-session', '-d', '-s', 'keep']);
    tmuxPid = Number((await tmux(['display-message', '-p', '-t', 'keep', '#{pid}'])).out.trim());
    await sb.ok(['new-session', '-d', '-s', 'keep']);
    const theirs = await script(tmux);
    const ours = await script(ccmux);
    expect(theirs).toHaveLength(15 + 1 + 12);
    expect(ours).toEqual(theirs);
  }, 120_000);
});
