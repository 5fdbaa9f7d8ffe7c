/*
 * What every benchmark needs to run ccmux and tmux side by side, without touching the
 * user's world:
 *
 *   makeSandbox()      a temp dir holding HOME, the XDG dirs, TMUX_TMPDIR and a private
 *                      tmux.conf; its `env` is built from scratch (no TMUX, CCMUX, …
 *                      leaks in from the terminal the benchmark runs in)
 *   startCcmux(sb)     a ccmux server on the sandbox's socket (optionally under
 *                      `node --cpu-prof`), with a detached session of the given size
 *   startTmux(sb)      a tmux server on a private socket (-L bench-<random>), same
 *   attachClient(m,…)  `ccmux attach` / `tmux attach` on a node-pty of the given size;
 *                      its output goes to a sink (see sinks.mjs)
 *
 * Each mux's stop() asks its server to exit, then waits until that pid is gone (SIGKILL
 * after a grace period); sandbox.dispose() removes the temp dir. Only processes started
 * here are ever signalled, and only by pid.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pty from 'node-pty';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..', '..');
/**
 * The build under test: this checkout's dist/, or the one CCMUX_DIST names (a copy of
 * another build's dist/ inside a directory whose parents hold node_modules), to compare
 * two builds with the same benchmark.
 */
export const DIST = process.env.CCMUX_DIST ? path.resolve(process.env.CCMUX_DIST) : path.join(ROOT, 'dist');
/** argv (after node) that runs the `ccmux` command of that build. */
export const CCMUX_ARGV = process.env.CCMUX_DIST ? ['--input-type=module', '-e', `import(${JSON.stringify(path.join(DIST, 'cli', 'main.js'))}).then((m) => m.main(process.argv.slice(1)))`] : [path.join(ROOT, 'bin', 'ccmux.js')];
const SERVER_MAIN = path.join(DIST, 'server', 'main.js');

/** How long a server may take to exit after being asked before it is SIGKILLed. */
const STOP_GRACE_MS = 5000;

/** Cleanups of everything started and not yet stopped, for cleanupAll() on ^C. */
const live = new Set();

/** Stop every server and remove every sandbox still around (on an interrupt). */
export async function cleanupAll() {
  // Each cleanup removes itself from `live` as it runs (track): deleting it here first
  // made it a no-op, and ^C left servers running.
  for (const fn of [...live].reverse()) await fn().catch(() => undefined);
}

function track(fn) {
  const once = async () => {
    if (!live.delete(once)) return;
    await fn();
  };
  live.add(once);
  return once;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux port that matters). */
const CLK_TCK = 100;

/**
 * CPU seconds a process has used: { self } (user + system) and { children } (of its
 * waited-for children, e.g. a shell's finished `cat`). Null when unreadable (gone, not Linux).
 */
export function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields from 3 (state) on: utime is field 14, stime 15, cutime 16, cstime 17.
    return { self: (Number(f[11]) + Number(f[12])) / CLK_TCK, children: (Number(f[13]) + Number(f[14])) / CLK_TCK };
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine has been busy (all cores, from /proc/stat), or NaN. */
export function machineBusySeconds() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f;
    return (user + nice + system + irq + softirq + steal) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/**
 * Wait until the rest of the machine is quiet: less than `maxCores` of CPU busy over a
 * 500 ms window (nothing of ours runs meanwhile), for at most `timeoutMs`. Returns the
 * busy cores of the last window (so a caller can note that it ran on a busy machine).
 */
export async function waitQuiet({ maxCores = 0.25, timeoutMs = 20_000 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const a = machineBusySeconds();
    const t = performance.now();
    await sleep(500);
    const cores = (machineBusySeconds() - a) / ((performance.now() - t) / 1000);
    if (!(cores >= maxCores) || Date.now() > end) return cores;
  }
}

/**
 * How much CPU the rest of the machine uses while a measurement runs: call before it
 * starts; `others()` afterwards gives the cores kept busy by anything but the processes
 * `pids()` names (read at both ends, so pass a function when they change) and this one.
 * Kernel work on our behalf (ptys, sockets) counts as "others" too, a few hundredths.
 */
