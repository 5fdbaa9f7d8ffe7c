#!/usr/bin/env node
/*
 * Stress scenario "crash": kill -9 the server at random moments while it splits, closes,
 * starts Claude panes and floods output, then start it again. Every round checks:
 *
 *   - the checkpoint on disk decodes (atomic writes: never half a file);
 *   - the restored sessions and windows are those of the checkpoint, every window's panes
 *     tile it and sit exactly where the checkpointed layout puts them (lib/layout-check);
 *   - every Claude pane of the checkpoint is back in its own dir: with `--resume <its
 *     session>` when its transcript existed (fake claude's log), else as a new session;
 *   - no process of the killed server survives it (each gets its hangup);
 *   - no orphan is left: after start-up (dir mtimes set back past the 60 s rule so the
 *     sweep may act), `du --json` shows every pane dir owned.
 *
 *   node scripts/stress/crash.mjs [--rounds 20] [--seed N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StressSandbox, listPanes, cmd, cmdOk, serverPid, sleep, waitFor } from './lib/sandbox.mjs';
import { claudeWorld, fakeLog } from './lib/claude-world.mjs';
import { descendants, running } from './lib/procfs.mjs';
import { ageBack, filesUnder } from './lib/tree.mjs';
import { matchesCheckpoint, windowProblems } from './lib/layout-check.mjs';
import { rng } from './lib/rng.mjs';
import { decodeCheckpoint } from '../../dist/persist/checkpoint.js';

export const name = 'crash';
export const CONFIG = '[claude.profiles.h]\nmethod = "home"\n';
/** Above this many panes a round closes more than it opens. */
const MAX_PANES = 10;

/** How many start-up sweeps the servers' logs say have finished. */
function sweepsDone(stateDir) {
  const dir = path.join(stateDir, 'logs');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir).reduce((n, f) => n + fs.readFileSync(path.join(dir, f), 'utf8').split('start-up sweep done').length - 1, 0);
}

function readCheckpoint(stateDir) {
  const dir = path.join(stateDir, 'servers');
  for (const f of ['default.json', 'default.prev.json']) {
    try {
      return { file: f, cp: decodeCheckpoint(fs.readFileSync(path.join(dir, f), 'utf8')) };
    } catch (err) {
      if (f === 'default.json' && fs.existsSync(path.join(dir, f))) return { file: f, error: err.message };
    }
  }
  return {};
}

function paneDirs(stateDir) {
  return ['claude-configs', 'claude-homes'].flatMap((r) => {
    const root = path.join(stateDir, r);
    return fs.existsSync(root) ? fs.readdirSync(root).map((n) => path.join(root, n)) : [];
  });
}

/** Which files of the state dir's servers/ name `dir`, and what the server log says of it (for a violation's message). */
function whoNames(stateDir, dir) {
  const servers = path.join(stateDir, 'servers');
  const base = path.basename(dir);
  const files = fs.existsSync(servers) ? fs.readdirSync(servers) : [];
  const naming = files.filter((f) => fs.readFileSync(path.join(servers, f), 'utf8').includes(base));
  const logs = fs.existsSync(path.join(stateDir, 'logs')) ? fs.readdirSync(path.join(stateDir, 'logs')) : [];
  const lines = logs.flatMap((f) => fs.readFileSync(path.join(stateDir, 'logs', f), 'utf8').split('\n').filter((l) => l.includes(base)).map((l) => `${f}: ${l.slice(0, 300)}`));
  return `servers/ has ${files.join(', ')}; named in ${naming.join(', ') || 'none'}; log: ${lines.join(' | ') || 'nothing'}`;
}

/** One random operation against the live server (errors such as "pane too small" are fine). */
async function randomOp(sb, world, r, all, anchor) {
  const panes = all.filter((p) => p.session === 'work');
  const shells = panes.filter((p) => !p.claude && !p.dead);
  const target = panes.length ? r.pick(panes).id : undefined;
  // The anchor Claude pane is never killed: every round has one Claude pane to resume.
  const victims = panes.filter((p) => p.id !== anchor);
  const cwd = r.pick(world.projects);
  const claude = r.chance(0.5) ? ['--claude'] : ['--claude', '--profile', 'h'];
  const roll = panes.length > MAX_PANES ? r.next() * 0.4 : r.next();
  let argv;
  if (roll < 0.25 && victims.length) argv = ['kill-pane', '-t', r.pick(victims).id];
  else if (roll < 0.4 && shells.length) argv = ['send-keys', '-t', r.pick(shells).id, `seq 1 ${r.int(20_000, 200_000)}`, 'Enter'];
  else if (roll < 0.55 && target) argv = ['split-window', '-d', '-t', target, ...(r.chance(0.5) ? ['-h'] : []), '-c', cwd];
  else if (roll < 0.75 && target) argv = ['split-window', '-d', '-t', target, ...(r.chance(0.5) ? ['-h'] : []), '-c', cwd, ...claude];
  else if (roll < 0.85) argv = ['new-window', '-d', '-t', 'work', '-c', cwd, `seq 1 ${r.int(50_000, 300_000)}; exec sleep 600`];
  else if (roll < 0.95) argv = ['new-window', '-d', '-t', 'work', '-c', cwd, ...claude];
  else argv = ['select-layout', '-t', target ?? 'work', r.pick(['even-horizontal', 'even-vertical', 'tiled', 'main-vertical'])];
  return cmd(sb, argv, { timeoutMs: 10_000 });
}

