/*
 * Memory per pane: the server's resident set (VmRSS) with 1, 10 and 50 panes, each
 * 200×50 (one window each, no client attached) with a full history, for two kinds of
 * output: `mixed`, each pane's shell cats the same file of LINES generated lines
 * (lib/text.mjs: 0–360 columns, 16/256/truecolor SGR, some CJK), and `seq`, each runs
 * `seq LINES` (short plain lines: the cost of a history line itself). LINES is more
 * than the 10 000-line history both muxes keep here. RSS is read once every pane's
 * program has ended, every history is full and nothing has been printed for QUIET_MS
 * (ccmux packs queued history lines 200 ms after output pauses). "Full": tmux drops the
 * oldest 10% of a history when it reaches the limit, so its panes hold 9 000–10 000
 * lines; ccmux's hold 10 000.
 *
 * ccmux's RSS then still holds garbage: the raw line copies queued during the output,
 * dead once packed, which V8 frees at its next full collection (in an idle server, when
 * its memory reducer runs, 10–20 s later, or never) and glibc may keep. That is what the
 * user's machine sees too, so it is counted; docs/performance.md has the live heap.
 *
 * Per pane: the slope between 10 and 50 panes ((RSS50 − RSS10) / 40, what one more pane
 * costs) and RSS50 / 50 (which also spreads the server's own base over the panes: a
 * node process starts at ~50 MB, tmux at a few).
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/memory.mjs [--quick] [--reps N]`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSandbox, sleep, startCcmux, startTmux, waitFor } from './lib/harness.mjs';
import { addWindows, typeInto } from './lib/panes.mjs';
import { generateLines } from './lib/text.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'memory';
export const description = 'server RSS with 1, 10 and 50 panes of 200×50, each with a full 10 000-line history (mixed coloured text; seq)';

const COLS = 200;
const ROWS = 50;
const HISTORY = 10_000;
/** Lines each pane prints: a full history and screen, and some wrap. */
const LINES = HISTORY + 200;
const COUNTS = [1, 10, 50];
const QUICK_COUNTS = [1, 4, 8];
/** Quiet time before RSS is read (ccmux compacts history 200 ms after output pauses). */
const QUIET_MS = 1000;

/** VmRSS of `pid` in MB (2^20 bytes). */
function rssMB(pid) {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}

/** Every pane of session `bench`: "history_size command" lines. */
async function paneStates(mux) {
  const out = await mux.cli(['list-panes', '-s', '-t', 'bench', '-F', '#{history_size} #{pane_current_command} #{pane_width}x#{pane_height}']);
  return out.split('\n').filter(Boolean).map((l) => {
    const [hist, cmd, size] = l.trim().split(' ');
    return { hist: Number(hist), cmd, size };
  });
}

/** One server with `n` panes whose shells ran `line`: { rss (MB), fillS }, RSS read QUIET_MS after the histories are full. */
async function measure(target, n, line) {
  const sb = makeSandbox();
  let mux = null;
  try {
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows: ROWS }) : startTmux(sb, { cols: COLS, rows: ROWS }));
    const ids = await addWindows(mux, n);
    const t0 = performance.now();
    await typeInto(mux, ids, line);
    let states = [];
    await waitFor(
      async () => {
        states = await paneStates(mux);
        return states.length === n && states.every((s) => s.hist >= HISTORY * 0.9 && s.cmd === 'sh');
      },
      60_000 + n * 2000,
      `${target}: ${n} panes with full histories`,
    );
    const fillS = (performance.now() - t0) / 1000;
    const bad = states.find((s) => s.size !== `${COLS}x${ROWS}`);
    if (bad) throw new Error(`${target}: a pane is ${bad.size}, want ${COLS}x${ROWS}`);
    await sleep(QUIET_MS);
    return { rss: rssMB(mux.pid), fillS };
  } finally {
    await mux?.stop();
    sb.dispose();
  }
}

export async function run(opts) {
  const counts = opts.quick ? QUICK_COUNTS : COUNTS;
  const targets = (opts.targets ?? ['ccmux', 'tmux']).filter((t) => t !== 'none');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-bench-data-'));
  const file = path.join(dir, 'lines.txt');
  const kinds = { mixed: `cat ${file}`, seq: `seq ${LINES}` };
  const res = {};
  for (const k of Object.keys(kinds)) {
    res[k] = {};
    for (const t of targets) {
      res[k][t] = {};
      for (const n of counts) res[k][t][n] = [];
    }
  }
  try {
    const bytes = generateLines(file, LINES);
    opts.log(`generated ${LINES} lines (${(bytes / 1e6).toFixed(1)} MB) for each pane to cat`);
    for (let rep = 0; rep < opts.reps; rep++) {
      const order = rep % 2 ? [...targets].reverse() : targets;
      for (const [kind, line] of Object.entries(kinds)) {
        for (const t of order) {
          for (const n of counts) {
            const r = await measure(t, n, line);
            res[kind][t][n].push(r.rss);
            opts.log(`rep ${rep + 1}/${opts.reps} ${kind.padEnd(5)} ${t.padEnd(5)} ${String(n).padStart(2)} panes: RSS ${r.rss.toFixed(1)} MB (histories filled in ${r.fillS.toFixed(1)} s)`);
          }
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const [, mid, top] = counts;
  const target = { ratio: 1, text: '≤ tmux' };
  const rows = [];
  for (const kind of Object.keys(kinds)) {
    const r = (t, n) => res[kind][t]?.[n] ?? [];
    const per = (t, f) => r(t, top).map((v, i) => f(v, r(t, mid)[i]));
    const side = (f) => ({ ccmux: per('ccmux', f), tmux: per('tmux', f) });
    for (const n of counts) rows.push({ metric: `${kind}: server RSS, ${n} pane${n > 1 ? 's' : ''}`, unit: 'MB', higherIsBetter: false, ccmux: r('ccmux', n), tmux: r('tmux', n) });
    rows.push(
      { metric: `${kind}: RSS per pane, slope from ${mid} to ${top} panes`, unit: 'MB', higherIsBetter: false, ...side((hi, lo) => (hi - lo) / (top - mid)), target },
      { metric: `${kind}: RSS per pane, total / ${top} panes`, unit: 'MB', higherIsBetter: false, ...side((hi) => hi / top), target },
    );
  }
  return rows;
}

runIfMain(import.meta.url, { name, run });