export function loadMeter(pids = () => []) {
  const ours = () => {
    let s = 0;
    for (const pid of pids()) {
      const c = cpuSeconds(pid);
      if (c) s += c.self + c.children;
    }
    const u = process.cpuUsage();
    return s + (u.user + u.system) / 1e6;
  };
  const m0 = machineBusySeconds();
  const o0 = ours();
  const t0 = performance.now();
  return {
    others() {
      const seconds = (performance.now() - t0) / 1000;
      return (machineBusySeconds() - m0 - (ours() - o0)) / seconds;
    },
  };
}

/** Poll `pred` every 20 ms until truthy; throws after `timeoutMs`. */
export async function waitFor(pred, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Wait for `pid` to exit; SIGKILL it (it is ours) if it outlives the grace period. */
export async function waitGone(pid, what) {
  try {
    await waitFor(() => !pidAlive(pid), STOP_GRACE_MS, `${what} (pid ${pid}) to exit`);
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
    await waitFor(() => !pidAlive(pid), 2000, `${what} (pid ${pid}) to die`);
  }
}

function run(file, args, env, timeoutMs = 15_000) {
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd: env.HOME, timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(file, args, env) {
  const r = await run(file, args, env);
  if (r.code !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * A private world: HOME, XDG_RUNTIME_DIR, XDG_STATE_HOME, XDG_CONFIG_HOME, TMUX_TMPDIR
 * all inside one temp dir, a plain /bin/sh with a `$ ` prompt, UTF-8, xterm-256color.
 */
export function makeSandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-bench-'));
  const sub = (...p) => path.join(dir, ...p);
  for (const d of ['home', 'run', 'state', 'config', 'data', 'cache', 'tmux']) fs.mkdirSync(sub(d), { recursive: true, mode: 0o700 });
  // Same history depth as ccmux's default, and truecolor passed through as ccmux does.
  fs.writeFileSync(sub('tmux.conf'), "set -g history-limit 10000\nset -as terminal-features ',xterm-256color:RGB'\n");
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sub('home'),
    USER: os.userInfo().username,
    SHELL: '/bin/sh',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'xterm-256color',
    XDG_RUNTIME_DIR: sub('run'),
    XDG_STATE_HOME: sub('state'),
    XDG_CONFIG_HOME: sub('config'),
    XDG_DATA_HOME: sub('data'),
    XDG_CACHE_HOME: sub('cache'),
    TMUX_TMPDIR: sub('tmux'),
    ENV: '', // no sh startup file
    PS1: '$ ',
    // CCMUX_TTY_DIRECT=0 from the benchmark's own environment: clients relay (A/B of client/tty-direct.ts).
    ...(process.env.CCMUX_TTY_DIRECT ? { CCMUX_TTY_DIRECT: process.env.CCMUX_TTY_DIRECT } : {}),
  };
  const dispose = track(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, env, path: sub, dispose };
}

/**
 * Create the detached session `bench` (starting the server if need be) and learn the
 * server's pid. The returned stop() kills the server and waits for the pid to be gone;
 * it also runs, as far as it can, when creating the session fails half way.
 */
async function serve(name, cli, kill, cols, rows, knownPid) {
  let pid = knownPid ?? 0;
  const readPid = () => cli(['display', '-p', '#{pid}']).then((s) => Number(s.trim()) || 0, () => 0);
  const stop = track(async () => {
    await kill();
    if (pid) await waitGone(pid, `${name} server`);
  });
  try {
    await cli(['new-session', '-d', '-s', 'bench', '-x', String(cols ?? 80), '-y', String(rows ?? 24)]);
    pid = await readPid();
    if (!pid) throw new Error(`cannot read the ${name} server pid`);
  } catch (err) {
    pid ||= await readPid();
    await stop();
    throw err;
  }
  return { pid, stop };
}

/**
 * Start a ccmux server and a detached session `bench` of cols×rows. With `profileDir`
 * the server is started by hand, as the client would (its SERVER_NODE_FLAGS, then
 * `dist/server/main.js --socket PATH --config ''`), under `--cpu-prof`; the profile is
 * written when it exits.
 */
export async function startCcmux(sb, { cols, rows, profileDir } = {}) {
  const env = sb.env;
  const cli = (args) => ok(process.execPath, [...CCMUX_ARGV, ...args], env);
  let child;
  if (profileDir) {
    const sock = path.join(env.XDG_RUNTIME_DIR, 'ccmux', 'default');
    fs.mkdirSync(path.dirname(sock), { recursive: true, mode: 0o700 });
    fs.mkdirSync(profileDir, { recursive: true });
    // CCMUX_PROF_INTERVAL: the sampling interval in µs (V8's default is 1000), e.g. 50 to see a keystroke.
    const interval = process.env.CCMUX_PROF_INTERVAL ? [`--cpu-prof-interval=${Number(process.env.CCMUX_PROF_INTERVAL)}`] : [];
    const { SERVER_NODE_FLAGS } = await import(pathToFileURL(path.join(DIST, 'client', 'start-server.js')).href);
    child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--cpu-prof', ...interval, `--cpu-prof-dir=${profileDir}`, SERVER_MAIN, '--socket', sock, '--config', ''], {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
      cwd: '/',
      env,
    });
    const said = await new Promise((resolve) => {
      let text = '';
      child.stdio[3].on('data', (d) => (text += d));
      child.stdio[3].on('end', () => resolve(text.trim()));
      child.stdio[3].on('error', () => resolve(text.trim()));
    });
    child.unref();
    if (said !== 'ready') throw new Error(`ccmux server did not start: ${said}`);
  }
  const { pid, stop } = await serve('ccmux', cli, () => run(process.execPath, [...CCMUX_ARGV, 'kill-server'], env), cols, rows, child?.pid);
  return { name: 'ccmux', pid, cli, attachArgv: [process.execPath, [...CCMUX_ARGV, 'attach', '-t', 'bench']], stop };
}

