/*
 * `ccmux doctor`, the looking half: gathers, for each Claude pane the server holds, what
 * its dir, its transcripts, its `.claude.json`, its live `sessions/<pid>.json` files and
 * its process's environment (`/proc/<pid>/environ`) look like, and which entries of
 * `<state>/claude-configs` and `<state>/claude-homes` no pane owns. doctor.ts judges them.
 *
 * Read-only and never following a symlink: every walk lstat()s, a pane dir that became a
 * link is reported as one and not entered. Only CLAUDE_CONFIG_DIR and HOME are taken from
 * a process's environment (it also holds API keys), and only the kind of the credentials
 * file is looked at, never its content.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DiskUsage, DoctorFacts, EntryStat, LiveSession, PaneFacts } from './doctor.js';
import { CONFIGS_ROOT, CREDENTIALS_FILE, HOMES_ROOT } from './plan.js';
import type { IsolationMethod } from '../config/claude-settings.js';
import type { PaneHooks } from './hook-kind.js';
import { projectsDirOf } from './transcripts.js';
import { pidAlive } from '../core/pid-alive.js';

/** What the server knows of a Claude pane (its ClaudePaneInfo, its id and pid). */
export interface DoctorPaneRef {
  id: string;
  pid?: number;
  claude: { method: IsolationMethod; dir?: string; profile?: string; sessionId: string; hooks?: PaneHooks };
  /** Claude reported a prompt in this session (awareness). */
  prompted?: boolean;
}

export interface DoctorInput {
  stateDir: string;
  uid: number;
  panes: DoctorPaneRef[];
  /** Dirs no one may call orphans: the live panes' and (with persistence) restorable ones. */
  keep: ReadonlySet<string>;
  /** The checkpoint's health, when this server keeps one. */
  checkpoint?: DoctorFacts['checkpoint'];
  /** The `[claude.seed] share` entries (linked from the base config into each pane). */
  share?: readonly string[];
}

/** The only variables doctor reads from a process's environment. */
const ENV_NAMES = ['CLAUDE_CONFIG_DIR', 'HOME'] as const;

function errText(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);
}

async function lstatOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.lstat(p);
  } catch {
    return null;
  }
}

async function entryStat(p: string): Promise<EntryStat | null> {
  const st = await lstatOrNull(p);
  if (!st) return null;
  const kind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  const out: EntryStat = { kind, mode: st.mode & 0o7777, uid: st.uid };
  if (kind === 'symlink') out.target = await fs.readlink(p).catch(() => '?');
  return out;
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch {
    return [];
  }
}

/**
 * Disk used by the tree at `p`, du-style: lstat only (a symlink counts as itself, its
 * target is never visited), hard links counted once, never leaving p's filesystem.
 */
