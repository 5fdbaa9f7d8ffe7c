/*
 * Start-up: how long the user waits.
 *
 *   new -d        `new-session -d -s bench -x 200 -y 50` with no server running, spawn to
 *                 exit: the client starts the server, the server starts, the session's
 *                 shell is spawned. A fresh sandbox and server each time.
 *   attach        with the server and session running, `attach -t bench` on a 200×51 pty,
 *                 from spawn until the first full frame is on the client's screen: the
 *                 shell's prompt in the top row and the status line ("[bench]") in the
 *                 bottom one. The first attach of each series is not counted (it warms
 *                 the server up).
 *   new           `new-session -s bench` (attached) with no server running, spawn until
 *                 that first full frame: what typing `ccmux` / `tmux` costs.
 *
 * The client's output is read by a headless xterm (lib/sinks.mjs), whose screen is
 * checked after each chunk is parsed. Each repetition times RUNS of each, one after the
 * other, and reports their median; the table shows the median of the repetitions.
 *
 * Targets (issue 18): new -d ≤ 120 ms, attach ≤ 25 ms.
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/startup.mjs [--quick] [--reps N]`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import * as pty from 'node-pty';
import { CCMUX_ARGV, makeSandbox, sleep, startCcmux, startTmux, waitFor, waitGone, waitQuiet } from './lib/harness.mjs';
import { xtermSink } from './lib/sinks.mjs';
import { quantile } from './lib/latency.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'startup';
export const description = 'new -d with no server, attach until the first full frame, new (attached) until the first full frame';

const COLS = 200;
const ROWS = 50;
const RUNS = 15;
const QUICK_RUNS = 4;
/** Issue 18's targets: what a user or a script may wait for. */
const NEW_D_TARGET = { max: 120, text: '≤ 120 ms' };
const ATTACH_TARGET = { max: 25, text: '≤ 25 ms' };
/** A frame not complete within this long fails the run. */
const FRAME_TIMEOUT_MS = 10_000;

/** `ccmux ARGS` / `tmux -L … -f … ARGS` as [file, argv] in sandbox `sb`. */
function command(target, sb, label, args) {
  if (target === 'ccmux') return [process.execPath, [...CCMUX_ARGV, ...args]];
  return ['tmux', ['-L', label, '-f', sb.path('tmux.conf'), ...args]];
}

function execTimed(file, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(file, args, { env, cwd: env.HOME, timeout: 15_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')}: ${stderr.trim() || err.message}`));
      else resolve({ ms: performance.now() - t0, stdout });
    });
  });
}

/** Stop the server of `target` in `sb` (the session `bench` tells its pid) and wait until it is gone. */
async function stopServer(target, sb, label) {
  const [file, args] = command(target, sb, label, ['display', '-p', '-t', 'bench', '#{pid}']);
  const pid = await execTimed(file, args, sb.env).then((r) => Number(r.stdout.trim()) || 0, () => 0);
  const [kf, ka] = command(target, sb, label, ['kill-server']);
  await execTimed(kf, ka, sb.env).catch(() => undefined);
  if (pid) await waitGone(pid, `${target} server`);
}

/**
 * Is the first full frame on the sink's screen: the shell's prompt at the top (`$ `, or
 * `# ` from /etc/profile when tmux starts the shell as a login shell as root), the
 * status line at the bottom?
 */
