/*
 * Idle: what a server with nothing to do costs. Ten panes (shells at their prompts,
 * tiled in one 200×50 window), measured over WINDOW_MS with no client attached and
 * with one attached (a 200×51 pty, whose output is counted): the server's CPU time and
 * its wake-ups, summed over all its threads from /proc/PID/task/TID — CPU as schedstat's
 * on-CPU nanoseconds (utime + stime at ns resolution instead of 10 ms ticks), wake-ups as
 * voluntary context switches (a thread that blocks, in epoll or on a lock, and is woken
 * again). For an attached client, the client process's wake-ups and the bytes it was
 * sent, too. The target is no wake-up at all when nothing changes.
 *
 * Both status lines show a clock (%H:%M), so both servers redraw an attached client once
 * a minute: the window is placed inside one minute so that this redraw is not counted.
 * tmux also redraws its status line every status-interval (15 s) while a client is
 * attached, which a 10 s window catches two times in three.
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/idle.mjs [--quick] [--reps N]`.
 */
import fs from 'node:fs';
import { attachClient, makeSandbox, sleep, startCcmux, startTmux, waitFor, waitQuiet } from './lib/harness.mjs';
import { tilePanes } from './lib/panes.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'idle';
export const description = 'CPU and wake-ups of a server with 10 idle shells over 10 s, without and with a client attached';

const COLS = 200;
const ROWS = 50;
const PANES = 10;
const WINDOW_MS = 10_000;
const QUICK_WINDOW_MS = 3000;
/**
 * Time for everything started to settle before the window: the shells, ccmux's
 * checkpoint and history timers, the start-up sweep 1 s after the server listens, and
 * V8's memory reducer, which after that sweep's garbage collects in rounds ~8 s apart
 * (seen with strace at 7 and 15 s after the sweep; none repeating; tools/idle-dbg.mjs
 * prints the wake-ups every 2 s from the start).
 */
const SETTLE_MS = 25_000;

/** { cpuMs, wakeups } summed over the threads of `pid`. */
export function threadStats(pid) {
  let ns = 0;
  let wakeups = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      wakeups += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return { cpuMs: ns / 1e6, wakeups };
}

function diff(a, b) {
  return { cpuMs: b.cpuMs - a.cpuMs, wakeups: b.wakeups - a.wakeups };
}

/** Wait until a window of `ms` from now ends before the next minute (less a margin). */
async function inOneMinute(ms) {
  const margin = 1500;
  const into = Date.now() % 60_000;
  if (into < margin || into + ms > 60_000 - margin) await sleep(60_000 - into + margin);
}

async function measure(target, attached, windowMs) {
  const sb = makeSandbox();
  let mux = null;
  let client = null;
  const sink = { chars: 0, data(d) { this.chars += d.length; } };
  try {
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows: ROWS }) : startTmux(sb, { cols: COLS, rows: ROWS }));
    await tilePanes(mux, PANES);
    if (attached) {
      client = attachClient(mux, sb, COLS, ROWS + 1, sink);
      await waitFor(() => sink.chars > 0, 10_000, `${target}: the first frame`);
    }
    await sleep(SETTLE_MS);
    await waitQuiet();
    await inOneMinute(windowMs);
    const chars0 = sink.chars;
    const s0 = threadStats(mux.pid);
    const c0 = client ? threadStats(client.proc.pid) : null;
    await sleep(windowMs);
    const s = diff(s0, threadStats(mux.pid));
    const c = client ? diff(c0, threadStats(client.proc.pid)) : null;
    return { server: s, client: c, chars: sink.chars - chars0 };
  } finally {
    await client?.close();
    await mux?.stop();
    sb.dispose();
  }
}

export async function run(opts) {
  const windowMs = opts.quick ? QUICK_WINDOW_MS : WINDOW_MS;
  const targets = (opts.targets ?? ['ccmux', 'tmux']).filter((t) => t !== 'none');
  const keys = ['cpu', 'wake', 'cpuA', 'wakeA', 'clientWakeA', 'charsA'];
  const res = {};
  for (const t of targets) res[t] = Object.fromEntries(keys.map((k) => [k, []]));
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = rep % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const d = await measure(t, false, windowMs);
      const a = await measure(t, true, windowMs);
      res[t].cpu.push(d.server.cpuMs);
      res[t].wake.push(d.server.wakeups);
      res[t].cpuA.push(a.server.cpuMs);
      res[t].wakeA.push(a.server.wakeups);
      res[t].clientWakeA.push(a.client.wakeups);
      res[t].charsA.push(a.chars);
      opts.log(
        `rep ${rep + 1}/${opts.reps} ${t.padEnd(5)} no client: server ${d.server.cpuMs.toFixed(1)} ms CPU, ${d.server.wakeups} wake-ups; ` +
          `attached: server ${a.server.cpuMs.toFixed(1)} ms CPU, ${a.server.wakeups} wake-ups, client ${a.client.cpuMs.toFixed(1)} ms, ${a.client.wakeups} wake-ups, ${a.chars} chars sent`,
      );
    }
  }
  const s = `${windowMs / 1000} s, ${PANES} idle shells`;
  const row = (metric, unit, k, target) => ({ metric, unit, higherIsBetter: false, ccmux: res.ccmux?.[k] ?? [], tmux: res.tmux?.[k] ?? [], ...(target ? { target } : {}) });
  const none = { max: 0, text: '0' };
  return [
    row(`server CPU over ${s}, no client`, 'ms', 'cpu'),
    row(`server wake-ups over ${s}, no client`, 'wake-ups', 'wake', none),
    row(`server CPU over ${s}, a client attached`, 'ms', 'cpuA'),
    row(`server wake-ups over ${s}, a client attached`, 'wake-ups', 'wakeA', none),
    row(`client process wake-ups over ${s}, attached`, 'wake-ups', 'clientWakeA', none),
    row(`chars sent to the attached client over ${s}`, 'chars', 'charsA'),
  ];
}

runIfMain(import.meta.url, { name, run });
