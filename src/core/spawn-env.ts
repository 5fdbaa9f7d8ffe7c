/*
 * The environment a pane's program is started with, built by one pure function.
 *
 * We pass our own env to node-pty, so whatever leaks from the multiplexer we run
 * inside (TMUX, TMUX_PANE, STY), sizes that would lie after a resize (COLUMNS, LINES)
 * and CCMUX_* from an outer ccmux are scrubbed here; then TERM, COLORTERM, CCMUX
 * (socket,server-pid — how `ccmux` inside a pane finds its server) and CCMUX_PANE_ID
 * are set, and finally the caller's overrides (a Claude pane's CLAUDE_CONFIG_DIR or
 * HOME, a profile's API key) are applied and its removals honoured. The names of those
 * overrides are listed in CCMUX_INJECTED, so that whatever a program in the pane starts
 * — a `ccmux new-session`, a server — can take them out again (scrubInjected): a
 * profile's secrets and a pane's isolation never travel further than their pane
 * (issue 13.6).
 *
 * A pane given the tmux shim (ADR 0015) gets what tmux gives its panes — TMUX
 * (socket,server-pid,session-id: here ccmux's socket) and TMUX_PANE — and the shim's dir
 * first in PATH, named in CCMUX_TMUX_SHIM so that scrubInjected takes it out of PATH again.
 *
 * What a new session holds of its own, as in tmux (sessionEnviron): the client's values of
 * the `update-environment` names, plus what the command sets explicitly (-e NAME=VALUE).
 */
import { Environ, updateEnviron } from './environ.js';

export interface PaneEnvInput {
  /** The environment the pane inherits (the server's, or the creating client's). */
  base: Record<string, string | undefined>;
  term: string;
  socketPath: string;
  serverPid: number;
  /** tmux-style pane id, e.g. "%3". */
  paneId: string;
  /** Extra variables to set last (isolation, profile env). */
  set?: Record<string, string>;
  /** Variables to remove after everything else. */
  unset?: readonly string[];
  /** The tmux shim: its dir goes first in PATH, and TMUX / TMUX_PANE name this server and pane. */
  tmux?: { shimDir: string; sessionId: number };
}

/** Variables never inherited by a pane. */
export const SCRUBBED_VARS: readonly string[] = ['TMUX', 'TMUX_PANE', 'STY', 'COLUMNS', 'LINES', 'WINDOW'];

/** Build a pane's environment; the result has no undefined values. */
export function buildPaneEnv(input: PaneEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.base)) {
    if (v === undefined) continue;
    if (SCRUBBED_VARS.includes(k) || k === 'CCMUX' || k.startsWith('CCMUX_')) continue;
    env[k] = v;
  }
  env.TERM = input.term;
  env.COLORTERM = 'truecolor';
  env.CCMUX = `${input.socketPath},${input.serverPid}`;
  env.CCMUX_PANE_ID = input.paneId;
  for (const [k, v] of Object.entries(input.set ?? {})) env[k] = v;
  for (const k of input.unset ?? []) delete env[k];
  if (input.tmux) {
    env.TMUX = `${input.socketPath},${input.serverPid},${input.tmux.sessionId}`;
    env.TMUX_PANE = input.paneId;
    const rest = withoutDir(env.PATH ?? DEFAULT_PATH, input.tmux.shimDir);
    env.PATH = rest ? `${input.tmux.shimDir}:${rest}` : input.tmux.shimDir;
    env[SHIM_VAR] = input.tmux.shimDir;
  }
  const changed = [...Object.keys(input.set ?? {}), ...(input.unset ?? [])].filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !k.startsWith('CCMUX'));
  if (changed.length) {
    const was: Record<string, string> = {};
    for (const k of RESTORABLE) if (changed.includes(k) && input.base[k] !== undefined) was[k] = input.base[k]!;
    env[INJECTED_VAR] = JSON.stringify({ set: [...new Set(changed)], was });
  }
  return env;
}

/**
 * Says which variables ccmux set or removed in a pane (beyond CCMUX and CCMUX_*), and
 * what the paths among them were before: `{"set":[names],"was":{HOME:…}}`.
 */
export const INJECTED_VAR = 'CCMUX_INJECTED';

/** Names the tmux shim's dir in a pane given it (its PATH starts with it). */
export const SHIM_VAR = 'CCMUX_TMUX_SHIM';

/** PATH when the environment has none (tmux's _PATH_DEFPATH). */
const DEFAULT_PATH = '/usr/bin:/bin';