export async function diskUsage(p: string): Promise<DiskUsage> {
  const u: DiskUsage = { bytes: 0, disk: 0, files: 0, dirs: 0, links: 0 };
  const seen = new Set<string>();
  const top = await lstatOrNull(p);
  if (!top) return u;
  const walk = async (q: string, st: Stats): Promise<void> => {
    if (st.nlink > 1 && !st.isDirectory()) {
      const key = `${st.dev}:${st.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    u.bytes += st.size;
    u.disk += st.blocks * 512;
    if (st.isSymbolicLink()) u.links++;
    else if (st.isDirectory()) {
      u.dirs++;
      if (st.dev !== top.dev) return;
      for (const name of await readdirOrEmpty(q)) {
        const child = path.join(q, name);
        const cst = await lstatOrNull(child);
        if (cst) await walk(child, cst);
      }
    } else u.files++;
  };
  await walk(p, top);
  return u;
}

/** CLAUDE_CONFIG_DIR and HOME of a process (absent when unset), from /proc/<pid>/environ. */
export async function readProcessEnv(pid: number): Promise<{ CLAUDE_CONFIG_DIR?: string; HOME?: string }> {
  return claudeEnvOf(await fs.readFile(`/proc/${pid}/environ`));
}

/** CLAUDE_CONFIG_DIR and HOME from the bytes of a /proc/<pid>/environ. */
export function claudeEnvOf(raw: Buffer): { CLAUDE_CONFIG_DIR?: string; HOME?: string } {
  const out: { CLAUDE_CONFIG_DIR?: string; HOME?: string } = {};
  for (const entry of raw.toString('utf8').split('\0')) {
    for (const name of ENV_NAMES) {
      if (entry.startsWith(`${name}=`)) out[name] = entry.slice(name.length + 1);
    }
  }
  return out;
}

/** Session ids of the regular `projects/<any>/<id>.jsonl` files. */
async function transcriptIds(projects: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const sub of await readdirOrEmpty(projects)) {
    const dir = path.join(projects, sub);
    if (!(await lstatOrNull(dir))?.isDirectory()) continue;
    for (const name of await readdirOrEmpty(dir)) {
      if (!name.endsWith('.jsonl')) continue;
      if ((await lstatOrNull(path.join(dir, name)))?.isFile()) ids.add(name.slice(0, -'.jsonl'.length));
    }
  }
  return [...ids].sort();
}

async function readRegularJson(file: string): Promise<unknown> {
  const st = await lstatOrNull(file);
  if (!st) return undefined;
  if (!st.isFile()) throw new Error(`${path.basename(file)} is not a regular file`);
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

async function lastSessionIds(jsonPath: string): Promise<{ ids: string[]; error?: string }> {
  let config: unknown;
  try {
    config = await readRegularJson(jsonPath);
  } catch (err) {
    return { ids: [], error: err instanceof SyntaxError ? `not valid JSON: ${err.message}` : errText(err) };
  }
  const projects = (config as { projects?: unknown } | undefined)?.projects;
  const ids = new Set<string>();
  if (projects && typeof projects === 'object') {
    for (const entry of Object.values(projects as Record<string, unknown>)) {
      const id = (entry as { lastSessionId?: unknown } | null)?.lastSessionId;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return { ids: [...ids].sort() };
}

/** The `sessions/<pid>.json` files of a config dir: which claude processes say they run which session. */
export async function liveSessions(dir: string): Promise<LiveSession[]> {
  const out: LiveSession[] = [];
  for (const name of await readdirOrEmpty(dir)) {
    if (!/^\d+\.json$/.test(name)) continue;
    const pid = Number(name.slice(0, -'.json'.length));
    let sessionId: string | undefined;
    try {
      const v = (await readRegularJson(path.join(dir, name))) as { sessionId?: unknown } | undefined;
      if (typeof v?.sessionId === 'string') sessionId = v.sessionId;
    } catch {
      // claude rewrites the file in place; a torn read tells nothing
    }
    out.push({ pid, alive: pidAlive(pid), ...(sessionId ? { sessionId } : {}) });
  }
  return out;
}

async function paneFacts(ref: DoctorPaneRef, share: readonly string[]): Promise<PaneFacts> {
  const { method, dir, profile, sessionId } = ref.claude;
  const f: PaneFacts = { id: ref.id, method, sessionId, transcripts: [], lastSessionIds: [], liveSessions: [] };
  if (ref.pid !== undefined) f.pid = ref.pid;
  if (profile) f.profile = profile;
  if (ref.prompted) f.prompted = true;
  if (ref.claude.hooks) f.hooks = ref.claude.hooks;
  if (ref.pid !== undefined) {
    try {
      f.env = await readProcessEnv(ref.pid);
    } catch (err) {
      f.envError = errText(err);
    }
  }
  if (method === 'none' || dir === undefined) return f;
  f.dir = dir;
  f.stat = await entryStat(dir);
  if (f.stat?.kind !== 'dir') return f;
  const configDir = method === 'home' ? path.join(dir, '.claude') : dir;
  const [transcripts, last, live, creds, usage] = await Promise.all([
    transcriptIds(projectsDirOf(dir, method)!),
    lastSessionIds(path.join(dir, '.claude.json')),
    liveSessions(path.join(configDir, 'sessions')),
    lstatOrNull(path.join(configDir, CREDENTIALS_FILE)),
    diskUsage(dir),
  ]);
  f.transcripts = transcripts;
  f.lastSessionIds = last.ids;
  if (last.error) f.claudeJsonError = last.error;
  f.liveSessions = live;
  f.credentials = !creds ? 'missing' : creds.isSymbolicLink() ? 'link' : 'file';
  const shared: NonNullable<PaneFacts['shared']> = [];
  for (const name of share) {
    const st = await lstatOrNull(path.join(configDir, name));
    if (st) shared.push({ name, kind: st.isSymbolicLink() ? 'link' : 'own' });
  }
  f.shared = shared;
  f.usage = usage;
  return f;
}

/** Everything doctor judges; read-only. */
export async function gatherDoctorFacts(input: DoctorInput): Promise<DoctorFacts> {
  const roots = [CONFIGS_ROOT, HOMES_ROOT].map((r) => path.join(input.stateDir, r));
  const rootFacts = await Promise.all(roots.map(async (p) => ({ path: p, stat: await entryStat(p) })));
  const orphans: DoctorFacts['orphans'] = [];
  for (const root of rootFacts) {
    if (root.stat?.kind !== 'dir') continue;
    for (const name of await readdirOrEmpty(root.path)) {
      const p = path.join(root.path, name);
      if (input.keep.has(p)) continue;
      const stat = await entryStat(p);
      if (!stat) continue;
      if (stat.kind !== 'dir') {
        orphans.push({ path: p, stat, livePids: [] });
        continue;
      }
      const live = [...(await liveSessions(path.join(p, 'sessions'))), ...(await liveSessions(path.join(p, '.claude', 'sessions')))];
      const livePids = live.filter((s) => s.alive).map((s) => s.pid);
      orphans.push({ path: p, stat, usage: await diskUsage(p), livePids });
    }
  }
  return {
    stateDir: input.stateDir,
    uid: input.uid,
    roots: rootFacts,
    panes: await Promise.all(input.panes.map((p) => paneFacts(p, input.share ?? []))),
    orphans,
    ...(input.checkpoint ? { checkpoint: input.checkpoint } : {}),
  };
}
