/*
 * The server side of Claude panes: turning `--claude [--profile NAME]` on split-window /
 * new-window / new-session into a prepared, isolated pane, and winding it down when the
 * pane closes.
 *
 *   SpawnRequest with asks.claude → claudeSpawnHook: prepareClaudePane (plan + create
 *   dir, seeded) → the request rewritten: argv =
 *   [claude, ...args, --session-id <new uuid>], env += CLAUDE_CONFIG_DIR or HOME, ...
 *   (and with `tmux_shim`, the tmux shim: tmux-shim.ts)
 *   pane closed → closeClaudePane (credentials back to base, transcripts archived, dir
 *   removed without following symlinks)
 *
 * While a pane lives, its dir is watched (inotify, no polling) so a token claude
 * refreshes — which replaces our credentials symlink with a file — flows back to the
 * base config at once.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Server } from '../server/server.js';
import type { PreparedSpawn, SpawnHook, SpawnRequest } from '../server/spawn.js';
import { CommandError } from '../core/errors.js';
import type { Pane } from '../server/pane.js';
import { prepareClaudePane, closeClaudePane } from './pane.js';
import { ClaudePlanError, checkArgs, resolveBase, type ClaudePanePlan, type SessionChoice } from './plan.js';
import { configDirsToCheck, runningSession } from './resume-lock.js';
import { ClaudeApplyError } from './apply.js';
import { syncCredentialsBack } from './credentials.js';
import { ISOLATION_METHODS, type IsolationMethod } from '../config/claude-settings.js';
import { encodeProjectPath } from './encode-path.js';
import { realCwd } from './git-root.js';
import { writeTmuxShim } from './tmux-shim.js';
import { hooksForPane, versionForHooks } from './pane-hooks.js';
import { closingClaudeDirs } from './closing.js';
import { claudeOf, setClaudeOf } from './pane-info.js';
import { awarenessOf } from './awareness.js';

/** Per-pane plan and watcher, kept off the Pane so the core model stays Claude-agnostic. */
const live = new WeakMap<Pane, { plan: ClaudePanePlan; watcher?: fs.FSWatcher; cwd: string }>();

