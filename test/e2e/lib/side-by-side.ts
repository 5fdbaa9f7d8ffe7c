/*
 * Running the same script against tmux 3.3a and against ccmux, for the side-by-side
 * tests (tmux-compat-*.test.ts): a private tmux server (its own -L name, its socket in
 * the sandbox, no config) and a ccmux server in a Sandbox, each with a session "keep" so
 * neither exits between steps; each step's exit code, output and first line of errors
 * noted. `stop` ends both and waits for the tmux server's pid.
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { Sandbox, pidAlive, waitFor } from '../harness.js';

export type Run = (args: string[]) => Promise<{ code: number; out: string; err: string }>;

/** A step that waits: `poll` is run again until its output matches `until`. */
export type Poll = { poll: string[]; until: RegExp };

export interface SideBySide {
  sb: Sandbox;
  tmux: Run;
  ccmux: Run;
  stop(): Promise<void>;
}

/** Both servers fresh, each with a detached session "keep" of `size` (cols, rows). */
export async function startBoth(size?: [number, number]): Promise<SideBySide> {
  const sb = new Sandbox();
  const name = `ccmux-compat-${crypto.randomBytes(4).toString('hex')}`;
  const tmux: Run = (args) =>
    new Promise((resolve) => {
      execFile('tmux', ['-L', name, '-f', '/dev/null', ...args], { env: { ...sb.env, TMUX_TMPDIR: sb.dir }, timeout: 10_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, out: stdout, err: stderr });
      });
    });
  const ccmux: Run = async (args) => {
    const r = await sb.ccmux(args);
    return { code: r.code, out: r.stdout, err: r.stderr };
  };
  const keep = ['new-session', '-d', '-s', 'keep', ...(size ? ['-x', String(size[0]), '-y', String(size[1])] : [])];
  await tmux(keep);
  const tmuxPid = Number((await tmux(['display-message', '-p', '-t', 'keep', '#{pid}'])).out.trim());
  await sb.ok(keep);
  return {
    sb,
    tmux,
    ccmux,
    async stop() {
      await tmux(['kill-server']);
      // kill-server returns before the server has exited: wait for its pid.
      if (tmuxPid > 0) await waitFor(() => !pidAlive(tmuxPid), 10_000, 'the tmux server to exit');
      await sb.dispose();
    },
  };
}

/** Run `steps` through `run`: each step's exit code, output and the first line of its errors. */
export async function script(run: Run, steps: Array<string[] | Poll>): Promise<string[]> {
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
    seen.push(`${s.join(' ')} → ${r.code}: ${r.out.trimEnd()}${r.err ? ` / ${r.err.split('\n')[0]}` : ''}`);
  }
  return seen;
}
