/*
 * The checkpoint: what the server writes to disk so its sessions survive a crash, a
 * reboot or a `kill-server`, and what it reads back. Pure — the model in, a string out,
 * and the reverse with full validation (the file is untrusted input after a power loss
 * or a hand edit).
 *
 *   { "format": 1, "ccmux": "0.1.0", "savedAt": ISO, "clean": bool, "checksum": sha256,
 *     "body": { sessions: [ { name, windows: [ { index, name?, layout, active, zoomed,
 *               panes: [ { id, cwd, command?, title, claude? } ] } ], current, last? } ] } }
 *
 * A window linked into several sessions (link-window, a session group) is recorded whole
 * in the first session that has it and as a link — `links: [ { index, session, window } ]`,
 * the window at index `window` of session `session` — in the others; a session of a
 * group names it (`group`). Both were added without a format change: a checkpoint
 * without them is one with no links and no groups.
 * A session's `path` (#{session_path}, the directory new-session ran in) was added the
 * same way: without it, the restored session's path is empty.
 *
 * A Claude pane's `claude` record may hold `worktree` (name, path, branch, base, baseRef,
 * repo: the git worktree it runs in): added without a format change, since a ccmux that
 * does not know it ignores it and a record without it is a pane without a worktree.
 * An agent team's teammate pane has `teammate` (its name and team) and no `command`:
 * Claude Code puts provider keys in a teammate's command line, and a crash restore does
 * not start teammates again (ADR teammate-panes); added the same way.
 *
 * `clean` is true only after an explicit kill-server: such a checkpoint is restored on
 * request (`ccmux restore`), any other (crash, SIGTERM at shutdown) automatically. The
 * checksum covers the body, so a half-written file is recognised. Environment variables
 * are never stored (they may hold secrets).
 */
import crypto from 'node:crypto';
import { parseLayout, listPanes, type LayoutNode } from '../core/layout/layout.js';
import { validateName } from '../core/target.js';
import { LIMITS, UUID } from '../core/limits.js';
import type { ClaudePaneInfo, WorktreeFacts } from '../claude/pane-info.js';

export const CHECKPOINT_FORMAT = 1;


export interface PaneRecord {
  id: number;
  cwd: string;
  /** argv the pane was started with; absent for the default shell. */
  command?: string[];
  title?: string;
  claude?: ClaudeRecord;
  /** The pane ran an agent team's teammate (claude/teammate.ts). */
  teammate?: TeammateRecord;
}

/** What a checkpoint keeps of a teammate pane: who it was, nothing to start it again with. */
export interface TeammateRecord {
  name?: string;
  team?: string;
}

/** A Claude pane's isolation record (see ClaudePaneInfo) and the cwd claude was started in (--resume must use the same). */
export interface ClaudeRecord extends ClaudePaneInfo {
  cwd: string;
  /** The git worktree ccmux made for the pane (claude/worktree.ts). */
  worktree?: WorktreeFacts;
}

export interface WindowRecord {
  index: number;
  name?: string;
  layout: LayoutNode;
  active: number;
  zoomed: boolean;
  cols: number;
  rows: number;
  panes: PaneRecord[];
}

/** A window recorded whole in another session, linked into this one at `index`. */
export interface LinkRecord {
  index: number;
  /** The session whose `windows` record it, and its index there. */
  session: string;
  window: number;
}

export interface SessionRecord {
  name: string;
  current: number;
  last?: number;
  windows: WindowRecord[];
  links?: LinkRecord[];
  /** The session group it is in (new-session -t). */
  group?: string;
  /** The directory it was made in (#{session_path}); added without a format change. */
  path?: string;
}

export interface CheckpointBody {
  sessions: SessionRecord[];
}

export interface Checkpoint {
  format: number;
  ccmux: string;
  savedAt: string;
  clean: boolean;
  body: CheckpointBody;
}

export class CheckpointError extends Error {
  constructor(
    message: string,
    readonly kind: 'corrupt' | 'newer',
  ) {
    super(message);
  }
}

