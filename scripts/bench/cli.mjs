/*
 * CLI: what a script pays for one command against a running server (issue 18) — the
 * wall time of `display-message -p x` from spawn to exit, as a status bar, an editor
 * integration or a shell prompt calls it, and of five such calls one after the other
 * (`watch`-like scripts). For scale, and for the target, `node -e 0` (node's own
 * start-up: the floor of any command written for node) is timed in the same run,
 * interleaved call by call with ccmux's, so both see the same load. Target: a ccmux
 * command within 10 ms of that floor; five within five times that.
 *
 * Each repetition runs RUNS calls of each (after WARMUP uncounted ones) and reports
 * their median; the table shows the median of the repetitions. tmux runs the same
 * command against its own server on a private socket. Everything runs in a temp sandbox;
 * servers are stopped and their pids waited for at the end.
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/cli.mjs [--quick] [--reps N] [--targets ccmux]`.
 */
import { execFile } from 'node:child_process';
import { makeSandbox, startCcmux, startTmux, waitQuiet, CCMUX_ARGV } from './lib/harness.mjs';
import { quantile } from './lib/latency.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'cli';
export const description = 'one CLI command (display-message -p x) against a running server, five in a row, and node -e 0 for scale';

const RUNS = 40;
const QUICK_RUNS = 8;
const WARMUP = 3;
/** The issue's target: a command may cost this much more than node's own start-up. */
const OVER_NODE_MS = 10;
const COMMAND = ['display-message', '-p', 'x'];

/** Run file args to exit; resolves with ms. Rejects when it fails or prints other than `x`. */
function timed(file, args, env, expect) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(file, args, { env, cwd: env.HOME, timeout: 15_000 }, (err, stdout, stderr) => {
      const ms = performance.now() - t0;
      if (err) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || err.message}`));
      else if (expect !== undefined && stdout !== expect) reject(new Error(`${file} ${args.join(' ')} printed ${JSON.stringify(stdout)}, not ${JSON.stringify(expect)}`));
      else resolve(ms);
    });
  });
}

/** `cmd` of `mux` as [file, argv]. */
function argvOf(mux, sb, cmd) {
  if (mux.name === 'ccmux') return [process.execPath, [...CCMUX_ARGV, ...cmd]];
  return ['tmux', [...mux.tmuxBase, ...cmd]];
}

/** One repetition for one multiplexer: { one: median ms of a call, five: median ms of five in a row, node: median ms of node -e 0 }. */
async function measure(target, runs) {
  const sb = makeSandbox();
  let mux = null;
  try {
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: 80, rows: 24 }) : startTmux(sb, { cols: 80, rows: 24 }));
    const [file, args] = argvOf(mux, sb, COMMAND);
    const node = () => timed(process.execPath, ['-e', '0'], sb.env);
    const call = () => timed(file, args, sb.env, 'x\n');
    for (let i = 0; i < WARMUP; i++) {
      await call();
      await node();
    }
    const one = [];
    const floor = [];
    for (let i = 0; i < runs; i++) {
      one.push(await call());
      floor.push(await node());
    }
    const five = [];
    for (let i = 0; i < Math.max(3, Math.round(runs / 5)); i++) {
      const t0 = performance.now();
      for (let k = 0; k < 5; k++) await call();
      five.push(performance.now() - t0);
    }
    return { one: quantile(one, 0.5), five: quantile(five, 0.5), node: quantile(floor, 0.5) };
  } finally {
    await mux?.stop();
    sb.dispose();
  }
}

export async function run(opts) {
  const runs = opts.quick ? QUICK_RUNS : RUNS;
  const targets = (opts.targets ?? ['ccmux', 'tmux']).filter((t) => t !== 'none');
  const res = {};
  for (const t of targets) res[t] = { one: [], five: [], node: [] };
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = rep % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const busy = await waitQuiet();
      const r = await measure(t, runs);
      opts.log(`rep ${rep + 1}/${opts.reps} ${t.padEnd(5)} one call ${r.one.toFixed(1)} ms, five ${r.five.toFixed(1)} ms, node -e 0 ${r.node.toFixed(1)} ms${busy >= 0.25 ? ` (machine busy: ${busy.toFixed(2)} cores)` : ''}`);
      for (const k of ['one', 'five', 'node']) res[t][k].push(r[k]);
    }
  }
  // The floor measured beside ccmux's calls (beside tmux's when ccmux was not run).
  const floor = quantile(res.ccmux?.node ?? res.tmux?.node ?? [NaN], 0.5);
  const oneMax = floor + OVER_NODE_MS;
  const row = (metric, k, target) => ({ metric, unit: 'ms', higherIsBetter: false, ccmux: res.ccmux?.[k] ?? [], tmux: res.tmux?.[k] ?? [], target });
  return [
    row(`${COMMAND.join(' ')} against a running server, spawn to exit, median of ${runs}`, 'one', { max: oneMax, text: `≤ node -e 0 + ${OVER_NODE_MS} ms (${oneMax.toFixed(0)} ms)` }),
    row(`five ${COMMAND[0]} calls one after another, median`, 'five', { max: 5 * oneMax, text: `≤ 5 × (node -e 0 + ${OVER_NODE_MS} ms) (${(5 * oneMax).toFixed(0)} ms)` }),
    { metric: `node -e 0 (node's start-up, the floor), median of ${runs} interleaved with ccmux's calls`, unit: 'ms', ref: res.ccmux?.node ?? res.tmux?.node ?? [] },
  ];
}

runIfMain(import.meta.url, { name, run });
