/*
 * Footprint (issue 18): the memory of the two processes a user always has.
 *
 *   server, one idle pane   the server's VmRSS with one session of one 200×50 pane, its
 *                           shell at the prompt, no client, 2 s after the session was
 *                           made (start-up's one-off work is done). Target ≤ 40 MB.
 *   attached client         the `attach` process on a 200×51 pty, once its first full
 *                           frame is on the screen and 1 s has passed: its PSS (memory
 *                           unique to it, plus its share of what it shares — node's own
 *                           pages with every other node process) from
 *                           /proc/PID/smaps_rollup, its USS (private pages only) and
 *                           its RSS. Target ≤ 15 MB PSS.
 *
 * For scale, `node -e 'setInterval(() => {}, 1e3)'` (an idle node, the floor of any
 * process written for node) measured the same way. tmux's server and client beside.
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/footprint.mjs [--reps N] [--targets ccmux]`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { attachClient, makeSandbox, sleep, startCcmux, startTmux, waitFor, waitGone } from './lib/harness.mjs';
import { xtermSink } from './lib/sinks.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'footprint';
export const description = 'server RSS with one idle pane; the attached client process’s PSS and RSS; an idle node for scale';

const COLS = 200;
const ROWS = 50;
const SETTLE_MS = 2000;

/** { rss, pss, uss } of `pid` in MB (2^20 bytes), from /proc/PID/smaps_rollup (uss: its private pages only). */
export function memoryOf(pid) {
  const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (k) => {
    const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text);
    if (!m) throw new Error(`no ${k} in /proc/${pid}/smaps_rollup`);
    return Number(m[1]) / 1024;
  };
  return { rss: kb('Rss'), pss: kb('Pss'), uss: kb('Private_Clean') + kb('Private_Dirty') };
}

/** Is the first full frame on the sink's screen (the prompt at the top, `[bench]` at the bottom)? */
function fullFrame(sink) {
  const lines = sink.screenText().split('\n');
  return /^[$#]( |$)/.test(lines[0]) && lines[ROWS].includes('[bench]');
}

async function measure(target) {
  const sb = makeSandbox();
  let mux = null;
  let client = null;
  const sink = xtermSink(COLS, ROWS + 1);
  try {
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows: ROWS }) : startTmux(sb, { cols: COLS, rows: ROWS }));
    await sleep(SETTLE_MS);
    const server = memoryOf(mux.pid);
    client = attachClient(mux, sb, COLS, ROWS + 1, sink);
    await waitFor(() => fullFrame(sink), 10_000, `${target}: the attached client's first frame`);
    await sleep(1000);
    const c = memoryOf(client.proc.pid);
    return { serverRss: server.rss, clientPss: c.pss, clientUss: c.uss, clientRss: c.rss };
  } finally {
    await client?.close();
    sink.dispose();
    await mux?.stop();
    sb.dispose();
  }
}

/** An idle node process: { rss, pss } after SETTLE_MS. */
async function idleNode() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e3)'], { stdio: 'ignore' });
  try {
    await sleep(SETTLE_MS);
    return memoryOf(child.pid);
  } finally {
    child.kill('SIGTERM');
    await waitGone(child.pid, 'idle node');
  }
}

export async function run(opts) {
  const targets = (opts.targets ?? ['ccmux', 'tmux']).filter((t) => t !== 'none');
  const res = {};
  for (const t of targets) res[t] = { serverRss: [], clientPss: [], clientUss: [], clientRss: [] };
  const node = { rss: [], pss: [], uss: [] };
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = rep % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const r = await measure(t);
      opts.log(`rep ${rep + 1}/${opts.reps} ${t.padEnd(5)} server RSS ${r.serverRss.toFixed(1)} MB; client PSS ${r.clientPss.toFixed(1)} MB, USS ${r.clientUss.toFixed(1)} MB, RSS ${r.clientRss.toFixed(1)} MB`);
      for (const k of Object.keys(r)) res[t][k].push(r[k]);
    }
    const n = await idleNode();
    node.rss.push(n.rss);
    node.pss.push(n.pss);
    node.uss.push(n.uss);
  }
  const row = (metric, k, target) => ({ metric, unit: 'MB', higherIsBetter: false, ccmux: res.ccmux?.[k] ?? [], tmux: res.tmux?.[k] ?? [], ...(target ? { target } : {}) });
  return [
    row('server RSS, one idle pane (a shell at its prompt), no client', 'serverRss', { max: 40, text: '≤ 40 MB' }),
    row('attached client process, PSS (unique + its share of shared pages)', 'clientPss', { max: 15, text: '≤ 15 MB' }),
    row('attached client process, USS (its private pages only)', 'clientUss'),
    row('attached client process, RSS', 'clientRss'),
    { metric: "idle node (node -e 'setInterval(…)'), RSS", unit: 'MB', ref: node.rss },
    { metric: "idle node (node -e 'setInterval(…)'), PSS", unit: 'MB', ref: node.pss },
    { metric: "idle node (node -e 'setInterval(…)'), USS", unit: 'MB', ref: node.uss },
  ];
}

runIfMain(import.meta.url, { name, run });
