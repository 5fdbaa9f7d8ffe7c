/*
 * End-to-end test harness: drives the real `ccmux` binary as a user would.
 *
 *   Sandbox        a private world per test: HOME, XDG_* dirs and the socket dir in a temp
 *                  dir, the fake claude first in PATH; `ccmux(...)` runs CLI commands;
 *                  `dispose()` kills the server it started (by pid) and waits for it to go.
 *   OuterTerminal  a user's terminal: `ccmux` started on a pty whose output is parsed by a
 *                  headless xterm, so tests read the screen the user would see, type keys,
 *                  resize, or hang the terminal up.
 *
 * Nothing here touches the real HOME, ~/.claude or any process the test did not start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';
import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const CCMUX = path.join(ROOT, 'bin', 'ccmux.js');
export const FAKE_CLAUDE_DIR = path.join(ROOT, 'test', 'fixtures', 'fake-claude');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Poll `pred` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(pred: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await pred();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Is the process running? A zombie (exited, not yet reaped by its parent) counts as gone. */
/** Is tmux installed (the side-by-side tests skip without it)? */
export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export class Sandbox {
  readonly dir: string;
  readonly home: string;
  readonly env: Record<string, string>;
  private serverPids = new Set<number>();
  private terminals: OuterTerminal[] = [];

  constructor(opts: { config?: string; env?: Record<string, string> } = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-e2e-'));
    this.home = path.join(this.dir, 'home');
    const run = path.join(this.dir, 'run');
    for (const d of [this.home, run, path.join(this.dir, 'state'), path.join(this.dir, 'config', 'ccmux')]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    if (opts.config !== undefined) fs.writeFileSync(path.join(this.dir, 'config', 'ccmux', 'ccmux.toml'), opts.config);
    this.env = {
      PATH: `${FAKE_CLAUDE_DIR}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: this.home,
      USER: os.userInfo().username,
      SHELL: '/bin/sh',
      LANG: 'C.UTF-8',
      TERM: 'xterm-256color',
      XDG_RUNTIME_DIR: run,
      XDG_STATE_HOME: path.join(this.dir, 'state'),
      XDG_CONFIG_HOME: path.join(this.dir, 'config'),
      XDG_DATA_HOME: path.join(this.dir, 'data'),
      XDG_CACHE_HOME: path.join(this.dir, 'cache'),
      ENV: '', // no sh startup file
      PS1: '$ ',
      ...opts.env,
    };
  }

  get stateDir(): string {
    return path.join(this.dir, 'state', 'ccmux');
  }

  /** Run `ccmux args...` to completion (no terminal). `onStdout` sees the output as it arrives. */
  ccmux(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; onStdout?: (chunk: string) => void } = {}): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        [CCMUX, ...args],
        { cwd: opts.cwd ?? this.home, env: { ...this.env, ...opts.env }, timeout: opts.timeoutMs ?? 15_000, maxBuffer: 256 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
      if (opts.onStdout) child.stdout?.on('data', (d: Buffer | string) => opts.onStdout!(String(d)));
    }).then(async (r) => {
      await this.noteServer();
      return r as RunResult;
    });
  }

  /** Like ccmux() but fails the test on a non-zero exit. */
  async ok(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
    const r = await this.ccmux(args, opts);
    if (r.code !== 0) throw new Error(`ccmux ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  /** Remember the server's pid so dispose() can make sure it is gone. */
  private async noteServer(): Promise<void> {
    const sock = path.join(this.env.XDG_RUNTIME_DIR!, 'ccmux');
    if (!fs.existsSync(sock)) return;
    for (const log of fs.existsSync(path.join(this.stateDir, 'logs')) ? fs.readdirSync(path.join(this.stateDir, 'logs')) : []) {
      if (!log.endsWith('.log') || !fs.statSync(path.join(this.stateDir, 'logs', log)).isFile()) continue;
      for (const line of fs.readFileSync(path.join(this.stateDir, 'logs', log), 'utf8').split('\n')) {
        const m = /"msg":"server listening"/.test(line) ? /"pid":(\d+)/.exec(line) : null;
        if (m) this.serverPids.add(Number(m[1]));
      }
    }
  }

  /** Start `ccmux args` in a terminal of the given size (`env`: the client's environment, over the sandbox's). */
  async terminal(args: string[] = [], cols = 100, rows = 30, opts: { cwd?: string; env?: Record<string, string>; program?: string } = {}): Promise<OuterTerminal> {
    const t = new OuterTerminal(args, cols, rows, { ...this.env, ...opts.env }, opts.cwd ?? this.home, opts.program);
    this.terminals.push(t);
    return t;
  }

  /** JSON of `list-panes -a --json`. */
  async panes(): Promise<Array<Record<string, any>>> {
    return JSON.parse(await this.ok(['list-panes', '-a', '--json']));
  }

  async dispose(): Promise<void> {
    for (const t of this.terminals) t.dispose();
    await this.noteServer();
    // Programs in panes (claude runs its SessionEnd hooks and writes its config on hangup)
    // may outlive the server for a moment: wait for them before removing their dirs.
    let panePids: number[] = [];
    try {
      const r = await this.ccmux(['list-panes', '-a', '-F', '#{pane_pid}']);
      if (r.code === 0) panePids = r.stdout.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
    } catch {
      /* no server */
    }
    await this.ccmux(['kill-server']);
    for (const pid of panePids) {
      try {
        await waitFor(() => !pidAlive(pid), 10_000, `pane process ${pid} to exit`);
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
    for (const pid of this.serverPids) {
      try {
        await waitFor(() => !pidAlive(pid), 5000, `server ${pid} to exit`);
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
    // Panes' programs may still be writing as they exit: retry, as rm -rf in a loop would.
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

/** The least time between two writes of OuterTerminal.type: a fast typist's, well over assume-paste-time's 1 ms. */
const TYPING_GAP_MS = 10;

export class OuterTerminal {
  readonly term: InstanceType<typeof xterm.Terminal>;
  readonly proc: pty.IPty;
  exited: { exitCode: number; signal?: number } | null = null;
  output = '';
  /** Called at the end of each frame (frameShowing). */
  private frameWatchers = new Set<() => void>();

  /** `args` for ccmux, or with `program` that program's argv (a tmux client to compare with). */
  constructor(args: string[], cols: number, rows: number, env: Record<string, string>, cwd: string, program?: string) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
    this.term.loadAddon(new u11.Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.proc = pty.spawn(program ?? process.execPath, program ? args : [CCMUX, ...args], { name: env.TERM ?? 'xterm-256color', cols, rows, cwd, env });
    this.proc.onData((d) => {
      this.output += d;
      this.term.write(d);
    });
    this.proc.onExit((e) => (this.exited = e));
    // The end of each synchronized frame (DEC 2026, ScreenWriter): the screen as that frame left it.
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (params[0] === 2026) for (const w of [...this.frameWatchers]) w();
      return false;
    });
  }

  /** The screen as lines of text (trailing blanks trimmed). */
  screen(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  }

  text(): string {
    return this.screen().join('\n');
  }

  /** Wait until the screen matches (a string it contains, a regexp, or a predicate). */
  async waitForScreen(what: string | RegExp | ((lines: string[]) => boolean), timeoutMs = 10_000): Promise<string[]> {
    const test = (lines: string[]) =>
      typeof what === 'string' ? lines.join('\n').includes(what) : what instanceof RegExp ? what.test(lines.join('\n')) : what(lines);
    try {
      return await waitFor(async () => {
        await this.flush();
        const lines = this.screen();
        return test(lines) ? lines : null;
      }, timeoutMs, `screen to show ${String(what)}`);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- screen ---\n${this.text()}`);
    }
  }

  /**
   * Resolve once a frame (from now on) leaves the screen matching `what`, even when the next
   * frame replaces it before waitForScreen could have polled (a message shown briefly).
   * Call it before what draws the frame.
   */
  frameShowing(what: string | RegExp | ((lines: string[]) => boolean), timeoutMs = 10_000): Promise<void> {
    const test = (lines: string[]) =>
      typeof what === 'string' ? lines.join('\n').includes(what) : what instanceof RegExp ? what.test(lines.join('\n')) : what(lines);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.frameWatchers.delete(watch);
      };
      const watch = (): void => {
        if (!test(this.screen())) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for a frame showing ${String(what)}\n--- screen ---\n${this.text()}`));
      }, timeoutMs);
      this.frameWatchers.add(watch);
    });
  }

  /** Call `cb` at the end of every frame from now on, until the returned function is called. */
  eachFrame(cb: () => void): () => void {
    this.frameWatchers.add(cb);
    return () => this.frameWatchers.delete(cb);
  }

  /** Let xterm finish parsing what has arrived. */
  flush(): Promise<void> {
    return new Promise((r) => this.term.write('', r));
  }

  /**
   * Type raw bytes (use "\x02" for C-b). As a person types: a write that follows the last
   * one within TYPING_GAP_MS waits for the gap, in order, so that what two calls type never
   * reaches the server as one read of keys too fast for typing — which assume-paste-time
   * (1 ms, as tmux) takes for a paste, running no bindings.
   */
  type(data: string): void {
    this.typing.push(data);
    if (this.typing.length === 1) this.typeNext();
  }

  /** Press the prefix (C-b) then `key`. */
  prefix(key: string): void {
    this.type(`\x02${key}`);
  }

  /** What type() has yet to write, the first one next; when the last write went. */
  private readonly typing: string[] = [];
  private typedAt = -Infinity;

  private typeNext(): void {
    const data = this.typing[0];
    if (data === undefined) return;
    const wait = this.typedAt + TYPING_GAP_MS - performance.now();
    if (wait > 0) {
      setTimeout(() => this.typeNext(), wait);
      return;
    }
    this.typing.shift();
    this.typedAt = performance.now();
    if (this.exited === null) this.proc.write(data);
    this.typeNext();
  }

  resize(cols: number, rows: number): void {
    this.proc.resize(cols, rows);
    this.term.resize(cols, rows);
  }

  cursor(): { x: number; y: number } {
    const b = this.term.buffer.active;
    return { x: b.cursorX, y: b.cursorY };
  }

  async waitExit(timeoutMs = 10_000): Promise<{ exitCode: number }> {
    return waitFor(() => this.exited, timeoutMs, 'client to exit');
  }

  dispose(): void {
    if (!this.exited) {
      try {
        this.proc.kill('SIGHUP');
      } catch {
        /* gone */
      }
    }
    this.term.dispose();
  }
}
