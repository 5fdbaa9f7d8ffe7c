/*
 * End-to-end: persistence as a user meets it — a crashed server (kill -9) comes back with
 * the same sessions, windows, layouts, shell directories and Claude conversations; a clean
 * kill-server restores nothing until `ccmux restore`; a closed Claude pane's conversation
 * is listed by `ccmux sessions` and reopened by `ccmux resume`; orphaned pane dirs are swept
 * (never following a planted symlink) or only listed; a damaged checkpoint falls back to
 * the previous one and a newer one is left alone.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, pidAlive, waitFor } from './harness.js';
import { fingerprint } from '../unit/claude-test-helpers.js';
import { decodeCheckpoint } from '../../src/persist/checkpoint.js';

let sb: Sandbox;
afterEach(async () => {
  // dispose() waits for the programs in the panes (fake claudes write on hangup) to end.
  await sb?.dispose();
});

/** Profile `h` runs Claude with method home; messages stay up long enough to be read. */
const CONFIG = 'display-time = 60000\n\n[claude.profiles.h]\nmethod = "home"\n';

interface World {
  root: string;
  log: string;
  /** Project dirs, all trusted in the base config. */
  dirs: Record<'a' | 'b' | 'c' | 'd' | 'e', string>;
}

/** A sandbox with a base Claude config in its HOME (onboarding done, every project dir trusted). */
function world(config = CONFIG): World {
  sb = new Sandbox({ config, env: { FAKE_CLAUDE_IDLE_MS: '0' } });
  const root = fs.realpathSync(sb.dir);
  const dirs = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, path.join(root, `proj-${k}`)])) as World['dirs'];
  for (const d of Object.values(dirs)) fs.mkdirSync(d);
  fs.mkdirSync(path.join(sb.home, '.claude'), { mode: 0o700 });
  fs.writeFileSync(
    path.join(sb.home, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      lastOnboardingVersion: '2.1.197',
      projects: Object.fromEntries(Object.values(dirs).map((d) => [d, { hasTrustDialogAccepted: true }])),
    }),
  );
  const log = path.join(root, 'fake-claude.log');
  sb.env.FAKE_CLAUDE_LOG = log;
  return { root, log, dirs };
}

interface ClaudeStart {
  pid: number;
  argv: string[];
  cwd: string;
  CLAUDE_CONFIG_DIR: string | null;
  HOME: string | null;
  sessionId: string;
  mode: 'new' | 'resume';
  resumedMessages: number;
}

/** Every start the fake claude logged. */
function starts(w: World): ClaudeStart[] {
  if (!fs.existsSync(w.log)) return [];
  return fs
    .readFileSync(w.log, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ClaudeStart & { event: string })
    .filter((e) => e.event === 'start');
}

/** A pane's text, wrapped lines joined. */
function capture(pane: string): Promise<string> {
  return sb.ok(['capture-pane', '-p', '-J', '-t', pane]);
}

/** Wait for claude's input prompt in a pane, then send it a prompt and wait for the answer. */
async function prompt(pane: string, text: string): Promise<void> {
  await waitFor(async () => /^❯ ?$/m.test(await capture(pane)), 10_000, `claude's prompt in ${pane}`);
  await sb.ok(['send-keys', '-t', pane, text, 'Enter']);
  await waitFor(async () => (await capture(pane)).includes(`● echo: ${text}`), 10_000, `claude in ${pane} to answer`);
}

/** Run a shell command in a pane and wait until its directory shows as the pane's current path. */
async function cd(pane: string, dir: string): Promise<void> {
  await sb.ok(['send-keys', '-t', pane, `cd '${dir}'`, 'Enter']);
  await waitFor(async () => (await sb.panes()).find((p) => p.id === pane)?.current_path === dir, 10_000, `${pane} to be in ${dir}`);
}

/** The id of the pane a command just created (-P -F '#{pane_id}'). */
async function made(args: string[]): Promise<string> {
  return (await sb.ok([...args, '-P', '-F', '#{pane_id}'])).trim();
}

function checkpointFile(): string {
  return path.join(sb.stateDir, 'servers', 'default.json');
}

function readCheckpoint(file = checkpointFile()): Record<string, any> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Wait until the checkpoint on disk records what `pred` looks for. */
async function checkpointHas(pred: (body: Record<string, any>) => boolean, what: string): Promise<void> {
  await waitFor(() => {
    const cp = readCheckpoint();
    return cp && pred(cp.body);
  }, 15_000, `the checkpoint to record ${what}`);
}

function checkpointPanes(body: Record<string, any>): Array<Record<string, any>> {
  return body.sessions.flatMap((s: any) => s.windows.flatMap((w: any) => w.panes));
}

async function serverPid(): Promise<number> {
  return Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
}

/** kill -9 the server (and wait until it and the programs in its panes are gone). */
async function crash(): Promise<void> {
  const panePids = (await sb.panes()).map((p) => p.pid as number);
  const pid = await serverPid();
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !pidAlive(pid), 10_000, 'the server to die');
  await waitFor(() => panePids.every((p) => !pidAlive(p)), 10_000, 'the programs in its panes to end');
}

/** What a restore must bring back: per pane its place, geometry, directory and Claude identity. */
function shape(panes: Array<Record<string, any>>) {
  return panes.map((p) => ({
    at: `${p.session}:${p.window}.${p.index}`,
    geometry: [p.left, p.top, p.width, p.height],
    active: p.active,
    path: p.claude ? p.claude_cwd : p.current_path,
    claude: p.claude ? { method: p.claude.method, dir: p.claude.dir, sessionId: p.claude.sessionId, profile: p.claude.profile ?? null } : null,
  }));
}

/** Every window: session, index, name and whether it is its session's current one. */
function windows(): Promise<Array<{ session: string; index: number; name: string; current: boolean }>> {
  return sb.ok(['list-windows', '-a', '-F', '#{session_name} #{window_index} #{window_name} #{window_flags}']).then((out) =>
    out
      .trim()
      .split('\n')
      .map((l) => {
        const [session, index, name, flags] = l.split(' ');
        return { session: session!, index: Number(index), name: name!, current: (flags ?? '').includes('*') };
      }),
  );
}

