/*
 * A Claude pane's own git worktree, over its whole life (ADR 0016):
 *
 *   SpawnRequest with asks.worktree ──▶ worktreeSpawnHook.prepare (before the Claude hook):
 *     new:      record it (worktree-registry.ts) → git worktree add -b <branch> <path> <base>
 *               → git worktree lock → copy files in → setup command → cwd = the worktree
 *     existing: (restore, resume) the recorded worktree, still there → locked again
 *   ──▶ started: the pane's worktree facts (pane-info.ts)   abandon: a new one removed again
 *   pane closed, its claude exited ──▶ closeWorktree: unlocked; clean and no commits beyond
 *     its base → removed with its branch; anything else → kept, recorded as closed
 *
 * Nothing here runs git on a worktree or branch ccmux did not record making, and nothing
 * removes a worktree with uncommitted changes or commits no other branch has unless the
 * user said --force (`ccmux worktrees remove`).
 */
import { closingWorktrees } from './closing.js';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Server } from '../server/server.js';
import type { PreparedSpawn, SpawnHook, SpawnRequest } from '../server/spawn.js';
import type { Pane } from '../server/pane.js';
import { CommandError } from '../core/errors.js';
import {
  addWorktree, branchExists, branchMerged, commitOf, deleteBranch, dirtyFiles, aheadBehind, listWorktrees,
  lockWorktree, removeWorktree, repoOf, unlockWorktree, validBranchName, type GitWorktree,
} from './worktree-git.js';
import { dropWorktree, findWorktree, saveWorktree, type WorktreeRecord } from './worktree-registry.js';
import { badWorktreeName, branchFor, cwdInWorktree, freeName, lockReason, worktreesDir } from './worktree-plan.js';
import { setWorktreeOf, worktreeOf, type WorktreeFacts } from './pane-info.js';

/** What a pane start asks of worktrees (`asks.worktree`). */
export type WorktreeAsk =
  /** A new worktree of the repository of the request's cwd; `optional` (mode = "always"): none outside a repository. */
  | { kind: 'new'; name?: string; base?: string; optional?: boolean }
  /** The recorded worktree at `path` again (restore, resume). */
  | { kind: 'existing'; path: string };

declare module '../server/spawn.js' {
  interface SpawnAsks {
    /** Start the pane in a git worktree of its own (claude/worktree.ts). */
    worktree?: WorktreeAsk;
  }
}

/** How long a setup command may run before the pane is given up. */
const SETUP_TIMEOUT_MS = 10 * 60_000;

const exists = (p: string) => fs.lstat(p).then(() => true, () => false);

function factsOf(rec: WorktreeRecord): WorktreeFacts {
  return { name: rec.name, path: rec.path, branch: rec.branch, base: rec.base, baseRef: rec.baseRef, repo: rec.repo };
}

/** The server's name (its socket's), which a lock reason and a record name. */
export function serverName(server: Server): string {
  return path.basename(server.opts.socketPath);
}

/** The live pane of this server that has the worktree at `wtPath`. */
export function livePaneWith(server: Server, wtPath: string): Pane | undefined {
  for (const p of server.model.panes.values()) if (worktreeOf(p)?.path === wtPath) return p;
  return undefined;
}

/**
 * The spawn hook of worktrees (server/spawn.ts), registered before the Claude hook so the
 * Claude pane is planned, trusted and resumed in the worktree.
 */
export function worktreeSpawnHook(server: Server): SpawnHook {
  return {
    prepare: (req) => {
      const ask = req.asks?.worktree;
      if (!ask) return Promise.resolve(undefined);
      if (!req.asks?.claude) return Promise.reject(new CommandError('--worktree needs --claude'));
      return ask.kind === 'new' ? prepareNew(server, req, ask) : prepareExisting(server, req, ask.path);
    },
  };
}

