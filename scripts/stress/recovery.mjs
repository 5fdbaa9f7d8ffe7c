#!/usr/bin/env node
/*
 * Stress scenario "recovery": the three ways issue 13 found to break a server or its
 * crash recovery, each run for many rounds.
 *
 *   hang     windows end while their output is stopped (^S), while flooding, or stopped
 *            mid-flood and killed; after each, the server must answer at once and the
 *            window must go. (The drain's write into the pty used to block the server
 *            for good.)
 *   poison   pane output and reports the checkpoint cannot hold as they come — titles of
 *            any length and script, start commands over 64 KiB, hooks with session ids
 *            that are not UUIDs — then a window made after them; the checkpoint on disk
 *            must decode after every round, and after a kill -9 the newest window must
 *            come back (a checkpoint that failed validation used to restore a stale one).
 *   start    kill -9, then several commands that each may start a server, all at once:
 *            every command succeeds, exactly one server starts, and every Claude pane is
 *            resumed exactly once (a second server used to start a second claude --resume
 *            of the same session in the same dir before failing to listen).
 *
 *   node scripts/stress/recovery.mjs [--rounds N] [--seed N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StressSandbox, cmd, cmdOk, listPanes, serverPid, sleep, waitFor } from './lib/sandbox.mjs';
import { claudeWorld, fakeLog } from './lib/claude-world.mjs';
import { running } from './lib/procfs.mjs';
import { rng } from './lib/rng.mjs';
import { decodeCheckpoint } from '../../dist/persist/checkpoint.js';

export const name = 'recovery';

/** How long the server may take to answer a command while windows end around it. */
const ANSWER_MS = 3000;

/** Time one command over the socket; a failure to answer is a violation. */
async function timed(sb, argv) {
  const t0 = performance.now();
  const r = await cmd(sb, argv, { timeoutMs: ANSWER_MS });
  return { ...r, ms: performance.now() - t0 };
}

/**
 * `rounds` rounds of windows that end with their output stopped or mid-flood. Returns
 * { ok, violations, figures }.
 */
export async function runHang(sb, { rounds = 30, seed = Date.now() % 100000, log = () => {} } = {}) {
  const r = rng(seed);
  const violations = [];
  const figures = { seed, rounds: 0, windows: 0, maxAnswerMs: 0 };
  await sb.ok(['new', '-d', '-s', 'hang', '-x', '200', '-y', '60']);
  for (let round = 1; round <= rounds; round++) {
    const fail = (what) => violations.push(`round ${round}: ${what}`);
    const kind = r.pick(['stopped', 'flood', 'stopped-flood-killed']);
    const argv =
      kind === 'stopped' ? `sleep 0.${r.int(1, 5)}` : kind === 'flood' ? `head -c ${r.int(100, 2000)}000 /dev/zero | tr '\\0' x; exit` : `yes ${'y'.repeat(r.int(1, 200))}`;
    const made = await cmd(sb, ['new-window', '-d', '-t', 'hang', '-P', '-F', '#{window_id}', argv]);
    if (made.code !== 0) {
      fail(`new-window failed: ${made.stderr}`);
      continue;
    }
    const id = made.stdout.trim();
    figures.windows++;
    if (kind !== 'flood') await cmd(sb, ['send-keys', '-t', id, 'C-s']);
    if (kind === 'stopped-flood-killed') {
      await sleep(r.int(0, 200));
      await cmd(sb, ['kill-window', '-t', id]);
    }
    // The server answers throughout, and the window goes.
    const end = Date.now() + 10_000;
    for (;;) {
      const a = await timed(sb, ['list-windows', '-t', 'hang', '-F', '#{window_id}']);
      figures.maxAnswerMs = Math.max(figures.maxAnswerMs, Math.round(a.ms));
      if (a.code !== 0) {
        fail(`${kind}: the server did not answer (${a.stderr.trim()})`);
        break;
      }
      if (!a.stdout.split('\n').includes(id)) break;
      if (Date.now() > end) {
        fail(`${kind}: window ${id} still there after 10 s`);
        break;
      }
      await sleep(50);
    }
    figures.rounds++;
    if (round % 10 === 0) log(`round ${round}: max answer ${figures.maxAnswerMs} ms`);
  }
  return { ok: violations.length === 0, violations, figures };
}

/** A title of `n` UTF-16 units from several scripts, emoji (surrogate pairs) included. */
function titleOf(r, n) {
  const parts = ['B', 'é', '字', '😀', '\u0301', ' ', 'ж', '\u200d'];
  let s = '';
  while (s.length < n) s += r.pick(parts);
  return s;
}

