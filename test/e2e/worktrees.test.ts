/*
 * End-to-end: git worktrees for Claude panes (issue 19, ADR 0016), with real git
 * repositories in the sandbox (their own git config: no user's) and the fake claude —
 * a worktree made, shown (list-panes --json, formats), locked while the pane runs and
 * removed with its branch when clean; a dirty one and one with unmerged commits kept
 * through close, gc, restart and `worktrees remove` without --force; outside a
 * repository nothing is made; --base; copy and setup; mode "always" and "ask"; profiles
 * with method home; a kill -9 in the middle restoring the pane into its worktree with
 * --resume, and a worktree deleted meanwhile reported, not made again; `resume` of an
 * archived conversation in its worktree; review; doctor.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive, Sandbox, waitFor } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

interface World {
  root: string;
  repo: string;
  log: string;
  /** Where worktrees of `repo` go by default. */
  wts: string;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...sb.env, LC_ALL: 'C' } }).trim();
}

/** A sandbox with a trusted base Claude config and a git repository with two commits and an ignored .env. */
function world(config = ''): World {
  sb = new Sandbox({ config: `display-time = 60000\n${config}`, env: { FAKE_CLAUDE_IDLE_MS: '0' } });
  const root = fs.realpathSync(sb.dir);
  const gitconfig = path.join(root, 'gitconfig');
  fs.writeFileSync(gitconfig, '[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n');
  Object.assign(sb.env, { GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1' });
  const repo = path.join(root, 'repo');
  fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
  git(repo, 'init', '-q');
  fs.writeFileSync(path.join(repo, 'a.txt'), 'one\n');
  fs.writeFileSync(path.join(repo, '.gitignore'), '.env\n');
  fs.writeFileSync(path.join(repo, 'src', 'm.txt'), 'm\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'one');
  fs.writeFileSync(path.join(repo, 'a.txt'), 'one\ntwo\n');
  git(repo, 'commit', '-qam', 'two');
  fs.writeFileSync(path.join(repo, '.env'), 'SECRET=1\n');
  fs.mkdirSync(path.join(sb.home, '.claude'), { mode: 0o700 });
  fs.writeFileSync(
    path.join(sb.home, '.claude.json'),
    JSON.stringify({ hasCompletedOnboarding: true, lastOnboardingVersion: '2.1.197', projects: { [repo]: { hasTrustDialogAccepted: true }, [path.join(root, 'plain')]: { hasTrustDialogAccepted: true } } }),
  );
  const log = path.join(root, 'fake-claude.log');
  sb.env.FAKE_CLAUDE_LOG = log;
  return { root, repo, log, wts: `${repo}.worktrees` };
}

interface Start {
  argv: string[];
  cwd: string;
  sessionId: string;
  mode: 'new' | 'resume';
}

function starts(w: World): Start[] {
  if (!fs.existsSync(w.log)) return [];
  return fs.readFileSync(w.log, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((e) => e.event === 'start');
}

function capture(pane: string): Promise<string> {
  return sb.ok(['capture-pane', '-p', '-J', '-t', pane]);
}

async function prompt(pane: string, text: string): Promise<void> {
  await waitFor(async () => /^❯ ?$/m.test(await capture(pane)), 10_000, `claude's prompt in ${pane}`).catch(async (err) => {
    throw new Error(`${(err as Error).message}\n${await capture(pane)}`);
  });
  await sb.ok(['send-keys', '-t', pane, text, 'Enter']);
  await waitFor(async () => (await capture(pane)).includes(`● echo: ${text}`), 10_000, `claude in ${pane} to answer`);
}

async function made(args: string[], cwd?: string): Promise<string> {
  return (await sb.ok([...args, '-P', '-F', '#{pane_id}'], cwd ? { cwd } : {})).trim();
}

async function pane(id: string): Promise<Record<string, any>> {
  return (await sb.panes()).find((p) => p.id === id)!;
}

async function worktrees(): Promise<Array<Record<string, any>>> {
  return JSON.parse(await sb.ok(['worktrees', '--json']));
}

/** `git worktree list --porcelain` of the repository: path → its lines. */
function gitWorktrees(repo: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of git(repo, 'worktree', 'list', '--porcelain').split('\n\n')) {
    const lines = block.split('\n');
    out.set(lines[0]!.replace(/^worktree /, ''), lines.slice(1));
  }
  return out;
}

function branches(repo: string): string[] {
  return git(repo, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean).sort();
}

/** Kill a pane and wait until its worktree has been dealt with (its claude exited, the record changed). */
async function closePane(id: string, wtPath: string): Promise<void> {
  const pid = (await pane(id)).pid as number;
  await sb.ok(['kill-pane', '-t', id]);
  await waitFor(() => !pidAlive(pid), 10_000, `claude of ${id} to exit`);
  await waitFor(async () => {
    const rec = (await worktrees()).find((r) => r.path === wtPath);
    return !rec || rec.state === 'closed';
  }, 10_000, `the worktree of ${id} to be closed`);
}

async function serverPid(): Promise<number> {
  return Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
}

describe('worktrees', () => {
  it('makes a worktree on a new branch, shows it, locks it, and removes it with its branch when clean', async () => {
    const w = world();
    await sb.ok(['new', '-d', '-s', 'w', '-x', '120', '-y', '40'], { cwd: w.repo });
    const head = git(w.repo, 'rev-parse', 'HEAD');
    // Started from a subdir of the repository: the pane starts in the same subdir of its worktree.
    const id = await made(['split-window', '-t', 'w', '-c', path.join(w.repo, 'src'), '--claude', '--worktree', 'feat']);
    const wt = path.join(w.wts, 'feat');
    expect(fs.existsSync(path.join(wt, 'a.txt'))).toBe(true);
    expect(git(wt, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('ccmux/feat');
    expect(git(wt, 'rev-parse', 'HEAD')).toBe(head);
    expect(gitWorktrees(w.repo).get(wt)).toEqual(expect.arrayContaining([expect.stringMatching(/^locked ccmux: a Claude pane of server default \(pid \d+\) is using it$/)]));
    const p = await pane(id);
    expect(p.worktree).toMatchObject({ name: 'feat', path: wt, branch: 'ccmux/feat', base: head, baseRef: 'HEAD', repo: w.repo });
    expect((await sb.ok(['display', '-p', '-t', id, '#{pane_worktree}|#{pane_branch}'])).trim()).toBe(`${wt}|ccmux/feat`);
    expect((await sb.ok(['display', '-p', '-t', 'w:0.0', '#{pane_worktree}|#{pane_branch}'])).trim()).toBe('|');
    await waitFor(() => starts(w).length === 1, 10_000, 'claude to start');
    expect(starts(w)[0]!.cwd).toBe(path.join(wt, 'src'));
    await prompt(id, 'hello from the worktree');
    expect(await worktrees()).toEqual([expect.objectContaining({ name: 'feat', pane: id, state: 'live', branch: 'ccmux/feat', dirty: 0, ahead: 0, behind: 0, exists: true })]);
    const table = await sb.ok(['worktrees']);
    expect(table).toMatch(new RegExp(`feat +${id} +ccmux/feat +\\+0/-0 +clean +${wt}`));

    await closePane(id, wt);
    expect(fs.existsSync(wt)).toBe(false);
    expect(branches(w.repo)).toEqual(['main']);
    expect([...gitWorktrees(w.repo).keys()]).toEqual([w.repo]);
    expect(await worktrees()).toEqual([]);
    // The repository itself: same HEAD, nothing else changed.
    expect(git(w.repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(w.repo, 'status', '--porcelain')).toBe('');
  });

  it('keeps a dirty worktree and one with unmerged commits through close, gc and remove without --force', async () => {
    const w = world();
    await sb.ok(['new', '-d', '-s', 'w', '-x', '120', '-y', '40'], { cwd: w.repo });
    const dirty = await made(['split-window', '-t', 'w', '--claude', '--worktree', 'dirty'], w.repo);
    const ahead = await made(['new-window', '-t', 'w', '--claude', '--worktree', 'ahead'], w.repo);
    const dWt = path.join(w.wts, 'dirty');
    const aWt = path.join(w.wts, 'ahead');
    fs.writeFileSync(path.join(dWt, 'new.txt'), 'work in progress\n');
    fs.appendFileSync(path.join(dWt, 'a.txt'), 'three\n');
    fs.writeFileSync(path.join(aWt, 'b.txt'), 'b\n');
    git(aWt, 'add', 'b.txt');
    git(aWt, 'commit', '-qm', 'claude did this');
    await closePane(dirty, dWt);
    await closePane(ahead, aWt);

    const list = await worktrees();
    expect(list.map((r) => [r.name, r.state, r.dirty, r.ahead, r.merged, r.locked])).toEqual([
      ['dirty', 'closed', 2, 0, true, null],
      ['ahead', 'closed', 0, 1, false, null],
    ]);
    expect(fs.readFileSync(path.join(dWt, 'new.txt'), 'utf8')).toBe('work in progress\n');
    expect(branches(w.repo)).toEqual(['ccmux/ahead', 'ccmux/dirty', 'main']);

    // gc (with a server, and with none) never touches them.
    await sb.ok(['gc']);
    const r1 = await sb.ccmux(['worktrees', 'remove', 'dirty']);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain('dirty has 2 uncommitted change(s): not removed (--force removes it anyway)');
    const r2 = await sb.ccmux(['worktrees', 'remove', 'ahead']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('branch ccmux/ahead has commits no other branch has');
    await sb.ok(['kill-server']);
    await sb.ok(['gc']);
    expect(fs.readFileSync(path.join(dWt, 'new.txt'), 'utf8')).toBe('work in progress\n');
    expect((await sb.ccmux(['worktrees', 'remove', 'dirty'])).code).toBe(1);
    expect(JSON.parse(await sb.ok(['worktrees', '--json'])).map((r: any) => r.name)).toEqual(['dirty', 'ahead']);

    // Merged elsewhere, the unmerged one goes without --force; the dirty one with it.
    git(w.repo, 'merge', '-q', '--ff-only', 'ccmux/ahead');
    expect(await sb.ok(['worktrees', 'remove', 'ahead'])).toContain(`removed ahead (${aWt}) and branch ccmux/ahead`);
    await sb.ok(['worktrees', 'remove', '--force', 'dirty']);
    expect(fs.existsSync(dWt)).toBe(false);
    expect(branches(w.repo)).toEqual(['main']);
    expect((await sb.ccmux(['worktrees', 'remove', 'dirty'])).stderr).toContain('no worktree dirty made by ccmux');
  });

  it('refuses outside a git repository and when the name is taken, making nothing', async () => {
    const w = world();
    const plain = path.join(w.root, 'plain');
    fs.mkdirSync(plain);
    await sb.ok(['new', '-d', '-s', 'w'], { cwd: plain });
    const r = await sb.ccmux(['split-window', '-t', 'w', '-c', plain, '--claude', '--worktree', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`not in a git repository: ${plain} (a worktree is made from the repository a pane starts in); nothing was created`);
    expect((await sb.panes()).length).toBe(1);
    expect(fs.readdirSync(path.join(w.root))).not.toContain('plain.worktrees');
    expect(fs.existsSync(path.join(sb.stateDir, 'worktrees')) ? fs.readdirSync(path.join(sb.stateDir, 'worktrees')) : []).toEqual([]);
    expect(starts(w)).toEqual([]);
    // Taken names and bad ones.
    git(w.repo, 'branch', 'ccmux/taken');
    const t = await sb.ccmux(['split-window', '-t', 'w', '-c', w.repo, '--claude', '--worktree', 'taken']);
    expect(t.stderr).toContain(`branch ccmux/taken exists already in ${w.repo}`);
    const b = await sb.ccmux(['split-window', '-t', 'w', '-c', w.repo, '--claude', '--worktree=../up']);
    expect(b.stderr).toContain('invalid worktree name: "../up"');
    expect((await sb.ccmux(['split-window', '-t', 'w', '--worktree', 'x'])).stderr).toContain('--worktree needs --claude');
    expect((await sb.ccmux(['split-window', '-t', 'w', '-c', w.repo, '--claude', '--worktree', 'y', '--base', 'nope'])).stderr).toContain('--base nope: no such commit');
    expect(branches(w.repo)).toEqual(['ccmux/taken', 'main']);
    expect([...gitWorktrees(w.repo).keys()]).toEqual([w.repo]);
    expect(await worktrees()).toEqual([]);
  });

  it('branches from --base, copies files in, runs the setup command, generates names; a failing setup leaves nothing', async () => {
    const w = world('\n[claude.worktree]\ncopy = [".env", "missing.txt"]\nsetup = "echo ran > setup-ran.txt"\nbranch = "agent/{name}"\n');
    await sb.ok(['new', '-d', '-s', 'w', '-x', '120', '-y', '40'], { cwd: w.repo });
    const first = git(w.repo, 'rev-parse', 'HEAD~1');
    const id = await made(['split-window', '-t', 'w', '--claude', '--worktree', '--base', 'HEAD~1'], w.repo);
    const wt = path.join(w.wts, 'claude-1');
    expect((await pane(id)).worktree).toMatchObject({ name: 'claude-1', branch: 'agent/claude-1', base: first, baseRef: 'HEAD~1' });
    expect(git(wt, 'rev-parse', 'HEAD')).toBe(first);
    expect(fs.readFileSync(path.join(wt, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(fs.readFileSync(path.join(wt, 'setup-ran.txt'), 'utf8')).toBe('ran\n');
    const id2 = await made(['new-window', '-t', 'w', '--claude', '--worktree'], w.repo);
    expect((await pane(id2)).worktree.name).toBe('claude-2');

    fs.writeFileSync(path.join(sb.dir, 'config', 'ccmux', 'ccmux.toml'), '[claude.worktree]\nsetup = "echo broken >&2; exit 3"\n');
    await sb.ok(['source-file', path.join(sb.dir, 'config', 'ccmux', 'ccmux.toml')]);
    const r = await sb.ccmux(['split-window', '-t', 'w', '--claude', '--worktree', 'bad'], { cwd: w.repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('worktree bad not made: the setup command failed (3): broken');
    expect(fs.existsSync(path.join(w.wts, 'bad'))).toBe(false);
    expect(branches(w.repo)).toEqual(['agent/claude-1', 'agent/claude-2', 'main']);
    expect((await worktrees()).map((x) => x.name)).toEqual(['claude-1', 'claude-2']);
  });

  it('mode "always" gives Claude panes in a repository a worktree (none elsewhere), with profiles of method home', async () => {
    const w = world('\n[claude.worktree]\nmode = "always"\n\n[claude.profiles.h]\nmethod = "home"\n');
    const plain = path.join(w.root, 'plain');
    fs.mkdirSync(plain);
    await sb.ok(['new', '-d', '-s', 'w', '-x', '120', '-y', '40'], { cwd: w.repo });
    const id = await made(['split-window', '-t', 'w', '--claude', '--profile', 'h'], w.repo);
    const p = await pane(id);
    expect(p.claude.method).toBe('home');
    expect(p.worktree.path).toBe(path.join(w.wts, 'claude-1'));
    await prompt(id, 'in a home pane');
    const none = await made(['split-window', '-t', 'w', '--claude', '--no-worktree'], w.repo);
    expect((await pane(none)).worktree).toBeNull();
    const outside = await made(['split-window', '-t', 'w', '-c', plain, '--claude']);
    expect((await pane(outside)).worktree).toBeNull();
    await prompt(outside, 'outside a repository');
  });

  it('asks for a name with prefix W and, with mode "ask", before prefix C; reviews with prefix G', async () => {
    const w = world('\n[claude.worktree]\nmode = "ask"\n');
    const t = await sb.terminal(['new', '-s', 'w'], 120, 40, { cwd: w.repo });
    await t.waitForScreen(/^\$/m);
    t.prefix('W');
    await t.waitForScreen(/\(worktree name; empty: claude-N\)/);
    t.type('fromkey\r');
    const wt = path.join(w.wts, 'fromkey');
    await waitFor(async () => (await sb.panes()).some((p) => p.worktree?.path === wt), 10_000, 'a pane in worktree fromkey');
    t.prefix('C');
    await t.waitForScreen(/worktree name \(empty: none\)/);
    t.type('\r');
    await waitFor(async () => (await sb.panes()).filter((p) => p.claude).length === 2, 10_000, 'a second Claude pane');
    expect((await sb.panes()).filter((p) => p.claude && !p.worktree)).toHaveLength(1);
    // The border title names the branch.
    await t.waitForScreen(/claude ⎇ ccmux\/fromkey/);

    // Review: commits and uncommitted changes against the base, in a pager window.
    fs.writeFileSync(path.join(wt, 'done.txt'), 'committed line\n');
    git(wt, 'add', 'done.txt');
    git(wt, 'commit', '-qm', 'the claude commit');
    fs.appendFileSync(path.join(wt, 'a.txt'), 'uncommitted line\n');
    const id = (await sb.panes()).find((p) => p.worktree?.path === wt)!.id as string;
    await sb.ok(['select-pane', '-t', id]);
    t.prefix('G');
    await waitFor(async () => (await sb.ok(['list-windows', '-F', '#{window_name}'])).includes('review:fromkey'), 10_000, 'the review window');
    await t.waitForScreen((lines) => lines.join('\n').includes('the claude commit') && lines.join('\n').includes('+committed line'));
    expect(t.text()).toContain('ccmux review: worktree fromkey, branch ccmux/fromkey');
    t.type('G'); // less: to the end
    await t.waitForScreen(/\+uncommitted line/);
    t.type('q');
    await waitFor(async () => !(await sb.ok(['list-windows', '-F', '#{window_name}'])).includes('review:'), 10_000, 'the pager to end');
    const r = await sb.ccmux(['review', '-t', 'w:0.0']);
    expect(r.stderr).toContain('has no worktree');
  });

  it('after kill -9 restores the Claude pane in its worktree with --resume; a deleted worktree is reported, not made again', async () => {
    const w = world();
    await sb.ok(['new', '-d', '-s', 'w', '-x', '120', '-y', '40'], { cwd: w.repo });
    const keep = await made(['split-window', '-t', 'w', '--claude', '--worktree', 'keep'], w.repo);
    const lost = await made(['new-window', '-t', 'w', '--claude', '--worktree', 'lost'], w.repo);
    await prompt(keep, 'work before the crash');
    await prompt(lost, 'lost work');
    const kWt = path.join(w.wts, 'keep');
    const lWt = path.join(w.wts, 'lost');
    fs.writeFileSync(path.join(kWt, 'wip.txt'), 'uncommitted\n');
    const session = (await pane(keep)).claude.sessionId as string;
    await waitFor(() => {
      try {
        const body = JSON.parse(fs.readFileSync(path.join(sb.stateDir, 'servers', 'default.json'), 'utf8')).body;
        const ps = body.sessions.flatMap((s: any) => s.windows.flatMap((x: any) => x.panes));
        return ps.filter((x: any) => x.claude?.worktree).length === 2;
      } catch {
        return false;
      }
    }, 15_000, 'the checkpoint to name both worktrees');
    const panePids = (await sb.panes()).map((p) => p.pid as number);
    const pid = await serverPid();
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !pidAlive(pid) && panePids.every((x) => !pidAlive(x)), 10_000, 'the server and its panes to die');

    // Meanwhile, without ccmux: the dirty worktree is still locked, and gc never touches it.
    expect(gitWorktrees(w.repo).get(kWt)!.some((l) => l.startsWith('locked '))).toBe(true);
    expect((await worktrees()).map((r) => [r.name, r.state, r.owner])).toEqual([
      ['keep', 'restorable', 'restorable'],
      ['lost', 'restorable', 'restorable'],
    ]);
    await sb.ok(['gc']);
    const doctor0 = await sb.ccmux(['doctor']);
    expect(doctor0.stdout).toContain(`worktree keep (${kWt}) is locked by a pane that is not running; it is restorable`);
    git(w.repo, 'worktree', 'unlock', lWt);
    git(w.repo, 'worktree', 'remove', '--force', lWt);

    const before = starts(w).length;
    await sb.ok(['new', '-d', '-s', 'probe']);
    const restored = (await waitFor(async () => (await sb.panes()).find((p) => p.worktree?.path === kWt), 10_000, 'the pane in keep'))!;
    const again = (await waitFor(() => starts(w).slice(before).find((s) => s.mode === 'resume'), 10_000, 'a resumed claude'))!;
    expect(again.argv[again.argv.indexOf('--resume') + 1]).toBe(session);
    expect(again.cwd).toBe(kWt);
    expect(starts(w).slice(before)).toHaveLength(1);
    expect(fs.readFileSync(path.join(kWt, 'wip.txt'), 'utf8')).toBe('uncommitted\n');
    expect(gitWorktrees(w.repo).get(kWt)).toEqual(expect.arrayContaining([expect.stringMatching(/^locked ccmux: .*\(pid \d+\)/)]));
    await waitFor(async () => (await capture(restored.id)).includes(`Resumed session ${session}`), 10_000, 'the resumed session');

    // The deleted one: a shell in the repository that says so; nothing made in its place.
    const shell = (await sb.panes()).find((p) => p.session === 'w' && p.window === 1)!;
    expect(shell.claude).toBeNull();
    await waitFor(async () => (await capture(shell.id)).includes('the worktree lost'), 10_000, 'the note of the lost worktree');
    expect(await capture(shell.id)).toContain('no longer exists; it is not made again');
    expect(fs.existsSync(lWt)).toBe(false);
    const lostRow = (await worktrees()).find((r) => r.name === 'lost')!;
    expect(lostRow).toMatchObject({ exists: false, branchExists: true });
    const doctor = await sb.ccmux(['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).problems).toContain(`worktree lost (${lWt}) is missing: ccmux worktrees remove lost forgets it`);
    // The restored dirty one survives its close too.
    await closePane(restored.id, kWt);
    expect((await worktrees()).find((r) => r.name === 'keep')).toMatchObject({ state: 'closed', dirty: 1, locked: null });
  });

  it('kill-server then ccmux restore brings a dirty worktree back; claude exiting by itself keeps a dirty one and removes a clean one', async () => {
    const w = world();
    await sb.ok(['new', '-d', '-s', 'w', '-x', '120', '-y', '40'], { cwd: w.repo });
    const dirty = await made(['split-window', '-t', 'w', '--claude', '--worktree', 'dirty'], w.repo);
    const clean = await made(['new-window', '-t', 'w', '--claude', '--worktree', 'clean'], w.repo);
    await prompt(dirty, 'dirty work');
    await prompt(clean, 'look only');
    const dWt = path.join(w.wts, 'dirty');
    const cWt = path.join(w.wts, 'clean');
    fs.writeFileSync(path.join(dWt, 'wip.txt'), 'uncommitted\n');
    const session = (await pane(dirty)).claude.sessionId as string;
    const pids = (await sb.panes()).map((p) => p.pid as number);
    const pid = await serverPid();
    await sb.ok(['kill-server']);
    await waitFor(() => !pidAlive(pid) && pids.every((x) => !pidAlive(x)), 10_000, 'the server and its panes to end');
    // Kept for `ccmux restore`: both worktrees still there (the clean one too: its pane is restorable), locked.
    for (const wt of [dWt, cWt]) expect(gitWorktrees(w.repo).get(wt)!.some((l) => l.startsWith('locked '))).toBe(true);
    await sb.ok(['gc']);
    expect(fs.readFileSync(path.join(dWt, 'wip.txt'), 'utf8')).toBe('uncommitted\n');

    const before = starts(w).length;
    await sb.ok(['restore']);
    const back = (await waitFor(async () => (await sb.panes()).find((p) => p.worktree?.path === dWt), 10_000, 'the pane in dirty'))!;
    const resumed = (await waitFor(() => starts(w).slice(before).find((x) => x.mode === 'resume' && x.cwd === dWt), 10_000, 'claude resumed in dirty'))!;
    expect(resumed.argv[resumed.argv.indexOf('--resume') + 1]).toBe(session);
    expect(fs.readFileSync(path.join(dWt, 'wip.txt'), 'utf8')).toBe('uncommitted\n');
    const backClean = (await waitFor(async () => (await sb.panes()).find((p) => p.worktree?.path === cWt), 10_000, 'the pane in clean'))!;

    // claude quits by itself (/exit): the pane closes; the clean worktree goes with its branch, the dirty one stays.
    for (const [id, wt] of [[backClean.id as string, cWt], [back.id as string, dWt]] as const) {
      await waitFor(async () => /^❯ ?$/m.test(await capture(id)), 10_000, `claude's prompt in ${id}`);
      const cpid = (await pane(id)).pid as number;
      await sb.ok(['send-keys', '-t', id, '/exit', 'Enter']);
      await waitFor(() => !pidAlive(cpid), 10_000, `claude in ${id} to exit`);
      await waitFor(async () => {
        const rec = (await worktrees()).find((r) => r.path === wt);
        return !rec || rec.state === 'closed';
      }, 10_000, `the worktree ${wt} to be dealt with`);
    }
    expect(fs.existsSync(cWt)).toBe(false);
    expect(branches(w.repo)).not.toContain('ccmux/clean');
    expect((await worktrees()).find((r) => r.name === 'dirty')).toMatchObject({ state: 'closed', dirty: 1, locked: null });
    expect(fs.readFileSync(path.join(dWt, 'wip.txt'), 'utf8')).toBe('uncommitted\n');
    expect(branches(w.repo)).toContain('ccmux/dirty');
  });

  it('resume of an archived conversation reopens it in its worktree if that still exists', async () => {
    const w = world();
    await sb.ok(['new', '-d', '-s', 'w', '-x', '120', '-y', '40'], { cwd: w.repo });
    const id = await made(['split-window', '-t', 'w', '--claude', '--worktree', 'later'], w.repo);
    await prompt(id, 'remember this');
    const wt = path.join(w.wts, 'later');
    const session = (await pane(id)).claude.sessionId as string;
    fs.writeFileSync(path.join(wt, 'x.txt'), 'keep me\n');
    await closePane(id, wt);
    await waitFor(async () => (await sb.ok(['sessions'])).includes(session.slice(0, 8)), 10_000, 'the archived conversation');
    const before = starts(w).length;
    await sb.ok(['resume', session.slice(0, 8)]);
    const again = (await waitFor(() => starts(w).slice(before)[0], 10_000, 'the resumed claude'))!;
    expect(again.cwd).toBe(wt);
    expect(again.argv).toEqual(expect.arrayContaining(['--resume', session]));
    expect((await sb.panes()).find((p) => p.worktree?.path === wt)).toBeTruthy();
    expect((await worktrees())[0]).toMatchObject({ state: 'live', dirty: 1 });
    expect(gitWorktrees(w.repo).get(wt)!.some((l) => l.startsWith('locked '))).toBe(true);
  });
});
