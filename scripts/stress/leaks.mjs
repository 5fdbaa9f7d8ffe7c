#!/usr/bin/env node
/*
 * Stress scenario "leaks": open and close shell and Claude panes many times; the server
 * must come back to where it started. After a warm-up, a baseline is taken of the
 * server's open fds (/proc/<pid>/fd), its children (every process whose ppid is the
 * server; zombies apart), the isolated pane dirs, its RSS and (stress run) its live JS
 * heap from a heap snapshot. Then `cycles` times (four at a time) a shell pane and a
 * Claude pane (methods alternating) are opened, their programs seen running (claude showing
 * its prompt), and both closed. At the end, once things settle, fds, children and dirs
 * must be back at the baseline, the live heap within 2 MB of it and the RSS within a
 * loose tolerance; RSS is sampled along the way to show the trend.
 *
 *   node scripts/stress/leaks.mjs [--cycles 1000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StressSandbox, listPanes, cmdOk, serverPid, sleep, waitFor } from './lib/sandbox.mjs';
import { claudeWorld } from './lib/claude-world.mjs';
import { children, fds, rssKb, running } from './lib/procfs.mjs';

export const name = 'leaks';
export const CONFIG = '[claude.profiles.h]\nmethod = "home"\n';

function dirCount(stateDir) {
  return ['claude-configs', 'claude-homes'].reduce((n, r) => {
    const root = path.join(stateDir, r);
    return n + (fs.existsSync(root) ? fs.readdirSync(root).length : 0);
  }, 0);
}

function measure(pid, stateDir) {
  const f = fds(pid);
  const c = children(pid);
  return { fds: f.total, fdKinds: { socket: f.socket, pipe: f.pipe, pty: f.pty, anon: f.anon, file: f.file }, fdTargets: f.targets, children: c.pids.length, zombies: c.zombies.length, dirs: dirCount(stateDir), rssKb: rssKb(pid) };
}

/** Open a pane with `args`, wait until its program runs (claude: shows its prompt), close it. */
async function cycleOne(sb, args, cwd) {
  const id = (await cmdOk(sb, [...args, '-P', '-F', '#{pane_id}'], { cwd })).trim();
  const pane = await waitFor(async () => (await listPanes(sb)).find((p) => p.id === id && p.pid && running(p.pid)), 15_000, `pane ${id} to run`);
  if (pane.claude) await waitFor(async () => (await cmdOk(sb, ['capture-pane', '-p', '-t', id])).includes('cwd:'), 20_000, `claude in ${id} to start`);
  await cmdOk(sb, ['kill-pane', '-t', id]);
  return pane;
}

/**
 * The server's live JS heap in bytes, compiled code aside: a heap snapshot (the server runs
 * with --heapsnapshot-signal=SIGUSR2, which collects garbage first), summed. RSS alone
 * cannot tell a leak from V8 and malloc keeping memory they freed; this can.
 */
async function liveHeap(pid, dir) {
  // A closed pane is still reachable from its timers for a moment (the SIGKILL grace of
  // 1.5 s, the 2 s drain limit): let those run out first.
  await sleep(4000);
  const before = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  process.kill(pid, 'SIGUSR2');
  const file = await waitFor(() => fs.existsSync(dir) && fs.readdirSync(dir).find((x) => !before.has(x) && x.endsWith('.heapsnapshot')), 60_000, 'the heap snapshot');
  let snap;
  await waitFor(() => {
    try {
      snap = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      return true;
    } catch {
      return false; // still being written
    }
  }, 60_000, 'the heap snapshot to be written');
  fs.rmSync(path.join(dir, file));
  // Compiled code is left out: V8 keeps compiling hot functions for a while (~1 MB over the
  // first thousand panes) — that is not data anything holds on to.
  const fields = snap.snapshot.meta.node_fields;
  const at = fields.indexOf('self_size');
  const typeAt = fields.indexOf('type');
  const code = snap.snapshot.meta.node_types[0].indexOf('code');
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) if (snap.nodes[i + typeAt] !== code) total += snap.nodes[i + at];
  return total;
}

