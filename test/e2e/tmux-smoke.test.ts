/*
 * End-to-end smoke test the way a person meets ccmux: inside a real terminal multiplexer.
 * A private tmux server (its own -L name and TMUX_TMPDIR in the sandbox, no config) runs a
 * shell with the Sandbox's environment; we start bin/ccmux.js in it, split and type with
 * `tmux send-keys`, and read what ccmux drew with `tmux capture-pane -p`. Afterwards the
 * tmux server is killed and we wait for its pid to be gone. Skipped without tmux.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, pidAlive, CCMUX, hasTmux } from './harness.js';


/** Exited: gone, or a zombie its new parent has not reaped yet. */
function ended(pid: number): boolean {
  if (!pidAlive(pid)) return true;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}

describe.skipIf(!hasTmux())('ccmux inside tmux', () => {
  const name = `ccmux-test-${crypto.randomBytes(4).toString('hex')}`;
  let sb: Sandbox | undefined;
  let tmuxPid: number | undefined;

  /** Run tmux on the private server, with the sandbox's environment (so its socket is in the sandbox too). */
  function tmux(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('tmux', ['-L', name, ...args], { env: { ...sb!.env, TMUX_TMPDIR: sb!.dir }, timeout: 10_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`tmux ${args.join(' ')}: ${stderr || err.message}`));
        else resolve(stdout);
      });
    });
  }

  const screen = async () => (await tmux(['capture-pane', '-p', '-t', 'outer:0'])).split('\n');
  const waitForScreen = async (what: RegExp | ((lines: string[]) => boolean), timeoutMs = 15_000) => {
    const test = (l: string[]) => (what instanceof RegExp ? what.test(l.join('\n')) : what(l));
    let last: string[] = [];
    try {
      return await waitFor(async () => {
        last = await screen();
        return test(last) ? last : null;
      }, timeoutMs, `tmux screen to show ${String(what)}`);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- screen ---\n${last.join('\n')}`);
    }
  };
  const typeLine = async (text: string) => {
    await tmux(['send-keys', '-t', 'outer:0', '-l', text]);
    await tmux(['send-keys', '-t', 'outer:0', 'Enter']);
  };
  const keys = (...k: string[]) => tmux(['send-keys', '-t', 'outer:0', ...k]);

  afterAll(async () => {
    if (sb) {
      try {
        await tmux(['kill-server']);
      } catch {
        /* already gone */
      }
      if (tmuxPid !== undefined) {
        const pid = tmuxPid;
        try {
          await waitFor(() => ended(pid), 10_000, `tmux server ${pid} to exit`);
        } catch (err) {
          process.kill(pid, 'SIGKILL');
          throw err;
        }
      }
      await sb.dispose();
    }
  });

  it('starts, splits, types and detaches in a real tmux pane', async () => {
    sb = new Sandbox();
    await tmux(['-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '35', '-s', 'outer', '/bin/sh']);
    tmuxPid = Number((await tmux(['display', '-p', '#{pid}'])).trim());
    expect(tmuxPid).toBeGreaterThan(1);
    expect(pidAlive(tmuxPid)).toBe(true);
    await waitForScreen(/^\$/m);

    await typeLine(`${process.execPath} ${CCMUX} new -s smoke`);
    await waitForScreen(/\[smoke\] 0:/);
    await typeLine('echo left-$((1+1))');
    await waitForScreen(/^left-2\s*$/m);

    await keys('C-b', '%');
    await waitForScreen((l) => l.some((s) => s.includes('│')));
    await typeLine('echo right-$((2+1)) "tmux=[$TMUX]"');
    let lines = await waitForScreen(/right-3 tmux=\[\]/);
    const right = lines.find((l) => l.includes('right-3 tmux=[]'))!;
    expect(right.indexOf('right-3')).toBeGreaterThan(55);
    expect(lines.find((l) => l.startsWith('left-2'))).toBeDefined();

    await keys('C-b', '"');
    await waitForScreen((l) => l.some((s) => s.includes('├') || s.includes('┤')));
    await typeLine('echo below-$((3+1))');
    lines = await waitForScreen(/below-4/);
    const y = lines.findIndex((l) => /below-4\s*$/.test(l));
    expect(y).toBeGreaterThan(16);
    expect(lines[y]!.indexOf('below-4')).toBeGreaterThan(55);

    const panes = await sb.panes();
    expect(panes.map((p) => [p.width, p.height])).toEqual([[60, 34], [59, 17], [59, 16]]);
    expect(panes.find((p) => p.active)!.id).toBe('%2');

    // Move back to the left pane with prefix + arrow and type there.
    await keys('C-b', 'Left');
    await waitFor(async () => (await sb!.panes()).find((p) => p.active)!.id === '%0', 10_000, 'the left pane to be active');
    await typeLine('echo again-$((4+1))');
    lines = await waitForScreen(/again-5/);
    expect(lines.find((l) => l.includes('again-5'))!.indexOf('again-5')).toBe(0);

    await keys('C-b', 'd');
    await waitForScreen(/\[detached \(from session smoke\)\]/);
    expect((await sb.ok(['ls'])).trim()).toMatch(/^smoke: 1 windows/);
  });
});
