/*
 * Keeping a pane's OAuth login and the user's base login one and the same.
 *
 * A seeded pane's `.credentials.json` is a symlink to the base file, so every pane reads
 * the user's login. When claude refreshes the token it writes the file atomically without
 * following the link, so the pane ends up with a regular file holding the new tokens —
 * and because refresh tokens rotate, the base's copy may now be dead. syncCredentialsBack
 * (run periodically by the server and before a pane dir is removed) copies such a file
 * back to the base (temp file 0600 + rename, through a base file that is itself a
 * symlink), then puts the symlink back (again by rename, so claude never sees the file
 * missing). Only a well-formed login (`claudeAiOauth` with an access token and a numeric
 * `expiresAt`) is ever written back, and only when it expires later than the base's — or
 * the base holds no well-formed login at all, and never one whose expiry is more than a
 * year ahead; anything else a pane leaves there is dropped and the link restored (issue
 * 13.4). (A program writing *through* the link changes the base file itself; no ccmux
 * code runs then — docs/reliability.md says so.) The login being replaced
 * is first copied to `.credentials.json.ccmux-backup` beside it (the two before it as
 * `.1` and `.2`). These are the only writes ccmux ever does into a base config dir.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CREDENTIALS_FILE, FILE_MODE } from './plan.js';

/**
 * 'linked': the pane reads the base file; 'written-back': its own tokens were newer and
 * were copied back; 'refused': the pane's file was not a well-formed login and was dropped.
 */
export type CredentialSync = 'linked' | 'written-back' | 'refused' | 'none';

/** Beside the base login: the one a write-back last replaced (0600, like the login itself). */
export const BACKUP_SUFFIX = '.ccmux-backup';

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

/** An OAuth token lives hours; an expiry further ahead than this is not a real login's. */
const MAX_EXPIRY_AHEAD_MS = 366 * 86_400_000;
/** Replaced logins kept beside the base one: .ccmux-backup (the last), .ccmux-backup.1, .2. */
const BACKUPS = 3;

/**
 * The expiry of a well-formed login (`{"claudeAiOauth":{accessToken, refreshToken?,
 * expiresAt, …}}`, as claude writes it), or undefined for anything else — an expiry more
 * than a year ahead included (no real token has one; a forged file that would win every
 * comparison does).
 */
export function loginExpiry(content: Buffer | null, now = Date.now()): number | undefined {
  if (content === null) return undefined;
  try {
    const oauth = (JSON.parse(content.toString('utf8')) as { claudeAiOauth?: Record<string, unknown> } | null)?.claudeAiOauth;
    if (typeof oauth !== 'object' || oauth === null) return undefined;
    if (typeof oauth.accessToken !== 'string' || oauth.accessToken === '') return undefined;
    if (oauth.refreshToken !== undefined && typeof oauth.refreshToken !== 'string') return undefined;
    const exp = oauth.expiresAt;
    return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 && exp <= now + MAX_EXPIRY_AHEAD_MS ? exp : undefined;
  } catch {
    return undefined;
  }
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

/**
 * Keep the login about to be replaced: the newest backup is `.ccmux-backup`, older ones
 * move to `.1` and `.2` — so the last few logins survive even a run of bad write-backs.
 */
async function keepBackup(baseFile: string, content: Buffer): Promise<void> {
  const name = (i: number) => baseFile + BACKUP_SUFFIX + (i ? `.${i}` : '');
  const newest = await readOrNull(name(0));
  if (newest !== null && newest.equals(content)) return;
  for (let i = BACKUPS - 1; i > 0; i--) {
    try {
      await fs.rename(name(i - 1), name(i));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  await writeAtomically(name(0), content);
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
 * own file back when it is a well-formed login that expires later than the base's (or the
 * base has no well-formed one), keeping the replaced base login beside it
 * (`.credentials.json.ccmux-backup`). Returns
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
    const paneExp = loginExpiry(pane);
    const baseExp = loginExpiry(base);
    if (paneExp === undefined) {
      result = 'refused';
    } else if (baseExp === undefined || paneExp > baseExp) {
      if (base !== null) await keepBackup(baseFile, base);
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
