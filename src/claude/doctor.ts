/*
 * `ccmux doctor`, the judging half: from the facts doctor-facts.ts gathered (plain data:
 * what each Claude pane's dir, transcripts, `.claude.json`, live `sessions/<pid>.json`
 * files and process environment look like, and what lies in the state roots) decide per
 * pane whether its isolation holds, and render the verdict for people or for scripts.
 * Pure: nothing here touches a disk or a process.
 *
 *   problem  isolation is broken or unsafe (dir missing, a symlink, not 0700, not ours;
 *            the process runs with another config dir; two panes share a dir or a
 *            session; another claude writes into the dir; an orphaned dir)  → unhealthy
 *   warning  worth knowing, not broken (a /clear moved claude to another session, the
 *            process is gone, /proc unreadable)
 *   info     numbers (disk use, the credentials link), the kind of hooks and why
 *
 * Nothing secret is ever in the facts, so nothing secret can be in the output: the
 * environment carries only CLAUDE_CONFIG_DIR and HOME, credentials only their kind.
 */
import path from 'node:path';
import { DIR_MODE } from './plan.js';
import type { IsolationMethod } from '../config/claude-settings.js';
import type { PaneHooks } from './hook-kind.js';

export type CheckLevel = 'ok' | 'problem' | 'warning' | 'info';

export interface Check {
  level: CheckLevel;
  text: string;
}

/** An lstat, reduced to what the checks need. */
export interface EntryStat {
  kind: 'dir' | 'symlink' | 'file' | 'other';
  /** Permission bits (mode & 0o7777). */
  mode: number;
  uid: number;
  /** Where a symlink points. */
  target?: string;
}

/** A du-style walk: lstat only, links counted as themselves, hard links once. */
export interface DiskUsage {
  /** Apparent size (sum of st.size). */
  bytes: number;
  /** Space on disk (sum of st.blocks × 512), what `du` reports. */
  disk: number;
  files: number;
  dirs: number;
  links: number;
}

/** A `sessions/<pid>.json` file: a claude process that says it runs in this dir. */
export interface LiveSession {
  pid: number;
  sessionId?: string;
  alive: boolean;
}

/** Everything known about one Claude pane. */
export interface PaneFacts {
  /** `%N`. */
  id: string;
  pid?: number;
  method: IsolationMethod;
  dir?: string;
  profile?: string;
  /** The session ccmux started claude with. */
  sessionId: string;
  /** A prompt was submitted in this session (its transcript must then exist). */
  prompted?: boolean;
  /** The hooks its claude was given (http, command or off) and why. */
  hooks?: PaneHooks;
  /** lstat of `dir`; null when it does not exist. */
  stat?: EntryStat | null;
  /** Session ids of the transcripts `projects/<any>/<id>.jsonl` in the pane's config dir. */
  transcripts: string[];
  /** `lastSessionId` values of `.claude.json` `projects[...]`. */
  lastSessionIds: string[];
  claudeJsonError?: string;
  liveSessions: LiveSession[];
  /** CLAUDE_CONFIG_DIR and HOME of the pane's process (absent keys were unset). */
  env?: { CLAUDE_CONFIG_DIR?: string; HOME?: string };
  envError?: string;
  credentials?: 'link' | 'file' | 'missing';
  /**
   * The `[claude.seed] share` entries in the pane's config dir: `link`, still shared
   * read-write with the base config; `own`, a file or dir of the pane's own (claude
   * replaced the link); absent ones are not listed.
   */
  shared?: Array<{ name: string; kind: 'link' | 'own' }>;
  usage?: DiskUsage;
}

export interface DoctorFacts {
  stateDir: string;
  /** The user's uid: pane dirs must be theirs. */
  uid: number;
  /** `<state>/claude-configs` and `<state>/claude-homes`; stat null when absent. */
  roots: Array<{ path: string; stat: EntryStat | null }>;
  panes: PaneFacts[];
  /**
   * Entries of the roots that no live (or restorable) pane owns; `livePids`: claude
   * processes that say (sessions/<pid>.json) they run in it — another server's pane.
   */
  orphans: Array<{ path: string; stat: EntryStat; usage?: DiskUsage; livePids: number[] }>;
  /**
   * Crash recovery: checkpoints kept aside as damaged (`<name>.damaged-<time>.json`), and
   * why the last checkpoint write failed, if it did.
   */
  checkpoint?: { damaged: string[]; writeError?: string };
}

export interface PaneReport {
  facts: PaneFacts;
  checks: Check[];
}

