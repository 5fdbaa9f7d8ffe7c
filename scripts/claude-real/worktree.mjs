#!/usr/bin/env node
/*
 * What the real `claude -w, --worktree [name]` does with git (issue 19, ADR 0016): where it
 * puts the worktree, which branch and base it uses, whether it locks it, and what is left
 * after each way a session ends — /exit with a clean tree, /exit with a dirty tree or a
 * commit, and the pane killed (SIGHUP, as a closed ccmux pane or a crash does).
 *
 *   node scripts/claude-real/worktree.mjs [--out file.json] [scenario…]
 *
 * Each scenario runs in a fresh lab (lab.mjs): a git repo with two commits in `proj/`
 * (and, for `remote`, an `origin` one commit behind), claude started with the flags of
 * the scenario. Prints one JSON object per scenario: the worktree list before and after
 * (`git worktree list --porcelain`), branches, the cwd claude reported (SessionStart), and
 * the screen after the exit was asked for. Nothing outside the lab dir is touched.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Lab } from './lab.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function git(cwd, ...args) {
  return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', env: GIT_ENV }).trim();
}
const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

function makeRepo(dir, { remote = false } = {}) {
  const proj = path.join(dir, 'proj');
  fs.mkdirSync(proj, { recursive: true });
  git(proj, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(proj, 'a.txt'), 'one\n');
  fs.writeFileSync(path.join(proj, '.env'), 'SECRET=1\n');
  fs.writeFileSync(path.join(proj, '.gitignore'), '.env\n');
  git(proj, 'add', 'a.txt', '.gitignore');
  git(proj, 'commit', '-qm', 'one');
  if (remote) {
    const origin = path.join(dir, 'origin.git');
    execFileSync('git', ['clone', '-q', '--bare', proj, origin], { env: GIT_ENV });
    git(proj, 'remote', 'add', 'origin', origin);
    git(proj, 'fetch', '-q', 'origin');
    git(proj, 'remote', 'set-head', 'origin', 'main');
  }
  fs.writeFileSync(path.join(proj, 'a.txt'), 'one\ntwo\n');
  git(proj, 'commit', '-qam', 'two');
}

function facts(proj) {
  return {
    worktrees: git(proj, 'worktree', 'list', '--porcelain'),
    branches: git(proj, 'branch', '-a', '-v', '--no-abbrev'),
    head: git(proj, 'rev-parse', 'HEAD'),
  };
}

const SCENARIOS = {
  'clean-exit': { args: ['-w', 'feat'], after: async () => {} },
  'noname': { args: ['-w'], after: async () => {} },
  'dirty-exit': { args: ['-w', 'feat'], after: async (lab, wt) => fs.writeFileSync(path.join(wt, 'b.txt'), 'new\n') },
  'commit-exit': {
    args: ['-w', 'feat'],
    after: async (lab, wt) => {
      fs.writeFileSync(path.join(wt, 'a.txt'), 'changed\n');
      git(wt, 'commit', '-qam', 'in worktree');
    },
  },
  'dirty-hup': { args: ['-w', 'feat'], after: async (lab, wt) => fs.writeFileSync(path.join(wt, 'b.txt'), 'new\n'), hup: true },
  'clean-hup': { args: ['-w', 'feat'], after: async () => {}, hup: true },
  'remote': { args: ['-w', 'feat'], remote: true, after: async () => {} },
  'not-git': { args: ['-w', 'feat'], notGit: true },
};

async function runScenario(name, sc) {
  const lab = await Lab.start({
    name: `wt-${name}`,
    args: sc.args,
    beforeStart: (dir) => (sc.notGit ? fs.mkdirSync(path.join(dir, 'proj'), { recursive: true }) : makeRepo(dir, { remote: sc.remote })),
    env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  const proj = path.join(lab.dir, 'proj');
  const out = { scenario: name, args: sc.args };
  try {
    if (sc.notGit) {
      await sleep(4000);
      out.screen = (await lab.capture())?.trim();
      out.paneAlive = (await lab.tmux('list-panes', '-F', '#{pane_dead} #{pane_pid}').catch(() => 'gone')).trim();
      out.projEntries = fs.readdirSync(proj);
      return out;
    }
    const start = await lab.waitEvent('SessionStart', { timeoutMs: 60_000 });
    out.sessionStartCwd = start.input.cwd;
    await lab.waitScreen(/❯/, 30_000);
    out.during = facts(proj);
    out.envInWorktree = fs.existsSync(path.join(start.input.cwd, '.env'));
    out.worktreeHead = git(start.input.cwd, 'rev-parse', 'HEAD');
    out.worktreeBranch = git(start.input.cwd, 'rev-parse', '--abbrev-ref', 'HEAD');
    await sc.after(lab, start.input.cwd);
    if (sc.hup) {
      const t = Date.now();
      await lab.tmux('kill-session');
      await lab.waitFor(() => {
        try {
          process.kill(lab.panePid, 0);
          return false;
        } catch {
          return true;
        }
      }, 10_000, 'claude gone');
      out.goneAfterMs = Date.now() - t;
    } else {
      await lab.type('/exit');
      await sleep(500);
      await lab.keys('Enter');
      await sleep(2500);
      out.exitScreen = (await lab.capture())?.trim().split('\n').slice(-16).join('\n');
    }
    out.after = facts(proj);
    out.worktreeDirExists = fs.existsSync(start.input.cwd);
    return out;
  } finally {
    await lab.stop();
  }
}

const argv = process.argv.slice(2);
const outIdx = argv.indexOf('--out');
const outFile = outIdx >= 0 ? argv.splice(outIdx, 2)[1] : undefined;
const names = argv.length ? argv : Object.keys(SCENARIOS);
const results = [];
for (const n of names) {
  try {
    const r = await runScenario(n, SCENARIOS[n]);
    results.push(r);
    console.log(JSON.stringify(r, null, 1));
  } catch (err) {
    results.push({ scenario: n, error: String(err.stack ?? err) });
    console.log(JSON.stringify({ scenario: n, error: String(err.message ?? err) }));
  }
}
if (outFile) fs.writeFileSync(outFile, JSON.stringify(results, null, 1) + '\n');