/**
 * Two sessions, four windows (one index left free), shells cd'd into their own dirs, and
 * four Claude panes — two config_dir, two home (profile h) — each with a conversation.
 */
async function buildWorld(w: World): Promise<void> {
  const shell0 = await made(['new', '-d', '-s', 'work', '-n', 'editor', '-x', '120', '-y', '40']);
  await cd(shell0, w.dirs.a);
  const c1 = await made(['split-window', '-h', '-t', shell0, '-c', w.dirs.b, '--claude']);
  const c2 = await made(['new-window', '-t', 'work', '-n', 'agents', '-c', w.dirs.c, '--claude', '--profile', 'h']);
  const shell1 = await made(['split-window', '-v', '-l', '30%', '-t', c2]);
  await cd(shell1, w.dirs.d);
  const shell2 = await made(['new', '-d', '-s', 'ops', '-n', 'logs', '-x', '100', '-y', '30']);
  await cd(shell2, w.dirs.e);
  await sb.ok(['new-window', '-t', 'ops', '-n', 'gone']);
  const c3 = await made(['new-window', '-t', 'ops', '-n', 'review', '-c', w.dirs.a, '--claude']);
  await sb.ok(['kill-window', '-t', 'ops:1']);
  const c4 = await made(['split-window', '-h', '-t', c3, '-c', w.dirs.e, '--claude', '--profile', 'h']);
  for (const [pane, text] of [[c1, 'first in b'], [c2, 'first in c'], [c3, 'first in a'], [c4, 'first in e']] as const) {
    await prompt(pane, text);
  }
  // A cd right after a change that was checkpointed, then silence: it must still reach the checkpoint.
  await sb.ok(['rename-window', '-t', 'work:0', 'edit']);
  await cd(shell0, w.dirs.c);
}

/** Finished start-up sweeps in a server's log: the sweep runs once the server listens, off the path to the first pane (issue 18). */
function sweepsDone(sb: Sandbox, label = 'default'): number {
  const log = path.join(sb.stateDir, 'logs', `${label}.log`);
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('start-up sweep done').length - 1 : 0;
}

/** `ccmux ARGS` that starts a server, then wait for that server's start-up sweep. */
async function startSwept(sb: Sandbox, args: string[], label = 'default'): Promise<string> {
  const before = sweepsDone(sb, label);
  const out = await sb.ok(args);
  await waitFor(() => sweepsDone(sb, label) > before, 10_000, 'the start-up sweep');
  return out;
}