/** Find an executable in PATH (or check a path); undefined when missing. */
export function findExecutable(cmd: string, envPath: string | undefined, cwd: string): string | undefined {
  const isExe = (p: string) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (cmd.includes('/')) {
    const p = path.resolve(cwd, cmd);
    return isExe(p) ? p : undefined;
  }
  for (const dir of (envPath ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    if (isExe(p)) return p;
  }
  return undefined;
}

/** Session ids and dirs of the live Claude panes: a new pane may reuse neither. */
function livePanes(server: Server): { sessionIds: Set<string>; dirs: Set<string> } {
  const sessionIds = new Set<string>();
  const dirs = new Set<string>();
  for (const p of server.model.panes.values()) {
    const c = claudeOf(p);
    if (!c) continue;
    sessionIds.add(c.sessionId);
    if (c.dir) dirs.add(c.dir);
  }
  return { sessionIds, dirs };
}

/** What a pane start asks of Claude isolation (`asks.claude` of a SpawnRequest). */
export interface ClaudeRequest {
  profile?: string;
  method?: IsolationMethod;
  session?: SessionChoice;
  /** Reuse this pane uuid (a restored pane keeps its dir). */
  paneUuid?: string;
  extraArgs?: string[];
  /** An archived transcript to place where `claude --resume` looks for it (moved, not copied). */
  transcript?: string;
  /** Trust the pane's project as the base config trusts this dir (a worktree: its repository). */
  trustFrom?: string;
}

declare module '../server/spawn.js' {
  interface SpawnAsks {
    /** Start claude in an isolated pane (launch.ts). */
    claude?: ClaudeRequest;
  }
}

/**
 * The spawn hook of Claude isolation (server/spawn.ts): a request asking for `claude` is
 * planned, its dir made and seeded, and rewritten to start claude there — argv with the
 * hook settings and the session id, env with CLAUDE_CONFIG_DIR or HOME; the pane, once
 * started, is marked and its credentials watched; a pane never created gets its dir
 * wound down again.
 */
export function claudeSpawnHook(server: Server): SpawnHook {
  return { prepare: (req) => (req.asks?.claude ? prepareClaude(server, req, req.asks.claude) : Promise.resolve(undefined)) };
}

async function prepareClaude(server: Server, req: SpawnRequest, o: ClaudeRequest): Promise<PreparedSpawn> {
  const settings = server.claude;
  if (o.method && !ISOLATION_METHODS.includes(o.method)) throw new CommandError(`unknown isolation method: ${o.method}`);
  const exe = findExecutable(settings.command, req.env.PATH, req.cwd);
  if (!exe) {
    const msg = `claude not found: "${settings.command}" is not an executable in PATH; install Claude Code or set [claude] command in ccmux.toml`;
    server.log.warn({ command: settings.command }, 'claude not found');
    const argv = ['/bin/sh', '-c', `printf '%s\\r\\n\\r\\n%s' "$1" 'Press Enter to close this pane.'; read _`, 'ccmux', `ccmux: ${msg}`];
    return { request: { ...req, argv }, started: () => {}, abandon: async () => {}, failure: msg };
  }
  try {
    checkArgs(o.extraArgs ?? [], 'extra claude arguments');
  } catch (err) {
    throw new CommandError((err as Error).message);
  }
  const version = versionForHooks(server, exe, req.env);
  const paneUuid = o.paneUuid ?? crypto.randomUUID();
  const session = o.session ?? { kind: 'new', id: crypto.randomUUID() };
  if (session.kind === 'resume') {
    // Never a second live claude on one conversation (issue 14.8).
    const bases = [settings.base_dir, ...Object.values(settings.profiles).map((p) => p.base_dir)].filter((d): d is string => !!d);
    const dirs = configDirsToCheck(server.opts.stateDir, [resolveBase(settings, undefined, req.env, server.opts.home).dir, ...bases.map((d) => path.resolve(server.opts.home, d.replace(/^~(?=$|\/)/, server.opts.home)))]);
    const running = await runningSession(session.id, dirs);
    if (running) throw new CommandError(`the Claude session ${session.id} is already running (claude pid ${running.pid}, config dir ${running.configDir}): not starting a second claude on it`);
  }
  let prepared;
  try {
    prepared = await prepareClaudePane({
      paneUuid,
      stateDir: server.opts.stateDir,
      realHome: server.opts.home,
      cwd: req.cwd,
      settings,
      profileName: o.profile,
      method: o.method,
      serverEnv: req.env,
      session,
      existing: livePanes(server),
      ...(o.trustFrom ? { trustFrom: o.trustFrom } : {}),
    });
  } catch (err) {
    if (err instanceof ClaudePlanError || err instanceof ClaudeApplyError) throw new CommandError(err.message);
    throw err;
  }
  const { plan } = prepared;
  if (o.transcript && plan.configDir) {
    const dest = path.join(plan.configDir, 'projects', encodeProjectPath(await realCwd(req.cwd)), `${plan.sessionId}.jsonl`);
    await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
    await fsp.copyFile(o.transcript, dest, fs.constants.COPYFILE_EXCL);
    await fsp.unlink(o.transcript);
  }
  if (prepared.baseWarning) server.notify(`claude base config not used: ${prepared.baseWarning}`);
  const { hooks, args: hookArgs } = await hooksForPane(server, version);
  server.log.info({ method: plan.method, dir: plan.dir, session: plan.sessionId, profile: plan.profile, hooks }, 'claude pane prepared');
  let marked: Pane | undefined;
  const started = (pane: Pane) => {
    marked = pane;
    setClaudeOf(pane, { method: plan.method, dir: plan.dir, root: plan.root, profile: plan.profile, sessionId: plan.sessionId, uuid: paneUuid, hooks });
    const entry: { plan: ClaudePanePlan; watcher?: fs.FSWatcher; cwd: string } = { plan, cwd: req.cwd };
    live.set(pane, entry);
    if (plan.credentials) entry.watcher = watchCredentials(server, plan.credentials.paneConfigDir, plan.credentials.baseDir);
  };
  const abandon = async () => {
    if (marked) {
      live.get(marked)?.watcher?.close();
      live.delete(marked);
    }
    // A restored pane's dir (paneUuid given) existed before and stays restorable.
    if (o.paneUuid || !plan.dir || !plan.root) return;
    const cleanup = { dir: plan.dir, root: plan.root, keepTranscripts: true };
    await closeClaudePane({ ...plan, cleanup }, server.opts.stateDir, { cwd: req.cwd }).then(
      () => server.log.info({ dir: plan.dir }, 'claude pane not created: dir removed'),
      (err) => server.log.error({ err, dir: plan.dir }, 'cannot remove the dir of a Claude pane that was not created'),
    );
  };
  const token = awarenessOf(server)?.tokenFor(paneUuid);
  const request: SpawnRequest = {
    ...req,
    argv: [exe, ...hookArgs, ...plan.args, ...(o.extraArgs ?? [])],
    setEnv: { ...req.setEnv, ...plan.env, ...(token ? { CCMUX_CLAUDE_TOKEN: token } : {}) },
    unsetEnv: [...(req.unsetEnv ?? []), ...plan.unsetEnv],
    kind: 'claude',
    ...(settings.tmux_shim ? { tmuxShim: writeTmuxShim(server.opts.stateDir) } : {}),
  };
  return { request, started, abandon };
}

/** Write a refreshed token back to the base config as soon as claude replaces the link. */
function watchCredentials(server: Server, paneConfigDir: string, baseDir: string): fs.FSWatcher | undefined {
  let timer: NodeJS.Timeout | null = null;
  try {
    const w = fs.watch(paneConfigDir, (_ev, name) => {
      if (name !== '.credentials.json' || timer) return;
      timer = setTimeout(() => {
        timer = null;
        syncCredentialsBack(paneConfigDir, baseDir).then(
          (r) => {
            if (r === 'written-back') server.log.info({ paneConfigDir }, 'refreshed credentials written back to base');
            if (r === 'refused') server.log.warn({ paneConfigDir }, 'a pane wrote a .credentials.json that is not a well-formed login: not written back, link restored');
          },
          (err) => server.log.warn({ err }, 'credential write-back failed'),
        );
      }, 100);
    });
    w.on('error', () => w.close());
    w.unref();
    return w;
  } catch {
    return undefined;
  }
}

/**
 * How long a closed Claude pane's dir waits for its claude to exit: a killed claude writes
 * its .claude.json and transcript as it goes, and a leader ignoring SIGHUP is SIGKILLed
 * after 1.5 s (pty-host.ts). Removing the dir earlier races those writes: the walk fails
 * with ENOTEMPTY and leaves an orphan, or the archive misses the transcript's last lines.
 */
const EXIT_WAIT_MS = 3000;

/** When a Claude pane closes: once its claude has exited, sync credentials, archive transcripts, remove its dir. */
export function installClaudeCleanup(server: Server): void {
  server.model.events.on('pane-closed', (pane) => {
    const entry = live.get(pane);
    if (!entry) return;
    live.delete(pane);
    entry.watcher?.close();
    const plan = { ...entry.plan };
    if (!server.claude.isolation.cleanup_on_close) plan.cleanup = undefined;
    let timer: NodeJS.Timeout | undefined;
    const dir = plan.dir;
    if (dir) closingClaudeDirs.add(dir);
    const exited = Promise.race([pane.whenExited(), new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_WAIT_MS)))]);
    exited.then(() => {
      clearTimeout(timer);
      return closeClaudePane(plan, server.opts.stateDir, { cwd: entry.cwd });
    }).then(
      (r) => server.log.info({ pane: pane.id, ...r }, 'claude pane closed'),
      (err) => server.log.error({ err, pane: pane.id }, 'claude pane cleanup failed'),
    ).finally(() => {
      if (dir) closingClaudeDirs.delete(dir);
    });
  });
}
