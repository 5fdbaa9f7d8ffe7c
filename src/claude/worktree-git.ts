/*
 * The git commands ccmux runs for Claude panes' worktrees, and nothing else: each is
 * `git -C <dir> …` through execFile (async: the server never waits on git), with the
 * user's git config but no pager, no prompt and C messages. Only these ever change a
 * user's repository: `worktree add -b`, `worktree lock/unlock`, `worktree remove` and
 * `branch -D` — and the callers (worktree.ts) run them only on worktrees and branches
 * ccmux made and recorded (worktree-registry.ts). The rest only reads.
 */
import { execFile } from 'node:child_process';

/** A git command that failed: what git said. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Long enough for `worktree add` of a big checkout; a git that hangs longer is stopped. */
const GIT_TIMEOUT_MS = 120_000;

/** Run git in `dir`; its stdout. Throws GitError with git's own message. */
export function git(dir: string, args: readonly string[], env: Record<string, string | undefined> = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', dir, ...args],
      {
        encoding: 'utf8',
        timeout: GIT_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
      },
      (err, stdout, stderr) => {
        if (err) {
          const said = String(stderr).trim().split('\n').filter(Boolean).at(-1) ?? (err as Error).message;
          reject(new GitError(said.replace(/^(fatal|error): /, ''), String(stderr)));
        } else resolve(String(stdout));
      },
    );
  });
}

/** The top dir of the repository (the main worktree) `dir` is in, and `dir`'s own worktree top; undefined outside a repository. */
export async function repoOf(dir: string): Promise<{ top: string; main: string } | undefined> {
  let out: string;
  try {
    out = await git(dir, ['rev-parse', '--show-toplevel', '--path-format=absolute', '--git-common-dir']);
  } catch {
    return undefined;
  }
  const [top, common] = out.trim().split('\n');
  if (!top || !common) return undefined;
  // The common dir is <main>/.git for a normal repository (a bare one has no main worktree).
  const main = common.endsWith('/.git') ? common.slice(0, -'/.git'.length) : top;
  return { top, main };
}

/** The commit `ref` names in `repo`, or undefined. */
export async function commitOf(repo: string, ref: string): Promise<string | undefined> {
  try {
    return (await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Does `refs/heads/<branch>` exist in `repo`? */
export async function branchExists(repo: string, branch: string): Promise<boolean> {
  try {
    await git(repo, ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`]);
    return true;
  } catch {
    return false;
  }
}

/** Is `branch` a name git accepts for a branch? */
export async function validBranchName(repo: string, branch: string): Promise<boolean> {
  try {
    await git(repo, ['check-ref-format', '--branch', branch]);
    return true;
  } catch {
    return false;
  }
}

/** One entry of `git worktree list --porcelain`. */
export interface GitWorktree {
  path: string;
  head?: string;
  branch?: string;
  locked?: string;
  prunable?: boolean;
}

/** The worktrees git knows for `repo`. */
export async function listWorktrees(repo: string): Promise<GitWorktree[]> {
  const out = await git(repo, ['worktree', 'list', '--porcelain']);
  const list: GitWorktree[] = [];
  let cur: GitWorktree | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('worktree ')) list.push((cur = { path: line.slice(9) }));
    else if (!cur) continue;
    else if (line.startsWith('HEAD ')) cur.head = line.slice(5);
    else if (line.startsWith('branch ')) cur.branch = line.slice(7).replace(/^refs\/heads\//, '');
    else if (line === 'locked' || line.startsWith('locked ')) cur.locked = line.slice(7);
    else if (line === 'prunable' || line.startsWith('prunable ')) cur.prunable = true;
  }
  return list;
}

/** Make worktree `path` on a new branch `branch` at commit `base`. */
export async function addWorktree(repo: string, path: string, branch: string, base: string): Promise<void> {
  await git(repo, ['worktree', 'add', '--quiet', '-b', branch, '--', path, base]);
}

export async function lockWorktree(repo: string, path: string, reason: string): Promise<void> {
  await git(repo, ['worktree', 'lock', '--reason', reason, '--', path]);
}

/** Unlock; a worktree that is not locked is no error. */
export async function unlockWorktree(repo: string, path: string): Promise<void> {
  try {
    await git(repo, ['worktree', 'unlock', '--', path]);
  } catch (err) {
    if (!/not locked/.test((err as GitError).stderr ?? '')) throw err;
  }
}

/** `git worktree remove` (with `force`, also a dirty one). */
export async function removeWorktree(repo: string, path: string, force: boolean): Promise<void> {
  await git(repo, ['worktree', 'remove', ...(force ? ['--force'] : []), '--', path]);
}

/** Delete a branch ccmux made (the caller has checked it is merged, or was told --force). */
export async function deleteBranch(repo: string, branch: string): Promise<void> {
  await git(repo, ['branch', '-D', '--', branch]);
}

/** Uncommitted changes in a worktree (tracked or untracked, ignored files aside): `git status --porcelain` lines. */
export async function dirtyFiles(worktree: string): Promise<string[]> {
  const out = await git(worktree, ['status', '--porcelain', '--untracked-files=all']);
  return out.split('\n').filter(Boolean);
}

/** Commits on `branch` not in `base` (ahead) and in `base` not on `branch` (behind). */
export async function aheadBehind(repo: string, base: string, branch: string): Promise<{ ahead: number; behind: number }> {
  const out = await git(repo, ['rev-list', '--left-right', '--count', `${base}...refs/heads/${branch}`, '--']);
  const [behind, ahead] = out.trim().split(/\s+/).map(Number);
  return { ahead: ahead ?? 0, behind: behind ?? 0 };
}

/** Is every commit of `branch` in some other branch of `repo` (or in `base`)? Then deleting it loses nothing. */
export async function branchMerged(repo: string, branch: string, base: string): Promise<boolean> {
  const ahead = (await aheadBehind(repo, base, branch)).ahead;
  if (ahead === 0) return true;
  const out = await git(repo, ['branch', '--format=%(refname:short)', '--contains', `refs/heads/${branch}`]);
  return out.split('\n').some((b) => b && b !== branch);
}