export interface DoctorReport {
  healthy: boolean;
  stateDir: string;
  uid: number;
  panes: PaneReport[];
  orphans: Array<{ path: string; kind: EntryStat['kind']; usage?: DiskUsage; livePids: number[]; check: Check }>;
  /** Checks of the state roots themselves (only problems are listed). */
  state: Check[];
  problems: string[];
  warnings: string[];
}

const ok = (text: string): Check => ({ level: 'ok', text });
const problem = (text: string): Check => ({ level: 'problem', text });
const warning = (text: string): Check => ({ level: 'warning', text });
const info = (text: string): Check => ({ level: 'info', text });

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/** "12.0 KB": sizes as people read them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

function usageText(u: DiskUsage): string {
  return `${formatBytes(u.disk)} (${u.files} files, ${u.dirs} dirs, ${u.links} links)`;
}

function dirChecks(f: PaneFacts, uid: number): Check[] {
  const dir = f.dir!;
  const st = f.stat;
  if (!st) return [problem(`dir is missing: ${dir}`)];
  if (st.kind === 'symlink') return [problem(`dir is a symlink (to ${st.target ?? '?'}), not a real dir: ${dir}`)];
  if (st.kind !== 'dir') return [problem(`dir is not a directory (${st.kind}): ${dir}`)];
  const out = [ok('dir exists and is a real dir (not a symlink)')];
  const modeOk = (st.mode & 0o777) === DIR_MODE;
  const ownerOk = st.uid === uid;
  if (modeOk && ownerOk) out.push(ok(`mode ${octal(DIR_MODE)}, owned by you`));
  if (!modeOk) out.push(problem(`mode is ${octal(st.mode)}, expected ${octal(DIR_MODE)} (fix: chmod 700 ${dir})`));
  if (!ownerOk) out.push(problem(`owned by uid ${st.uid}, not by you (uid ${uid})`));
  return out;
}

function sessionChecks(f: PaneFacts): Check[] {
  const id = f.sessionId;
  const out: Check[] = [];
  if (f.transcripts.includes(id)) out.push(ok(`session ${id}: its transcript is here`));
  else if (f.prompted) out.push(problem(`session ${id}: its transcript is missing, though claude has had a prompt in it (deleted?)`));
  else out.push(ok(`session ${id}: no transcript yet (claude writes it at the first prompt)`));
  const others = f.transcripts.filter((t) => t !== id);
  if (others.length) {
    out.push(warning(`transcripts of other sessions in this dir: ${others.join(', ')} (after /clear; or another claude wrote here)`));
  }
  const last = f.lastSessionIds.filter((t) => t !== id);
  if (last.length) out.push(warning(`.claude.json says lastSessionId ${last.join(', ')}, not ${id}`));
  if (f.claudeJsonError) out.push(warning(`.claude.json: ${f.claudeJsonError}`));
  for (const s of f.liveSessions) {
    if (!s.alive) continue;
    if (f.pid !== undefined && s.pid !== f.pid) {
      out.push(problem(`another claude process (pid ${s.pid}${s.sessionId ? `, session ${s.sessionId}` : ''}) is using this dir`));
    } else if (s.sessionId && s.sessionId !== id) {
      out.push(warning(`claude now runs session ${s.sessionId}, not ${id} (after /clear?)`));
    }
  }
  return out;
}

function envChecks(f: PaneFacts): Check[] {
  if (f.pid === undefined) return [warning('claude is not running (the pane is dead): its environment cannot be checked')];
  if (!f.env) return [warning(`cannot read the environment of pid ${f.pid}: ${f.envError ?? 'unknown error'}`)];
  const show = (v: string | undefined) => (v === undefined ? 'unset' : v);
  const { CLAUDE_CONFIG_DIR: cfg, HOME: home } = f.env;
  if (f.method === 'config_dir') {
    return [cfg === f.dir
      ? ok(`process ${f.pid} has CLAUDE_CONFIG_DIR=${cfg}`)
      : problem(`process ${f.pid} has CLAUDE_CONFIG_DIR=${show(cfg)}, expected ${f.dir}`)];
  }
  if (f.method === 'home') {
    const out = [home === f.dir
      ? ok(`process ${f.pid} has HOME=${home}`)
      : problem(`process ${f.pid} has HOME=${show(home)}, expected ${f.dir}`)];
    if (cfg !== undefined) out.push(problem(`process ${f.pid} has CLAUDE_CONFIG_DIR=${cfg}, which overrides its HOME`));
    return out;
  }
  return [info(`process ${f.pid}: CLAUDE_CONFIG_DIR=${show(cfg)}, HOME=${show(home)} (method none: not isolated)`)];
}

/** The config dir a pane's claude really uses, from its environment. */
function effectiveConfigDir(f: PaneFacts): string | undefined {
  if (!f.env) return undefined;
  if (f.env.CLAUDE_CONFIG_DIR) return path.resolve(f.env.CLAUDE_CONFIG_DIR);
  return f.env.HOME ? path.join(f.env.HOME, '.claude') : undefined;
}