/** Environment for a server whose heap can be snapshotted into `dir` (made here). */
export function heapEnv(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}` };
}

/**
 * Run the scenario in `sb` (made with CONFIG and claudeWorld). `rssToleranceKb`: how much
 * the RSS may end above the baseline. Returns { ok, violations, figures }.
 */
export async function runLeaks(sb, world, { cycles = 1000, parallel = 4, warmup = 8, rssToleranceKb = 64 * 1024, heapDir, heapToleranceKb = 2048, settleMs = 15_000, log = () => {} } = {}) {
  const violations = [];
  await sb.ok(['new', '-d', '-s', 'leak', '-x', '120', '-y', '40'], { cwd: world.projects[0] });
  const pid = await serverPid(sb);
  const kinds = [['new-window', '-d', '-t', 'leak'], ['new-window', '-d', '-t', 'leak', '--claude'], ['new-window', '-d', '-t', 'leak'], ['new-window', '-d', '-t', 'leak', '--claude', '--profile', 'h']];
  const runCycles = async (n, onProgress) => {
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < n) {
        const i = next++;
        await cycleOne(sb, kinds[(2 * i) % 4], world.projects[0]);
        await cycleOne(sb, kinds[(2 * i + 1) % 4], world.projects[0]);
        done++;
        onProgress?.(done);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  };
  /** Closing is asynchronous (hangup, drain, dir removal): wait until only the first pane is left. */
  const quiet = async (fdLimit = Infinity) => {
    try {
      await waitFor(() => {
        const m = measure(pid, sb.stateDir);
        return m.children <= 1 && m.zombies === 0 && m.dirs === 0 && m.fds <= fdLimit;
      }, settleMs, 'the server to settle');
    } catch {
      /* reported by the comparison below */
    }
    await sleep(500);
    return measure(pid, sb.stateDir);
  };

  await runCycles(warmup);
  await quiet();
  // The snapshot itself costs memory: take the first before the RSS baseline, so both ends include it.
  const heapBefore = heapDir ? await liveHeap(pid, heapDir) : undefined;
  const baseline = await quiet();
  log(`baseline: ${baseline.fds} fds, ${baseline.children} children, ${baseline.dirs} dirs, ${baseline.rssKb} KB RSS${heapDir ? `, ${(heapBefore / 1024 / 1024).toFixed(1)} MB live heap` : ''}`);
  const samples = [{ cycle: 0, rssKb: baseline.rssKb, fds: baseline.fds }];
  const started = Date.now();
  await runCycles(cycles, (done) => {
    if (done % Math.max(1, Math.round(cycles / 10)) === 0) {
      const m = measure(pid, sb.stateDir);
      samples.push({ cycle: done, rssKb: m.rssKb, fds: m.fds });
      log(`${done}/${cycles} cycles: ${m.fds} fds, ${m.children} children, ${m.dirs} dirs, ${m.rssKb} KB RSS`);
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const end = await quiet(baseline.fds);
  if (end.fds > baseline.fds) {
    const extra = [...end.fdTargets];
    for (const t of baseline.fdTargets) extra.splice(extra.indexOf(t), extra.indexOf(t) >= 0 ? 1 : 0);
    violations.push(`open fds: ${baseline.fds} → ${end.fds} (new: ${extra.slice(0, 10).join(', ')})`);
  }
  if (end.children > baseline.children) violations.push(`children: ${baseline.children} → ${end.children}`);
  if (end.zombies > 0) violations.push(`${end.zombies} zombie children`);
  if (end.dirs > baseline.dirs) violations.push(`isolated dirs: ${baseline.dirs} → ${end.dirs}`);
  if (end.rssKb > baseline.rssKb + rssToleranceKb) violations.push(`RSS: ${baseline.rssKb} KB → ${end.rssKb} KB (tolerance ${rssToleranceKb} KB)`);
  // RSS includes memory V8 and malloc keep after freeing it (it grows over the first few
  // hundred panes, then levels off), so it only gets a loose bound; the live heap (after a
  // full GC) must come back within a couple of MB — a leaked pane (terminal, history,
  // listeners) is hundreds of KB, so a thousand of them could not hide.
  let heapAfter;
  if (heapDir) {
    heapAfter = await liveHeap(pid, heapDir);
    if (heapAfter - heapBefore > heapToleranceKb * 1024) violations.push(`live heap: ${heapBefore} → ${heapAfter} bytes (tolerance ${heapToleranceKb} KB)`);
  }
  if (!running(pid)) violations.push('the server died');
  const panes = await listPanes(sb);
  if (panes.length !== 1) violations.push(`${panes.length} panes left, expected the first one only`);
  const figures = {
    cycles,
    panesOpenedClosed: cycles * 2,
    seconds: Math.round(seconds),
    fds: `${baseline.fds} → ${end.fds}`,
    children: `${baseline.children} → ${end.children}`,
    dirs: `${baseline.dirs} → ${end.dirs}`,
    rssMb: `${(baseline.rssKb / 1024).toFixed(1)} → ${(end.rssKb / 1024).toFixed(1)} (peak ${(Math.max(...samples.map((s) => s.rssKb)) / 1024).toFixed(1)})`,
    ...(heapDir ? { liveHeapMb: `${(heapBefore / 1048576).toFixed(2)} → ${(heapAfter / 1048576).toFixed(2)}` } : {}),
    samples,
  };
  return { ok: violations.length === 0, violations, figures };
}

export async function run({ quick = false, log = console.log } = {}) {
  const sb = new StressSandbox({ config: CONFIG });
  const heapDir = path.join(sb.dir, 'heap');
  Object.assign(sb.env, heapEnv(heapDir));
  try {
    const world = claudeWorld(sb, { projects: 1 });
    const cycles = quick ? 100 : 1000;
    const r = await runLeaks(sb, world, { cycles, heapDir, rssToleranceKb: 128 * 1024, log });
    return [{ name: `${cycles} open/close cycles (shell + Claude)`, ...r }];
  } finally {
    await sb.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const num = (flag, d) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : d);
  const sb = new StressSandbox({ config: CONFIG });
  const heapDir = path.join(sb.dir, 'heap');
  Object.assign(sb.env, heapEnv(heapDir));
  const world = claudeWorld(sb, { projects: 1 });
  runLeaks(sb, world, { cycles: num('--cycles', 1000), heapDir, rssToleranceKb: 128 * 1024, log: console.log })
    .then((r) => {
      console.log(JSON.stringify({ ...r, figures: { ...r.figures, samples: undefined } }, null, 2));
      process.exitCode = r.ok ? 0 : 1;
    })
    .finally(() => sb.dispose());
}