describe('persistence', () => {
  it('restores sessions, windows, layouts, shell dirs and every Claude conversation after kill -9', async () => {
    const w = world();
    await buildWorld(w);
    const before = await sb.panes();
    expect(before.filter((p) => p.claude?.method === 'config_dir')).toHaveLength(2);
    expect(before.filter((p) => p.claude?.method === 'home')).toHaveLength(2);
    const beforeWindows = await windows();
    // list-windows -a lists sessions by name, as tmux does.
    expect(beforeWindows.map((x) => `${x.session}:${x.index}:${x.name}`)).toEqual(['ops:0:logs', 'ops:2:review', 'work:0:edit', 'work:1:agents']);
    const shells = before.filter((p) => !p.claude);
    await checkpointHas(
      (body) => shells.every((s) => checkpointPanes(body).some((p) => `%${p.id}` === s.id && p.cwd === s.current_path)),
      'every pane and shell directory',
    );

    await crash();
    const startsBefore = starts(w).length;
    expect(fs.readdirSync(path.join(sb.stateDir, 'claude-configs'))).toHaveLength(2);
    expect(fs.readdirSync(path.join(sb.stateDir, 'claude-homes'))).toHaveLength(2);
    await sb.ok(['new', '-d', '-s', 'probe']);

    expect((await sb.ok(['ls', '-F', '#{session_name}'])).trim().split('\n').sort()).toEqual(['ops', 'probe', 'work']);
    expect((await windows()).filter((x) => x.session !== 'probe')).toEqual(beforeWindows);
    const after = (await waitFor(async () => {
      const ps = (await sb.panes()).filter((p) => p.session !== 'probe');
      return ps.filter((p) => !p.claude).every((p) => shells.some((s) => s.current_path === p.current_path)) ? ps : null;
    }, 10_000, 'the restored shells to start in their dirs'))!;
    const withCwd = (ps: Array<Record<string, any>>, cwds: Map<string, string>) => ps.map((p) => ({ ...p, claude_cwd: cwds.get(p.id) }));
    // Claude panes keep their dir and session id; compare everything else as well.
    const cwdBefore = new Map(before.map((p) => [p.id as string, p.claude ? (p.current_path as string) : '']));
    const cwdAfter = new Map(after.map((p) => [p.id as string, p.claude ? (p.current_path as string) : '']));
    expect(shape(withCwd(after, cwdAfter))).toEqual(shape(withCwd(before, cwdBefore)));

    // Each Claude pane was started again with --resume of its own conversation, in its own dir and cwd.
    const resumed = (await waitFor(() => {
      const s = starts(w).slice(startsBefore);
      return s.length === 4 ? s : null;
    }, 10_000, 'four claude restarts'))!;
    for (const p of before.filter((x) => x.claude)) {
      const c = p.claude as { method: string; dir: string; sessionId: string };
      const mine = resumed.filter((s) => (c.method === 'home' ? s.HOME === c.dir : s.CLAUDE_CONFIG_DIR === c.dir));
      expect(mine, `restart of ${p.id} (${c.method})`).toHaveLength(1);
      const s = mine[0]!;
      expect(s.argv).toEqual(expect.arrayContaining(['--resume', c.sessionId]));
      expect(s.argv[s.argv.indexOf('--resume') + 1]).toBe(c.sessionId);
      expect(s.argv).not.toContain('--session-id');
      expect(s.cwd).toBe(p.current_path);
      expect(s.mode).toBe('resume');
      expect(s.resumedMessages).toBeGreaterThan(0);
    }
    expect(new Set(resumed.map((s) => s.sessionId)).size).toBe(4);
    for (const p of after.filter((x) => x.claude)) {
      await waitFor(async () => (await capture(p.id)).includes(`Resumed session ${p.claude.sessionId}`), 10_000, `${p.id} to resume`).catch(async (err) => {
        throw new Error(`${(err as Error).message}\n${await capture(p.id)}`);
      });
    }

    // The first client to attach is told what happened.
    const t = await sb.terminal(['attach', '-t', 'probe'], 160, 30);
    await t.waitForScreen(/restored 2 session\(s\) \(7 panes\)/);
    const logText = fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8');
    expect(logText).toMatch(/restored 2 session\(s\)/);
  }, 90_000);

  it('restores nothing by itself after a clean kill-server, and everything on ccmux restore', async () => {
    const w = world();
    const shell = await made(['new', '-d', '-s', 'keep', '-x', '100', '-y', '30']);
    await cd(shell, w.dirs.b);
    const c = await made(['split-window', '-h', '-t', shell, '-c', w.dirs.a, '--claude']);
    const h = await made(['split-window', '-v', '-t', c, '-c', w.dirs.c, '--claude', '--profile', 'h']);
    await prompt(c, 'before the clean kill');
    await prompt(h, 'home before the clean kill');
    await checkpointHas((body) => checkpointPanes(body).some((p) => `%${p.id}` === shell && p.cwd === w.dirs.b), 'the shell dir');
    const before = await sb.panes();
    const pid = await serverPid();

    const r = await sb.ccmux(['kill-server']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    await waitFor(() => !pidAlive(pid), 10_000, 'the server to exit');
    await waitFor(() => before.every((p) => !pidAlive(p.pid)), 10_000, 'the programs in its panes to end');
    for (const p of before.filter((x) => x.claude)) expect(fs.existsSync(p.claude.dir), `${p.claude.dir} kept for restore`).toBe(true);

    const startsBefore = starts(w).length;
    await sb.ok(['new', '-d', '-s', 'x']);
    expect((await sb.ok(['ls', '-F', '#{session_name}'])).trim()).toBe('x');
    expect(starts(w)).toHaveLength(startsBefore);

    const out = await sb.ok(['restore']);
    expect(out).toMatch(/restored 1 session\(s\), 3 pane\(s\) from .*: keep/);
    expect((await sb.ok(['ls', '-F', '#{session_name}'])).trim().split('\n').sort()).toEqual(['keep', 'x']);
    const after = (await waitFor(async () => {
      const ps = (await sb.panes()).filter((p) => p.session === 'keep');
      return ps.length === 3 && ps[0]!.current_path === w.dirs.b ? ps : null;
    }, 10_000, 'the restored shell in its dir'))!;
    expect(after.map((p) => [p.left, p.top, p.width, p.height])).toEqual(before.map((p) => [p.left, p.top, p.width, p.height]));
    const resumed = (await waitFor(() => {
      const s = starts(w).slice(startsBefore);
      return s.length === 2 ? s : null;
    }, 10_000, 'two claude restarts'))!;
    for (const p of before.filter((x) => x.claude)) {
      const s = resumed.find((x) => (p.claude.method === 'home' ? x.HOME : x.CLAUDE_CONFIG_DIR) === p.claude.dir);
      expect(s?.argv, `restart in ${p.claude.dir}`).toEqual(expect.arrayContaining(['--resume', p.claude.sessionId]));
      expect(s!.argv[s!.argv.indexOf('--resume') + 1]).toBe(p.claude.sessionId);
      expect(s!.cwd).toBe(p.current_path);
      expect(s!.resumedMessages).toBeGreaterThan(0);
    }
    // The set-aside checkpoint is used once: the sessions are live now.
    expect(fs.existsSync(path.join(sb.stateDir, 'servers', 'default.saved.json'))).toBe(false);
  }, 60_000);

  it('keeps a closed conversation: ccmux sessions lists it, ccmux resume reopens it in a new dir', async () => {
    const w = world();
    const shell = await made(['new', '-d', '-s', 's', '-x', '120', '-y', '40']);
    const c = await made(['split-window', '-h', '-t', shell, '-c', w.dirs.d, '--claude']);
    const h = await made(['split-window', '-v', '-t', c, '-c', w.dirs.e, '--claude', '--profile', 'h']);
    await prompt(c, 'remember the milk');
    await prompt(c, 'and the eggs');
    await prompt(h, 'a home conversation');
    const panes = await sb.panes();
    const old = panes.find((p) => p.id === c)!.claude as { dir: string; sessionId: string };
    const oldH = panes.find((p) => p.id === h)!.claude as { dir: string; sessionId: string };

    await sb.ok(['kill-pane', '-t', c]);
    await sb.ok(['kill-pane', '-t', h]);
    await waitFor(() => !fs.existsSync(old.dir) && !fs.existsSync(oldH.dir), 10_000, 'the closed panes\' dirs to go');
    const list = await sb.ok(['sessions']);
    expect(list).toMatch(new RegExp(`^${old.sessionId} .*${w.dirs.d}.*remember the milk`, 'm'));
    expect(list).toMatch(new RegExp(`^${oldH.sessionId} .*${w.dirs.e} \\[h\\].*a home conversation`, 'm'));
    const json = JSON.parse(await sb.ok(['sessions', '--json']));
    expect(json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sessionId: old.sessionId, cwd: w.dirs.d, firstPrompt: 'remember the milk' }),
        expect.objectContaining({ sessionId: oldH.sessionId, cwd: w.dirs.e, profile: 'h', firstPrompt: 'a home conversation' }),
      ]),
    );
    expect(json).toHaveLength(2);
    expect((await sb.ccmux(['resume', 'ffffffff'])).stderr).toMatch(/no archived conversation ffffffff/);

    for (const [conv, dir, method] of [[old, w.dirs.d, 'config_dir'], [oldH, w.dirs.e, 'home']] as const) {
      const startsBefore = starts(w).length;
      await sb.ok(['resume', conv.sessionId.slice(0, 8)]);
      const pane = (await waitFor(async () => (await sb.panes()).find((p) => p.claude?.sessionId === conv.sessionId), 10_000, 'the resumed pane'))!;
      expect(pane.claude.method).toBe(method);
      expect(pane.claude.dir).not.toBe(conv.dir);
      expect(fs.existsSync(pane.claude.dir)).toBe(true);
      const s = await waitFor(() => starts(w)[startsBefore], 10_000, 'claude to start');
      expect(s.argv).toEqual(expect.arrayContaining(['--resume', conv.sessionId]));
      expect(s.argv[s.argv.indexOf('--resume') + 1]).toBe(conv.sessionId);
      expect(s.cwd).toBe(dir);
      expect(method === 'home' ? s.HOME : s.CLAUDE_CONFIG_DIR).toBe(pane.claude.dir);
      const n = conv === old ? 4 : 2;
      await waitFor(async () => (await capture(pane.id)).includes(`Resumed session ${conv.sessionId} (${n} messages)`), 10_000, 'claude to show the resumed conversation');
    }
    // Reopened conversations leave the archive's list.
    expect(JSON.parse(await sb.ok(['sessions', '--json']))).toEqual([]);
  }, 60_000);
});

