#!/usr/bin/env node
/*
 * Stress scenario "crosstalk": N Claude panes under load must never write into each
 * other's state, or into the user's.
 *
 * Half the panes use method config_dir, half method home (profile "h"); they share two
 * project dirs, so pairs of panes have the very same cwd. Each fake claude rewrites its
 * .claude.json and appends to its transcript every FAKE_CLAUDE_STRESS ms; prompts that run
 * a "tool" make it fire four hooks each (reported to the server over the socket). Meanwhile
 * `doctor --json` is polled and every .claude.json is read back. At the end every pane dir
 * is checked (lib/isolation-check.mjs): only its own session id anywhere, valid JSON, no
 * corruption; the sandbox HOME (the base config, dotfiles the home panes link to) must be
 * byte-for-byte what it was; the panes' session ids must be those they started with (a
 * hook report routed to the wrong pane would change one).
 *
 *   node scripts/stress/crosstalk.mjs [--panes 16] [--seconds 60]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StressSandbox, listPanes, cmd, cmdOk, sleep, waitFor } from './lib/sandbox.mjs';
import { claudeWorld, fakeLog } from './lib/claude-world.mjs';
import { checkIsolation, claudePanesOf, paneFiles } from './lib/isolation-check.mjs';
import { diffTrees, snapshot } from './lib/tree.mjs';

export const name = 'crosstalk';
export const CONFIG = '[claude.profiles.h]\nmethod = "home"\n';
export const PANES_PER_WINDOW = 4;

/**
 * Run the scenario in `sb` (a sandbox made with CONFIG and claudeWorld(sb, { projects: 2 })).
 * Returns { ok, violations, figures }.
 */
export async function runCrosstalk(sb, world, { panes = 16, seconds = 60, stressMs = 25, promptEveryMs = 3000, doctorEveryMs = 1000, log = () => {} } = {}) {
  const violations = [];
  fs.writeFileSync(path.join(sb.home, '.gitconfig'), '[user]\n\tname = Stress\n');
  fs.mkdirSync(path.join(sb.home, '.ssh'), { mode: 0o700 });
  fs.writeFileSync(path.join(sb.home, '.ssh', 'known_hosts'), 'host ssh-ed25519 AAAA\n');
  const homeBefore = snapshot(sb.home);
  sb.env.FAKE_CLAUDE_STRESS = String(stressMs);

  await sb.ok(['new', '-d', '-s', 'load', '-x', '200', '-y', '60'], { cwd: world.projects[0] });
  for (let i = 0; i < panes; i++) {
    const cwd = world.projects[i % world.projects.length];
    const kind = i % 2 === 0 ? ['--claude'] : ['--claude', '--profile', 'h'];
    const w = Math.floor(i / PANES_PER_WINDOW);
    const args = i % PANES_PER_WINDOW === 0 ? ['new-window', '-d', '-t', `load:${w + 1}`, '-c', cwd, ...kind] : ['split-window', '-d', '-t', `load:${w + 1}`, '-c', cwd, ...kind];
    await cmdOk(sb, args);
  }
  const started = await waitFor(() => {
    const s = fakeLog(world.log).filter((e) => e.event === 'start');
    return s.length >= panes ? s : null;
  }, 30_000 + panes * 2000, `${panes} claude starts`);
  const initial = claudePanesOf(await listPanes(sb));
  if (initial.length !== panes) violations.push(`expected ${panes} Claude panes, found ${initial.length}`);
  log(`${initial.length} Claude panes up (${initial.filter((p) => p.method === 'home').length} home)`);

  const figures = { panes: initial.length, seconds, prompts: 0, doctorPolls: 0, doctorUnhealthy: 0, jsonReads: 0 };
  const end = Date.now() + seconds * 1000;
  let nextPrompt = Date.now() + 300;
  let nextDoctor = Date.now();
  let k = 0;
  while (Date.now() < end) {
    if (Date.now() >= nextDoctor) {
      nextDoctor = Date.now() + doctorEveryMs;
      const r = await cmd(sb, ['doctor', '--json']);
      figures.doctorPolls++;
      let report;
      try {
        report = JSON.parse(r.stdout);
      } catch {
        report = null;
      }
      if (r.code !== 0 || !report?.healthy) {
        figures.doctorUnhealthy++;
        violations.push(`doctor unhealthy at +${Math.round((Date.now() - end) / 1000 + seconds)} s: ${report ? JSON.stringify(report.problems) : r.stderr.trim()}`);
      }
      for (const p of initial) {
        figures.jsonReads++;
        try {
          JSON.parse(fs.readFileSync(paneFiles(p.dir, p.method).jsonPath, 'utf8'));
        } catch (err) {
          violations.push(`${p.id}: .claude.json unreadable mid-run (${err.code ?? err.message})`);
        }
      }
    }
    if (Date.now() >= nextPrompt) {
      nextPrompt = Date.now() + promptEveryMs;
      k++;
      await Promise.all(initial.map((p) => cmdOk(sb, ['send-keys', '-t', p.id, `run a tool, round ${k} in ${p.id}`, 'Enter'])));
      figures.prompts += initial.length;
    }
    await sleep(50);
  }

  // Let the last prompts finish, then look at everything.
  await waitFor(async () => (await listPanes(sb)).filter((p) => p.claude).every((p) => p.claude.state === 'idle'), 60_000, 'every Claude pane to be idle').catch((err) => violations.push(`hooks: ${err.message}`));
  delete sb.env.FAKE_CLAUDE_STRESS;
  const after = claudePanesOf(await listPanes(sb));
  for (const p of initial) {
    const now = after.find((x) => x.id === p.id);
    if (!now) violations.push(`${p.id} disappeared`);
    else if (now.sessionId !== p.sessionId || now.dir !== p.dir) violations.push(`${p.id}: session/dir changed from ${p.sessionId} ${p.dir} to ${now.sessionId} ${now.dir}`);
  }
  const events = fakeLog(world.log);
  const check = checkIsolation(initial, events);
  violations.push(...check.violations);
  for (const s of started) {
    const p = initial.find((x) => x.sessionId === s.sessionId);
    if (!p) violations.push(`a claude started with session ${s.sessionId} that no pane has`);
    else if ((p.method === 'home' ? s.HOME : s.CLAUDE_CONFIG_DIR) !== p.dir) violations.push(`${p.id}: its claude ran with ${p.method === 'home' ? `HOME=${s.HOME}` : `CLAUDE_CONFIG_DIR=${s.CLAUDE_CONFIG_DIR}`}, not ${p.dir}`);
  }
  const homeDiff = diffTrees(homeBefore, snapshot(sb.home));
  for (const d of homeDiff) violations.push(`sandbox HOME changed: ${d}`);
  Object.assign(figures, check.figures);
  // Each prompt fires UserPromptSubmit, PreToolUse, PostToolUse and Stop; each start SessionStart.
  figures.hookReports = figures.prompts * 4 + started.length;
  return { ok: violations.length === 0, violations, figures };
}

