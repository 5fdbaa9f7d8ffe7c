#!/usr/bin/env node
/*
 * Stress scenario "fs-safety": nothing outside ccmux's state dirs is ever modified, however
 * the pane dirs are tampered with while ccmux cleans them up. A decoy tree outside the
 * state dir is made as tempting as possible (transcript-named .jsonl files where
 * `projects/` would be, a newer `.credentials.json`, a `.claude.json`, plain files and
 * dirs) and hashed, with the sandbox HOME (whose `bigdir`, a dir full of files, every home
 * pane links via home_symlinks, like `.ssh`), before and after. Each round:
 *
 *   planted    symlinks (and a hard link) into the decoy inside live pane dirs, both
 *              methods: at the top, in place of `projects/`, as transcript-named files
 *              — then the panes are closed (credentials sync, archive, removal)
 *   swapped    a live pane's dir replaced by a symlink to a decoy, then closed; and the
 *              same swap racing the cleanup at random moments (into a third decoy: a
 *              check-then-use race Node cannot close without openat, counted apart)
 *   gc race    panes whose dirs are past the 60 s orphan age closed while `gc` runs,
 *              several times at once
 *
 * Afterwards: decoys and HOME unchanged, no pane dir left (what a refused removal left,
 * gc takes), every closed conversation in the archive exactly once, the server up.
 *
 *   node scripts/stress/fs-safety.mjs [--rounds 10]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StressSandbox, listPanes, cmd, cmdOk, sleep, waitFor } from './lib/sandbox.mjs';
import { claudeWorld, fakeLog } from './lib/claude-world.mjs';
import { ageBack, diffTrees, snapshot } from './lib/tree.mjs';
import { rng } from './lib/rng.mjs';

export const name = 'fs-safety';
/** Profile "slow" seeds from a base whose SessionEnd hook takes a second: its claude is slow to exit. */
export function config(sbDir) {
  return `[claude.isolation]\nhome_symlinks = [".ssh", ".bashrc", "bigdir"]\n\n[claude.profiles.h]\nmethod = "home"\n\n[claude.profiles.slow]\nbase_dir = "${sbDir}/slow-base"\n`;
}

/** The base config of profile "slow" (onboarding done, the projects trusted, a 1 s SessionEnd hook). */
function slowBase(sb, world) {
  const base = path.join(sb.dir, 'slow-base');
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(base, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, projects: Object.fromEntries(world.projects.map((d) => [d, { hasTrustDialogAccepted: true }])) }));
  fs.writeFileSync(path.join(base, 'settings.json'), JSON.stringify({ hooks: { SessionEnd: [{ matcher: '*', hooks: [{ type: 'command', command: 'sleep 1' }] }] } }));
}

const lexists = (p) => {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** The decoy: what a confused cleanup would love to move, rewrite or delete. */
export function makeDecoy(sb, name = 'decoy') {
  const d = path.join(sb.dir, name);
  const id = crypto.randomUUID();
  const files = {
    'file.txt': 'do not touch\n',
    'hard.txt': 'hard-linked into a pane dir\n',
    'dir/a.txt': 'a\n',
    'dir/sub/b.txt': 'b\n',
    [`projects/-decoy/${id}.jsonl`]: `${JSON.stringify({ type: 'user', sessionId: id, message: { role: 'user', content: 'decoy prompt' } })}\n`,
    [`.claude/projects/-decoy/${id}.jsonl`]: `${JSON.stringify({ type: 'user', sessionId: id })}\n`,
    '.credentials.json': JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-DECOY', refreshToken: 'sk-ant-ort01-DECOY', expiresAt: Date.now() + 365 * 86400_000 } }),
    '.claude/.credentials.json': JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-DECOY2', expiresAt: Date.now() + 365 * 86400_000 } }),
    '.claude.json': '{"decoy":true}\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    fs.writeFileSync(path.join(d, rel), text);
  }
  return { dir: d, transcriptId: id };
}

/** Dotfiles and a dir full of files in HOME, which home panes link to (home_symlinks). */
export function homeFiles(sb) {
  fs.writeFileSync(path.join(sb.home, '.bashrc'), 'export FROM_BASHRC=1\n');
  fs.mkdirSync(path.join(sb.home, '.ssh'), { mode: 0o700 });
  fs.writeFileSync(path.join(sb.home, '.ssh', 'id_ed25519'), 'PRIVATE KEY\n', { mode: 0o600 });
  for (let i = 0; i < 100; i++) {
    const f = path.join(sb.home, 'bigdir', `d${i % 10}`, `f${i}.txt`);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, `file ${i}\n`);
  }
}