async function prepareNew(server: Server, req: SpawnRequest, ask: Extract<WorktreeAsk, { kind: 'new' }>): Promise<PreparedSpawn | undefined> {
  const settings = server.claude.worktree;
  const repo = await repoOf(req.cwd);
  if (!repo) {
    if (ask.optional) return undefined;
    throw new CommandError(`not in a git repository: ${req.cwd} (a worktree is made from the repository a pane starts in); nothing was created`);
  }
  if (ask.name !== undefined) {
    const bad = badWorktreeName(ask.name);
    if (bad) throw new CommandError(bad);
  }
  const dir = worktreesDir(settings, repo.main, server.opts.home);
  const taken = async (n: string) => (await exists(path.join(dir, n))) || (await branchExists(repo.main, branchFor(settings, n))) || !!(await findWorktree(server.opts.stateDir, path.join(dir, n)));
  const name = ask.name ?? (await freeName(taken));
  const branch = branchFor(settings, name);
  const wtPath = path.join(dir, name);
  if (!(await validBranchName(repo.main, branch))) throw new CommandError(`"${branch}" is not a valid branch name (check [claude.worktree] branch)`);
  if (await exists(wtPath)) throw new CommandError(`${wtPath} exists already: choose another worktree name (ccmux worktrees lists those ccmux made)`);
  if (await branchExists(repo.main, branch)) throw new CommandError(`branch ${branch} exists already in ${repo.main}: choose another worktree name`);
  const baseRef = ask.base ?? 'HEAD';
  const base = await commitOf(repo.top, baseRef);
  if (!base) throw new CommandError(`--base ${baseRef}: no such commit in ${repo.main}`);
  const rec: WorktreeRecord = { name, repo: repo.main, path: wtPath, branch, base, baseRef, createdAt: new Date().toISOString(), server: serverName(server) };
  // Recorded first: a crash from here on leaves a record of what git may have made.
  await saveWorktree(server.opts.stateDir, rec);
  let made = false;
  try {
    await fs.mkdir(dir, { recursive: true });
    await addWorktree(repo.main, wtPath, branch, base);
    made = true;
    await lockWorktree(repo.main, wtPath, lockReason(serverName(server)));
    await copyIn(repo.top, wtPath, settings.copy);
    if (settings.setup.trim()) await runSetup(settings.setup, wtPath, { ...req.env, ...req.setEnv });
  } catch (err) {
    await undoNew(server, rec, made);
    const msg = (err as Error).message;
    throw new CommandError(`worktree ${name} not made: ${msg}`);
  }
  server.log.info({ worktree: wtPath, branch, base, repo: repo.main }, 'worktree made');
  return {
    request: withClaudeTrust({ ...req, cwd: cwdInWorktree(repo.top, req.cwd, wtPath) }, repo.main),
    started: (pane) => setWorktreeOf(pane, factsOf(rec)),
    // No pane was made: the worktree is as git made it (and the setup left it), nobody's work.
    abandon: () => undoNew(server, rec, true),
  };
}

/** Remove a worktree made a moment ago for a pane that was not made, with its branch and record. */
async function undoNew(server: Server, rec: WorktreeRecord, made: boolean): Promise<void> {
  try {
    if (made) {
      await unlockWorktree(rec.repo, rec.path);
      await removeWorktree(rec.repo, rec.path, true);
    }
    if ((await commitOf(rec.repo, `refs/heads/${rec.branch}`)) === rec.base) await deleteBranch(rec.repo, rec.branch);
    await dropWorktree(server.opts.stateDir, rec.path);
    server.log.info({ worktree: rec.path }, 'worktree of a pane that was not made: removed');
  } catch (err) {
    server.log.error({ err, worktree: rec.path }, 'cannot remove the worktree of a pane that was not made');
  }
}