function fullFrame(sink) {
  const lines = sink.screenText().split('\n');
  return /^[$#]( |$)/.test(lines[0]) && lines[ROWS].includes('[bench]');
}

/** Run `file args` on a COLS×(ROWS+1) pty; resolves with ms from spawn to the first full frame. */
function untilFrame(file, args, env) {
  const sink = xtermSink(COLS, ROWS + 1);
  const t0 = performance.now();
  const proc = pty.spawn(file, args, { name: 'xterm-256color', cols: COLS, rows: ROWS + 1, cwd: env.HOME, env });
  const client = { proc, write: (d) => proc.write(d) };
  let exited = false;
  proc.onExit(() => (exited = true));
  const frame = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no full frame within ${FRAME_TIMEOUT_MS} ms: ${JSON.stringify(sink.screenText().trim().slice(-200))}`)), FRAME_TIMEOUT_MS);
    let done = false;
    proc.onData((d) => {
      sink.data(d, client);
      sink.term.write('', () => {
        if (done || !fullFrame(sink)) return;
        done = true;
        clearTimeout(timer);
        resolve(performance.now() - t0);
      });
    });
  });
  const close = async () => {
    if (!exited) {
      try {
        proc.kill('SIGHUP');
      } catch {
        /* gone */
      }
      await waitFor(() => exited, 5000, 'the client to exit').catch(() => undefined);
    }
    sink.dispose();
  };
  return frame.then(
    async (ms) => {
      await close();
      return ms;
    },
    async (err) => {
      await close();
      throw err;
    },
  );
}

/** `new -d` with no server: spawn to exit, then the server is stopped. */
async function newDetached(target) {
  const sb = makeSandbox();
  const label = `bench-start-${process.pid}`;
  try {
    const [file, args] = command(target, sb, label, ['new-session', '-d', '-s', 'bench', '-x', String(COLS), '-y', String(ROWS)]);
    return (await execTimed(file, args, sb.env)).ms;
  } finally {
    await stopServer(target, sb, label).catch(() => undefined);
    sb.dispose();
  }
}

/** `new` (attached) with no server: spawn until the first full frame. */
async function newAttached(target) {
  const sb = makeSandbox();
  const label = `bench-start-${process.pid}`;
  try {
    const [file, args] = command(target, sb, label, ['new-session', '-s', 'bench']);
    return await untilFrame(file, args, sb.env);
  } finally {
    await stopServer(target, sb, label).catch(() => undefined);
    sb.dispose();
  }
}

/** `attach` to a running server, `runs` times: spawn until the first full frame. */
async function attachTimes(target, runs) {
  const sb = makeSandbox();
  let mux = null;
  try {
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows: ROWS }) : startTmux(sb, { cols: COLS, rows: ROWS }));
    await sleep(300); // the shell's prompt
    const [file, args] = mux.attachArgv;
    const times = [];
    for (let i = 0; i < runs + 1; i++) {
      const ms = await untilFrame(file, args, sb.env);
      if (i > 0) times.push(ms); // the first attach also warms the server up
      await waitFor(async () => (await mux.cli(['display', '-p', '-t', 'bench', '#{session_attached}'])).trim() === '0', 5000, `${target}: the client to detach`);
    }
    return times;
  } finally {
    await mux?.stop();
    sb.dispose();
  }
}

async function series(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return times;
}

export async function run(opts) {
  const runs = opts.quick ? QUICK_RUNS : RUNS;
  const targets = (opts.targets ?? ['ccmux', 'tmux']).filter((t) => t !== 'none');
  const res = {};
  for (const t of targets) res[t] = { newD: [], attach: [], newA: [] };
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = rep % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const busy = await waitQuiet();
      const newD = await series(() => newDetached(t), runs);
      const attach = await attachTimes(t, runs);
      const newA = await series(() => newAttached(t), runs);
      const f = (xs) => `median ${quantile(xs, 0.5).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
      opts.log(`rep ${rep + 1}/${opts.reps} ${t.padEnd(5)} new -d ${f(newD)}; attach ${f(attach)}; new ${f(newA)}${busy >= 0.25 ? ` (machine busy: ${busy.toFixed(2)} cores)` : ''}`);
      res[t].newD.push(quantile(newD, 0.5));
      res[t].attach.push(quantile(attach, 0.5));
      res[t].newA.push(quantile(newA, 0.5));
    }
  }
  const row = (metric, k, target) => ({ metric, unit: 'ms', higherIsBetter: false, ccmux: res.ccmux?.[k] ?? [], tmux: res.tmux?.[k] ?? [], ...(target ? { target } : {}) });
  return [
    row(`new -d with no server running, spawn to exit, median of ${runs}`, 'newD', NEW_D_TARGET),
    row(`attach to a running session until the first full frame, median of ${runs}`, 'attach', ATTACH_TARGET),
    row(`new (attached) with no server running until the first full frame, median of ${runs}`, 'newA'),
  ];
}

runIfMain(import.meta.url, { name, run });
