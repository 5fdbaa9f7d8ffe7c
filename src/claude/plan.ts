/*
 * The isolation plan of one Claude pane: which dir it gets, what is created and linked in
 * it, which environment and arguments claude is started with, and how the dir is cleaned
 * up. Pure: everything read from disk (the base `.claude.json`, which base and home entries
 * exist, the project root) is gathered beforehand and passed in; apply.ts carries the plan
 * out. Every refusal is a ClaudePlanError whose message a user can act on.
 *
 *   config_dir  CLAUDE_CONFIG_DIR=<state>/claude-configs/pane-<uuid>, CLAUDE_CODE_TMPDIR=<dir>/tmp
 *   home        HOME=<state>/claude-homes/pane-<uuid> (config in <dir>/.claude, <dir>/.claude.json),
 *               CLAUDE_CONFIG_DIR unset, chosen dotfiles of the real HOME linked in
 *   none        claude as the server's env has it (a profile's base_dir becomes CLAUDE_CONFIG_DIR)
 */
import path from 'node:path';
import { seedClaudeJson } from './seed.js';
import {
  ISOLATION_METHODS,
  type ClaudeProfile,
  type ClaudeSettings,
  type IsolationMethod,
} from '../config/claude-settings.js';

export class ClaudePlanError extends Error {
  override name = 'ClaudePlanError';
}

/** A new pane gets `--session-id`; a restored one `--resume`, in the same dir and cwd. */
export type SessionChoice = { kind: 'new'; id: string } | { kind: 'resume'; id: string };

/** What the live Claude panes already hold; a new pane may share neither. */
export interface LivePanes {
  sessionIds: ReadonlySet<string>;
  dirs: ReadonlySet<string>;
}

export interface PlanInput {
  paneUuid: string;
  /** Overrides the profile's and the settings' method. */
  method?: IsolationMethod;
  /** `$XDG_STATE_HOME/ccmux`. */
  stateDir: string;
  realHome: string;
  cwd: string;
  /** Key of the pane's project in `.claude.json`: git root of the real cwd, or the real cwd. */
  projectRoot: string;
  /** A worktree's repository: the project is trusted as the base config trusts it. */
  trustFrom?: string;
  settings: ClaudeSettings;
  profile?: ClaudeProfile;
  /** The base config dir, as resolveBase() found it. */
  baseDir: string;
  /** The parsed base `.claude.json`, or undefined when missing or unreadable. */
  baseClaudeJson?: unknown;
  /** Names present in the base dir (only share entries and `.credentials.json` matter). */
  baseEntries: readonly string[];
  /** The `home_symlinks` entries that exist under the real HOME. */
  homeEntries: readonly string[];
  serverEnv: Record<string, string | undefined>;
  session: SessionChoice;
  existing: LivePanes;
}

export interface PlannedDir { path: string; mode: number }
export interface PlannedLink { path: string; target: string }
/** A file created only when absent: a restored pane keeps the state it has. */
export interface PlannedFile { path: string; content: string; mode: number }

export interface ClaudePanePlan {
  method: IsolationMethod;
  sessionId: string;
  profile?: string;
  /** The pane's own dir (its config dir, or its HOME); absent for method none. */
  dir?: string;
  /** claude-configs or claude-homes, the only place `dir` may be removed from. */
  root?: string;
  /** Where claude keeps its config: `dir`, or `dir/.claude` for method home. */
  configDir?: string;
  env: Record<string, string>;
  unsetEnv: string[];
  /** claude's arguments after the command. */
  args: string[];
  mkdirs: PlannedDir[];
  links: PlannedLink[];
  files: PlannedFile[];
  /** Set when `.credentials.json` is shared: the pane's refreshed tokens flow back to the base. */
  credentials?: { paneConfigDir: string; baseDir: string };
  cleanup?: { dir: string; root: string; keepTranscripts: boolean };
}

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
export const CREDENTIALS_FILE = '.credentials.json';
export const CONFIGS_ROOT = 'claude-configs';
export const HOMES_ROOT = 'claude-homes';

/** Entries of a config dir that hold one session's or one process's state: never shared. */
export const NEVER_SHARED: readonly string[] = [
  'projects', 'history.jsonl', '.claude.json', CREDENTIALS_FILE, 'sessions', 'session-env',
  'shell-snapshots', 'todos', 'backups', 'tmp', 'file-history', 'statsig', 'telemetry', 'debug',
];