/** Plant a directory tree (and set its mtime, and every parent's, `ageS` seconds back). */
function plantDir(dir: string, files: Record<string, string>, ageS = 3600): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  age(dir, ageS);
  return dir;
}

function age(p: string, ageS = 3600): void {
  const t = Date.now() / 1000 - ageS;
  fs.lutimesSync(p, t, t);
}

function lexists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function paneDirName(): string {
  return `pane-${crypto.randomUUID()}`;
}

/** A decoy outside the state dir that a planted symlink points at, with its fingerprint. */
function decoy(w: World, name: string): { dir: string; print: Record<string, string> } {
  const dir = path.join(w.root, name);
  plantDir(dir, { 'id_rsa': 'SECRET KEY', 'sub/notes.txt': 'keep me' }, 0);
  return { dir, print: fingerprint(dir) };
}

describe('persistence: orphaned pane dirs', () => {
  it('sweeps orphans at start without following planted symlinks; young, odd and other servers\' dirs are left', async () => {
    const w = world();
    // A live Claude pane of the default server, its dir an hour old: another server must leave it.
    const shell = await made(['new', '-d', '-s', 'x']);
    // The default server's own start-up sweep is done before anything is planted: the one
    // looked at is the other server's.
    await waitFor(() => sweepsDone(sb) > 0, 10_000, 'the default server\'s start-up sweep');
    const c = await made(['split-window', '-t', shell, '-c', w.dirs.a, '--claude']);
    await prompt(c, 'still here');
    const live = (await sb.panes()).find((p) => p.id === c)!.claude.dir as string;
    age(live);
    const configs = path.join(sb.stateDir, 'claude-configs');
    const homes = path.join(sb.stateDir, 'claude-homes');
    const a = decoy(w, 'decoy-a');
    const b = decoy(w, 'decoy-b');
    const planted = crypto.randomUUID();
    const entry = JSON.stringify({ type: 'user', cwd: w.dirs.c, sessionId: planted, message: { role: 'user', content: 'planted prompt' } });
    const plain = plantDir(path.join(configs, paneDirName()), { '.claude.json': '{}', [`projects/-x/${planted}.jsonl`]: entry + '\n', 'projects/-x/1.jsonl': '{}' });
    const trap = path.join(homes, paneDirName());
    fs.mkdirSync(path.join(trap, '.claude'), { recursive: true, mode: 0o700 });
    fs.symlinkSync(a.dir, path.join(trap, '.ssh'));
    age(trap);
    // A home orphan whose .claude is a link to a decoy holding a transcript: the archive must not take it.
    const c2 = decoy(w, 'decoy-c');
    const decoyId = crypto.randomUUID();
    plantDir(path.join(c2.dir, 'projects', '-y'), { [`${decoyId}.jsonl`]: entry.replace(planted, decoyId) + '\n' }, 0);
    c2.print = fingerprint(c2.dir);
    const trap2 = path.join(homes, paneDirName());
    fs.mkdirSync(trap2, { mode: 0o700 });
    fs.symlinkSync(c2.dir, path.join(trap2, '.claude'));
    age(trap2);
    const link = path.join(configs, paneDirName());
    fs.symlinkSync(b.dir, link);
    age(link);
    const young = plantDir(path.join(configs, paneDirName()), { '.claude.json': '{}' }, 0);
    const odd = plantDir(path.join(configs, 'not-a-pane'), { keep: 'x' });

    await startSwept(sb, ['-L', 'other', 'new', '-d', '-s', 'y'], 'other');
    expect(lexists(plain)).toBe(false);
    expect(lexists(trap)).toBe(false);
    expect(lexists(link)).toBe(false);
    expect(lexists(trap2)).toBe(false);
    expect(lexists(young)).toBe(true);
    expect(lexists(odd)).toBe(true);
    expect(fs.existsSync(live)).toBe(true);
    expect(fingerprint(a.dir)).toEqual(a.print);
    expect(fingerprint(b.dir)).toEqual(b.print);
    expect(fingerprint(c2.dir)).toEqual(c2.print);
    const log = fs.readFileSync(path.join(sb.stateDir, 'logs', 'other.log'), 'utf8');
    const removed = log.split('\n').find((l) => l.includes('removed orphaned pane dirs'));
    for (const p of [plain, trap, link, trap2]) expect(removed).toContain(p);
    // The orphan's conversation went to the archive first (only that one).
    expect(JSON.parse(await sb.ok(['sessions', '--json']))).toEqual([expect.objectContaining({ sessionId: planted, cwd: w.dirs.c, firstPrompt: 'planted prompt' })]);
    expect(removed).not.toContain(live);

    const du = JSON.parse(await sb.ok(['-L', 'other', 'du', '--json'])) as Array<{ path: string; orphan: boolean; owner: string | null }>;
    expect(du.find((d) => d.path === live)).toMatchObject({ orphan: false, owner: 'restorable' });
    await sb.ok(['-L', 'other', 'gc']);
    expect(fs.existsSync(live)).toBe(true);
    expect(lexists(young)).toBe(true);
    await sb.ok(['-L', 'other', 'kill-server']);
  }, 60_000);

  it('gc and the start-up sweep never follow a pane root that is a symlink out of the state dir (issue 13.7)', async () => {
    const w = world();
    await sb.ok(['new', '-d', '-s', 'x']);
    const elsewhere = path.join(w.root, 'elsewhere');
    const old = plantDir(path.join(elsewhere, paneDirName()), { '.claude.json': '{"mine":true}' });
    const homes = path.join(sb.stateDir, 'claude-homes');
    fs.rmSync(homes, { recursive: true, force: true });
    fs.symlinkSync(elsewhere, homes);
    const before = fingerprint(elsewhere);
    const gc = await sb.ccmux(['gc']);
    expect(gc.stderr).toContain(`${homes}: a symlink`);
    expect(fingerprint(elsewhere)).toEqual(before);
    expect(fs.existsSync(old)).toBe(true);
    // A new server's start-up sweep leaves it too.
    await startSwept(sb, ['-L', 'other', 'new', '-d', '-s', 'y'], 'other');
    await sb.ok(['-L', 'other', 'kill-server']);
    expect(fingerprint(elsewhere)).toEqual(before);
  }, 60_000);

  it('never sweeps the dir of a live Claude pane whose server keeps no checkpoint (issue 13.2)', async () => {
    const w = world();
    // A checkpoint from a newer ccmux: this server then keeps none at all.
    const file = checkpointFile();
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify({ format: 99, ccmux: '9.0.0', body: {} }));
    const shell = await made(['new', '-d', '-s', 'x']);
    const c = await made(['split-window', '-t', shell, '-c', w.dirs.a, '--claude']);
    await prompt(c, 'still running');
    const dir = (await sb.panes()).find((p) => p.id === c)!.claude.dir as string;
    age(dir); // past the 60 s rule: only being in use protects it now
    await startSwept(sb, ['-L', 'other', 'new', '-d', '-s', 'y'], 'other');
    expect(fs.existsSync(dir)).toBe(true);
    const du = JSON.parse(await sb.ok(['-L', 'other', 'du', '--json'])) as Array<{ path: string; owner: string | null }>;
    expect(du.find((d) => d.path === dir)?.owner).toMatch(/^in use \(pid \d+\)$/);
    await sb.ok(['-L', 'other', 'gc']);
    expect(fs.existsSync(dir)).toBe(true);
    await sb.ok(['-L', 'other', 'kill-server']);
  }, 60_000);

  it('with orphans = "list" only logs them; gc --dry-run lists, gc removes, du shows owners; checkpointed dirs stay', async () => {
    const w = world(CONFIG + '\n[claude.isolation]\norphans = "list"\n');
    const configs = path.join(sb.stateDir, 'claude-configs');
    const homes = path.join(sb.stateDir, 'claude-homes');
    const a = decoy(w, 'decoy-a');
    const orphan = plantDir(path.join(configs, paneDirName()), { '.claude.json': '{"x":1}' });
    const trap = path.join(homes, paneDirName());
    fs.mkdirSync(trap, { recursive: true, mode: 0o700 });
    fs.symlinkSync(a.dir, path.join(trap, '.ssh'));
    age(trap);

    const shell = await made(['new', '-d', '-s', 'keep', '-x', '100', '-y', '30']);
    const logText = () => fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8');
    await waitFor(() => logText().includes('start-up sweep done'), 10_000, 'the start-up sweep');
    expect(lexists(orphan) && lexists(trap)).toBe(true);
    const left = logText().split('\n').find((l) => l.includes('orphaned pane dirs left in place'));
    expect(left).toContain(orphan);
    expect(left).toContain(trap);

    const c = await made(['split-window', '-h', '-t', shell, '-c', w.dirs.a, '--claude']);
    await prompt(c, 'a live one');
    const live = (await sb.panes()).find((p) => p.id === c)!.claude.dir as string;
    age(live);

    const du = JSON.parse(await sb.ok(['du', '--json'])) as Array<{ path: string; owner: string | null; orphan: boolean; bytes: number }>;
    expect(du.map((d) => d.path).sort()).toEqual([orphan, trap, live].sort());
    expect(du.find((d) => d.path === live)).toMatchObject({ owner: `${c} (live)`, orphan: false });
    expect(du.find((d) => d.path === orphan)).toMatchObject({ owner: null, orphan: true });
    expect(du.find((d) => d.path === trap)).toMatchObject({ owner: null, orphan: true });
    for (const d of du) expect(d.bytes).toBeGreaterThan(0);
    expect(await sb.ok(['du'])).toMatch(/ORPHAN/);

    const dry = await sb.ok(['gc', '--dry-run']);
    expect(dry).toContain(`would remove ${orphan}`);
    expect(dry).toContain(`would remove ${trap}`);
    expect(dry).not.toContain(live);
    expect(lexists(orphan) && lexists(trap)).toBe(true);

    const gc = await sb.ok(['gc']);
    expect(gc).toContain(`removed ${orphan}`);
    expect(gc).toContain(`removed ${trap}`);
    expect(gc).not.toContain(live);
    expect(lexists(orphan) || lexists(trap)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fingerprint(a.dir)).toEqual(a.print);

    // After a clean kill-server the set-aside checkpoint owns the dir: not removed at the
    // next start (now in remove mode), nor by gc, and restored later.
    const pid = await serverPid();
    await sb.ok(['kill-server']);
    await waitFor(() => !pidAlive(pid), 10_000, 'the server to exit');
    fs.writeFileSync(path.join(sb.dir, 'config', 'ccmux', 'ccmux.toml'), CONFIG);
    await waitFor(() => fs.existsSync(live), 1000, 'the dir kept');
    age(live);
    const orphan2 = plantDir(path.join(configs, paneDirName()), { '.claude.json': '{}' });
    await startSwept(sb, ['new', '-d', '-s', 'x']);
    expect(lexists(orphan2)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    const du2 = JSON.parse(await sb.ok(['du', '--json'])) as Array<{ path: string; owner: string | null; orphan: boolean }>;
    // Owned by the set-aside checkpoint (labelled by whichever checkpoint names it first).
    expect(du2).toEqual([expect.objectContaining({ path: live, owner: expect.stringMatching(/^restorable/), orphan: false })]);
    expect(await sb.ok(['gc'])).toMatch(/no orphaned pane dirs/);
    expect(fs.existsSync(live)).toBe(true);

    await sb.ok(['restore']);
    const back = (await waitFor(async () => (await sb.panes()).find((p) => p.claude), 10_000, 'the restored Claude pane'))!;
    expect(back.claude.dir).toBe(live);
    // With no server at all (issue 14.9): du, gc, doctor and sessions answer from the
    // state dir, keeping what a checkpoint names.
    const pid2 = await serverPid();
    await sb.ok(['kill-server']);
    await waitFor(() => !pidAlive(pid2), 10_000, 'the server to exit');
    const orphan3 = plantDir(path.join(configs, paneDirName()), { '.claude.json': '{}' });
    const du3 = JSON.parse(await sb.ok(['du', '--json'])) as Array<{ path: string; owner: string | null; orphan: boolean }>;
    expect(du3.find((d) => d.path === live)).toMatchObject({ owner: expect.stringMatching(/^restorable/), orphan: false });
    expect(du3.find((d) => d.path === orphan3)).toMatchObject({ orphan: true });
    expect(await sb.ok(['gc', '--dry-run'])).toContain(`would remove ${orphan3}`);
    const gc3 = await sb.ok(['gc']);
    expect(gc3).toContain(`removed ${orphan3}`);
    expect(gc3).not.toContain(live);
    expect(lexists(orphan3)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    const doctor = await sb.ccmux(['doctor', '--json']);
    expect(JSON.parse(doctor.stdout).orphans).toEqual([]);
    expect((await sb.ccmux(['sessions'])).code).toBe(0);
    expect((await sb.ccmux(['ls'])).stderr).toContain('no server running'); // and none was started
  }, 90_000);

  it('kill-server, new -d, kill-server, new -d: restore still brings back the layout from before the first kill-server', async () => {
    world();
    const killServer = async () => {
      const pid = await serverPid();
      await sb.ok(['kill-server']);
      await waitFor(() => !pidAlive(pid), 10_000, 'the server to exit');
    };
    await sb.ok(['new', '-d', '-s', 'work', '-n', 'editor']);
    await sb.ok(['split-window', '-h', '-t', 'work']);
    await killServer();
    await sb.ok(['new', '-d']);
    await killServer();
    await sb.ok(['new', '-d', '-s', 'today']);
    const out = await sb.ok(['restore']);
    expect(out).toMatch(/restored \d+ session\(s\), \d+ pane\(s\) .*work/);
    expect((await sb.ok(['list-windows', '-t', 'work', '-F', '#{window_name} #{window_panes}'])).trim()).toBe('editor 2');
  }, 60_000);

  it('two kill-servers without a restore keep the first layout restorable; an orphan\'s conversation is archived before it is swept', async () => {
    const w = world();
    const shell = await made(['new', '-d', '-s', 'one']);
    const c = await made(['split-window', '-t', shell, '-c', w.dirs.b, '--claude']);
    await prompt(c, 'do not lose me');
    const claude = (await sb.panes()).find((p) => p.id === c)!.claude as { dir: string; sessionId: string };
    const killServer = async () => {
      const pid = await serverPid();
      await sb.ok(['kill-server']);
      await waitFor(() => !pidAlive(pid), 10_000, 'the server to exit');
    };
    await killServer();
    // The user does not run `ccmux restore`: a new day's session, then another kill-server.
    await sb.ok(['new', '-d', '-s', 'two']);
    await sb.ok(['rename-window', '-t', 'two:0', 'w']);
    await sb.ok(['new-window', '-t', 'two']);
    await killServer();
    age(claude.dir);
    await startSwept(sb, ['new', '-d', '-s', 'three']);
    // The first layout was not replaced by the second: its Claude pane is still restorable.
    expect(fs.existsSync(claude.dir)).toBe(true);
    await sb.ok(['restore']);
    const back = await waitFor(async () => (await sb.panes()).find((p) => p.claude), 10_000, 'the restored Claude pane');
    expect(back.claude.dir).toBe(claude.dir);
    expect((await sb.ok(['ls', '-F', '#{session_name}'])).trim().split('\n').sort()).toEqual(['one', 'three', 'two']);

    // Every checkpoint gone (nothing names the dir any more): the next start archives the
    // conversation, then removes the orphan.
    await killServer();
    await waitFor(() => !pidAlive(back.pid as number), 10_000, 'its claude to exit'); // a dir in use is never swept
    for (const f of fs.readdirSync(path.join(sb.stateDir, 'servers'))) fs.rmSync(path.join(sb.stateDir, 'servers', f));
    age(claude.dir);
    await startSwept(sb, ['new', '-d', '-s', 'four']);
    expect(fs.existsSync(claude.dir)).toBe(false);
    const json = JSON.parse(await sb.ok(['sessions', '--json']));
    expect(json).toEqual([expect.objectContaining({ sessionId: claude.sessionId, cwd: w.dirs.b, firstPrompt: 'do not lose me' })]);
  }, 90_000);
});

describe('persistence: damaged and newer checkpoints', () => {
  it('restores from the previous checkpoint when the current one is cut short, and says so', async () => {
    const w = world();
    const shell = await made(['new', '-d', '-s', 'keep', '-n', 'one', '-x', '100', '-y', '30']);
    await cd(shell, w.dirs.a);
    await checkpointHas((body) => body.sessions[0]?.windows[0]?.panes[0]?.cwd === w.dirs.a, 'the shell dir');
    await sb.ok(['new-window', '-t', 'keep', '-n', 'two']);
    await checkpointHas((body) => body.sessions[0]?.windows.length === 2, 'the second window');
    await crash();

    const file = checkpointFile();
    const prev = readCheckpoint(path.join(sb.stateDir, 'servers', 'default.prev.json'));
    expect(prev?.body.sessions.map((s: any) => s.name)).toEqual(['keep']);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));

    await sb.ok(['new', '-d', '-s', 'probe']);
    const expected = prev!.body.sessions[0].windows.map((x: any) => x.name ?? expect.any(String));
    expect((await windows()).filter((x) => x.session === 'keep').map((x) => x.name)).toEqual(expected);
    await waitFor(async () => (await sb.panes()).find((p) => p.session === 'keep')?.current_path === w.dirs.a, 10_000, 'the shell in its dir');
    const t = await sb.terminal(['attach', '-t', 'probe'], 250, 30);
    await t.waitForScreen(/default\.json is damaged \(not valid JSON/);
    await t.waitForScreen(/using the previous one/);
    const notices = fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8').split('\n').filter((l) => l.includes('start-up notice'));
    expect(notices.join('\n')).toMatch(/is damaged.*using the previous one/);
  }, 60_000);

  it('a long title, a huge start command and a hook\'s bad session id never make the checkpoint unreadable (issue 13.2)', async () => {
    const w = world();
    const shell = await made(['new', '-d', '-s', 'keep', '-n', 'one', '-x', '100', '-y', '30']);
    const c = await made(['split-window', '-t', shell, '-c', w.dirs.a, '--claude']);
    await prompt(c, 'before the poison');
    const dir = (await sb.panes()).find((p) => p.id === c)!.claude.dir as string;
    // A program sets a 1,100-character title: kept, cut to 1,024.
    await sb.ok(['send-keys', '-t', shell, `printf '\\033]2;%s\\007' $(head -c 1100 /dev/zero | tr '\\0' B)`, 'Enter']);
    await waitFor(async () => (await sb.ok(['display', '-p', '-t', shell, '#{pane_title}'])).trim() === 'B'.repeat(1024), 10_000, 'the long title');
    // A start command the checkpoint could not hold is refused, saying why.
    const huge = await sb.ccmux(['new-window', '-t', 'keep', `true ${'x'.repeat(70_000)}`]);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/argument of 70005 characters; at most 65536/);
    // A hook reporting a session id that is not a UUID is refused; the pane keeps its own.
    const bad = await sb.ccmux(['claude-hook', c, String(Date.now()), JSON.stringify({ event: 'UserPromptSubmit', sessionId: 'not-a-uuid' })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not-a-uuid.*is not a UUID/);
    // What was made after all that reaches the checkpoint, and a crash brings it back.
    await sb.ok(['new-window', '-t', 'keep', '-n', 'after']);
    await checkpointHas((body) => body.sessions[0]?.windows.some((x: any) => x.name === 'after'), 'the window made after');
    expect(() => decodeCheckpoint(fs.readFileSync(checkpointFile(), 'utf8'))).not.toThrow();
    await crash();
    await sb.ok(['new', '-d', '-s', 'probe']);
    expect((await windows()).filter((x) => x.session === 'keep').map((x) => x.name)).toEqual(['one', 'after']);
    const back = (await sb.panes()).find((p) => p.session === 'keep' && p.claude);
    expect(back?.claude.dir).toBe(dir);
    expect(fs.existsSync(dir)).toBe(true);
    expect((await sb.ok(['display', '-p', '-t', 'keep:0.0', '#{pane_title}'])).trim()).toBe('B'.repeat(1024));
  }, 60_000);

  it('keeps a damaged checkpoint aside, deletes no pane dir it names, and doctor says so (issue 13.3)', async () => {
    const w = world();
    await made(['new', '-d', '-s', 'keep', '-n', 'one', '-x', '100', '-y', '30']);
    await checkpointHas((body) => body.sessions.length === 1, 'the first session');
    const early = fs.readFileSync(checkpointFile(), 'utf8');
    const c = await made(['new-window', '-t', 'keep', '-n', 'agent', '-c', w.dirs.a, '--claude']);
    await prompt(c, 'only in the damaged file');
    const dir = (await sb.panes()).find((p) => p.id === c)!.claude.dir as string;
    await checkpointHas((body) => checkpointPanes(body).some((p) => p.claude?.dir === dir), 'the Claude pane');
    await crash();
    // A hand edit breaks the checksum; the previous checkpoint knows nothing of the Claude pane.
    const file = checkpointFile();
    const edited = fs.readFileSync(file, 'utf8').replace('"agent"', '"agent-edited"');
    fs.writeFileSync(file, edited);
    fs.writeFileSync(path.join(sb.stateDir, 'servers', 'default.prev.json'), early);
    age(dir); // old enough to be swept, were it an orphan

    await startSwept(sb, ['new', '-d', '-s', 'probe']);
    expect((await windows()).filter((x) => x.session === 'keep').map((x) => x.name)).toEqual(['one']);
    const servers = fs.readdirSync(path.join(sb.stateDir, 'servers'));
    const aside = servers.filter((n) => /^default\.damaged-.*\.json$/.test(n));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(sb.stateDir, 'servers', aside[0]!), 'utf8')).toBe(edited);
    expect(fs.existsSync(dir)).toBe(true);
    await sb.ok(['gc']);
    expect(fs.existsSync(dir)).toBe(true);
    const notices = fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8').split('\n').filter((l) => l.includes('start-up notice'));
    expect(notices.join('\n')).toMatch(/is damaged \(checksum mismatch.*it is kept as .*default\.damaged-.*using the previous one/);
    const doctor = await sb.ccmux(['doctor']);
    expect(doctor.stdout).toContain(`damaged checkpoint kept aside: ${path.join(sb.stateDir, 'servers', aside[0]!)}`);
    const du = JSON.parse(await sb.ok(['du', '--json'])) as Array<{ path: string; owner: string | null }>;
    expect(du.find((d) => d.path === dir)?.owner).toBe('named in an unreadable checkpoint');
  }, 60_000);

  it('removes the temp files of writers that were killed (or whose pid a later process has), and only those (issue 13.14)', async () => {
    world();
    const dead = spawnSync('true').pid!; // a pid that has exited
    const servers = path.join(sb.stateDir, 'servers');
    const transcripts = path.join(sb.stateDir, 'transcripts');
    for (const d of [servers, transcripts]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    const stale = [path.join(servers, `default.json.tmp.${dead}`), path.join(transcripts, `index.jsonl.tmp.${dead}`), path.join(sb.stateDir, `claude-hooks.json.tmp.${dead}`)];
    // A pid reused by a later process (this one) is not the writer of a file older than it.
    stale.push(path.join(servers, `reused.json.tmp.${process.pid}`));
    for (const f of stale) fs.writeFileSync(f, '{"half":');
    const hourAgo = Date.now() / 1000 - 3600;
    fs.utimesSync(stale.at(-1)!, hourAgo, hourAgo);
    const live = path.join(servers, `other.json.tmp.${process.pid}`); // a writer still running
    const notOurs = path.join(servers, 'notes.tmp.txt');
    for (const f of [live, notOurs]) fs.writeFileSync(f, 'x');
    await sb.ok(['new', '-d', '-s', 'x']);
    for (const f of stale) expect(fs.existsSync(f), f).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(notOurs)).toBe(true);
    expect(fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8')).toContain('removed temp files of writers that were killed');
  }, 60_000);

  it('records the current window whichever way it changes (select-window too)', async () => {
    world();
    await sb.ok(['new', '-d', '-s', 's']);
    await sb.ok(['new-window', '-t', 's']);
    await checkpointHas((body) => body.sessions[0]?.current === 1, 'window 1 current');
    await sb.ok(['select-window', '-t', 's:0']);
    await checkpointHas((body) => body.sessions[0]?.current === 0 && body.sessions[0]?.last === 1, 'window 0 current after select-window');
    await sb.ok(['last-window', '-t', 's']);
    await checkpointHas((body) => body.sessions[0]?.current === 1, 'window 1 current after last-window');
  }, 60_000);

  it('records a resize, a pane selection, a zoom and a pane title in the checkpoint', async () => {
    world();
    const first = await made(['new', '-d', '-s', 's', '-x', '100', '-y', '30']);
    const second = await made(['split-window', '-h', '-t', first]);
    const win = () => readCheckpoint()!.body.sessions[0].windows[0];
    await checkpointHas((body) => body.sessions[0]?.windows[0]?.panes.length === 2, 'the split');
    const weights = JSON.stringify(win().layout);
    await sb.ok(['resize-pane', '-t', first, '-x', '30']);
    await checkpointHas(() => JSON.stringify(win().layout) !== weights, 'the resized layout');
    await sb.ok(['select-pane', '-t', first]);
    await checkpointHas(() => win().active === Number(first.slice(1)), 'the selected pane');
    await sb.ok(['resize-pane', '-Z', '-t', first]);
    await checkpointHas(() => win().zoomed === true, 'the zoom');
    await sb.ok(['select-pane', '-t', second, '-T', 'my title']);
    await checkpointHas(() => win().panes.some((p: any) => p.title === 'my title'), 'the pane title');
  }, 60_000);

  it('never overwrites a checkpoint written by a newer ccmux, and tells the user', async () => {
    world();
    const file = checkpointFile();
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const newer = JSON.stringify({ format: 99, ccmux: '9.0.0', savedAt: new Date().toISOString(), clean: false, checksum: 'future', body: { sessions: [], galaxies: [1] } });
    fs.writeFileSync(file, newer);
    const bytes = fs.readFileSync(file);

    await sb.ok(['new', '-d', '-s', 'x']);
    const t = await sb.terminal(['attach', '-t', 'x'], 250, 30);
    await t.waitForScreen(/written by a newer ccmux \(9\.0\.0, format 99/);
    await sb.ok(['split-window', '-t', 'x']);
    await sb.ok(['new-window', '-t', 'x', '-n', 'more']);
    await sb.ok(['rename-session', '-t', 'x', 'y']);
    // Barrier: a message shown after the last change is taken down by a 200 ms timer; the
    // checkpoint's write for that change (100 ms, armed earlier) was due first, so it has run.
    await sb.ok(['set-option', '-g', 'display-time', '200']);
    const shown = t.frameShowing('checkpoint-barrier');
    await sb.ok(['display-message', '-t', 'y', 'checkpoint-barrier']);
    await shown;
    await t.waitForScreen((l) => !l.join('\n').includes('checkpoint-barrier'));
    const r = await sb.ccmux(['restore']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer ccmux/);
    const pid = await serverPid();
    await sb.ok(['kill-server']);
    await waitFor(() => !pidAlive(pid), 10_000, 'the server to exit');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['default.json']);
    const notices = fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8').split('\n').filter((l) => l.includes('start-up notice'));
    expect(notices.join('\n')).toMatch(/newer ccmux.*left as it is/);
  }, 60_000);
});