/**
 * Run `rounds` crash rounds in `sb` (made with CONFIG, claudeWorld(sb, { projects: 2 })).
 * Returns { ok, violations, figures }.
 */
export async function runCrash(sb, world, { rounds = 20, seed = Date.now() % 100000, maxKillMs = 2000, log = () => {} } = {}) {
  const r = rng(seed);
  const violations = [];
  const figures = { seed, rounds: 0, opsBeforeKill: 0, panesRestored: 0, claudeResumed: 0, claudeFresh: 0, orphansSwept: 0, processesChecked: 0, killAtMs: [] };
  sb.env.FAKE_CLAUDE_STRESS = '200';
  // "keep" is never touched by the random operations, so the server always has a session;
  // they work on session "work", made again whenever a round has closed all of it.
  await sb.ok(['new', '-d', '-s', 'keep', '-x', '100', '-y', '30'], { cwd: world.projects[0] });

  for (let round = 1; round <= rounds; round++) {
    const fail = (what) => violations.push(`round ${round}: ${what}`);
    const pid = await serverPid(sb);
    if ((await cmd(sb, ['has-session', '-t', 'work'])).code !== 0) {
      await cmdOk(sb, ['new-session', '-d', '-s', 'work', '-x', '160', '-y', '50', '-c', world.projects[0]]);
    }
    let panes = await listPanes(sb);
    // One Claude pane in "work" that the random operations never kill (the anchor), and in
    // the checkpoint before the kill (written within 100 ms of a change): every round then
    // resumes at least one Claude pane, however soon the kill comes.
    let anchor = panes.find((p) => p.session === 'work' && p.claude)?.id;
    if (!anchor) {
      anchor = (await cmdOk(sb, ['split-window', '-d', '-t', 'work', '-c', world.projects[1], '--claude', '-P', '-F', '#{pane_id}'])).trim();
      panes = await listPanes(sb);
    }
    await waitFor(() => readCheckpoint(sb.stateDir).cp?.body.sessions.some((s) => s.name === 'work' && s.windows.some((w) => w.panes.some((p) => p.claude))), 10_000, 'the checkpoint to hold a Claude pane');
    // Random operations, three at a time, until the kill.
    const killAt = r.int(50, maxKillMs);
    figures.killAtMs.push(killAt);
    const deadline = Date.now() + killAt;
    let ops = 0;
    const worker = async () => {
      while (Date.now() < deadline) {
        const res = await randomOp(sb, world, r, panes, anchor);
        if (/ECONNREFUSED|ENOENT|closed the connection/.test(res.stderr)) break; // killed already
        ops++;
      }
    };
    const workers = [worker(), worker(), worker()];
    await sleep(killAt);
    const victims = descendants(pid);
    process.kill(pid, 'SIGKILL');
    await Promise.all(workers);
    figures.opsBeforeKill += ops;
    await waitFor(() => !running(pid), 10_000, 'the server to die');
    // Every program of the dead server gets a hangup and ends (not reparented and left running).
    figures.processesChecked += victims.length;
    try {
      await waitFor(() => victims.every((p) => !running(p)), 15_000, 'the dead server\'s programs to end');
    } catch {
      const left = victims.filter(running);
      fail(`${left.length} process(es) outlived the server: ${left.map((p) => `${p} ${fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 60)}`).join('; ')}`);
      for (const p of left) sb.extraPids.add(p);
    }

    const before = readCheckpoint(sb.stateDir);
    if (before.error) fail(`the checkpoint is damaged after kill -9: ${before.error}`);
    const cp = before.cp;
    const dirsBefore = paneDirs(sb.stateDir);
    /** Each pane dir's transcripts (session ids): none may be lost, by restore or by the sweep. */
    const transcriptsOf = new Map(dirsBefore.map((d) => [d, filesUnder(d).filter((f) => /\/projects\/[^/]+\/[0-9a-f-]{36}\.jsonl$/.test(f)).map((f) => path.basename(f, '.jsonl'))]));
    const withTranscript = new Set(dirsBefore.filter((d) => transcriptsOf.get(d).length > 0));
    const claudeBefore = cp ? cp.body.sessions.flatMap((s) => s.windows.flatMap((w) => w.panes.filter((p) => p.claude))) : [];
    // Past the 60 s rule, so the start-up sweep takes every dir no checkpoint owns.
    for (const d of dirsBefore) ageBack(d, 120);
    const logFrom = fakeLog(world.log).length;

    const sweepsBefore = sweepsDone(sb.stateDir);
    await sb.ok(['new', '-d', '-s', `probe${round}`, '-x', '100', '-y', '30']);
    // The sweep runs once the server listens, off the path to the first pane (issue 18).
    await waitFor(() => sweepsDone(sb.stateDir) > sweepsBefore, 20_000, 'the start-up sweep');
    const windows = JSON.parse(await cmdOk(sb, ['list-windows', '-a', '--json']));
    for (const w of windows) for (const p of windowProblems(w)) fail(p);
    if (cp) {
      for (const s of cp.body.sessions) {
        for (const rec of s.windows) {
          const w = windows.find((x) => x.session === s.name && x.index === rec.index);
          if (!w) fail(`window ${s.name}:${rec.index} of the checkpoint was not restored`);
          else for (const p of matchesCheckpoint(w, rec)) fail(p);
        }
        figures.panesRestored += s.windows.reduce((n, w) => n + w.panes.length, 0);
      }
    }
    const after = await listPanes(sb);
    for (const c of claudeBefore) {
      const dir = c.claude.dir;
      const p = after.find((x) => x.claude?.dir === dir);
      if (!p) {
        fail(`the Claude pane in ${dir} was not restored`);
        continue;
      }
      if (!fs.lstatSync(dir).isDirectory()) fail(`${dir} is not a dir after restore`);
      if (withTranscript.has(dir) && fs.readdirSync(path.join(c.claude.method === 'home' ? path.join(dir, '.claude') : dir, 'projects'), { recursive: true }).some((f) => String(f).endsWith(`${c.claude.sessionId}.jsonl`))) {
        const start = await waitFor(() => fakeLog(world.log).slice(logFrom).find((e) => e.event === 'start' && (c.claude.method === 'home' ? e.HOME : e.CLAUDE_CONFIG_DIR) === dir), 20_000, `claude to restart in ${dir}`).catch(() => null);
        if (!start) fail(`no claude restarted in ${dir}`);
        else if (start.argv[start.argv.indexOf('--resume') + 1] !== c.claude.sessionId || start.mode !== 'resume') fail(`claude in ${dir} started with ${start.argv.join(' ')}, not --resume ${c.claude.sessionId}`);
        else figures.claudeResumed++;
        if (p.claude.sessionId !== c.claude.sessionId) fail(`the pane in ${dir} now has session ${p.claude.sessionId}, not ${c.claude.sessionId}`);
      } else {
        const start = await waitFor(() => fakeLog(world.log).slice(logFrom).find((e) => e.event === 'start' && (c.claude.method === 'home' ? e.HOME : e.CLAUDE_CONFIG_DIR) === dir), 20_000, `claude to start in ${dir}`).catch(() => null);
        if (!start) fail(`no claude started again in ${dir} (it had no transcript yet)`);
        figures.claudeFresh++;
      }
    }
    const archive = path.join(sb.stateDir, 'transcripts');
    for (const [d, ids] of transcriptsOf) {
      if (fs.existsSync(d)) continue;
      for (const id of ids) if (!fs.existsSync(path.join(archive, `${id}.jsonl`))) fail(`transcript ${id} of the swept ${d} is not in the archive`);
      figures.transcriptsArchived = (figures.transcriptsArchived ?? 0) + ids.length;
    }
    const du = JSON.parse(await cmdOk(sb, ['du', '--json']));
    const orphans = du.filter((d) => !d.owner);
    for (const o of orphans) fail(`orphan left after start-up: ${o.path} (${o.ageSeconds} s old)`);
    figures.orphansSwept += dirsBefore.filter((d) => !fs.existsSync(d)).length;
    for (const d of du) if (!after.some((p) => p.claude?.dir === d.path)) fail(`${d.path} is owned (${d.owner}) but no live pane has it; ${whoNames(sb.stateDir, d.path)}`);
    figures.rounds++;
    log(`round ${round}: killed after ${killAt} ms and ${ops} ops; ${after.length} panes back, ${orphans.length} orphans`);

    // Keep the world small: drop the probe session, and "work" when it has grown big.
    await cmd(sb, ['kill-session', '-t', `probe${round}`]);
    if (after.filter((p) => p.session === 'work').length > MAX_PANES) await cmd(sb, ['kill-session', '-t', 'work']);
  }
  delete sb.env.FAKE_CLAUDE_STRESS;
  return { ok: violations.length === 0, violations, figures: { ...figures, killAtMs: `${Math.min(...figures.killAtMs)}–${Math.max(...figures.killAtMs)}` } };
}

export async function run({ quick = false, seed, log = console.log } = {}) {
  const sb = new StressSandbox({ config: CONFIG });
  try {
    const world = claudeWorld(sb, { projects: 2 });
    const rounds = quick ? 4 : 20;
    const r = await runCrash(sb, world, { rounds, seed, log });
    return [{ name: `${rounds} kill -9 rounds`, ...r }];
  } finally {
    await sb.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const num = (flag, d) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : d);
  const sb = new StressSandbox({ config: CONFIG });
  const world = claudeWorld(sb, { projects: 2 });
  runCrash(sb, world, { rounds: num('--rounds', 20), seed: num('--seed', undefined), log: console.log })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exitCode = r.ok ? 0 : 1;
    })
    .finally(() => sb.dispose());
}
