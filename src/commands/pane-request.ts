/*
 * Where a new pane starts and with what: the -c directory (~ and formats expanded), the
 * environment (the session's, or a new session's from the server's own plus the
 * client's update-environment variables and -e), the start command, and the -l size.
 */
import path from 'node:path';
import { valuesOf, type ParsedArgs } from './args.js';
import { parseEnvAssignments, sessionEnviron } from '../core/spawn-env.js';
import type { Environ } from '../core/environ.js';
import type { CommandContext } from './types.js';
import type { SpawnRequest } from '../server/spawn.js';
import { INT_MAX, numberArg } from './number-arg.js';
import { CommandError } from '../core/errors.js';
import type { Pane } from '../server/pane.js';
import type { Session } from '../server/window.js';
import { expandFor, type FormatScope } from '../server/format-vars.js';
import type { ClaudeRequest } from '../claude/launch.js';
import { asTeammate } from './teammate-env.js';
import type { WorktreeAsk } from '../claude/worktree.js';
import { Prompt } from '../server/client/modes.js';
import { presentItems } from '../config/option-values.js';

/** The long options of the commands that start panes: Claude, its profile, and its worktree. */
export const PANE_LONG_OPTIONS = { claude: 'flag', profile: 'value', worktree: 'optional', base: 'value', 'no-worktree': 'flag' } as const;
export const PANE_LONG_NAMES = { profile: 'name', worktree: 'name', base: 'ref' } as const;

/** Expand ~ and formats in a -c directory. */
export function startDirectory(ctx: CommandContext, dir: string, scope: FormatScope): string {
  let d = expandFor(ctx.server, dir, scope);
  const home = ctx.caller.env.HOME ?? ctx.server.opts.home;
  if (d === '~' || d.startsWith('~/')) d = path.join(home, d.slice(1));
  return path.resolve(ctx.caller.cwd, d);
}

/**
 * The request for a new pane next to `near` (or in a new session, whose own environment is
 * `environ`, when undefined). Its environment: the global one with the session's on top
 * (for a new session: the client's `update-environment` variables, sessionEnviron) —
 * never the rest of what a client forwards — and then any -e NAME=VALUE. With --claude, it asks the Claude spawn hook
 * for an isolated Claude pane (the arguments go to claude). Made through the tmux shim,
 * it inherits the calling Claude pane's state (teammate-env.ts).
 */
export function paneRequest(ctx: CommandContext, a: ParsedArgs, session: Session | undefined, near: Pane | undefined, environ?: Environ): SpawnRequest {
  const scope = { session, window: near ? ctx.server.model.windowOf(near) : undefined, pane: near };
  // Without -c: from a command line, the directory it was run in (tmux's server_client_get_cwd
  // for a client with no session); from a key binding, the pane's current one (tmux: the
  // session's start directory).
  const cwd = a.values.has('c') ? startDirectory(ctx, a.values.get('c')!, scope) : near && ctx.client?.session ? near.currentPath() : ctx.caller.cwd;
  const explicit = parseEnvAssignments(valuesOf(a, 'e'));
  if (typeof explicit === 'string') throw new CommandError(explicit);
  const env = ctx.server.spawnEnv(session ? session.environ : (environ ?? newSessionEnviron(ctx, explicit)), explicit);
  const claude = claudeAsk(a);
  if (claude) {
    const worktree = worktreeAsk(ctx, a);
    return { cwd, env, asks: { claude, ...(worktree ? { worktree } : {}) } };
  }
  for (const f of ['worktree', 'no-worktree']) if (a.flags.has(f)) throw new CommandError(`--${f} needs --claude`);
  if (a.values.has('base')) throw new CommandError('--base needs --worktree');
  return asTeammate(ctx, { cwd, env, argv: a.args.length ? a.args : undefined });
}

/**
 * What --claude and --profile ask (new-session, new-window, split-window): Claude in an
 * isolated pane, the arguments after the flags passed to claude (claude/launch.ts).
 */
function claudeAsk(a: ParsedArgs): ClaudeRequest | undefined {
  if (!a.flags.has('claude')) {
    if (a.values.has('profile')) throw new CommandError('--profile needs --claude');
    return undefined;
  }
  return { profile: a.values.get('profile'), extraArgs: a.args };
}

/**
 * What --worktree [NAME], --base REF and --no-worktree ask, with `[claude.worktree] mode`:
 * "always" gives every Claude pane started in a repository a worktree (none elsewhere).
 */
function worktreeAsk(ctx: CommandContext, a: ParsedArgs): WorktreeAsk | undefined {
  const base = a.values.get('base');
  if (a.flags.has('no-worktree')) {
    if (a.flags.has('worktree') || base !== undefined) throw new CommandError('--no-worktree cannot be used with --worktree or --base');
    return undefined;
  }
  if (a.flags.has('worktree')) {
    const name = a.values.get('worktree');
    return { kind: 'new', ...(name ? { name } : {}), ...(base !== undefined ? { base } : {}) };
  }
  if (base !== undefined) throw new CommandError('--base needs --worktree');
  if (ctx.server.claude.worktree.mode === 'always') return { kind: 'new', optional: true };
  return undefined;
}

/**
 * With `[claude.worktree] mode = "ask"`, a Claude pane started from an attached client
 * (a key) with neither --worktree nor --no-worktree asks for a worktree name first: the
 * prompt's answer becomes --worktree NAME (empty: --no-worktree) and `go` runs with it.
 * True when it asked (the command is then done for now; Escape starts nothing).
 */
export function askedForWorktree(ctx: CommandContext, a: ParsedArgs, go: (a: ParsedArgs) => Promise<void>): boolean {
  if (!a.flags.has('claude') || a.flags.has('worktree') || a.flags.has('no-worktree') || !ctx.client) return false;
  if (ctx.server.claude.worktree.mode !== 'ask') return false;
  ctx.client.openMode(
    new Prompt('worktree name (empty: none)', '', async (text) => {
      const name = text.trim();
      const flags = new Set(a.flags);
      const values = new Map(a.values);
      if (name) {
        flags.add('worktree');
        values.set('worktree', name);
      } else flags.add('no-worktree');
      await go({ ...a, flags, values });
    }),
  );
  return true;
}

/**
 * What a new session holds of its own (sessionEnviron in core/spawn-env.ts): the
 * caller's update-environment variables unless `noUpdate` (new-session -E), then -e.
 */
export function newSessionEnviron(ctx: CommandContext, explicit: Record<string, string> = {}, noUpdate = false): Environ {
  const update = noUpdate ? [] : presentItems(ctx.server.options.get('update-environment'));
  return sessionEnviron(ctx.caller.env, update, explicit);
}

/**
 * The new pane's size from -l ("20" cells or "30%" of the pane split, any percentage) or
 * -p (a percentage; -l wins), with tmux 3.3a's errors: split-window's `lines …`,
 * `percentage …` and `create pane failed: -p …`, join-pane's `size …` (its percentages
 * at most 100). How a size too large for the pane is clamped is the layout's (splitPane).
 */
export function parseSize(l: string | undefined, p: string | undefined, join = false): { cells?: number; percent?: number } {
  if (l !== undefined) {
    if (l.endsWith('%')) return { percent: numberArg(l.slice(0, -1), 0, join ? 100 : INT_MAX, join ? 'size' : 'percentage') };
    return { cells: numberArg(l, 0, INT_MAX, join ? 'size' : 'lines') };
  }
  if (p !== undefined) return { percent: numberArg(p, 0, join ? 100 : INT_MAX, join ? 'size' : 'create pane failed: -p') };
  return {};
}
