/*
 * Running the same script against tmux 3.3a (a private -L server, its own TMUX_TMPDIR
 * in the sandbox) and against ccmux, for the side-by-side tests (tmux-compat-*.test.ts):
 * each step's exit code, output and first line of errors, so the two lists can be
 * compared whole. A step may carry the client's environment (update-environment), wait
 * until a command's output matches (a hook that runs later), or type keys into an
 * attached client of each (attach()).
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import * as pty from 'node-pty';
import { Sandbox, pidAlive, waitFor } from '../harness.js';

/** A client attached in a terminal of its own: what is typed goes to it. */
export interface Attached {
  type(data: string): void;
  close(): void;
}

export type Run = (args: string[], env?: Record<string, string>) => Promise<{ code: number; out: string; err: string }>;

/**
 * A step: an argv; an argv run with extra client environment; or one run again until its output
 * matches (a RegExp), or until a predicate of its output holds (what a pane received, say).
 */
export type Step = string[] | { argv: string[]; env: Record<string, string> } | { poll: string[]; until: RegExp | ((out: string) => boolean) } | { keys: string };

/** One tmux server and one ccmux server, in one sandbox. */
export class SideBySide {
  readonly sb: Sandbox;
  /** The tmux server's -L name. */
  readonly tmuxName = `ccmux-sbs-${crypto.randomBytes(4).toString('hex')}`;
  private tmuxPid: number | undefined;

  constructor(opts: { env?: Record<string, string> } = {}) {
    this.sb = new Sandbox(opts);
  }

  readonly tmux: Run = (args, env = {}) =>
    new Promise((resolve) => {
      execFile('tmux', ['-L', this.tmuxName, '-f', '/dev/null', ...args], { env: { ...this.sb.env, TMUX_TMPDIR: this.sb.dir, ...env }, timeout: 10_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, out: stdout, err: stderr });
      });
    });

  readonly ccmux: Run = async (args, env = {}) => {
    const r = await this.sb.ccmux(args, { env });
    return { code: r.code, out: r.stdout, err: r.stderr };
  };

  /** Both servers started, each with a detached session "keep" (80x24) so neither exits between steps. */
  async start(env: Record<string, string> = {}): Promise<this> {
    await this.tmux(['new-session', '-d', '-s', 'keep', '-x', '80', '-y', '24'], env);
    this.tmuxPid = Number((await this.tmux(['display-message', '-p', '-t', 'keep', '#{pid}'])).out.trim());
    const r = await this.ccmux(['new-session', '-d', '-s', 'keep', '-x', '80', '-y', '24'], env);
    if (r.code !== 0) throw new Error(`ccmux new-session: ${r.err}`);
    return this;
  }

  /** Both servers gone: tmux's pid waited for after kill-server, the sandbox disposed. */
  async dispose(): Promise<void> {
    await this.tmux(['kill-server']);
    if (this.tmuxPid !== undefined) await waitFor(() => !pidAlive(this.tmuxPid!), 10_000, 'the tmux server to exit');
    await this.sb.dispose();
  }

  /** A client of each attached to session `target` in an 80x24 terminal (tmux's in a pty of its own). */
  async attach(target = 'keep'): Promise<{ tmux: Attached; ccmux: Attached }> {
    const p = pty.spawn('tmux', ['-L', this.tmuxName, '-f', '/dev/null', 'attach', '-t', target], { name: 'xterm-256color', cols: 80, rows: 24, cwd: this.sb.home, env: { ...this.sb.env, TMUX_TMPDIR: this.sb.dir } });
    p.onData(() => {});
    const t = await this.sb.terminal(['attach-session', '-t', target], 80, 24);
    for (const run of [this.tmux, this.ccmux]) await waitFor(async () => (await run(['display', '-p', '-t', target, '#{session_attached}'])).out.trim() === '1', 10_000, 'a client to attach');
    return {
      tmux: { type: (d) => p.write(d), close: () => p.kill('SIGHUP') },
      ccmux: { type: (d) => t.type(d), close: () => t.dispose() },
    };
  }

  /** The script run through tmux, then through ccmux: what each step gave, per server. */
  async both(steps: Step[], clients?: { tmux: Attached; ccmux: Attached }): Promise<{ theirs: string[]; ours: string[] }> {
    return { theirs: await script(this.tmux, steps, clients?.tmux), ours: await script(this.ccmux, steps, clients?.ccmux) };
  }
}

/**
 * Run `steps` through `run`, noting each step's exit code, output and the first line of
 * its errors (ccmux adds a usage line after tmux's message for a bad flag).
 */
export async function script(run: Run, steps: Step[], client?: Attached): Promise<string[]> {
  const seen: string[] = [];
  for (const s of steps) {
    if (!Array.isArray(s) && 'keys' in s) {
      if (!client) throw new Error('a keys step needs an attached client');
      client.type(s.keys);
      seen.push(`keys ${JSON.stringify(s.keys)}`);
      continue;
    }
    if (!Array.isArray(s) && 'poll' in s) {
      let last = '';
      const out = await waitFor(async () => {
        const r = await run(s.poll);
        last = r.out + r.err;
        return (typeof s.until === 'function' ? s.until(r.out) : s.until.test(r.out)) && r.out;
      }, 10_000, `${s.poll.join(' ')} to match ${s.until}`).catch((err: Error) => {
        throw new Error(`${err.message} (last: ${JSON.stringify(last)}; so far: ${JSON.stringify(seen.slice(-3))})`);
      });
      seen.push(`${s.poll.join(' ')} ⇒ ${out.trimEnd()}`);
      continue;
    }
    const [argv, env] = Array.isArray(s) ? [s, {}] : [s.argv, s.env];
    const r = await run(argv, env);
    seen.push(`${argv.join(' ')} → ${r.code}: ${r.out.trimEnd()}${r.err ? ` / ${r.err.split('\n')[0]}` : ''}`);
  }
  return seen;
}
