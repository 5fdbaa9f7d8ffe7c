/*
 * Running the same script against tmux 3.3a (a private -L server, its own TMUX_TMPDIR
 * in the sandbox) and against ccmux, for the side-by-side tests (tmux-compat-*.test.ts):
 * each step's exit code, output and first line of errors, so the two lists can be
 * compared whole. A step may carry the client's environment (update-environment), wait
 * until a command's output matches (a hook that runs later), or type keys into an
 * attached client of each (attach()). Clients of either can also be started in a pty
 * whose screen is read (client(), terminal()), and other tmux processes (control mode)
 * with tmuxArgv/tmuxEnv; dispose() ends them, kills the tmux server and waits for its pid.
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import * as pty from 'node-pty';
import xterm from '@xterm/headless';
import { CCMUX, Sandbox, pidAlive, waitFor, type OuterTerminal } from '../harness.js';

/** A client attached in a terminal of its own: what is typed goes to it. */
export interface Attached {
  type(data: string): void;
  close(): void;
  /** How many bytes the client has printed so far (its terminal's output). */
  printed?(): number;
}

export type Run = (args: string[], env?: Record<string, string>) => Promise<{ code: number; out: string; err: string }>;

/** A client attached in a pty of its own (client()): what it printed, its screen, how its shell ended. */
export interface PtyClient {
  proc: pty.IPty;
  output(): string;
  /** The screen as lines (trailing blanks trimmed), once what was printed is parsed. */
  screen(): Promise<string[]>;
  /** The screen's cells with a background colour as '#', the others as '.' (trailing dots trimmed). */
  backgrounds(): Promise<string[]>;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

/** A step that waits: `poll` is run again until its output matches `until`. */
export type Poll = { poll: string[]; until: RegExp };

/**
 * A step: an argv; an argv run with extra client environment; or one run again until its output
 * matches (a RegExp), or until a predicate of its output holds (what a pane received, say); or
 * keys typed into the attached client — with `drawn`, the step waits until the client has
 * printed something after them: the server read them (so an Escape cannot reach it in one
 * read with the next key, which would make them one Meta key) and drew what they changed.
 */
export type Step =
  | string[]
  | { argv: string[]; env: Record<string, string> }
  | { poll: string[]; until: RegExp | ((out: string) => boolean) }
  | { keys: string; drawn?: boolean };

/** One tmux server and one ccmux server, in one sandbox. */
export class SideBySide {
  readonly sb: Sandbox;
  /** The tmux server's -L name. */
  readonly tmuxName = `ccmux-sbs-${crypto.randomBytes(4).toString('hex')}`;
  private tmuxPid: number | undefined;
  private readonly clients: pty.IPty[] = [];

  /** `opts` for the sandbox: the environment over its own, a ccmux.toml. */
  constructor(opts: ConstructorParameters<typeof Sandbox>[0] = {}) {
    this.sb = new Sandbox(opts);
  }

  /** The environment every tmux process of this test runs with (its socket dir in the sandbox). */
  get tmuxEnv(): Record<string, string> {
    return { ...this.sb.env, TMUX_TMPDIR: this.sb.dir };
  }

  /** A tmux argv on this server (`-L name -f /dev/null`, then `args`), for a process a test runs itself. */
  tmuxArgv(args: string[]): string[] {
    return ['-L', this.tmuxName, '-f', '/dev/null', ...args];
  }

  /** Note the tmux server's pid (dispose waits for it), asking session `target`: for a server a test started itself. */
  async noteTmuxPid(target: string): Promise<void> {
    const r = await this.tmux(['display-message', '-p', '-t', target, '#{pid}']);
    const pid = Number(r.out.trim());
    if (!(pid > 0)) throw new Error(`tmux's pid: ${r.err}`);
    this.tmuxPid = pid;
  }

  /** Run a command that must succeed on `which`; its output. */
  async ok(which: 'tmux' | 'ccmux', args: string[]): Promise<string> {
    const r = await this[which](args);
    if (r.code !== 0) throw new Error(`${which} ${args.join(' ')}: ${r.err}`);
    return r.out;
  }

