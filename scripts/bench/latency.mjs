/*
 * Keystroke latency: a key written into the attached client's pty until its echo comes
 * back out of it, through a 200×50 pane whose program echoes each key itself (a raw
 * terminal and a cat that returns to the line's start first: lib/latency.mjs), so the
 * key makes the whole trip through the multiplexer and back. Each run: a fresh server
 * and client, WARMUP keys, then SAMPLES keys GAP_MS apart; the run's median and p99 are
 * its samples'. For scale, the same on a bare pty (the echoer on the pty the benchmark
 * holds, no multiplexer): the floor of this machine and method.
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/latency.mjs [--quick] [--reps N]`.
 */
import fs from 'node:fs';
import { attachClient, loadMeter, makeSandbox, spawnBare, startCcmux, startTmux, waitFor, waitQuiet } from './lib/harness.mjs';
import { echoSink, keyLatencies, startEchoer, stats } from './lib/latency.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'latency';
export const description = 'key → echo of a raw-mode cat in a 200×50 pane, on the attached client';

const COLS = 200;
const ROWS = 50;
const SAMPLES = 300;
const QUICK_SAMPLES = 60;
const WARMUP = 30;
/** Between an echo and the next key: a few ms, faster than anyone types. */
const GAP_MS = 5;
/** A run during which other work kept more than this many cores busy is measured again (at most RETRIES times); the least disturbed counts. */
const DISTURBED_CORES = 0.35;
const RETRIES = 2;

/** The shell's program on a bare pty: /proc comm of the pty's child. */
function comm(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * A shell in a `cols`×`rows` pane (`target`: ccmux, tmux, or none for a bare pty) turned
 * into the echoer, attached and echoing: { client, sink, mux, stop() }. The client's pty
 * has a row more than the pane for the status line.
 */
export async function rawCatPane(target, { cols, rows, profileDir } = {}) {
  const sb = makeSandbox();
  const sink = echoSink();
  let mux = null;
  let client = null;
  const stop = async () => {
    if (target === 'none' && client && !client.exited) client.proc.kill('SIGHUP'); // the echoer, on our own pty
    await client?.close();
    await mux?.stop();
    sb.dispose();
  };
  try {
    if (target === 'none') {
      client = spawnBare(sb, cols, rows, sink);
      await waitFor(() => comm(client.proc.pid) === 'sh', 5000, 'the bare shell');
      await startEchoer(client, sink, async () => comm(client.proc.pid), 'bare pty');
    } else {
      mux = await (target === 'ccmux' ? startCcmux(sb, { cols, rows, profileDir }) : startTmux(sb, { cols, rows }));
      client = attachClient(mux, sb, cols, rows + 1, sink);
      await waitFor(() => sink.chars > 0, 10_000, `${target}: the first frame`);
      await startEchoer(client, sink, async () => (await mux.cli(['display', '-p', '-t', 'bench', '#{pane_current_command}'])).trim(), target);
    }
    return { sb, client, sink, mux, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function measure(target, opts, samples) {
  const s = await rawCatPane(target, { cols: COLS, rows: ROWS, profileDir: opts.profileDir });
  try {
    let best = null;
    for (let attempt = 1; ; attempt++) {
      await waitQuiet();
      const meter = loadMeter(() => [s.mux?.pid, s.client.proc.pid].filter(Boolean));
      const times = await keyLatencies(s.client, s.sink, { samples, warmup: WARMUP, gapMs: GAP_MS });
      const r = { ...stats(times), others: meter.others() };
      if (!best || r.others < best.others) best = r;
      if (!(r.others > DISTURBED_CORES) || attempt > RETRIES) break;
      opts.log(`(${target}: median ${r.median.toFixed(2)} ms while other work used ${r.others.toFixed(2)} cores: measuring again)`);
    }
    return { ...best, stray: s.sink.stray };
  } finally {
    await s.stop();
  }
}

export async function run(opts) {
  const samples = opts.quick ? QUICK_SAMPLES : SAMPLES;
  const targets = opts.targets ?? ['ccmux', 'tmux', 'none'];
  const res = { ccmux: { median: [], p99: [] }, tmux: { median: [], p99: [] }, none: { median: [], p99: [] } };
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = (rep % 2 ? ['tmux', 'ccmux', 'none'] : ['ccmux', 'tmux', 'none']).filter((t) => targets.includes(t));
    for (const target of order) {
      const r = await measure(target, opts, samples);
      res[target].median.push(r.median);
      res[target].p99.push(r.p99);
      const f = (v) => v.toFixed(2);
      opts.log(
        `rep ${rep + 1}/${opts.reps} ${target.padEnd(5)} median ${f(r.median)} ms, p90 ${f(r.p90)}, p99 ${f(r.p99)}, min ${f(r.min)}, max ${f(r.max)}; others ${r.others.toFixed(2)} cores` +
          (r.stray ? `; ${r.stray} stray chunks with a key` : ''),
      );
    }
  }
  const n = `${samples} keys ${GAP_MS} ms apart`;
  return [
    { metric: `key → echo, median of ${n}`, unit: 'ms', higherIsBetter: false, ccmux: res.ccmux.median, tmux: res.tmux.median, target: { ratio: 1, text: '≤ tmux' } },
    { metric: `key → echo, p99 of ${n}`, unit: 'ms', higherIsBetter: false, ccmux: res.ccmux.p99, tmux: res.tmux.p99, target: { ratio: 2, text: '≤ 2× tmux' } },
    { metric: 'key → echo on a bare pty (no multiplexer), median', unit: 'ms', ref: res.none.median },
    { metric: 'key → echo on a bare pty (no multiplexer), p99', unit: 'ms', ref: res.none.p99 },
  ];
}

runIfMain(import.meta.url, { name, run });
