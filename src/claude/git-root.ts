/*
 * The project root Claude Code keys a folder's trust by: the nearest ancestor of the real
 * (symlink-resolved) cwd that holds a `.git` entry (a dir, or a file in a worktree or
 * submodule), else the real cwd itself. Tiny and I/O-bound; the planner takes its result.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** The nearest ancestor of `dir` (itself included) containing `.git`, or undefined. */
export async function findGitRoot(dir: string): Promise<string | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      await fs.lstat(path.join(current, '.git'));
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

/** The real path of `cwd` (as claude's process.cwd() reports it), or `cwd` when it cannot be resolved. */
export async function realCwd(cwd: string): Promise<string> {
  try {
    return await fs.realpath(cwd);
  } catch {
    return path.resolve(cwd);
  }
}

/** The key of `cwd`'s entry in `.claude.json` `projects`: git root of the real cwd, or the real cwd. */
export async function projectRoot(cwd: string): Promise<string> {
  const real = await realCwd(cwd);
  return (await findGitRoot(real)) ?? real;
}
