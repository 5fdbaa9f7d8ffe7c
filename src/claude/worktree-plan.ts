/*
 * Planning a Claude pane's worktree, pure: which name (given, or the first free
 * `claude-N`), where it goes (`[claude.worktree] dir` with {repo}, {repo_name} and ~),
 * which branch (`branch` with {name}), and where in it the pane starts (the same subdir
 * of the repository the pane was asked to start in). The I/O — what exists, what git
 * says — is done by worktree.ts and handed in.
 */
import path from 'node:path';
import type { WorktreeSettings } from '../config/claude-settings.js';

/** A worktree name: a dir name and a branch component — letters, digits, ".", "_", "-", not starting with "." or "-". */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

/** Why `name` cannot name a worktree, or undefined. */
export function badWorktreeName(name: string): string | undefined {
  if (!NAME.test(name) || name.endsWith('.lock') || name.includes('..')) {
    return `invalid worktree name: ${JSON.stringify(name)} (letters, digits, ".", "_" and "-", at most 64, not starting with "." or "-")`;
  }
  return undefined;
}

/** The dir worktrees of `repo` go in. */
export function worktreesDir(settings: WorktreeSettings, repo: string, home: string): string {
  let d = settings.dir.replaceAll('{repo}', repo).replaceAll('{repo_name}', path.basename(repo));
  if (d === '~' || d.startsWith('~/')) d = path.join(home, d.slice(1));
  return path.resolve(repo, d);
}

/** The branch of worktree `name`. */
export function branchFor(settings: WorktreeSettings, name: string): string {
  return settings.branch.replaceAll('{name}', name);
}

/** The first `claude-N` for which `taken(name)` is false. */
export async function freeName(taken: (name: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const name = `claude-${n}`;
    if (!(await taken(name))) return name;
  }
}

/** Where in the worktree a pane asked to start at `cwd` (inside the worktree `top`) starts. */
export function cwdInWorktree(top: string, cwd: string, worktree: string): string {
  const rel = path.relative(top, cwd);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? path.join(worktree, rel) : worktree;
}

/** The reason a running pane's worktree is locked with (`git worktree lock --reason`). */
export function lockReason(server: string, pid = process.pid): string {
  return `ccmux: a Claude pane of server ${server} (pid ${pid}) is using it`;
}
