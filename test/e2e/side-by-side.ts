/*
 * Running the same command script against tmux 3.3a (a private -L server) and ccmux (a
 * Sandbox), for the side-by-side compatibility tests: each step's exit code, output and
 * first line of errors, as text to compare (ccmux adds a usage line after tmux's message
 * for a bad flag, hence only the first line).
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { Sandbox, pidAlive, waitFor } from './harness.js';

export type Run = (args: string[]) => Promise<{ code: number; out: string; err: string }>;

/** A tmux server and a ccmux sandbox, each with a session "keep" so neither exits between steps. */
export class SideBySide {
  readonly sb = new Sandbox();
  /** The tmux server's -L name. */
  readonly tmuxName = `ccmux-sbs-${crypto.randomBytes(4).toString('hex')}`;
  private tmuxPid: number | undefined;

  readonly tmux: Run = (args) =>
    new Promise((resolve) => {
      execFile('tmux', ['-L', this.tmuxName, '-f', '/dev/null', ...args], { env: { ...this.sb.env, TMUX_TMPDIR: this.sb.dir }, timeout: 10_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, out: stdout, err: stderr });
      });
    });

  readonly ccmux: Run = async (args) => {
    const r = await this.sb.ccmux(args);
    return { code: r.code, out: r.stdout, err: r.stderr };
  };

  async start(): Promise<this> {
    await this.tmux(['new-session', '-d', '-s', 'keep']);
    this.tmuxPid = Number((await this.tmux(['display-message', '-p', '-t', 'keep', '#{pid}'])).out.trim());
    await this.sb.ok(['new-session', '-d', '-s', 'keep']);
    return this;
  }

  /** Stop both; tmux's kill-server returns before its server has exited, so its pid is waited for. */
  async dispose(): Promise<void> {
    await this.tmux(['kill-server']);
    if (this.tmuxPid !== undefined) await waitFor(() => !pidAlive(this.tmuxPid!), 10_000, 'the tmux server to exit');
    await this.sb.dispose();
  }
}

/** Run `steps` in order, noting `argv → code: output / first error line` for each. */
export async function runScript(run: Run, steps: string[][]): Promise<string[]> {
  const seen: string[] = [];
  for (const s of steps) {
    const r = await run(s);
    seen.push(`${s.join(' ')} → ${r.code}: ${r.out.trimEnd()}${r.err ? ` / ${r.err.split('\n')[0]}` : ''}`);
  }
  return seen;
}