  readonly tmux: Run = (args, env = {}) =>
    new Promise((resolve) => {
      // Run where ccmux's commands run (the sandbox's home): a new pane starts in the directory its command line was run in.
      execFile('tmux', this.tmuxArgv(args), { cwd: this.sb.home, env: { ...this.tmuxEnv, ...env }, timeout: 10_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, out: stdout, err: stderr });
      });
    });

  readonly ccmux: Run = async (args, env = {}) => {
    const r = await this.sb.ccmux(args, { env });
    return { code: r.code, out: r.stdout, err: r.stderr };
  };

  /**
   * Both servers started, each with a detached session "keep" so neither exits between
   * steps: of `size` (80x24 unless given; null: no -x/-y, which in tmux would also set
   * the session's default-size).
   */
  async start(env: Record<string, string> = {}, opts: { size?: [number, number] | null } = {}): Promise<this> {
    const size = opts.size === undefined ? [80, 24] : opts.size;
    const keep = ['new-session', '-d', '-s', 'keep', ...(size ? ['-x', String(size[0]), '-y', String(size[1])] : [])];
    await this.tmux(keep, env);
    await this.noteTmuxPid('keep');
    const r = await this.ccmux(keep, env);
    if (r.code !== 0) throw new Error(`ccmux new-session: ${r.err}`);
    await this.settled('tmux', 'keep');
    await this.settled('ccmux', 'keep');
    return this;
  }

  /**
   * Wait until the shell of `target`'s pane has started: tmux's automatic-rename reads the
   * pane's foreground process, and one read between its fork and its exec names the window
   * "tmux" until the next read (seen under load, as `keep:0: tmux*`). Once the process is the
   * shell, no read can give that name and any given has been taken back.
   */
  async settled(which: 'tmux' | 'ccmux', target: string): Promise<void> {
    const run = which === 'tmux' ? this.tmux : this.ccmux;
    const forked = /^(tmux|node|)$/;
    await waitFor(async () => {
      const [command, name] = (await run(['display', '-p', '-t', target, '#{pane_current_command}\t#{window_name}'])).out.trimEnd().split('\t');
      return !forked.test(command ?? '') && !forked.test(name ?? '');
    }, 10_000, `${which}: ${target}'s shell to start`);
  }

  /** A fresh tmux server (so it numbers panes and windows from 0 again), with its session "keep". */
  async restartTmux(): Promise<void> {
    await this.stopTmux();
    await this.ok('tmux', ['new-session', '-d', '-s', 'keep']);
    await this.noteTmuxPid('keep');
    await this.settled('tmux', 'keep');
  }

  private async stopTmux(): Promise<void> {
    await this.tmux(['kill-server']);
    // kill-server returns before the server has exited: wait for its pid.
    if (this.tmuxPid !== undefined) await waitFor(() => !pidAlive(this.tmuxPid!), 10_000, 'the tmux server to exit');
    this.tmuxPid = undefined;
  }

  /** Both servers gone: clients killed, tmux's pid waited for after kill-server, the sandbox disposed. */
  async dispose(): Promise<void> {
    for (const c of this.clients.splice(0)) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
    await this.stopTmux();
    await this.sb.dispose();
  }

  /**
   * A client of `which` attached to `session` in a pty of cols × rows, through `sh -c` so
   * the client has a parent of its own (detach-client -P hangs it up); its screen kept by
   * a headless xterm. `attachArgs` go after `attach` (`-f ignore-size`, `-x`); `env` over the
   * client's (TERM, TERMINFO).
   */
  client(which: 'tmux' | 'ccmux', session: string, cols: number, rows: number, attachArgs: string[] = [], env: Record<string, string> = {}): PtyClient {
    const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
    const attach = ['attach', ...attachArgs, '-t', session];
    const cmd = which === 'tmux' ? ['tmux', ...this.tmuxArgv(attach)] : [process.execPath, CCMUX, ...attach];
    const clientEnv = { ...this.tmuxEnv, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env };
    const proc = pty.spawn('/bin/sh', ['-c', `${cmd.map(q).join(' ')}; sleep 30`], { name: clientEnv.TERM, cols, rows, cwd: this.sb.home, env: clientEnv });
    this.clients.push(proc);
    let out = '';
    const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
    proc.onData((d) => {
      out += d;
      term.write(d);
    });
    const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => proc.onExit(resolve));
    const parsed = () => new Promise<void>((resolve) => term.write('', resolve));
    const line = (y: number) => term.buffer.active.getLine(term.buffer.active.viewportY + y);
    return {
      proc,
      output: () => out,
      exited,
      async screen() {
        await parsed();
        return Array.from({ length: rows }, (_, y) => line(y)?.translateToString(true) ?? '');
      },
      async backgrounds() {
        await parsed();
        return Array.from({ length: rows }, (_, y) => {
          let text = '';
          for (let x = 0; x < cols; x++) text += line(y)?.getCell(x)?.isBgDefault() === false ? '#' : '.';
          return text.replace(/\.+$/, '');
        });
      },
    };
  }

  /** A client of each attached to session `target` in an 80x24 terminal (tmux's in a pty of its own). */
  async attach(target = 'keep'): Promise<{ tmux: Attached; ccmux: Attached }> {
    const p = pty.spawn('tmux', this.tmuxArgv(['attach', '-t', target]), { name: 'xterm-256color', cols: 80, rows: 24, cwd: this.sb.home, env: this.tmuxEnv });
    let printed = 0;
    p.onData((d) => (printed += d.length));
    const t = await this.sb.terminal(['attach-session', '-t', target], 80, 24);
    for (const run of [this.tmux, this.ccmux]) await waitFor(async () => (await run(['display', '-p', '-t', target, '#{session_attached}'])).out.trim() === '1', 10_000, 'a client to attach');
    return {
      tmux: { type: (d) => p.write(d), close: () => p.kill('SIGHUP'), printed: () => printed },
      ccmux: { type: (d) => t.type(d), close: () => t.dispose(), printed: () => t.output.length },
    };
  }

  /**
   * A client of `which` run with `args` (`attach -t s`, `new -s s`) in a sandbox terminal
   * of cols × rows whose screen can be read and waited on; disposed with the sandbox.
   */
  terminal(which: 'tmux' | 'ccmux', args: string[], cols = 80, rows = 24): Promise<OuterTerminal> {
    if (which === 'ccmux') return this.sb.terminal(args, cols, rows);
    return this.sb.terminal(this.tmuxArgv(args), cols, rows, { program: 'tmux', env: { TMUX_TMPDIR: this.sb.dir } });
  }

  /** The script run through tmux, then through ccmux: what each step gave, per server. */
  async both(steps: Step[], clients?: { tmux: Attached; ccmux: Attached }): Promise<{ theirs: string[]; ours: string[] }> {
    return { theirs: await script(this.tmux, steps, clients?.tmux, 'tmux'), ours: await script(this.ccmux, steps, clients?.ccmux, 'ccmux') };
  }
}

