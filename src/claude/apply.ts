/*
 * The I/O edges of pane isolation: gathering what the planner needs from disk (the base
 * `.claude.json`, which base and home entries exist) and carrying a plan out.
 *
 * applyPlan is all-or-nothing: it records every dir, link and file it creates and, when
 * a step fails, removes them again (newest first) before throwing a ClaudeApplyError that
 * names the path. What already exists is kept as it is — a restored pane finds its dir,
 * its `.claude.json` and a credential file it refreshed untouched — but an existing dir is
 * only accepted when it is a real dir we own that nobody else can write to.
 */
import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ClaudePanePlan } from './plan.js';

export class ClaudeApplyError extends Error {
  override name = 'ClaudeApplyError';
  constructor(
    message: string,
    /** The path that could not be created or used. */
    readonly path: string,
  ) {
    super(message);
  }
}

/** What the planner needs to know about a base config. */
export interface BaseSnapshot {
  /** The parsed `.claude.json`; undefined when it is missing or not JSON. */
  claudeJson?: unknown;
  /** Why `.claude.json` could not be used, when it exists but is unreadable or corrupt. */
  jsonError?: string;
  /** Names in the base config dir (empty when the dir does not exist). */
  entries: string[];
}

function errCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (err instanceof Error ? err.message : String(err));
}

/**
 * The last parsed base `.claude.json` per path, reused while the file is the same (inode,
 * size, mtime in ns). A long-used one holds every project ever opened and parsing it is
 * most of a pane's start-up cost; while the user's sessions run in ccmux panes nothing
 * rewrites it, so each server parses it once. Readers never modify the parsed value.
 * File times are coarse (a kernel tick), so a file changed within the last
 * RACY_MS is not cached: a second write in the same tick could keep its key (git's
 * "racily clean" rule).
 */
const parsedBase = new Map<string, { key: string; value: unknown }>();
const RACY_MS = 2000;

async function readBaseJson(snapshot: BaseSnapshot, baseJsonPath: string): Promise<void> {
  let key: string;
  let racy: boolean;
  try {
    const st = await fs.stat(baseJsonPath, { bigint: true });
    key = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
    racy = Date.now() - Number(st.mtimeMs) < RACY_MS;
  } catch (err) {
    if (errCode(err) !== 'ENOENT') snapshot.jsonError = `cannot read ${baseJsonPath}: ${errCode(err)}`;
    return;
  }
  const cached = parsedBase.get(baseJsonPath);
  if (cached?.key === key) {
    snapshot.claudeJson = cached.value;
    return;
  }
  let text: string;
  try {
    text = await fs.readFile(baseJsonPath, 'utf8');
  } catch (err) {
    if (errCode(err) !== 'ENOENT') snapshot.jsonError = `cannot read ${baseJsonPath}: ${errCode(err)}`;
    return;
  }
  try {
    snapshot.claudeJson = JSON.parse(text);
    if (racy) parsedBase.delete(baseJsonPath);
    else parsedBase.set(baseJsonPath, { key, value: snapshot.claudeJson });
  } catch (err) {
    snapshot.jsonError = `${baseJsonPath} is not valid JSON: ${(err as Error).message}`;
  }
}

/** Read the base config: its `.claude.json` (at `baseJsonPath`) and the names in `baseDir`. */
export async function readBase(baseDir: string, baseJsonPath: string): Promise<BaseSnapshot> {
  const snapshot: BaseSnapshot = { entries: [] };
  const entries = fs.readdir(baseDir).then((names) => names.sort(), () => []);
  await readBaseJson(snapshot, baseJsonPath);
  snapshot.entries = await entries;
  return snapshot;
}

/** The entries of `names` (paths relative to `realHome`) that exist, dangling links excluded. */
export async function existingHomeEntries(realHome: string, names: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    try {
      await fs.stat(path.join(realHome, name));
      found.push(name);
    } catch {
      // absent: not linked
    }
  }
  return found;
}

type Created = { kind: 'dir' | 'link' | 'file'; path: string };

async function lstatOrNull(p: string) {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null;
    throw new ClaudeApplyError(`cannot use ${p}: ${errCode(err)}`, p);
  }
}

async function ensureDir(p: string, mode: number, created: Created[]): Promise<void> {
  const st = await lstatOrNull(p);
  if (st) {
    if (st.isSymbolicLink()) throw new ClaudeApplyError(`refusing to use ${p}: it is a symlink`, p);
    if (!st.isDirectory()) throw new ClaudeApplyError(`refusing to use ${p}: it is not a directory`, p);
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid) {
      throw new ClaudeApplyError(`refusing to use ${p}: it is owned by uid ${st.uid}, not by you (uid ${uid})`, p);
    }
    if ((st.mode & 0o022) !== 0) {
      throw new ClaudeApplyError(`refusing to use ${p}: others can write to it (fix with: chmod 700 ${p})`, p);
    }
    return;
  }
  let first: string | undefined;
  try {
    first = await fs.mkdir(p, { recursive: true, mode });
    await fs.chmod(p, mode);
  } catch (err) {
    throw new ClaudeApplyError(`cannot create ${p}: ${errCode(err)}`, p);
  } finally {
    if (first) {
      const made: string[] = [];
      for (let d = p; ; d = path.dirname(d)) {
        made.push(d);
        if (d === first || path.dirname(d) === d) break;
      }
      for (const d of made.reverse()) created.push({ kind: 'dir', path: d });
    }
  }
}

async function ensureLink(p: string, target: string, created: Created[]): Promise<void> {
  try {
    await fs.symlink(target, p);
    created.push({ kind: 'link', path: p });
  } catch (err) {
    if (errCode(err) === 'EEXIST') return;
    throw new ClaudeApplyError(`cannot create ${p}: ${errCode(err)}`, p);
  }
}

async function ensureFile(p: string, content: string, mode: number, created: Created[]): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(p, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | fsc.O_NOFOLLOW, mode);
  } catch (err) {
    if (errCode(err) === 'EEXIST') return;
    throw new ClaudeApplyError(`cannot create ${p}: ${errCode(err)}`, p);
  }
  created.push({ kind: 'file', path: p });
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
  } catch (err) {
    throw new ClaudeApplyError(`cannot write ${p}: ${errCode(err)}`, p);
  } finally {
    await handle.close();
  }
}

async function rollback(created: Created[]): Promise<void> {
  for (const item of [...created].reverse()) {
    try {
      if (item.kind === 'dir') await fs.rmdir(item.path);
      else await fs.unlink(item.path);
    } catch {
      // best effort: a dir something else wrote into stays
    }
  }
}

/**
 * Create the plan's dirs (mode as planned, parents too), links and files. On failure
 * everything created here is removed again and a ClaudeApplyError names the path.
 */
export async function applyPlan(plan: ClaudePanePlan): Promise<void> {
  const created: Created[] = [];
  try {
    for (const dir of plan.mkdirs) await ensureDir(dir.path, dir.mode, created);
    for (const link of plan.links) await ensureLink(link.path, link.target, created);
    for (const file of plan.files) await ensureFile(file.path, file.content, file.mode, created);
  } catch (err) {
    await rollback(created);
    if (err instanceof ClaudeApplyError) throw err;
    throw new ClaudeApplyError(`cannot set up ${plan.dir ?? 'the pane'}: ${errCode(err)}`, plan.dir ?? '');
  }
}