/**
 * What a swap decoy may have lost or had changed: a claude still running in the swapped
 * pane writes through the link itself (its .claude.json, lock, temp and session files) —
 * that is claude, not ccmux. Anything else that was there must still be there, unchanged.
 */
function swapDecoyChanges(before, after) {
  const claudeOwn = (k) => /(^|\/)\.claude\.json($|\.)|(^|\/)sessions(\/|$)|\.lock$|\.tmp\./.test(k);
  const out = [];
  for (const [k, v] of Object.entries(before)) {
    if (claudeOwn(k)) continue;
    if (!(k in after)) out.push(`- ${k}`);
    else if (after[k] !== v && !v.startsWith('dir ') && !k.endsWith('.jsonl')) out.push(`~ ${k}`);
    else if (k.endsWith('.jsonl') && after[k].split(' ')[2] < v.split(' ')[2]) out.push(`~ ${k} shrank`);
  }
  return out;
}

/**
 * Open a Claude pane (method by profile) and wait until its transcript exists. `idle`: its
 * claude writes nothing on its own (no FAKE_CLAUDE_STRESS); a prompt makes the transcript.
 */
async function claudePane(sb, world, home, idle = false) {
  const env = { ...sb.env };
  if (idle) delete env.FAKE_CLAUDE_STRESS;
  const profile = home === 'slow' ? ['--profile', 'slow'] : home ? ['--profile', 'h'] : [];
  const made = await cmd(sb, ['new-window', '-d', '-t', 'fs', '-c', world.projects[0], '--claude', ...profile, '-P', '-F', '#{pane_id}'], { env });
  if (made.code !== 0) throw new Error(`new-window --claude: ${made.stderr}`);
  const id = made.stdout.trim();
  if (idle) {
    await waitFor(async () => /^❯ ?$/m.test(await cmdOk(sb, ['capture-pane', '-p', '-t', id])), 15_000, `claude's prompt in ${id}`);
    await cmdOk(sb, ['send-keys', '-t', id, 'make a transcript', 'Enter']);
  }
  const p = (await listPanes(sb)).find((x) => x.id === id);
  const c = { id, dir: p.claude.dir, method: p.claude.method, sessionId: p.claude.sessionId, pid: p.pid };
  const configDir = c.method === 'home' ? path.join(c.dir, '.claude') : c.dir;
  c.projects = path.join(configDir, 'projects');
  await waitFor(() => fs.existsSync(c.projects) && fs.readdirSync(c.projects).some((e) => fs.existsSync(path.join(c.projects, e, `${c.sessionId}.jsonl`))), 15_000, `the transcript of ${id}`);
  c.configDir = configDir;
  return c;
}

/** Symlinks (and a hard link) into the decoy, planted inside a live pane's dir. */
function plant(c, decoy) {
  const enc = fs.readdirSync(c.projects)[0];
  fs.symlinkSync(path.join(decoy.dir, 'dir'), path.join(c.dir, 'evil-dir'));
  fs.symlinkSync(path.join(decoy.dir, 'file.txt'), path.join(c.dir, 'evil-file'));
  fs.symlinkSync(path.join(decoy.dir, 'projects', '-decoy', `${decoy.transcriptId}.jsonl`), path.join(c.projects, enc, `${crypto.randomUUID()}.jsonl`));
  fs.symlinkSync(path.join(decoy.dir, 'projects'), path.join(c.projects, 'evil-projects'));
  fs.symlinkSync(decoy.dir, path.join(c.configDir, 'evil-root'));
  fs.linkSync(path.join(decoy.dir, 'hard.txt'), path.join(c.dir, 'hard-link'));
}

/** Replace a pane's dir by a symlink to the decoy (the dir itself is moved aside, outside the state dir). */
function swap(sb, c, decoyDir, n) {
  c.swapped = true;
  try {
    fs.renameSync(c.dir, path.join(sb.dir, 'moved', `${path.basename(c.dir)}-${n}`));
  } catch {
    c.swapped = false;
    return false; // already gone: the close won the race
  }
  try {
    fs.symlinkSync(decoyDir, c.dir);
  } catch {
    /* ccmux made it again? leave it */
  }
  return true;
}