/**
 * Run `steps` through `run`, noting each step's exit code, output and the first line of
 * its errors (ccmux adds a usage line after tmux's message for a bad flag).
 */
export async function script(run: Run, steps: Step[], client?: Attached, who?: string): Promise<string[]> {
  const seen: string[] = [];
  for (const s of steps) {
    if (!Array.isArray(s) && 'keys' in s) {
      if (!client) throw new Error('a keys step needs an attached client');
      const before = client.printed?.() ?? 0;
      client.type(s.keys);
      if (s.drawn) {
        if (!client.printed) throw new Error('a drawn keys step needs a client that counts what it printed');
        await waitFor(() => client.printed!() > before, 10_000, `the client to draw after ${JSON.stringify(s.keys)}`);
      }
      seen.push(`keys ${JSON.stringify(s.keys)}`);
      continue;
    }
    if (!Array.isArray(s) && 'poll' in s) {
      let last = '';
      const out = await waitFor(async () => {
        // tmux 3.3a built with libutempter can lose a pane's SIGCHLD: the pane's pty closes
        // just before its program exits, tmux's utempter_remove_record sets SIGCHLD to SIG_DFL
        // while it waits for its helper, and a SIGCHLD arriving then is dropped. The program
        // stays a zombie and #{pane_dead_status}, remain-on-exit failed and pane-died wait for
        // the next child of tmux to end (respawn-pane 'exit 4' under load: 6 to 23 panes in 40).
        // A job of its own ending makes tmux reap them all; each poll runs one, on both servers.
        const r = await run(['run-shell', 'true', ';', ...s.poll]);
        last = r.out + r.err;
        return (typeof s.until === 'function' ? s.until(r.out) : s.until.test(r.out)) && r.out;
      }, 10_000, `${s.poll.join(' ')} to match ${s.until}`).catch((err: Error) => {
        throw new Error(`${who ? `${who}: ` : ''}${err.message} (last: ${JSON.stringify(last)}; so far: ${JSON.stringify(seen.slice(-3))})`);
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
