/*
 * Many panes: does typing stay responsive while other panes print? One 200×50 window
 * holds PRINTERS + 1 tiled panes (~32×7 each); the first, active one runs the echoer of
 * lib/latency.mjs and the client's keystroke latency is measured as in latency.mjs:
 * first with the other panes idle at their shell prompts, then while each of them prints
 * coloured lines (lib/panes.mjs printerCommand), in two loads:
 *
 *   steady  PACED_LPS lines a second each (log-like output: 30 panes, 3 000 lines/s)
 *   flood   as fast as the pty takes them (`yes` into 30 panes)
 *
 * Printers stop by themselves after PRINT_S seconds (and when the server is stopped).
 * The target: under load, the median stays within 2× of the same run's idle median.
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/many-panes.mjs [--quick] [--reps N]`.
 */
import { attachClient, loadMeter, makeSandbox, sleep, startCcmux, startTmux, waitFor, waitQuiet } from './lib/harness.mjs';
import { echoSink, keyLatencies, startEchoer, stats } from './lib/latency.mjs';
import { printerCommand, tilePanes, typeInto } from './lib/panes.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'many-panes';
export const description = 'keystroke latency in one of 31 tiled panes while the other 30 are idle, print steadily, or flood';

const COLS = 200;
const ROWS = 50;
const PRINTERS = 30;
const SAMPLES = 200;
const QUICK_SAMPLES = 40;
const WARMUP = 20;
const GAP_MS = 5;
const PACED_LPS = 100;
/** How long the printers run, and the most time spent sampling keys under load (fewer samples then). */
const PRINT_S = 120;
const MAX_SAMPLING_MS = 60_000;
/** Let the printers get going before the keys. */
const RAMP_MS = 1000;

/**
 * One session: keystroke latencies with the other panes idle, then while they print
 * `linesPerSecond` lines a second each (0: flood). Returns { idle, loaded } stats.
 */
async function measure(target, linesPerSecond, samples) {
  const sb = makeSandbox();
  const sink = echoSink();
  let mux = null;
  let client = null;
  try {
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows: ROWS }) : startTmux(sb, { cols: COLS, rows: ROWS }));
    const [active, ...others] = await tilePanes(mux, PRINTERS + 1);
    client = attachClient(mux, sb, COLS, ROWS + 1, sink);
    await waitFor(() => sink.chars > 0, 10_000, `${target}: the first frame`);
    const command = async (id) => (await mux.cli(['display', '-p', '-t', id, '#{pane_current_command}'])).trim();
    await startEchoer(client, sink, () => command(active), target);
    const keys = async () => {
      const meter = loadMeter(() => [mux.pid, client.proc.pid]);
      const t0 = performance.now();
      const times = await keyLatencies(client, sink, { samples, warmup: WARMUP, gapMs: GAP_MS, timeoutMs: 10_000, deadlineMs: MAX_SAMPLING_MS });
      return { ...stats(times), n: times.length, seconds: (performance.now() - t0) / 1000, others: meter.others(), stray: sink.stray };
    };
    await waitQuiet();
    const idle = await keys();
    await typeInto(mux, others, printerCommand({ seconds: PRINT_S, linesPerSecond }));
    await waitFor(async () => (await Promise.all(others.map(command))).every((c) => c === 'perl'), 20_000, `${target}: ${PRINTERS} printers`);
    await sleep(RAMP_MS);
    const loaded = await keys();
    return { idle, loaded };
  } finally {
    await client?.close();
    await mux?.stop(); // the printers get SIGHUP with their ptys
    sb.dispose();
  }
}

export async function run(opts) {
  const samples = opts.quick ? QUICK_SAMPLES : SAMPLES;
  const targets = (opts.targets ?? ['ccmux', 'tmux']).filter((t) => t !== 'none');
  const loads = { steady: PACED_LPS, flood: 0 };
  const keys = ['idle', ...Object.keys(loads)].flatMap((l) => [`${l}.median`, `${l}.p99`]).concat(Object.keys(loads).map((l) => `${l}.ratio`));
  const res = {};
  for (const t of targets) res[t] = Object.fromEntries(keys.map((k) => [k, []]));
  const f = (v) => v.toFixed(2);
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = rep % 2 ? [...targets].reverse() : targets;
    for (const [load, lps] of Object.entries(loads)) {
      for (const t of order) {
        const { idle, loaded } = await measure(t, lps, samples);
        const r = res[t];
        r['idle.median'].push(idle.median);
        r['idle.p99'].push(idle.p99);
        r[`${load}.median`].push(loaded.median);
        r[`${load}.p99`].push(loaded.p99);
        r[`${load}.ratio`].push(loaded.median / idle.median);
        const line = (s) => `median ${f(s.median)} ms, p99 ${f(s.p99)}, max ${f(s.max)} (${s.n} keys in ${s.seconds.toFixed(1)} s${s.stray ? `, ${s.stray} stray` : ''})`;
        opts.log(`rep ${rep + 1}/${opts.reps} ${t.padEnd(5)} idle ${line(idle)} (others ${idle.others.toFixed(2)} cores); ${load} ${line(loaded)}`);
      }
    }
  }
  const row = (metric, k, unit = 'ms', target) => ({ metric, unit, higherIsBetter: false, ccmux: res.ccmux?.[k] ?? [], tmux: res.tmux?.[k] ?? [], ...(target ? { target } : {}) });
  const within = { max: 2, text: '≤ 2× idle' };
  const n = `${samples} keys`;
  return [
    row(`key → echo with ${PRINTERS} idle panes, median of ${n}`, 'idle.median'),
    row(`key → echo with ${PRINTERS} idle panes, p99 of ${n}`, 'idle.p99'),
    row(`key → echo while ${PRINTERS} panes print ${PACED_LPS} lines/s each, median`, 'steady.median'),
    row(`key → echo while ${PRINTERS} panes print ${PACED_LPS} lines/s each, p99`, 'steady.p99'),
    row(`… steady median / idle median (same session)`, 'steady.ratio', '×', within),
    row(`key → echo while ${PRINTERS} panes flood, median`, 'flood.median'),
    row(`key → echo while ${PRINTERS} panes flood, p99`, 'flood.p99'),
    row(`… flood median / idle median (same session)`, 'flood.ratio', '×', within),
  ];
}

runIfMain(import.meta.url, { name, run });
