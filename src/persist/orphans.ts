/*
 * Isolated pane dirs over time: listing them with their owner, size and age (`ccmux du`),
 * and sweeping the orphans — dirs in claude-configs/ or claude-homes/ that no live or
 * closing pane and no checkpoint of any server owns (`ccmux gc`, and at server start).
 * Several servers (-L) share one state dir, so every server's checkpoint is consulted, and
 * a dir younger than MIN_ORPHAN_AGE_MS is never taken (another server may have just
 * created it).
 * Removal is the same symlink-safe deletion a closing pane uses, and, as for a closing
 * pane, the conversations in an orphan are first moved to the transcript archive (an
 * orphan is often a pane that was never restored: its history must not go with it).
 */
import fs from 'node:fs';
import { claudeOf } from '../claude/pane-info.js';
import path from 'node:path';
import type { Server } from '../server/server.js';
import { CONFIGS_ROOT, HOMES_ROOT } from '../claude/plan.js';
import { PANE_DIR_NAME, safeRemoveDir } from '../claude/safe-remove.js';
import { archiveTranscripts, projectsDirOf } from '../claude/transcripts.js';
import { closingClaudeDirs } from '../claude/closing.js';
import { claudeEnvOf } from '../claude/doctor-facts.js';
import { CheckpointStore } from './store.js';
import { checkpointDirs } from './checkpoint.js';

/** A dir this young may belong to a pane another server is starting right now. */
export const MIN_ORPHAN_AGE_MS = 60_000;

export interface IsolatedDir {
  path: string;
  root: string;
  bytes: number;
  mtimeMs: number;
  /** "%3 (live)", "work:1 (restorable)", or undefined for an orphan. */
  owner?: string;
}

/** Bytes under `p`, counting links as themselves (never following them). */
export function treeSize(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  let total = st.size;
  let names: string[] = [];
  try {
    names = fs.readdirSync(p);
  } catch {
    return total;
  }
  for (const n of names) total += treeSize(path.join(p, n));
  return total;
}

export function serversDir(stateDir: string): string {
  return path.join(stateDir, 'servers');
}

/** Who owns which dir: this server's live panes, then every server's checkpoint. */
export function dirOwners(server: Server): Map<string, string> {
  const owners = new Map<string, string>();
  for (const p of server.model.panes.values()) {
    const dir = claudeOf(p)?.dir;
    if (dir) owners.set(dir, `%${p.id} (live)`);
  }
  for (const d of closingClaudeDirs) if (!owners.has(d)) owners.set(d, 'closing');
  const { checkpoints, namedIn } = CheckpointStore.readAll(serversDir(server.opts.stateDir));
  for (const cp of checkpoints) {
    for (const d of checkpointDirs(cp.body)) if (!owners.has(d)) owners.set(d, cp.clean ? 'restorable (ccmux restore)' : 'restorable');
  }
  // A checkpoint that cannot be read (damaged, kept aside) still protects every dir it names.
  const dirs = paneDirs(server.opts.stateDir);
  if (namedIn.size) {
    for (const d of dirs) {
      const uuid = /^pane-(.*)$/.exec(path.basename(d))?.[1]?.toLowerCase();
      if (uuid && namedIn.has(uuid) && !owners.has(d)) owners.set(d, 'named in an unreadable checkpoint');
    }
  }
  // A dir a running process uses is not an orphan, whatever the checkpoints say: a pane of
  // another server that keeps no checkpoint (newer file, full disk, unwritable dir).
  const unowned = dirs.filter((d) => !owners.has(d));
  if (unowned.length) for (const [d, pid] of dirsInUse(unowned)) owners.set(d, `in use (pid ${pid})`);
  return owners;
}

/**
 * Which of `dirs` a running process of ours uses: as its CLAUDE_CONFIG_DIR or HOME (a
 * Claude pane's claude, and what it started), or as its working directory. Read from
 * /proc; a process that cannot be read is passed over.
 */
export function dirsInUse(dirs: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  const under = (p: string | undefined): string | undefined => (p ? dirs.find((d) => p === d || p.startsWith(`${d}/`)) : undefined);
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return found;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let hits: Array<string | undefined> = [];
    try {
      const env = claudeEnvOf(fs.readFileSync(`/proc/${pid}/environ`));
      hits = [under(env.CLAUDE_CONFIG_DIR), under(env.HOME)];
    } catch {
      /* gone, or not ours */
    }
    try {
      hits.push(under(fs.readlinkSync(`/proc/${pid}/cwd`)));
    } catch {
      /* gone, or not ours */
    }
    for (const d of hits) if (d && !found.has(d)) found.set(d, Number(pid));
    if (found.size === dirs.length) break;
  }
  return found;
}

