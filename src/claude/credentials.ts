/*
 * Keeping a pane's OAuth login and the user's base login one and the same.
 *
 * A seeded pane's `.credentials.json` is a symlink to the base file, so every pane reads
 * the user's login. When claude refreshes the token it writes the file atomically without
 * following the link, so the pane ends up with a regular file holding the new tokens —
 * and because refresh tokens rotate, the base's copy may now be dead. syncCredentialsBack
 * (run periodically by the server and before a pane dir is removed) copies such a file
 * back to the base (temp file 0600 + rename, through a base file that is itself a
 * symlink) unless the base holds a later login, then puts the symlink back (again by
 * rename, so claude never sees the file missing). This is the only write ccmux ever does
 * into a base config dir.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CREDENTIALS_FILE, FILE_MODE } from './plan.js';

/** 'linked': the pane reads the base file; 'written-back': its own tokens were newer and were copied back. */
export type CredentialSync = 'linked' | 'written-back' | 'none';

function tmpName(file: string): string {
  return `${file}.tmp.${process.pid}.${randomBytes(6).toString('hex')}`;
}

/** Rounds to retry when claude rewrites the file while it is being synced. */
const MAX_ATTEMPTS = 3;

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function readOrNull(p: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** `claudeAiOauth.expiresAt` of a credentials file, when it has one. */
function expiresAt(content: Buffer): number | undefined {
  try {
    const value = (JSON.parse(content.toString('utf8')) as { claudeAiOauth?: { expiresAt?: unknown } })
      .claudeAiOauth?.expiresAt;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the pane's login is the later one: by token expiry when both have one, else by mtime. */
async function paneIsNewer(pane: Buffer, paneFile: string, base: Buffer, baseFile: string): Promise<boolean> {
  const paneExp = expiresAt(pane);
  const baseExp = expiresAt(base);
  if (paneExp !== undefined && baseExp !== undefined) return paneExp >= baseExp;
  const [p, b] = await Promise.all([fs.stat(paneFile), fs.stat(baseFile)]);
  return p.mtimeMs >= b.mtimeMs;
}

async function writeAtomically(file: string, content: Buffer): Promise<void> {
  const tmp = tmpName(file);
  const handle = await fs.open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | fsc.O_NOFOLLOW, FILE_MODE);
  try {
    await handle.writeFile(content);
    await handle.chmod(FILE_MODE);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

async function relink(paneFile: string, target: string): Promise<void> {
  const tmp = tmpName(paneFile);
  await fs.symlink(target, tmp);
  try {
    await fs.rename(tmp, paneFile);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Make the pane's `.credentials.json` a link to the base's again, first copying the pane's
 * own file back when it is a later login than the base's (or the base has none). Returns
 * 'none' when the pane has no credentials file, has a link pointing elsewhere, or the base
 * dir does not exist.
 */
export async function syncCredentialsBack(paneConfigDir: string, baseDir: string): Promise<CredentialSync> {
  const paneFile = path.join(paneConfigDir, CREDENTIALS_FILE);
  const baseFile = path.join(baseDir, CREDENTIALS_FILE);
  let result: CredentialSync = 'linked';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let st;
    try {
      st = await fs.lstat(paneFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
      throw err;
    }
    if (st.isSymbolicLink()) {
      if ((await fs.readlink(paneFile)) !== baseFile) return 'none';
      return attempt === 0 ? 'linked' : result;
    }
    if (!st.isFile() || !(await isDir(baseDir))) return 'none';

    const pane = await fs.readFile(paneFile);
    const base = await readOrNull(baseFile);
    if (base === null || (!pane.equals(base) && (await paneIsNewer(pane, paneFile, base, baseFile)))) {
      await writeAtomically(base === null ? baseFile : await fs.realpath(baseFile), pane);
      result = 'written-back';
    }
    const now = await fs.lstat(paneFile);
    if (now.ino === st.ino && now.mtimeMs === st.mtimeMs) {
      await relink(paneFile, baseFile);
      return result;
    }
    // claude refreshed again while we copied: take the newer file on the next round
  }
  return result;
}