function checksum(body: CheckpointBody): string {
  return crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Serialise a checkpoint; the checksum is over the body as written. */
export function encodeCheckpoint(body: CheckpointBody, version: string, clean: boolean, now = new Date()): string {
  return JSON.stringify({ format: CHECKPOINT_FORMAT, ccmux: version, savedAt: now.toISOString(), clean, checksum: checksum(body), body }) + '\n';
}

/**
 * Parse and verify a checkpoint file's text. Throws CheckpointError saying what is wrong —
 * and nothing else: a body nested thousands deep overflows the stack in JSON.stringify or
 * the layout parser (RangeError), which must not stop the server from starting either.
 */
export function decodeCheckpoint(text: string): Checkpoint {
  try {
    return decodeUnchecked(text);
  } catch (err) {
    if (err instanceof CheckpointError) throw err;
    throw new CheckpointError(`unreadable (${err instanceof Error ? err.message : String(err)})`, 'corrupt');
  }
}

function decodeUnchecked(text: string): Checkpoint {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CheckpointError('not valid JSON (truncated or damaged)', 'corrupt');
  }
  if (!isObj(raw)) throw new CheckpointError('not a JSON object', 'corrupt');
  if (typeof raw.format !== 'number') throw new CheckpointError('no format number', 'corrupt');
  if (raw.format > CHECKPOINT_FORMAT) {
    throw new CheckpointError(`written by a newer ccmux (${String(raw.ccmux)}, format ${raw.format}; this one reads format ${CHECKPOINT_FORMAT})`, 'newer');
  }
  if (!isObj(raw.body)) throw new CheckpointError('no body', 'corrupt');
  if (raw.checksum !== checksum(raw.body as unknown as CheckpointBody)) throw new CheckpointError('checksum mismatch (half-written or edited)', 'corrupt');
  const body = validateBody(raw.body);
  return { format: raw.format, ccmux: String(raw.ccmux ?? '?'), savedAt: String(raw.savedAt ?? ''), clean: raw.clean === true, body };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(at: string, what: string): never {
  throw new CheckpointError(`${at}: ${what}`, 'corrupt');
}

function int(v: unknown, at: string, min = 0, max = 1_000_000): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(at, `expected an integer from ${min} to ${max}`);
  return v + 0; // -0 becomes 0: JSON "-0" (one inserted byte) passes the checksum, which is over the re-stringified body
}

function str(v: unknown, at: string, max: number = LIMITS.path): string {
  if (typeof v !== 'string' || v.length > max || v.includes('\0')) fail(at, 'expected a string');
  return v;
}

function validateClaude(v: unknown, at: string): ClaudeRecord {
  if (!isObj(v)) fail(at, 'expected an object');
  const method = v.method;
  if (method !== 'config_dir' && method !== 'home' && method !== 'none') fail(`${at}.method`, 'expected config_dir, home or none');
  const rec: ClaudeRecord = {
    method,
    sessionId: str(v.sessionId, `${at}.sessionId`, 64),
    uuid: str(v.uuid, `${at}.uuid`, 64),
    cwd: str(v.cwd, `${at}.cwd`),
  };
  if (!UUID.test(rec.sessionId)) fail(`${at}.sessionId`, 'not a UUID');
  if (!UUID.test(rec.uuid)) fail(`${at}.uuid`, 'not a UUID');
  if (v.dir !== undefined) rec.dir = str(v.dir, `${at}.dir`);
  if (v.root !== undefined) rec.root = str(v.root, `${at}.root`);
  if (v.profile !== undefined) rec.profile = str(v.profile, `${at}.profile`, LIMITS.name);
  if ((rec.dir === undefined) !== (method === 'none')) fail(`${at}.dir`, method === 'none' ? 'unexpected for method none' : 'missing');
  if (v.worktree !== undefined) rec.worktree = validateWorktree(v.worktree, `${at}.worktree`);
  return rec;
}

function validateWorktree(v: unknown, at: string): WorktreeFacts {
  if (!isObj(v)) fail(at, 'expected an object');
  const abs = (x: unknown, key: string) => {
    const s = str(x, `${at}.${key}`);
    if (!s.startsWith('/')) fail(`${at}.${key}`, 'expected an absolute path');
    return s;
  };
  const base = str(v.base, `${at}.base`, 64);
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(base)) fail(`${at}.base`, 'expected a commit id');
  return {
    name: str(v.name, `${at}.name`, LIMITS.name),
    path: abs(v.path, 'path'),
    branch: str(v.branch, `${at}.branch`, LIMITS.name),
    base,
    baseRef: str(v.baseRef, `${at}.baseRef`, LIMITS.name),
    repo: abs(v.repo, 'repo'),
  };
}

function validatePane(v: unknown, at: string): PaneRecord {
  if (!isObj(v)) fail(at, 'expected an object');
  const rec: PaneRecord = { id: int(v.id, `${at}.id`, 0, LIMITS.paneId), cwd: str(v.cwd, `${at}.cwd`) };
  if (v.command !== undefined) {
    if (!Array.isArray(v.command) || v.command.length === 0 || v.command.length > LIMITS.commandArgs) fail(`${at}.command`, 'expected a non-empty array of strings');
    rec.command = v.command.map((a, i) => str(a, `${at}.command[${i}]`, LIMITS.commandArgChars));
  }
  if (v.title !== undefined) rec.title = str(v.title, `${at}.title`, LIMITS.title);
  if (v.claude !== undefined) rec.claude = validateClaude(v.claude, `${at}.claude`);
  if (v.teammate !== undefined) {
    if (!isObj(v.teammate)) fail(`${at}.teammate`, 'expected an object');
    const t = v.teammate;
    rec.teammate = {
      ...(t.name !== undefined ? { name: str(t.name, `${at}.teammate.name`, LIMITS.name) } : {}),
      ...(t.team !== undefined ? { team: str(t.team, `${at}.teammate.team`, LIMITS.name) } : {}),
    };
  }
  return rec;
}

