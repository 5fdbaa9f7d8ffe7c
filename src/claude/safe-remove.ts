/*
 * Removing a Claude pane's dir without ever deleting anything outside it.
 *
 * A pane dir is full of symlinks into the user's real files (a `home` pane links `~/.ssh`,
 * every pane links the base `.credentials.json`), so the walk lstat()s every entry and
 * unlinks links instead of following them; it never descends into another filesystem (a
 * bind mount inside the dir is left alone and reported). The dir itself must be named
 * `pane-<uuid>` and sit directly inside the root — checked on the path as given (no "..",
 * no "."), and again on the root's real path, which is where the walk then happens, so a
 * symlink in the path cannot redirect it; a root that is itself a symlink is refused. A pane dir replaced by a symlink loses only the
 * link. Node has no unlinkat(), so a dir swapped for a symlink between lstat and readdir is
 * caught by comparing inode and device before and after; the dirs are 0700 in a 0700 state
 * dir, so only the user's own processes could try.
 */
import fs from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

export class SafeRemoveError extends Error {
  override name = 'SafeRemoveError';
}

/** What safeRemoveDir did. */
export type RemoveResult = 'removed' | 'link-removed' | 'absent';

/** The only names a removable pane dir can have. */
export const PANE_DIR_NAME = /^pane-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function hasDotSegment(p: string): boolean {
  return p.split('/').some((s) => s === '..' || s === '.');
}

function refuse(dir: string, why: string): never {
  throw new SafeRemoveError(`refusing to remove ${dir}: ${why}`);
}

async function lstatOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Check `dir` against `root` and return the path to walk: the pane dir under the root's real path. */
async function checkedTarget(dir: string, root: string): Promise<string | null> {
  if (!path.isAbsolute(dir) || !path.isAbsolute(root)) refuse(dir, 'paths must be absolute');
  if (hasDotSegment(dir) || hasDotSegment(root)) refuse(dir, 'the path contains "." or ".."');
  const normDir = path.normalize(dir).replace(/(.)\/+$/, '$1');
  const normRoot = path.normalize(root).replace(/(.)\/+$/, '$1');
  if (path.dirname(normDir) !== normRoot) refuse(dir, `it is not directly inside ${root}`);
  const name = path.basename(normDir);
  if (!PANE_DIR_NAME.test(name)) refuse(dir, 'it is not named pane-<uuid>');
  // Pane creation refuses a root that is a symlink; removal does too (issue 13.7): such a
  // root leads out of the state dir, and what is there is not ccmux's.
  const rootSt = await lstatOrNull(normRoot);
  if (!rootSt) return null;
  if (!rootSt.isDirectory()) refuse(dir, `its root ${root} is ${rootSt.isSymbolicLink() ? 'a symlink' : 'not a directory'}`);
  let realRoot: string;
  try {
    realRoot = await fs.realpath(normRoot);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (realRoot === path.parse(realRoot).root) refuse(dir, 'the root resolves to a filesystem root');
  return path.join(realRoot, name);
}

interface Walk {
  dev: number;
  skipped: string[];
}

async function removeTree(dir: string, st: Stats, walk: Walk): Promise<void> {
  if (st.dev !== walk.dev) {
    walk.skipped.push(dir);
    return;
  }
  const names = await fs.readdir(dir);
  const again = await fs.lstat(dir);
  if (!again.isDirectory() || again.ino !== st.ino || again.dev !== st.dev) {
    throw new SafeRemoveError(`refusing to continue removing ${dir}: it changed while being removed`);
  }
  for (const name of names) {
    const child = path.join(dir, name);
    const cst = await lstatOrNull(child);
    if (!cst) continue;
    if (cst.isDirectory()) await removeTree(child, cst, walk);
    else await fs.unlink(child);
  }
  if (!walk.skipped.some((s) => s.startsWith(`${dir}/`))) await fs.rmdir(dir);
}

/**
 * Remove the pane dir `dir`, which must be `<root>/pane-<uuid>`, without following any
 * symlink and without crossing into another filesystem. Throws SafeRemoveError when the
 * paths do not qualify or something had to be left behind.
 */
export async function safeRemoveDir(dir: string, root: string): Promise<RemoveResult> {
  const target = await checkedTarget(dir, root);
  if (!target) return 'absent';
  const rootSt = await fs.lstat(path.dirname(target));
  const st = await lstatOrNull(target);
  if (!st) return 'absent';
  if (!st.isDirectory()) {
    await fs.unlink(target);
    return st.isSymbolicLink() ? 'link-removed' : 'removed';
  }
  if (st.dev !== rootSt.dev) refuse(dir, 'it is on another filesystem than its root');
  const walk: Walk = { dev: rootSt.dev, skipped: [] };
  await removeTree(target, st, walk);
  if (walk.skipped.length > 0) {
    throw new SafeRemoveError(
      `left ${walk.skipped.join(', ')} in place: on another filesystem (unmount it, then remove ${dir})`,
    );
  }
  return 'removed';
}
