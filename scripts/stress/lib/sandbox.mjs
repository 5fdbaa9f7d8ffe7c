/*
 * A private world for one stress scenario, the script twin of test/e2e/harness.ts's
 * Sandbox (same fields, so scenario code runs on either): HOME, XDG dirs and the socket
 * dir in a temp dir, the fake claude first in PATH. `ccmux(args)` runs the real CLI;
 * `cmd(argv)` talks to the server over the socket directly (no node start per command).
 * `dispose()` asks every server it saw to exit, SIGKILLs by pid what did not, and removes
 * the temp dir. Nothing here touches the real HOME.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { CCMUX, FAKE_CLAUDE_DIR } from './paths.mjs';
import { command, ok } from './proto.mjs';
import { descendants, running } from './procfs.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `pred` until it returns something truthy; throws after `timeoutMs`. */
export async function waitFor(pred, timeoutMs = 10_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await pred();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message ?? last}` : ''}`);
    await sleep(25);
  }
}

/** The default server socket of a sandbox (either kind). */
export function sockOf(sb, label = 'default') {
  return path.join(sb.env.XDG_RUNTIME_DIR, 'ccmux', label);
}

/** Run a command over the socket with the sandbox's environment (what a CLI there would send). */
export function cmd(sb, argv, opts = {}) {
  return command(sockOf(sb, opts.label), argv, { env: opts.env ?? sb.env, cwd: opts.cwd ?? sb.home, timeoutMs: opts.timeoutMs });
}

/** Like cmd() but throws on failure and returns stdout. */
export function cmdOk(sb, argv, opts = {}) {
  return ok(sockOf(sb, opts.label), argv, { env: opts.env ?? sb.env, cwd: opts.cwd ?? sb.home, timeoutMs: opts.timeoutMs });
}

/** `list-panes -a --json` over the socket (fast on either kind of sandbox). */
export async function listPanes(sb, label) {
  return JSON.parse(await cmdOk(sb, ['list-panes', '-a', '--json'], { label }));
}

/** The pid of the server answering on the sandbox's socket. */
export async function serverPid(sb, label) {
  return Number((await cmdOk(sb, ['display-message', '-p', '#{pid}'], { label })).trim());
}

/** Sandboxes not yet disposed, so an interrupted run can still clean up (run.mjs on ^C). */
export const liveSandboxes = new Set();

export class StressSandbox {
  constructor({ config, env = {}, prefix = 'ccmux-stress-' } = {}) {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    this.home = path.join(this.dir, 'home');
    const run = path.join(this.dir, 'run');
    for (const d of [this.home, run, path.join(this.dir, 'state'), path.join(this.dir, 'config', 'ccmux')]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    if (config !== undefined) fs.writeFileSync(path.join(this.dir, 'config', 'ccmux', 'ccmux.toml'), config);
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
      ENV: '',
      PS1: '$ ',
      ...env,
    };
    this.serverPids = new Set();
    this.extraPids = new Set();
    liveSandboxes.add(this);
  }

  get stateDir() {
    return path.join(this.dir, 'state', 'ccmux');
  }

  /** Run `ccmux args...` (the real CLI, so it may start a server). */
  ccmux(args, opts = {}) {
    return new Promise((resolve) => {
      execFile(process.execPath, [CCMUX, ...args], { cwd: opts.cwd ?? this.home, env: { ...this.env, ...opts.env }, timeout: opts.timeoutMs ?? 30_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    }).then((r) => {
      this.noteServers();
      return r;
    });
  }

  async ok(args, opts) {
    const r = await this.ccmux(args, opts);
    if (r.code !== 0) throw new Error(`ccmux ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  /** JSON of `list-panes -a --json`, over the socket. */
  panes(label) {
    return listPanes(this, label);
  }

  /** Remember every server pid its logs name, so dispose() can make sure each is gone. */
  noteServers() {
    const logs = path.join(this.stateDir, 'logs');
    if (!fs.existsSync(logs)) return;
    for (const log of fs.readdirSync(logs)) {
      if (!log.endsWith('.log')) continue;
      for (const line of fs.readFileSync(path.join(logs, log), 'utf8').split('\n')) {
        const m = line.includes('"msg":"server listening"') ? /"pid":(\d+)/.exec(line) : null;
        if (m) this.serverPids.add(Number(m[1]));
      }
    }
  }

  async dispose({ keep = false } = {}) {
    liveSandboxes.delete(this);
    this.noteServers();
    const labels = fs.existsSync(path.join(this.env.XDG_RUNTIME_DIR, 'ccmux')) ? fs.readdirSync(path.join(this.env.XDG_RUNTIME_DIR, 'ccmux')) : [];
    const mine = [...this.serverPids].filter(running).flatMap((p) => descendants(p));
    for (const label of labels) await command(sockOf(this, label), ['kill-server'], { timeoutMs: 5000 });
    for (const pid of this.serverPids) {
      try {
        await waitFor(() => !running(pid), 5000, `server ${pid} to exit`);
      } catch {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    // Programs its panes ran get SIGHUP from the server; any that ignored it are ours to end.
    await sleep(200);
    for (const pid of [...mine, ...this.extraPids]) {
      if (!running(pid)) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