function validateWindow(v: unknown, at: string): WindowRecord {
  if (!isObj(v)) fail(at, 'expected an object');
  let layout: LayoutNode;
  try {
    layout = parseLayout(v.layout);
  } catch (err) {
    fail(`${at}.layout`, (err as Error).message);
  }
  if (!Array.isArray(v.panes)) fail(`${at}.panes`, 'expected an array');
  const panes = v.panes.map((p, i) => validatePane(p, `${at}.panes[${i}]`));
  const ids = new Set(panes.map((p) => p.id));
  const inLayout = listPanes(layout);
  if (ids.size !== panes.length || inLayout.length !== ids.size || !inLayout.every((id) => ids.has(id))) {
    fail(`${at}.panes`, 'do not match the layout');
  }
  const rec: WindowRecord = {
    index: int(v.index, `${at}.index`, 0, LIMITS.windowIndex),
    layout,
    active: int(v.active, `${at}.active`, 0, LIMITS.paneId),
    zoomed: v.zoomed === true,
    cols: int(v.cols, `${at}.cols`, 1, LIMITS.size),
    rows: int(v.rows, `${at}.rows`, 1, LIMITS.size),
    panes,
  };
  if (!ids.has(rec.active)) fail(`${at}.active`, 'names no pane of the window');
  if (v.name !== undefined) {
    rec.name = str(v.name, `${at}.name`, LIMITS.name);
    const bad = validateName('window', rec.name);
    if (bad) fail(`${at}.name`, bad);
  }
  return rec;
}

/** Check an untrusted body in full; throws CheckpointError naming the first bad field. */
export function validateBody(v: unknown): CheckpointBody {
  if (!isObj(v) || !Array.isArray(v.sessions)) fail('body', 'expected { sessions: [...] }');
  const names = new Set<string>();
  const sessions = v.sessions.map((s, i): SessionRecord => {
    const at = `sessions[${i}]`;
    if (!isObj(s)) fail(at, 'expected an object');
    const name = str(s.name, `${at}.name`, LIMITS.name);
    const bad = validateName('session', name);
    if (bad) fail(`${at}.name`, bad);
    if (names.has(name)) fail(`${at}.name`, `duplicate session ${name}`);
    names.add(name);
    if (!Array.isArray(s.windows)) fail(`${at}.windows`, 'expected an array');
    if (s.links !== undefined && !Array.isArray(s.links)) fail(`${at}.links`, 'expected an array');
    const windows = s.windows.map((w, j) => validateWindow(w, `${at}.windows[${j}]`));
    const links = ((s.links ?? []) as unknown[]).map((l, j) => validateLink(l, `${at}.links[${j}]`));
    if (windows.length + links.length === 0) fail(`${at}.windows`, 'expected a non-empty array');
    const indexes = new Set([...windows.map((w) => w.index), ...links.map((l) => l.index)]);
    if (indexes.size !== windows.length + links.length) fail(`${at}.windows`, 'duplicate window index');
    const current = int(s.current, `${at}.current`, 0, LIMITS.windowIndex);
    if (!indexes.has(current)) fail(`${at}.current`, 'names no window');
    const rec: SessionRecord = { name, current, windows };
    if (links.length > 0) rec.links = links;
    if (s.group !== undefined) {
      rec.group = str(s.group, `${at}.group`, LIMITS.name);
      const badGroup = validateName('session', rec.group);
      if (badGroup) fail(`${at}.group`, badGroup);
    }
    if (s.path !== undefined) rec.path = str(s.path, `${at}.path`, LIMITS.path);
    // `last` is a hint: kept when it names a window, dropped otherwise (+ 0 turns -0 into 0).
    if (typeof s.last === 'number' && indexes.has(s.last)) rec.last = s.last + 0;
    return rec;
  });
  // A link names a window recorded whole in a session of the checkpoint.
  sessions.forEach((s, i) =>
    s.links?.forEach((l, j) => {
      if (!sessions.some((o) => o.name === l.session && o.windows.some((w) => w.index === l.window))) fail(`sessions[${i}].links[${j}]`, `names no window ${l.session}:${l.window}`);
    }),
  );
  return { sessions };
}

function validateLink(v: unknown, at: string): LinkRecord {
  if (!isObj(v)) fail(at, 'expected an object');
  return {
    index: int(v.index, `${at}.index`, 0, LIMITS.windowIndex),
    session: str(v.session, `${at}.session`, LIMITS.name),
    window: int(v.window, `${at}.window`, 0, LIMITS.windowIndex),
  };
}

/** Every worktree a checkpoint's Claude panes run in (those panes are restorable into them). */
export function checkpointWorktrees(body: CheckpointBody): string[] {
  const out: string[] = [];
  for (const s of body.sessions) for (const w of s.windows) for (const p of w.panes) if (p.claude?.worktree) out.push(p.claude.worktree.path);
  return out;
}

/** Every isolated dir a checkpoint refers to (such dirs are restorable, never orphans). */
export function checkpointDirs(body: CheckpointBody): string[] {
  const out: string[] = [];
  for (const s of body.sessions) for (const w of s.windows) for (const p of w.panes) if (p.claude?.dir) out.push(p.claude.dir);
  return out;
}
