/*
 * Running the same script against tmux 3.3a and against ccmux, for the side-by-side
 * tests (tmux-compat-*.test.ts): a private tmux server (its own -L name, its socket in
 * the sandbox, no config) and a ccmux server in a Sandbox, each with a session "keep" so
 * neither exits between steps; each step's exit code, output and first line of errors
 * noted. `stop` ends both and waits for the tmux server's pid.
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import * as pty from 'node-pty';
import xterm from '@xterm/headless';
import { CCMUX, Sandbox, pidAlive, waitFor } from '../harness.js';

export type Run = (args: string[]) => Promise<{ code: number; out: string; err: string }>;

/** A step that waits: `poll` is run again until its output matches `until`. */
export type Poll = { poll: string[]; until: RegExp };

export interface SideBySide {
  sb: Sandbox;
  tmux: Run;
  ccmux: Run;
  /**
   * Attach a client to `session` in a terminal of its own (a pty of cols × rows), through
   * `sh -c` so the client has a parent of its own (detach-client -P hangs it up).
   */
  attach(which: 'tmux' | 'ccmux', session: string, cols: number, rows: number): Attached;
  stop(): Promise<void>;
}

/** A client attached in a pty: what it printed, its screen, and how its shell ended. */
export interface Attached {
  proc: pty.IPty;
  output(): string;
  /** The screen as lines (trailing blanks trimmed), once what was printed is parsed. */
  screen(): Promise<string[]>;
  /** The screen's cells with a background colour as '#', the others as '.' (trailing dots trimmed). */
  backgrounds(): Promise<string[]>;
  exited: Promise<{ exitCode: number; signal?: number }>;
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
  const clients: pty.IPty[] = [];
  const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
  return {
    sb,
    tmux,
    ccmux,
    attach(which, session, cols, rows) {
      const cmd = which === 'tmux'
        ? ['tmux', '-L', name, '-f', '/dev/null', 'attach', '-t', session]
        : [process.execPath, CCMUX, 'attach', '-t', session];
      const env = { ...sb.env, TMUX_TMPDIR: sb.dir, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
      const proc = pty.spawn('/bin/sh', ['-c', `${cmd.map(q).join(' ')}; sleep 30`], { name: 'xterm-256color', cols, rows, cwd: sb.home, env });
      clients.push(proc);
      let out = '';
      const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
      proc.onData((d) => {
        out += d;
        term.write(d);
      });
      const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => proc.onExit(resolve));
      const screen = async () => {
        await new Promise<void>((resolve) => term.write('', resolve));
        const buf = term.buffer.active;
        return Array.from({ length: rows }, (_, y) => buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
      };
      const backgrounds = async () => {
        await new Promise<void>((resolve) => term.write('', resolve));
        const buf = term.buffer.active;
        return Array.from({ length: rows }, (_, y) => {
          const line = buf.getLine(buf.viewportY + y);
          let text = '';
          for (let x = 0; x < cols; x++) text += line?.getCell(x)?.isBgDefault() === false ? '#' : '.';
          return text.replace(/\.+$/, '');
        });
      };
      return { proc, output: () => out, screen, backgrounds, exited };
    },
    async stop() {
      for (const c of clients) {
        try {
          c.kill('SIGKILL');
        } catch {
          /* gone */
        }
      }
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