export async function runFsSafety(sb, world, { rounds = 10, seed = Date.now() % 100000, log = () => {} } = {}) {
  const r = rng(seed);
  const violations = [];
  const figures = { seed, rounds: 0, panes: 0, planted: 0, swapped: 0, swapRaces: 0, raceHits: 0, gcRaces: 0, gcRuns: 0, gcErrors: 0 };
  const notes = [];
  slowBase(sb, world);
  const decoy = makeDecoy(sb);
  const swapDecoy = makeDecoy(sb, 'swap-decoy');
  const raceDecoy = makeDecoy(sb, 'race-decoy');
  homeFiles(sb);
  fs.mkdirSync(path.join(sb.dir, 'moved'));
  const homeBefore = snapshot(sb.home);
  const decoyBefore = snapshot(decoy.dir);
  sb.env.FAKE_CLAUDE_STRESS = '100';
  await sb.ok(['new', '-d', '-s', 'fs', '-x', '120', '-y', '40'], { cwd: world.projects[0] });
  const closed = [];
  const gone = (c) => waitFor(() => !lexists(c.dir), 15_000, `${c.dir} to go`).catch(() => violations.push(`${c.id}: ${c.dir} was not removed`));

  for (let round = 1; round <= rounds; round++) {
    // planted links, both methods
    const a = [await claudePane(sb, world, false), await claudePane(sb, world, true)];
    for (const c of a) plant(c, decoy);
    figures.planted += a.length;
    for (const c of a) await cmdOk(sb, ['kill-pane', '-t', c.id]);
    for (const c of a) await gone(c);
    closed.push(...a);

    // a dir swapped for a link to the decoy, then closed; and the swap racing the close
    const b = [await claudePane(sb, world, r.chance(0.5)), await claudePane(sb, world, r.chance(0.5))];
    swap(sb, b[0], swapDecoy.dir, round);
    figures.swapped++;
    const swapBefore = snapshot(swapDecoy.dir);
    const raceBefore = snapshot(raceDecoy.dir);
    await cmdOk(sb, ['kill-pane', '-t', b[0].id]);
    const kill = cmd(sb, ['kill-pane', '-t', b[1].id]);
    await sleep(r.int(0, 60));
    if (swap(sb, b[1], raceDecoy.dir, `${round}r`)) figures.swapRaces++;
    await kill;
    await gone(b[0]);
    if (!b[1].swapped) await gone(b[1]);
    await sleep(3500); // past the wait for claude's exit: the cleanup has run
    for (const dd of swapDecoyChanges(swapBefore, snapshot(swapDecoy.dir))) violations.push(`round ${round}: the swap decoy changed: ${dd}`);
    // A swap racing the cleanup itself is a check-then-use race (Node has no openat/unlinkat):
    // counted and described, not failed — see docs/reliability.md.
    const raced = swapDecoyChanges(raceBefore, snapshot(raceDecoy.dir));
    if (raced.length) {
      figures.raceHits++;
      notes.push(`round ${round}: a swap racing the cleanup of ${b[1].id} changed the race decoy: ${raced.join('; ')}`);
    }
    closed.push(...b);

    // close racing gc, dirs past the orphan age; the "slow" panes' claude takes a second to exit
    const c3 = [];
    for (let i = 0; i < 3; i++) c3.push(await claudePane(sb, world, i % 2 === 1 ? true : 'slow', true));
    for (const c of c3) plant(c, decoy);
    for (const c of c3) ageBack(c.dir, 120);
    // Closed one after another, 200 ms apart: each close rewrites the checkpoint (and the
    // one before becomes .prev.json), so after two closes the first pane's dir is named by
    // no checkpoint while its claude is still exiting. gc runs all along.
    const gcs = [];
    for (const c of c3) {
      gcs.push(cmd(sb, ['gc']));
      gcs.push(cmd(sb, ['kill-pane', '-t', c.id]));
      gcs.push(sleep(r.int(0, 100)).then(() => cmd(sb, ['gc'])));
      await sleep(200);
    }
    for (let i = 0; i < 4; i++) {
      gcs.push(cmd(sb, ['gc']));
      await sleep(r.int(50, 150));
    }
    for (const res of await Promise.all(gcs)) {
      if (res.stdout.includes('removed') || res.stdout.includes('no orphaned')) figures.gcRuns++;
      // A closing pane's dir is its pane's to wind down (its claude may still be writing):
      // gc must not take it as an orphan.
      for (const c of c3) if (res.stdout.includes(`removed ${c.dir}`)) violations.push(`round ${round}: gc removed ${c.id}'s dir while the pane was closing`);
      if (res.code !== 0 && res.stderr) {
        figures.gcErrors++;
        log(`gc: ${res.stderr.trim()}`);
      }
    }
    figures.gcRaces += c3.length;
    for (const c of c3) await gone(c);
    closed.push(...c3);
    figures.panes = closed.length;
    figures.rounds++;
    const d = diffTrees(decoyBefore, snapshot(decoy.dir));
    if (d.length) {
      violations.push(`round ${round}: the decoy changed: ${d.join('; ')}`);
      break;
    }
    log(`round ${round}: ${closed.length} panes closed, decoy intact`);
  }
  delete sb.env.FAKE_CLAUDE_STRESS;

  for (const dd of diffTrees(homeBefore, snapshot(sb.home))) violations.push(`HOME changed: ${dd}`);
  for (const dd of diffTrees(decoyBefore, snapshot(decoy.dir))) violations.push(`decoy changed: ${dd}`);
  // What a refused removal left (the link a racing swap put in a pane dir's place) is an
  // orphan: past the 60 s rule, gc takes it — the link only.
  const leftovers = ['claude-configs', 'claude-homes'].flatMap((root) => {
    const dir = path.join(sb.stateDir, root);
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((n) => path.join(dir, n)) : [];
  });
  if (leftovers.length) {
    for (const l of leftovers) ageBack(l, 120);
    const g = await cmd(sb, ['gc']);
    figures.leftoversSwept = leftovers.length;
    for (const l of leftovers) if (lexists(l)) violations.push(`gc left ${l}: ${g.stdout.trim()} ${g.stderr.trim()}`);
  }
  // Every closed conversation archived exactly once (the decoy's never).
  const index = fs.readFileSync(path.join(sb.stateDir, 'transcripts', 'index.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  for (const c of closed) {
    const n = index.filter((e) => e.sessionId === c.sessionId).length;
    // A swapped pane's dir was moved away by the "attacker": its transcript went with it.
    if (c.swapped ? n > 1 : n !== 1) violations.push(`${c.id}${c.swapped ? ' (swapped)' : ''}: its transcript is in the archive index ${n} times`);
  }
  for (const d of [decoy, swapDecoy]) if (index.some((e) => e.sessionId === d.transcriptId)) violations.push(`the transcript in ${d.dir} was archived`);
  const corrupt = fakeLog(world.log).filter((e) => e.event === 'corrupt');
  if (corrupt.length) violations.push(`fake claude found ${corrupt.length} corrupt .claude.json`);
  const log2 = fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8');
  figures.cleanupErrors = log2.split('\n').filter((l) => l.includes('cleanup failed')).length;
  figures.refusals = log2.split('\n').filter((l) => l.includes('refusing')).length;
  if ((await cmd(sb, ['ls'])).code !== 0) violations.push('the server is gone');
  return { ok: violations.length === 0, violations, figures, notes };
}

export async function run({ quick = false, seed, log = console.log } = {}) {
  const sb = new StressSandbox();
  fs.writeFileSync(path.join(sb.dir, 'config', 'ccmux', 'ccmux.toml'), config(sb.dir));
  try {
    const world = claudeWorld(sb, { projects: 1 });
    const rounds = quick ? 3 : 15;
    const r = await runFsSafety(sb, world, { rounds, seed, log });
    return [{ name: `${rounds} rounds of planted links, swapped dirs, close/gc races`, ...r }];
  } finally {
    await sb.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const num = (f, d) => (argv.includes(f) ? Number(argv[argv.indexOf(f) + 1]) : d);
  const sb = new StressSandbox();
  fs.writeFileSync(path.join(sb.dir, 'config', 'ccmux', 'ccmux.toml'), config(sb.dir));
  const world = claudeWorld(sb, { projects: 1 });
  runFsSafety(sb, world, { rounds: num('--rounds', 10), seed: num('--seed', undefined), log: console.log })
    .then((res) => {
      console.log(JSON.stringify(res, null, 2));
      process.exitCode = res.ok ? 0 : 1;
    })
    .finally(() => sb.dispose({ keep: argv.includes('--keep') }));
}
