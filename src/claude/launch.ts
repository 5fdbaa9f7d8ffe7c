/*
 * The server side of Claude panes: turning `--claude [--profile NAME]` on split-window /
 * new-window / new-session into a prepared, isolated pane, and winding it down when the
 * pane closes.
 *
 *   command line → prepareClaudePane (plan + create dir, seeded) → PaneRequest: argv =
 *   [claude, ...args, --session-id <new uuid>], env += CLAUDE_CONFIG_DIR or HOME, ...
 *   pane closed → closeClaudePane (credentials back to base, transcripts archived, dir
 *   removed without following symlinks)
 *
 * While a pane lives, its dir is watched (inotify, no polling) so a token claude
 * refreshes — which replaces our credentials symlink with a file — flows back to the
 * base config at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { ParsedArgs } from '../commands/args.js';
import type { CommandContext } from '../commands/types.js';
import { CommandError, type PaneRequest, type Server } from '../server/server.js';
import type { Pane } from '../server/pane.js';
import { prepareClaudePane, closeClaudePane } from './pane.js';
import { ClaudePlanError, checkArgs, type ClaudePanePlan, type SessionChoice } from './plan.js';
import { ClaudeApplyError } from './apply.js';
import { syncCredentialsBack } from './credentials.js';
import { ISOLATION_METHODS, type IsolationMethod } from './settings.js';

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
  for (const p of server.panes.values()) {
    if (!p.claude) continue;
    sessionIds.add(p.claude.sessionId);
    if (p.claude.dir) dirs.add(p.claude.dir);
  }
  return { sessionIds, dirs };
}

export interface ClaudeRequest {
  profile?: string;
  method?: IsolationMethod;
  session?: SessionChoice;
  /** Reuse this pane uuid (a restored pane keeps its dir). */
  paneUuid?: string;
  extraArgs?: string[];
}

/**
 * If the command asked for a Claude pane, prepare its isolated dir and rewrite `req` to
 * start claude in it. Returns the callback that marks the new Pane as a Claude pane, or
 * undefined for an ordinary pane.
 */
export async function claudePaneOptions(ctx: CommandContext, a: ParsedArgs, req: PaneRequest): Promise<((p: Pane) => void) | undefined> {
  if (!a.flags.has('claude')) {
    if (a.values.has('profile')) throw new CommandError('--profile needs --claude');
    return undefined;
  }
  return prepareClaudeRequest(ctx.server, req, { profile: a.values.get('profile'), extraArgs: a.args });
}

/** Prepare a Claude pane for `req` (see claudePaneOptions); used by restore and resume too. */
export async function prepareClaudeRequest(server: Server, req: PaneRequest, o: ClaudeRequest): Promise<(p: Pane) => void> {
  const settings = server.claude;
  if (o.method && !ISOLATION_METHODS.includes(o.method)) throw new CommandError(`unknown isolation method: ${o.method}`);
  const exe = findExecutable(settings.command, req.env.PATH, req.cwd);
  if (!exe) {
    const msg = `claude not found: "${settings.command}" is not an executable in PATH; install Claude Code or set [claude] command in ccmux.toml`;
    req.argv = ['/bin/sh', '-c', `printf '%s\\r\\n\\r\\n%s' "$1" 'Press Enter to close this pane.'; read _`, 'ccmux', `ccmux: ${msg}`];
    server.notify(msg);
    return () => {};
  }
  try {
    checkArgs(o.extraArgs ?? [], 'extra claude arguments');
  } catch (err) {
    throw new CommandError((err as Error).message);
  }
  const paneUuid = o.paneUuid ?? crypto.randomUUID();
  const session = o.session ?? { kind: 'new', id: crypto.randomUUID() };
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
    });
  } catch (err) {
    if (err instanceof ClaudePlanError || err instanceof ClaudeApplyError) throw new CommandError(err.message);
    throw err;
  }
  const { plan } = prepared;
  if (prepared.baseWarning) server.notify(`claude base config not used: ${prepared.baseWarning}`);
  req.argv = [exe, ...plan.args, ...(o.extraArgs ?? [])];
  req.setEnv = { ...req.setEnv, ...plan.env };
  req.unsetEnv = [...(req.unsetEnv ?? []), ...plan.unsetEnv];
  server.log.info({ method: plan.method, dir: plan.dir, session: plan.sessionId, profile: plan.profile }, 'claude pane prepared');
  return (pane: Pane) => {
    pane.claude = { method: plan.method, dir: plan.dir, root: plan.root, profile: plan.profile, sessionId: plan.sessionId, uuid: paneUuid };
    const entry: { plan: ClaudePanePlan; watcher?: fs.FSWatcher; cwd: string } = { plan, cwd: req.cwd };
    live.set(pane, entry);
    if (plan.credentials) entry.watcher = watchCredentials(server, plan.credentials.paneConfigDir, plan.credentials.baseDir);
  };
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
          (r) => r === 'written-back' && server.log.info({ paneConfigDir }, 'refreshed credentials written back to base'),
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

/** When a Claude pane closes: sync credentials, archive transcripts, remove its dir. */
export function installClaudeCleanup(server: Server): void {
  server.onPaneClosed.push((pane) => {
    const entry = live.get(pane);
    if (!entry) return;
    live.delete(pane);
    entry.watcher?.close();
    const plan = { ...entry.plan };
    if (!server.claude.isolation.cleanup_on_close) plan.cleanup = undefined;
    closeClaudePane(plan, server.opts.stateDir, { cwd: entry.cwd }).then(
      (r) => server.log.info({ pane: pane.id, ...r }, 'claude pane closed'),
      (err) => server.log.error({ err, pane: pane.id }, 'claude pane cleanup failed'),
    );
  });
}