async function prepareExisting(server: Server, req: SpawnRequest, wtPath: string): Promise<PreparedSpawn> {
  const rec = await findWorktree(server.opts.stateDir, wtPath);
  if (!rec) throw new CommandError(`the worktree ${wtPath} is not one ccmux made (or it was removed with ccmux worktrees remove)`);
  const user = livePaneWith(server, wtPath);
  if (user) throw new CommandError(`the worktree ${rec.name} is in use by pane %${user.id}`);
  const entry = (await listWorktrees(rec.repo).catch(() => [] as GitWorktree[])).find((w) => w.path === rec.path);
  if (!(await exists(rec.path)) || !entry) {
    throw new CommandError(`the worktree ${rec.name} (${rec.path}, branch ${rec.branch}) no longer exists; it is not made again (ccmux worktrees lists it)`);
  }
  if (entry.locked !== undefined) await unlockWorktree(rec.repo, rec.path);
  await lockWorktree(rec.repo, rec.path, lockReason(serverName(server)));
  const wasClosed = rec.closedAt;
  const live: WorktreeRecord = { ...rec, server: serverName(server) };
  delete live.closedAt;
  await saveWorktree(server.opts.stateDir, live);
  const cwd = req.cwd === rec.path || req.cwd.startsWith(`${rec.path}/`) ? req.cwd : rec.path;
  return {
    request: withClaudeTrust({ ...req, cwd }, rec.repo),
    started: (pane) => setWorktreeOf(pane, factsOf(rec)),
    // Someone's work may be in it: never removed here, only given back as it was.
    abandon: async () => {
      if (wasClosed) {
        await unlockWorktree(rec.repo, rec.path).catch(() => {});
        await saveWorktree(server.opts.stateDir, rec).catch(() => {});
      }
    },
  };
}

/** The Claude pane is trusted in the worktree as the base config trusts the repository. */
function withClaudeTrust(req: SpawnRequest, repoTop: string): SpawnRequest {
  const claude = req.asks?.claude;
  return claude ? { ...req, asks: { ...req.asks, claude: { ...claude, trustFrom: repoTop } } } : req;
}

/** Copy `[claude.worktree] copy` entries that exist from the repository into the new worktree (links as links). */
async function copyIn(top: string, wtPath: string, entries: readonly string[]): Promise<void> {
  for (const e of entries) {
    const from = path.join(top, e);
    if (!(await exists(from))) continue;
    const to = path.join(wtPath, e);
    if (await exists(to)) continue; // tracked: git checked it out already
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.cp(from, to, { recursive: true, errorOnExist: true, force: false, verbatimSymlinks: true });
  }
}

function runSetup(command: string, cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { cwd, env, timeout: SETUP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, _out, stderr) => {
      if (!err) return resolve();
      const last = String(stderr).trim().split('\n').slice(-3).join(' / ');
      reject(new Error(`the setup command failed (${(err as NodeJS.ErrnoException & { code?: unknown }).code ?? 'killed'})${last ? `: ${last}` : ''}`));
    });
  });
}

/** What closing a pane did with its worktree. */
export type CloseOutcome = { kept: false } | { kept: true; why: string };

/**
 * A pane with a worktree closed (its claude has exited): unlock it; remove it with its
 * branch when it is clean, still on its branch and has no commits beyond its base; else
 * keep it and record it as closed.
 */
export async function closeWorktree(server: Server, facts: WorktreeFacts): Promise<CloseOutcome> {
  closingWorktrees.add(facts.path);
  try {
    return await decideOnClose(server, facts);
  } finally {
    closingWorktrees.delete(facts.path);
  }
}

async function decideOnClose(server: Server, facts: WorktreeFacts): Promise<CloseOutcome> {
  const rec = await findWorktree(server.opts.stateDir, facts.path);
  if (!rec) return { kept: true, why: 'not recorded' };
  const why = await keepReason(rec);
  await unlockWorktree(rec.repo, rec.path).catch(() => {});
  if (why) {
    await saveWorktree(server.opts.stateDir, { ...rec, closedAt: new Date().toISOString() });
    return { kept: true, why };
  }
  try {
    await removeWorktree(rec.repo, rec.path, false);
  } catch (err) {
    await saveWorktree(server.opts.stateDir, { ...rec, closedAt: new Date().toISOString() });
    return { kept: true, why: `git worktree remove: ${(err as Error).message}` };
  }
  if ((await commitOf(rec.repo, `refs/heads/${rec.branch}`)) === rec.base) await deleteBranch(rec.repo, rec.branch);
  await dropWorktree(server.opts.stateDir, rec.path);
  return { kept: false };
}

