/*
 * Keystroke latency with N idle panes beside the echoer, for A/B runs and profiles of the
 * key path (docs/performance.md, latency): one 200×50 window tiled into N + 1 panes (N = 0:
 * latency.mjs's single pane), the first running lib/latency.mjs's echoer, keys as there.
 *
 *   node scripts/bench/tools/keys-panes.mjs [--panes 30] [--keys 300] [--runs 1] [--target ccmux|tmux] [--profile DIR]
 *
 * Prints one line per run: median, p90, p99 in ms, and the server's CPU time and wake-ups
 * per key (all its threads: schedstat's on-CPU time, voluntary context switches; for
 * ccmux, whose client only waits, that is the whole multiplexer). CPU time per key is much
 * steadier than latency on a shared machine. CCMUX_DIST picks the build (harness.mjs).
 */
import fs from 'node:fs';
import { attachClient, makeSandbox, startCcmux, startTmux, waitFor, waitQuiet } from '../lib/harness.mjs';
import { echoSink, keyLatencies, startEchoer, stats } from '../lib/latency.mjs';
import { tilePanes } from '../lib/panes.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const panes = Number(arg('panes', 30));
const keys = Number(arg('keys', 300));
const runs = Number(arg('runs', 1));
const target = arg('target', 'ccmux');
const profileDir = arg('profile', undefined);

/** On-CPU ns and voluntary context switches summed over the threads of `pid`. */
function threadStats(pid) {
  let ns = 0;
  let wakeups = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      wakeups += Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))[1]);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return { ns, wakeups };
}

for (let run = 0; run < runs; run++) {
  const sb = makeSandbox();
  const sink = echoSink();
  let mux = null;
  let client = null;
  try {
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: 200, rows: 50, profileDir }) : startTmux(sb, { cols: 200, rows: 50 }));
    const ids = panes > 0 ? await tilePanes(mux, panes + 1) : ['bench'];
    client = attachClient(mux, sb, 200, 51, sink);
    await waitFor(() => sink.chars > 0, 10_000, 'the first frame');
    await startEchoer(client, sink, async () => (await mux.cli(['display', '-p', '-t', ids[0], '#{pane_current_command}'])).trim(), target);
    await waitQuiet();
    await keyLatencies(client, sink, { samples: 30, warmup: 0, gapMs: 5 });
    const t0 = threadStats(mux.pid);
    const s = stats(await keyLatencies(client, sink, { samples: keys, warmup: 0, gapMs: 5 }));
    const t1 = threadStats(mux.pid);
    const cpu = (t1.ns - t0.ns) / 1e6 / keys;
    const wake = (t1.wakeups - t0.wakeups) / keys;
    console.log(`${target} panes ${panes}: median ${s.median.toFixed(3)} p90 ${s.p90.toFixed(3)} p99 ${s.p99.toFixed(3)} ms; server cpu ${cpu.toFixed(3)} ms/key, ${wake.toFixed(2)} wake-ups/key`);
  } finally {
    await client?.close();
    await mux?.stop();
    sb.dispose();
  }
}