function sharingChecks(f: PaneFacts, all: PaneFacts[]): Check[] {
  const others = all.filter((o) => o !== f);
  const out: Check[] = [];
  const sameDir = others.filter((o) => f.dir !== undefined && o.dir === f.dir);
  const sameSession = others.filter((o) => o.sessionId === f.sessionId);
  const ids = (ps: PaneFacts[]) => ps.map((o) => o.id).join(', ');
  if (sameDir.length) out.push(problem(`shares its dir with ${ids(sameDir)}`));
  if (sameSession.length) out.push(problem(`shares session ${f.sessionId} with ${ids(sameSession)}`));
  const mine = effectiveConfigDir(f);
  const sameConfig = others.filter((o) => mine !== undefined && effectiveConfigDir(o) === mine && !sameDir.includes(o));
  if (sameConfig.length) {
    const isolated = f.method !== 'none' || sameConfig.some((o) => o.method !== 'none');
    const text = `its claude uses the same config dir as ${ids(sameConfig)}: ${mine}`;
    out.push(isolated ? problem(text) : warning(`${text} (method none: their .claude.json is shared)`));
  }
  if (out.length === 0) out.push(ok('no other pane shares its dir, config dir or session'));
  return out;
}

function infoChecks(f: PaneFacts): Check[] {
  const out: Check[] = [];
  if (f.credentials === 'link') out.push(info('credentials: linked to your base login'));
  else if (f.credentials === 'file') out.push(info('credentials: its own refreshed login (written back to your base config)'));
  const links = (f.shared ?? []).filter((e) => e.kind === 'link').map((e) => e.name);
  if (links.length) out.push(info(`shared read-write with your base config: ${links.join(', ')} (a change made in this pane, such as /model, is a change to yours, as with plain claude)`));
  for (const e of f.shared ?? []) {
    if (e.kind === 'own') out.push(warning(`${e.name} is this pane's own now, not your base config's (the link was replaced): changes made in this pane stay in it`));
  }
  if (f.usage) out.push(info(`disk used: ${usageText(f.usage)}`));
  return out;
}

/** Which hooks the pane's claude reports through, and why (http, or the fall-back). */
function hookChecks(f: PaneFacts): Check[] {
  return f.hooks ? [info(`hooks: ${f.hooks.kind} (${f.hooks.why})`)] : [];
}

function paneChecks(f: PaneFacts, all: PaneFacts[], uid: number): Check[] {
  if (f.method === 'none' || f.dir === undefined) {
    return [info('no isolated dir (method none)'), ...envChecks(f), ...sharingChecks(f, all), ...hookChecks(f)];
  }
  const dir = dirChecks(f, uid);
  const usable = f.stat?.kind === 'dir';
  return [
    ...dir,
    ...(usable ? sessionChecks(f) : []),
    ...envChecks(f),
    ...sharingChecks(f, all),
    ...(usable ? infoChecks(f) : []),
    ...hookChecks(f),
  ];
}

function rootChecks(facts: DoctorFacts): Check[] {
  const out: Check[] = [];
  for (const r of facts.roots) {
    if (!r.stat) continue;
    if (r.stat.kind !== 'dir') out.push(problem(`${r.path} is a ${r.stat.kind}, not a directory: no Claude pane can be created`));
    else if (r.stat.uid !== facts.uid) out.push(problem(`${r.path} is owned by uid ${r.stat.uid}, not by you (uid ${facts.uid})`));
    else if ((r.stat.mode & 0o022) !== 0) out.push(problem(`${r.path} is writable by others (mode ${octal(r.stat.mode)}; fix: chmod 700 ${r.path})`));
  }
  return out;
}

function checkpointChecks(facts: DoctorFacts): Check[] {
  const out: Check[] = [];
  const cp = facts.checkpoint;
  if (!cp) return out;
  if (cp.writeError) out.push(problem(`the last checkpoint could not be written (${cp.writeError}): a crash now would restore an older state`));
  for (const f of cp.damaged) {
    out.push(warning(`damaged checkpoint kept aside: ${f} (not restored; no pane dir it names is removed; delete it once you have looked at it)`));
  }
  return out;
}