function checkpointOnDisk(sb) {
  const file = path.join(sb.stateDir, 'servers', 'default.json');
  return decodeCheckpoint(fs.readFileSync(file, 'utf8'));
}

/** kill -9 the server and wait for it and its panes' programs to be gone. */
async function crash(sb) {
  const panes = await listPanes(sb);
  const pid = await serverPid(sb);
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !running(pid), 10_000, 'the server to die');
  await waitFor(() => panes.every((p) => !running(p.pid)), 15_000, 'the dead server\'s programs to end');
}

/**
 * `rounds` rounds of poisoned input, a kill -9 every `crashEvery` rounds. Needs a
 * claudeWorld in `sb`. Returns { ok, violations, figures }.
 */
export async function runPoison(sb, world, { rounds = 30, crashEvery = 5, seed = Date.now() % 100000, log = () => {} } = {}) {
  const r = rng(seed);
  const violations = [];
  const figures = { seed, rounds: 0, titles: 0, commandsRefused: 0, hooksRefused: 0, crashes: 0 };
  const shell = (await sb.ok(['new', '-d', '-s', 'poison', '-n', 'w0', '-x', '120', '-y', '40', '-P', '-F', '#{pane_id}'], { cwd: world.projects[0] })).trim();
  const claude = (await sb.ok(['split-window', '-d', '-t', shell, '-c', world.projects[0], '--claude', '-P', '-F', '#{pane_id}'])).trim();
  let expected = ['w0'];
  for (let round = 1; round <= rounds; round++) {
    const fail = (what) => violations.push(`round ${round}: ${what}`);
    const panes = (await listPanes(sb)).filter((p) => p.session === 'poison');
    const shellPane = panes.find((p) => !p.claude)?.id ?? shell;
    const claudePane = panes.find((p) => p.claude)?.id ?? claude;
    const what = r.pick(['title', 'select-title', 'command', 'hook']);
    if (what === 'title') {
      const n = r.int(900, 6000);
      const title = titleOf(r, n);
      await cmd(sb, ['send-keys', '-t', shellPane, '-l', `printf '\\033]2;%s\\007' '${title}'\n`]);
      figures.titles++;
    } else if (what === 'select-title') {
      await cmd(sb, ['select-pane', '-t', shellPane, '-T', titleOf(r, r.int(1000, 5000))]);
      figures.titles++;
    } else if (what === 'command') {
      const res = await cmd(sb, ['new-window', '-d', '-t', 'poison', `true ${'x'.repeat(r.int(65_537, 120_000))}`]);
      if (res.code === 0) fail('a start command over 64 KiB was accepted');
      else figures.commandsRefused++;
    } else {
      const bad = r.pick(['not-a-uuid', '../../etc', 'x'.repeat(5000), '12345678-1234-1234-1234-12345678901Z', '']);
      const res = await cmd(sb, ['claude-hook', claudePane, String(Date.now()), JSON.stringify({ event: 'UserPromptSubmit', sessionId: bad })]);
      if (res.code === 0) fail(`a hook's session id ${JSON.stringify(bad.slice(0, 40))} was accepted`);
      else figures.hooksRefused++;
    }
    const wname = `w${round}`;
    await cmdOk(sb, ['new-window', '-d', '-t', 'poison', '-n', wname]);
    expected.push(wname);
    try {
      await waitFor(() => {
        const cp = checkpointOnDisk(sb);
        return cp.body.sessions.find((s) => s.name === 'poison')?.windows.some((w) => w.name === wname);
      }, 10_000, `the checkpoint to record ${wname}`);
    } catch (err) {
      let why = '';
      try {
        checkpointOnDisk(sb);
      } catch (e) {
        why = ` (it does not decode: ${e.message})`;
      }
      fail(`${what}: ${err.message}${why}`);
    }
    if (round % crashEvery === 0) {
      await crash(sb);
      figures.crashes++;
      await sb.ok(['start-server']);
      const names = (await cmdOk(sb, ['list-windows', '-t', 'poison', '-F', '#{window_name}'])).trim().split('\n');
      const missing = expected.filter((n) => !names.includes(n));
      if (missing.length) fail(`after kill -9 these windows did not come back: ${missing.join(', ')}`);
      // Keep the session small.
      for (const n of expected.slice(1)) await cmd(sb, ['kill-window', '-t', `poison:${n}`]);
      expected = ['w0'];
      log(`round ${round}: crash ${figures.crashes}, restored`);
    }
    figures.rounds++;
  }
  return { ok: violations.length === 0, violations, figures };
}