/** A PATH without `dir`. */
function withoutDir(pathList: string, dir: string): string {
  return pathList.split(':').filter((d) => d !== dir).join(':');
}

/** What buildPaneEnv itself adds to every pane. */
const PANE_VARS = ['CCMUX', 'CCMUX_PANE_ID', 'CCMUX_INJECTED', SHIM_VAR];

/** The overridden variables whose earlier value is kept (paths, never secrets). */
const RESTORABLE = ['HOME', 'CLAUDE_CONFIG_DIR'];

/** What CCMUX_INJECTED in `env` says ccmux set or removed, and the paths it replaced. */
export function injectedOf(env: Record<string, string | undefined>): { set: string[]; was: Record<string, string> } {
  try {
    const v = JSON.parse(env[INJECTED_VAR] ?? '{}') as { set?: unknown; was?: unknown };
    const set = Array.isArray(v.set) ? v.set.filter((x): x is string => typeof x === 'string') : [];
    const was: Record<string, string> = {};
    if (typeof v.was === 'object' && v.was !== null) {
      for (const [k, x] of Object.entries(v.was)) if (RESTORABLE.includes(k) && typeof x === 'string') was[k] = x;
    }
    return { set, was };
  } catch {
    return { set: [], was: {} };
  }
}

/**
 * `env` without anything ccmux put into a pane: CCMUX, CCMUX_PANE_ID, CCMUX_INJECTED
 * (a user's own CCMUX_* settings, such as CCMUX_LOG_LEVEL, stay), and every variable
 * CCMUX_INJECTED names — each back to its value from before the pane when that was
 * kept (a `home` pane's HOME becomes the real HOME again), else to `fallback`'s, else
 * dropped.
 */
export function scrubInjected(env: Record<string, string | undefined>, fallback: Record<string, string | undefined> = {}): Record<string, string> {
  const { set, was } = injectedOf(env);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || PANE_VARS.includes(k) || set.includes(k)) continue;
    out[k] = v;
  }
  const shim = env[SHIM_VAR];
  if (shim && out.PATH !== undefined) out.PATH = withoutDir(out.PATH, shim);
  for (const k of set) {
    const v = was[k] ?? fallback[k];
    if (v !== undefined && !k.startsWith('CCMUX')) out[k] = v;
  }
  return out;
}

/**
 * What a session holds of its own (tmux's session environment): the client's values of
 * the `update` patterns — a pattern matching nothing is marked removed — (a client
 * started in a ccmux pane loses what that pane was given first), then `explicit` (-e).
 * Panes get the global environment with this on top (childEnv in environ.ts).
 */
export function sessionEnviron(
  clientEnv: Record<string, string | undefined>,
  update: readonly string[],
  explicit: Record<string, string> = {},
): Environ {
  const env = new Environ();
  updateEnviron(update, scrubInjected(clientEnv), env);
  for (const [k, v] of Object.entries(explicit)) env.set(k, v);
  return env;
}

/** Parse -e NAME=VALUE arguments; an error message for a bad one. */
export function parseEnvAssignments(items: readonly string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `bad -e ${JSON.stringify(item)}: expected NAME=VALUE`;
    out[name] = item.slice(eq + 1);
  }
  return out;
}

/**
 * NODE_EXTRA_CA_CERTS makes node parse that file of certificates as it starts, before
 * any script runs: ~58 ms of CPU per start on a machine that sets it (a 215 KB bundle,
 * 2.9× `node -e 0`, issue 18). The server makes no TLS connection, but its panes'
 * programs (claude) need the variable. So the server process is started with it renamed
 * (serverStartEnv) and puts it back, for its panes, as its first step (restoreDeferredEnv).
 */
const DEFERRED: Record<string, string> = { NODE_EXTRA_CA_CERTS: 'CCMUX_DEFERRED_NODE_EXTRA_CA_CERTS' };

/** `env` for starting the server process: the variables node would act on at start-up, renamed. */
export function serverStartEnv(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  for (const [name, parked] of Object.entries(DEFERRED)) {
    delete out[parked];
    if (out[name] !== undefined) {
      out[parked] = out[name]!;
      delete out[name];
    }
  }
  return out;
}

/** In the started server: the renamed variables back under their names (in place). */
export function restoreDeferredEnv(env: Record<string, string | undefined>): void {
  for (const [name, parked] of Object.entries(DEFERRED)) {
    const v = env[parked];
    delete env[parked];
    if (v !== undefined) env[name] = v;
  }
}