/** Why a closing pane's worktree must stay (uncommitted changes, commits, another branch), or undefined. */
async function keepReason(rec: WorktreeRecord): Promise<string | undefined> {
  if (!(await exists(rec.path))) return 'its dir is missing';
  const entry = (await listWorktrees(rec.repo)).find((w) => w.path === rec.path);
  if (!entry) return 'git does not list it';
  if (entry.branch !== rec.branch) return `it is on ${entry.branch ?? 'a detached HEAD'}, not ${rec.branch}`;
  const dirty = await dirtyFiles(rec.path);
  if (dirty.length) return `${dirty.length} uncommitted change(s)`;
  const { ahead } = await aheadBehind(rec.repo, rec.base, rec.branch);
  if (ahead) return `${ahead} commit(s) on ${rec.branch}`;
  return undefined;
}

/** How long a closed pane's worktree waits for its claude to exit before it is looked at (launch.ts's EXIT_WAIT_MS). */
const EXIT_WAIT_MS = 3000;

/** When a pane with a worktree closes: once its program has exited, close the worktree. */
export function installWorktreeCleanup(server: Server): void {
  server.model.events.on('pane-closed', (pane) => {
    const facts = worktreeOf(pane);
    if (!facts) return;
    let timer: NodeJS.Timeout | undefined;
    const exited = Promise.race([pane.whenExited(), new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_WAIT_MS)))]);
    exited
      .then(() => {
        clearTimeout(timer);
        return closeWorktree(server, facts);
      })
      .then(
        (r) => {
          server.log.info({ pane: pane.id, worktree: facts.path, ...r }, r.kept ? 'worktree kept' : 'worktree removed');
          if (r.kept) server.notify(`worktree ${facts.name} kept (${r.why}): ccmux worktrees`);
        },
        (err) => server.log.error({ err, worktree: facts.path }, 'closing a worktree failed; it is kept'),
      );
  });
}

/** The state of a recorded worktree, for `ccmux worktrees` and doctor. */
export interface WorktreeState {
  exists: boolean;
  /** Listed by git (else: deleted by hand, or pruned). */
  listed: boolean;
  branchExists: boolean;
  locked?: string;
  dirty?: number;
  ahead?: number;
  behind?: number;
  /** ahead/behind are counted against this: the base ref as it is now, else the base commit. */
  against?: string;
  /** Commits on the branch that no other branch has. */
  merged?: boolean;
}

export async function worktreeState(rec: WorktreeRecord): Promise<WorktreeState> {
  const list = await listWorktrees(rec.repo).catch(() => [] as GitWorktree[]);
  const entry = list.find((w) => w.path === rec.path);
  const st: WorktreeState = { exists: await exists(rec.path), listed: !!entry, branchExists: await branchExists(rec.repo, rec.branch) };
  if (entry?.locked !== undefined) st.locked = entry.locked;
  if (st.exists && entry) st.dirty = (await dirtyFiles(rec.path).catch(() => [])).length;
  if (st.branchExists) {
    const now = rec.baseRef === 'HEAD' ? await commitOf(rec.repo, 'HEAD') : await commitOf(rec.repo, rec.baseRef);
    const against = now ?? rec.base;
    const ab = await aheadBehind(rec.repo, against, rec.branch).catch(() => undefined);
    if (ab) Object.assign(st, ab, { against: now ? rec.baseRef : rec.base.slice(0, 12) });
    st.merged = await branchMerged(rec.repo, rec.branch, rec.base).catch(() => false);
  }
  return st;
}

/**
 * Remove a recorded worktree and its branch (`ccmux worktrees remove`): refused while a
 * pane has it, and, without `force`, when it has uncommitted changes or its branch has
 * commits no other branch has.
 */
export async function removeRecorded(stateDir: string, rec: WorktreeRecord, force: boolean): Promise<void> {
  const st = await worktreeState(rec);
  if (!force) {
    if (st.dirty) throw new CommandError(`${rec.name} has ${st.dirty} uncommitted change(s): not removed (--force removes it anyway)`);
    if (st.branchExists && !st.merged) throw new CommandError(`${rec.name}: branch ${rec.branch} has commits no other branch has: not removed (merge it, or --force)`);
  }
  if (st.listed) {
    await unlockWorktree(rec.repo, rec.path);
    await removeWorktree(rec.repo, rec.path, force || !st.exists);
  }
  if (st.branchExists) await deleteBranch(rec.repo, rec.branch);
  await dropWorktree(stateDir, rec.path);
}