/** Wait for claude's prompt in `pane`, send a prompt, wait for the echo (a transcript exists then). */
async function converse(sb, pane, text) {
  await waitFor(async () => /^❯ ?$/m.test(await cmdOk(sb, ['capture-pane', '-p', '-t', pane])), 15_000, `claude's prompt in ${pane}`);
  await cmdOk(sb, ['send-keys', '-t', pane, text, 'Enter']);
  await waitFor(async () => (await cmdOk(sb, ['capture-pane', '-p', '-J', '-t', pane])).includes(`● echo: ${text}`), 15_000, `claude in ${pane} to answer`);
}

/**
 * `rounds` rounds of kill -9 then `parallel` server-starting commands at once. Needs a
 * claudeWorld in `sb`. Returns { ok, violations, figures }.
 */
export async function runConcurrentStart(sb, world, { rounds = 20, parallel = 6, log = () => {} } = {}) {
  const violations = [];
  const figures = { rounds: 0, commands: 0, resumes: 0 };
  const shell = (await sb.ok(['new', '-d', '-s', 'start', '-x', '120', '-y', '40', '-P', '-F', '#{pane_id}'], { cwd: world.projects[0] })).trim();
  const c = (await sb.ok(['split-window', '-d', '-t', shell, '-c', world.projects[0], '--claude', '-P', '-F', '#{pane_id}'])).trim();
  await converse(sb, c, 'remember me');
  const logFile = path.join(sb.stateDir, 'logs', 'default.log');
  for (let round = 1; round <= rounds; round++) {
    const fail = (what) => violations.push(`round ${round}: ${what}`);
    const claudePanes = (await listPanes(sb)).filter((p) => p.claude);
    await crash(sb);
    const logFrom = fakeLog(world.log).length;
    const listeningBefore = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"msg":"server listening"')).length;
    const argvs = Array.from({ length: parallel }, (_, i) => (i % 2 ? ['start-server'] : ['new', '-d', '-s', `r${round}c${i}`]));
    const results = await Promise.all(argvs.map((a) => sb.ccmux(a)));
    figures.commands += results.length;
    results.forEach((res, i) => res.code !== 0 && fail(`ccmux ${argvs[i].join(' ')} failed: ${res.stderr.trim()}`));
    const listening = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"msg":"server listening"')).length - listeningBefore;
    if (listening !== 1) fail(`${listening} servers started listening`);
    // Every Claude pane resumed once: wait for each start, then a little more for a second one.
    for (const p of claudePanes) {
      const mine = () => fakeLog(world.log).slice(logFrom).filter((e) => e.event === 'start' && (p.claude.method === 'home' ? e.HOME : e.CLAUDE_CONFIG_DIR) === p.claude.dir);
      await waitFor(() => mine().length > 0, 15_000, `claude to resume in ${p.claude.dir}`).catch(() => fail(`claude was not resumed in ${p.claude.dir}`));
      await sleep(300);
      const n = mine().length;
      if (n > 1) fail(`claude was started ${n} times in ${p.claude.dir}`);
      else if (n === 1) figures.resumes++;
    }
    const sessions = (await cmdOk(sb, ['ls', '-F', '#{session_name}'])).trim().split('\n');
    for (const a of argvs) if (a[0] === 'new' && !sessions.includes(a[3])) fail(`session ${a[3]} is missing`);
    for (const s of sessions) if (s !== 'start') await cmd(sb, ['kill-session', '-t', s]);
    figures.rounds++;
    if (round % 5 === 0) log(`round ${round}: ${figures.resumes} resumes`);
  }
  return { ok: violations.length === 0, violations, figures };
}

export async function run({ quick = false, seed, rounds, log = console.log } = {}) {
  const n = rounds ?? (quick ? 6 : 40);
  const out = [];
  for (const [label, fn] of [
    ['hang', (sb) => runHang(sb, { rounds: n, seed, log })],
    ['poison', (sb, w) => runPoison(sb, w, { rounds: n, seed, log })],
    ['concurrent start', (sb, w) => runConcurrentStart(sb, w, { rounds: rounds ?? (quick ? 3 : 20), log })],
  ]) {
    const sb = new StressSandbox();
    try {
      out.push({ name: label, ...(await fn(sb, claudeWorld(sb, { projects: 1 }))) });
    } finally {
      // CCMUX_STRESS_KEEP=1 keeps the sandbox (logs, checkpoints) for a look after a failure.
      await sb.dispose({ keep: process.env.CCMUX_STRESS_KEEP === '1' });
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const num = (flag) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : undefined);
  run({ rounds: num('--rounds'), seed: num('--seed') }).then((results) => {
    for (const r of results) {
      console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${JSON.stringify(r.figures)}`);
      for (const v of r.violations) console.log(`  ✗ ${v}`);
    }
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
  });
}