/** Arguments ccmux sets itself; in `args` they would clash with `--session-id`/`--resume`. */
const SESSION_FLAGS = ['--session-id', '--resume', '-r', '--continue', '-c', '--fork-session'];

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the shape of a UUID, which is all claude checks of `--session-id`. */
export function isUuid(id: string): boolean {
  return UUID_SHAPE.test(id);
}

/** The profile called `name`, or a ClaudePlanError listing the ones there are. */
export function findProfile(settings: ClaudeSettings, name: string): ClaudeProfile {
  const profile = settings.profiles[name];
  if (profile) return profile;
  const have = Object.keys(settings.profiles).sort();
  throw new ClaudePlanError(`no such profile: ${name} (have: ${have.length ? have.join(', ') : 'none'})`);
}

function expandHome(p: string, realHome: string): string {
  if (p === '~') return realHome;
  return p.startsWith('~/') ? path.join(realHome, p.slice(2)) : p;
}

/**
 * The base config a pane is seeded from: the profile's base_dir, else `[claude] base_dir`,
 * else the server's CLAUDE_CONFIG_DIR (each with its `.claude.json` inside it, as claude
 * itself reads them), else `~/.claude` with `~/.claude.json`.
 */
export function resolveBase(
  settings: ClaudeSettings,
  profile: ClaudeProfile | undefined,
  serverEnv: Record<string, string | undefined>,
  realHome: string,
): { dir: string; jsonPath: string } {
  const explicit = profile?.base_dir || settings.base_dir || serverEnv.CLAUDE_CONFIG_DIR;
  if (explicit) {
    const dir = path.resolve(realHome, expandHome(explicit, realHome));
    return { dir, jsonPath: path.join(dir, '.claude.json') };
  }
  return { dir: path.join(realHome, '.claude'), jsonPath: path.join(realHome, '.claude.json') };
}

/** Why `name` cannot be a `seed.share` entry, or undefined when it can. */
export function shareEntryProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    return `seed.share: ${JSON.stringify(name)} is not a plain name in the base config dir`;
  }
  if (NEVER_SHARED.includes(name)) {
    return `seed.share: "${name}" is never shared: it holds per-session state (credentials are shared by seed.credentials)`;
  }
  return undefined;
}

/** Why `entry` cannot be a `home_symlinks` entry, or undefined when it can. */
export function homeEntryProblem(entry: string): string | undefined {
  const parts = entry.split('/');
  if (entry === '' || path.isAbsolute(entry) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    return `home_symlinks: ${JSON.stringify(entry)} must be a path relative to HOME without "." or ".."`;
  }
  if (parts[0] === '.claude' || parts[0] === '.claude.json') {
    return `home_symlinks: "${entry}" would share claude's own state between panes`;
  }
  return undefined;
}

/** Refuse session-choosing flags in user-given claude args (ccmux picks the session). */
export function checkArgs(args: readonly string[], where: string): void {
  for (const arg of args) {
    const flag = arg.split('=')[0] ?? arg;
    if (SESSION_FLAGS.includes(flag)) {
      throw new ClaudePlanError(`${where} must not contain ${flag}: ccmux chooses each pane's session itself`);
    }
  }
}

function checkAbsolute(value: string, what: string): void {
  if (!path.isAbsolute(value)) throw new ClaudePlanError(`${what} must be an absolute path: ${value}`);
}

function profileEnv(input: PlanInput): Record<string, string> {
  const env: Record<string, string> = { ...(input.profile?.env ?? {}) };
  const keyVar = input.profile?.api_key_env;
  if (keyVar) {
    const value = input.serverEnv[keyVar];
    if (!value) {
      throw new ClaudePlanError(
        `profile ${input.profile?.name}: api_key_env ${keyVar} is not set in the server's environment`,
      );
    }
    env.ANTHROPIC_API_KEY = value;
  }
  return env;
}

