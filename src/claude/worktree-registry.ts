/*
 * The worktrees ccmux made, one record each in `<state>/worktrees/<key>.json` (key: a
 * hash of the worktree's path). A record is written before `git worktree add` runs and
 * removed only after the worktree and its branch are gone, so a crash at any point leaves
 * a record of whatever git may have made. It is the one list of what ccmux may ever lock,
 * unlock or remove: a worktree or branch not recorded here is never touched.
 *
 *   { name, repo, path, branch, base, baseRef, createdAt,
 *     server?    the server whose Claude pane had it last (its lock names it too)
 *     closedAt?  its pane closed and it was kept }
 *
 * Which pane has it is not recorded here but found: a live pane's worktree facts, or a
 * checkpoint's Claude pane record (persist/checkpoint.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LIMITS } from '../core/limits.js';

export interface WorktreeRecord {
  /** The worktree's name (its dir's name, and `{name}` of the branch pattern). */
  name: string;
  /** The repository's main worktree (where `git -C` runs). */
  repo: string;
  path: string;
  branch: string;
  /** The commit the branch started at. */
  base: string;
  /** What the user named as the base (HEAD, or --base REF). */
  baseRef: string;
  createdAt: string;
  /** The server whose Claude pane had it last. */
  server?: string;
  /** When its pane closed and it was kept. */
  closedAt?: string;
}

export const WORKTREES_DIR = 'worktrees';

function fileOf(stateDir: string, worktreePath: string): string {
  const key = crypto.createHash('sha256').update(worktreePath).digest('hex').slice(0, 24);
  return path.join(stateDir, WORKTREES_DIR, `${key}.json`);
}

function valid(v: unknown): v is WorktreeRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const s = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= LIMITS.path && !x.includes('\0');
  return s(r.name) && s(r.repo) && s(r.path) && s(r.branch) && s(r.base) && s(r.baseRef) && path.isAbsolute(r.repo as string) && path.isAbsolute(r.path as string);
}

/** Write (or replace) the record of a worktree, atomically. */
export async function saveWorktree(stateDir: string, rec: WorktreeRecord): Promise<void> {
  const file = fileOf(stateDir, rec.path);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(rec, null, 1)}\n`, { mode: 0o600 });
  await fs.rename(tmp, file);
}

/** Forget a worktree (it and its branch are gone). */
export async function dropWorktree(stateDir: string, worktreePath: string): Promise<void> {
  await fs.rm(fileOf(stateDir, worktreePath), { force: true });
}

/** The record of the worktree at `worktreePath`, if ccmux made it. */
export async function findWorktree(stateDir: string, worktreePath: string): Promise<WorktreeRecord | undefined> {
  try {
    const rec: unknown = JSON.parse(await fs.readFile(fileOf(stateDir, worktreePath), 'utf8'));
    return valid(rec) && rec.path === worktreePath ? rec : undefined;
  } catch {
    return undefined;
  }
}

/** Every worktree ccmux made (unreadable records are skipped), oldest first. */
export async function allWorktrees(stateDir: string): Promise<WorktreeRecord[]> {
  const dir = path.join(stateDir, WORKTREES_DIR);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const out: WorktreeRecord[] = [];
  for (const n of names) {
    if (!n.endsWith('.json')) continue;
    try {
      const rec: unknown = JSON.parse(await fs.readFile(path.join(dir, n), 'utf8'));
      if (valid(rec) && fileOf(stateDir, rec.path) === path.join(dir, n)) out.push(rec);
    } catch {
      /* half-written by a killed writer: the .tmp is never read */
    }
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.path.localeCompare(b.path));
}

/** The recorded worktree `dir` is in (itself or below it), if any. */
export async function worktreeContaining(stateDir: string, dir: string): Promise<WorktreeRecord | undefined> {
  for (const rec of await allWorktrees(stateDir)) if (dir === rec.path || dir.startsWith(`${rec.path}/`)) return rec;
  return undefined;
}

/** Records named `name`: a name alone, or `repo_name/name` when two repositories have one. */
export async function worktreesNamed(stateDir: string, name: string): Promise<WorktreeRecord[]> {
  const all = await allWorktrees(stateDir);
  return all.filter((r) => r.name === name || `${path.basename(r.repo)}/${r.name}` === name || r.path === name || r.branch === name);
}