/**
 * The pane roots (claude-configs/, claude-homes/) that are the state dir's own
 * directories, with their entries sorted; a root that is a symlink (or not a directory)
 * is never listed or swept — it leads out of the state dir (issue 13.7).
 */
export function paneRoots(stateDir: string): { roots: Array<{ root: string; names: string[] }>; refused: string[] } {
  const out = { roots: [] as Array<{ root: string; names: string[] }>, refused: [] as string[] };
  for (const rootName of [CONFIGS_ROOT, HOMES_ROOT]) {
    const root = path.join(stateDir, rootName);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(root);
    } catch {
      continue;
    }
    if (!st.isDirectory()) {
      out.refused.push(`${root}: ${st.isSymbolicLink() ? 'a symlink' : 'not a directory'}; pane dirs are only looked for in the state dir's own directories`);
      continue;
    }
    try {
      out.roots.push({ root, names: fs.readdirSync(root).sort() });
    } catch {
      /* unreadable */
    }
  }
  return out;
}

function paneDirs(stateDir: string): string[] {
  return paneRoots(stateDir).roots.flatMap(({ root, names }) => names.map((n) => path.join(root, n)));
}

/** Every pane dir under the state dir, with owner, size and age. */
export function listIsolatedDirs(server: Server): IsolatedDir[] {
  const owners = dirOwners(server);
  const out: IsolatedDir[] = [];
  for (const { root, names } of paneRoots(server.opts.stateDir).roots) {
    for (const n of names) {
      const p = path.join(root, n);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(p);
      } catch {
        continue;
      }
      out.push({ path: p, root, bytes: treeSize(p), mtimeMs: st.mtimeMs, owner: owners.get(p) });
    }
  }
  return out;
}

export interface SweepResult {
  removed: string[];
  /** Orphans found but left (dry run, "list" mode, or too young). */
  left: string[];
  errors: string[];
}

/** Remove (or with dryRun only report) orphaned pane dirs. */
export async function sweepOrphans(server: Server, o: { dryRun: boolean; now?: number }): Promise<SweepResult> {
  const res: SweepResult = { removed: [], left: [], errors: [...paneRoots(server.opts.stateDir).refused] };
  const now = o.now ?? Date.now();
  for (const d of listIsolatedDirs(server)) {
    if (d.owner) continue;
    const name = path.basename(d.path);
    if (!PANE_DIR_NAME.test(name) || now - d.mtimeMs < MIN_ORPHAN_AGE_MS || o.dryRun) {
      res.left.push(d.path);
      continue;
    }
    try {
      if (server.claude.isolation.keep_transcripts) await archiveOrphan(d, server.opts.stateDir);
      await safeRemoveDir(d.path, d.root);
      res.removed.push(d.path);
    } catch (err) {
      res.errors.push(`${d.path}: ${(err as Error).message}`);
    }
  }
  return res;
}

const TRANSCRIPT_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl$/;

/** Is `p` a real directory (lstat: a symlink is not)? */
function isRealDir(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The cwd a transcript records (claude writes it on every entry); '' when none does. */
function transcriptCwd(file: string): string {
  try {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      try {
        const cwd = (JSON.parse(line) as { cwd?: unknown }).cwd;
        if (typeof cwd === 'string' && path.isAbsolute(cwd)) return cwd;
      } catch {
        /* a damaged line */
      }
    }
  } catch {
    /* unreadable */
  }
  return '';
}

/**
 * Move an orphan's transcripts (`<uuid>.jsonl` under its projects/, each with the cwd it
 * records) into the archive. Nothing reached through a symlink is touched.
 */
async function archiveOrphan(d: IsolatedDir, stateDir: string): Promise<void> {
  const method = path.basename(d.root) === HOMES_ROOT ? 'home' : 'config_dir';
  const projects = projectsDirOf(d.path, method)!;
  const chain = method === 'home' ? [d.path, path.join(d.path, '.claude'), projects] : [d.path, projects];
  if (!chain.every(isRealDir)) return;
  for (const enc of fs.readdirSync(projects)) {
    const dir = path.join(projects, enc);
    if (!isRealDir(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (!TRANSCRIPT_NAME.test(name) || !fs.lstatSync(file).isFile()) continue;
      await archiveTranscripts(d.path, method, [name.slice(0, -'.jsonl'.length)], stateDir, { cwd: transcriptCwd(file) });
    }
  }
}