function orphanCheck(o: DoctorFacts['orphans'][number]): Check {
  const size = o.usage ? ` (${formatBytes(o.usage.disk)})` : '';
  if (o.livePids.length) {
    return warning(`no pane of this server owns ${o.path}${size}, but claude (pid ${o.livePids.join(', ')}) runs in it: another ccmux server's pane?`);
  }
  return problem(`orphaned ${o.stat.kind === 'dir' ? 'dir' : o.stat.kind}: no pane owns ${o.path}${size}`);
}

/** Judge the facts: every check of every pane, the orphans, and the overall verdict. */
export function diagnose(facts: DoctorFacts): DoctorReport {
  const panes = facts.panes.map((f) => ({ facts: f, checks: paneChecks(f, facts.panes, facts.uid) }));
  const orphans = facts.orphans.map((o) => ({
    path: o.path,
    kind: o.stat.kind,
    ...(o.usage ? { usage: o.usage } : {}),
    livePids: o.livePids,
    check: orphanCheck(o),
  }));
  const state = [...rootChecks(facts), ...checkpointChecks(facts)];
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const p of panes) {
    for (const c of p.checks) {
      if (c.level === 'problem') problems.push(`${p.facts.id}: ${c.text}`);
      if (c.level === 'warning') warnings.push(`${p.facts.id}: ${c.text}`);
    }
  }
  for (const c of state) (c.level === 'problem' ? problems : warnings).push(c.text);
  for (const o of orphans) (o.check.level === 'problem' ? problems : warnings).push(o.check.text);
  return { healthy: problems.length === 0, stateDir: facts.stateDir, uid: facts.uid, panes, orphans, state, problems, warnings };
}

const MARK: Record<CheckLevel, string> = { ok: '✓', problem: '✗', warning: '!', info: '·' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The report for people: one block per pane, ✓/✗ lines, the orphans, a summary line. */
export function formatDoctorReport(r: DoctorReport): string {
  const lines: string[] = [`state dir: ${r.stateDir}`];
  if (r.state.length) lines.push(...r.state.map((c) => `  ${MARK[c.level]} ${c.text}`));
  for (const { facts: f, checks } of r.panes) {
    lines.push('');
    const profile = f.profile ? `, profile ${f.profile}` : '';
    lines.push(`${f.id}  ${f.method}${profile}${f.pid !== undefined ? `, pid ${f.pid}` : ''}`);
    if (f.dir) lines.push(`  dir ${f.dir}`);
    for (const c of checks) lines.push(`  ${MARK[c.level]} ${c.text}`);
  }
  if (r.panes.length === 0) lines.push('', 'no Claude panes');
  if (r.orphans.length) {
    lines.push('', 'orphans:');
    for (const o of r.orphans) lines.push(`  ${MARK[o.check.level]} ${o.check.text}`);
  }
  const counts = [
    plural(r.panes.length, 'Claude pane'),
    plural(r.orphans.length, 'orphan'),
    plural(r.problems.length, 'problem'),
    plural(r.warnings.length, 'warning'),
  ].join(', ');
  lines.push('', `${counts}: ${r.healthy ? 'healthy' : 'unhealthy'}`);
  return `${lines.join('\n')}\n`;
}

/** The report for scripts (`doctor --json`). */
export function doctorJson(r: DoctorReport): Record<string, unknown> {
  return {
    healthy: r.healthy,
    stateDir: r.stateDir,
    panes: r.panes.map(({ facts: f, checks }) => ({
      id: f.id,
      pid: f.pid ?? null,
      method: f.method,
      profile: f.profile ?? null,
      dir: f.dir ?? null,
      dirState: f.dir === undefined ? null : f.stat
        ? { exists: true, kind: f.stat.kind, realDir: f.stat.kind === 'dir', mode: octal(f.stat.mode), ownedByYou: f.stat.uid === r.uid }
        : { exists: false },
      sessionId: f.sessionId,
      transcripts: f.transcripts,
      lastSessionIds: f.lastSessionIds,
      liveSessions: f.liveSessions,
      env: f.env ?? null,
      credentials: f.credentials ?? null,
      usage: f.usage ?? null,
      healthy: !checks.some((c) => c.level === 'problem'),
      checks,
    })),
    orphans: r.orphans.map((o) => ({ path: o.path, kind: o.kind, usage: o.usage ?? null, livePids: o.livePids, problem: o.check.level === 'problem' })),
    problems: r.problems,
    warnings: r.warnings,
  };
}
