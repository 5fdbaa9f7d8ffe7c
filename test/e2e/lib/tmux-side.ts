/*
 * The tmux half of a side-by-side test: a private tmux 3.3a server (`-L`, `-f /dev/null`,
 * its socket dir in the sandbox) driven by command lines, and a client attached to it in
 * a pty whose screen a headless xterm keeps — so a test can press the same keys in tmux
 * and in ccmux and compare what each terminal shows. `dispose()` kills the server and
 * waits for its pid.
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import * as pty from 'node-pty';
import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';
import { type OuterTerminal, Sandbox, pidAlive, waitFor } from '../harness.js';

/** A program on a pty, its screen parsed by a headless xterm. */
export class PtyScreen {
  readonly term: InstanceType<typeof xterm.Terminal>;
  readonly proc: pty.IPty;
  private exited = false;

  constructor(file: string, args: string[], cols: number, rows: number, env: Record<string, string>, cwd: string) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
    this.term.loadAddon(new u11.Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.proc = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd, env });
    this.proc.onData((d) => this.term.write(d));
    this.proc.onExit(() => (this.exited = true));
  }

  screen(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  }

  flush(): Promise<void> {
    return new Promise((r) => this.term.write('', r));
  }

  type(data: string): void {
    this.proc.write(data);
  }

  dispose(): void {
    if (!this.exited) this.proc.kill('SIGHUP');
    this.term.dispose();
  }
}

export class TmuxSide {
  readonly name = `ccmux-ui-${crypto.randomBytes(4).toString('hex')}`;
  private pid: number | undefined;
  private screens: PtyScreen[] = [];

  constructor(readonly sb: Sandbox) {}

  private get env(): Record<string, string> {
    return { ...this.sb.env, TMUX_TMPDIR: this.sb.dir };
  }

  run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    return new Promise((resolve) => {
      execFile('tmux', ['-L', this.name, '-f', '/dev/null', ...args], { env: this.env, timeout: 10_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, out: stdout, err: stderr });
      });
    });
  }

  /** Run a command that must succeed; notes the server's pid after the first. */
  async ok(args: string[]): Promise<string> {
    const r = await this.run(args);
    if (r.code !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.err}`);
    if (this.pid === undefined) this.pid = Number((await this.run(['display-message', '-p', '#{pid}'])).out.trim()) || undefined;
    return r.out;
  }

  /** A client attached in a terminal of `cols`×`rows`. */
  attach(args: string[], cols: number, rows: number): PtyScreen {
    const s = new PtyScreen('tmux', ['-L', this.name, '-f', '/dev/null', ...args], cols, rows, this.env, this.sb.home);
    this.screens.push(s);
    return s;
  }

  async dispose(): Promise<void> {
    for (const s of this.screens) s.dispose();
    await this.run(['kill-server']);
    // kill-server returns before the server has exited: wait for its pid.
    if (this.pid !== undefined) await waitFor(() => !pidAlive(this.pid!), 10_000, 'the tmux server to exit');
  }
}

/**
 * A sandbox and a tmux side with `setup` run in both, then a client of each attached to
 * session `a` in an 80×24 terminal, waited for until both show their status line.
 */
export async function attachedSideBySide(setup: string[][]): Promise<{ sb: Sandbox; tm: TmuxSide; theirs: PtyScreen; ours: OuterTerminal }> {
  const sb = new Sandbox();
  const tm = new TmuxSide(sb);
  for (const step of setup) {
    await tm.ok(step);
    await sb.ok(step);
  }
  const theirs = tm.attach(['attach', '-t', 'a'], 80, 24);
  const ours = await sb.terminal(['attach', '-t', 'a'], 80, 24);
  await waitFor(async () => {
    await theirs.flush();
    await ours.flush();
    return theirs.screen()[23]!.startsWith('[a]') && ours.screen()[23]!.startsWith('[a]');
  }, 10_000, 'both clients attached');
  return { sb, tm, theirs, ours };
}