/** Start a tmux server on a private socket with a detached session `bench` of cols×rows. */
export async function startTmux(sb, { cols, rows } = {}) {
  const label = `bench-${crypto.randomBytes(4).toString('hex')}`;
  const base = ['-L', label, '-f', sb.path('tmux.conf')];
  const cli = (args) => ok('tmux', [...base, ...args], sb.env);
  const { pid, stop } = await serve('tmux', cli, () => run('tmux', [...base, 'kill-server'], sb.env), cols, rows);
  return { name: 'tmux', pid, cli, tmuxBase: base, attachArgv: ['tmux', [...base, 'attach', '-t', 'bench']], stop };
}

/**
 * Run `mux`'s attach command on a pty of cols×rows; every chunk of its output goes to
 * `sink.data(chunk, client)`. The sink may pause and resume the pty (flow control).
 */
export function attachClient(mux, sb, cols, rows, sink) {
  const [file, args] = mux.attachArgv;
  const proc = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: sb.env.HOME, env: sb.env });
  let exited = null;
  proc.onExit((e) => (exited = e));
  const client = {
    proc,
    get exited() {
      return exited;
    },
    write: (d) => proc.write(d),
    async close() {
      if (!exited) {
        try {
          proc.kill('SIGHUP');
        } catch {
          /* gone */
        }
        await waitFor(() => exited, 5000, `${mux.name} client to exit`).catch(() => undefined);
      }
    },
  };
  proc.onData((d) => sink.data(d, client));
  return client;
}

/** An interactive /bin/sh on a bare pty (no multiplexer), output to `sink`. */
export function spawnBare(sb, cols, rows, sink) {
  const proc = pty.spawn('/bin/sh', [], { name: 'xterm-256color', cols, rows, cwd: sb.env.HOME, env: sb.env });
  let exited = null;
  proc.onExit((e) => (exited = e));
  const client = {
    proc,
    get exited() {
      return exited;
    },
    write: (d) => proc.write(d),
    async close() {
      await waitFor(() => exited, 5000, 'bare pty to exit').catch(() => {
        try {
          proc.kill('SIGKILL');
        } catch {
          /* gone */
        }
      });
    },
  };
  proc.onData((d) => sink.data(d, client));
  return client;
}

/** A marker string and a shell command that prints it without the command line containing it. */
export function endMarker(alphabet) {
  const pick = () => Array.from(crypto.randomBytes(6), (b) => alphabet[b % alphabet.length]).join('');
  const a = pick();
  const b = pick();
  return { marker: a + b, printCmd: `printf '%s%s\\n' '${a}' '${b}'` };
}