/** The stress entry: run() as the runner calls it. */
export async function run({ quick = false, log = console.log } = {}) {
  const results = [];
  const opts = quick ? { panes: 4, seconds: 8 } : { panes: 16, seconds: 60 };
  const sb = new StressSandbox({ config: CONFIG });
  try {
    const world = claudeWorld(sb, { projects: 2 });
    const r = await runCrosstalk(sb, world, { ...opts, log });
    results.push({ name: `${opts.panes} panes, ${opts.seconds} s, config_dir + home`, ...r });
  } finally {
    await sb.dispose();
  }
  // The control: with isolation off (method none) the same check must find the panes
  // writing into HOME's .claude.json and into each other's transcripts.
  const ctl = new StressSandbox({ config: '[claude.isolation]\nmethod = "none"\n[claude.profiles.h]\nmethod = "none"\n' });
  try {
    const world = claudeWorld(ctl, { projects: 2 });
    const r = await runCrosstalk(ctl, world, { panes: 4, seconds: 5, log: () => {} });
    results.push({
      name: 'control: method none (the check must fail)',
      ok: r.violations.length > 0,
      violations: r.violations.length > 0 ? [] : ['the check found nothing with isolation off'],
      figures: { violationsFound: r.violations.length, example: r.violations.find((v) => v.startsWith('sandbox HOME changed')) ?? r.violations[0] },
    });
  } finally {
    await ctl.dispose();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const num = (flag, d) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : d);
  const sb = new StressSandbox({ config: CONFIG });
  const world = claudeWorld(sb, { projects: 2 });
  runCrosstalk(sb, world, { panes: num('--panes', 16), seconds: num('--seconds', 60), log: console.log })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exitCode = r.ok ? 0 : 1;
    })
    .finally(() => sb.dispose());
}