/** Plan a Claude pane, or throw a ClaudePlanError saying why it cannot be started. */
export function planClaudePane(input: PlanInput): ClaudePanePlan {
  const { settings, profile, session } = input;
  const method = input.method ?? profile?.method ?? settings.isolation.method;
  if (!ISOLATION_METHODS.includes(method)) {
    throw new ClaudePlanError(`unknown isolation method: ${String(method)} (have: ${ISOLATION_METHODS.join(', ')})`);
  }
  if (!isUuid(input.paneUuid)) throw new ClaudePlanError(`pane uuid is not a UUID: ${input.paneUuid}`);
  if (!isUuid(session.id)) throw new ClaudePlanError(`session id is not a UUID: ${session.id}`);
  if (input.existing.sessionIds.has(session.id)) {
    throw new ClaudePlanError(`session ${session.id} is already open in another pane`);
  }
  checkAbsolute(input.stateDir, 'state dir');
  checkAbsolute(input.realHome, 'HOME');
  checkAbsolute(input.cwd, 'cwd');
  checkArgs(profile?.args ?? [], `profile ${profile?.name} args`);
  checkArgs(settings.args, '[claude] args');

  const sessionArgs = session.kind === 'new' ? ['--session-id', session.id] : ['--resume', session.id];
  const plan: ClaudePanePlan = {
    method,
    sessionId: session.id,
    env: profileEnv(input),
    unsetEnv: [],
    args: [...(profile?.args ?? []), ...settings.args, ...sessionArgs],
    mkdirs: [],
    links: [],
    files: [],
  };
  if (profile) plan.profile = profile.name;
  if (method === 'none') {
    if (profile?.base_dir) plan.env.CLAUDE_CONFIG_DIR = input.baseDir;
    return plan;
  }

  const root = path.join(input.stateDir, method === 'home' ? HOMES_ROOT : CONFIGS_ROOT);
  const dir = path.join(root, `pane-${input.paneUuid.toLowerCase()}`);
  if (input.existing.dirs.has(dir)) throw new ClaudePlanError(`${dir} is already in use by another pane`);
  const configDir = method === 'home' ? path.join(dir, '.claude') : dir;
  const jsonPath = path.join(method === 'home' ? dir : configDir, '.claude.json');
  Object.assign(plan, { dir, root, configDir });

  plan.mkdirs.push(
    ...[input.stateDir, root, dir, configDir, path.join(configDir, 'tmp')]
      .filter((p, i, all) => all.indexOf(p) === i)
      .map((p) => ({ path: p, mode: DIR_MODE })),
  );
  if (method === 'home') {
    plan.env.HOME = dir;
    plan.unsetEnv.push('CLAUDE_CONFIG_DIR');
    planHomeLinks(input, dir, plan);
  } else {
    plan.env.CLAUDE_CONFIG_DIR = configDir;
  }
  plan.env.CLAUDE_CODE_TMPDIR = path.join(configDir, 'tmp');

  planSeed(input, configDir, plan);
  plan.files.push({
    path: jsonPath,
    content: `${JSON.stringify(seedClaudeJson(input.baseClaudeJson, input.projectRoot, settings.seed, input.trustFrom), null, 2)}\n`,
    mode: FILE_MODE,
  });
  if (settings.isolation.cleanup_on_close) {
    plan.cleanup = { dir, root, keepTranscripts: settings.isolation.keep_transcripts };
  }
  return plan;
}

function planSeed(input: PlanInput, configDir: string, plan: ClaudePanePlan): void {
  const { seed } = input.settings;
  const present = new Set(input.baseEntries);
  if (seed.credentials) {
    plan.credentials = { paneConfigDir: configDir, baseDir: input.baseDir };
    if (present.has(CREDENTIALS_FILE)) {
      plan.links.push({
        path: path.join(configDir, CREDENTIALS_FILE),
        target: path.join(input.baseDir, CREDENTIALS_FILE),
      });
    }
  }
  for (const name of seed.share) {
    const problem = shareEntryProblem(name);
    if (problem) throw new ClaudePlanError(problem);
    if (present.has(name)) {
      plan.links.push({ path: path.join(configDir, name), target: path.join(input.baseDir, name) });
    }
  }
}

function planHomeLinks(input: PlanInput, home: string, plan: ClaudePanePlan): void {
  const present = new Set(input.homeEntries);
  for (const entry of input.settings.isolation.home_symlinks) {
    const problem = homeEntryProblem(entry);
    if (problem) throw new ClaudePlanError(problem);
    if (!present.has(entry)) continue;
    const parts = entry.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = path.join(home, ...parts.slice(0, i));
      if (!plan.mkdirs.some((d) => d.path === parent)) plan.mkdirs.push({ path: parent, mode: DIR_MODE });
    }
    plan.links.push({ path: path.join(home, entry), target: path.join(input.realHome, entry) });
  }
}
