/*
 * What a command that attaches does: the checks (a terminal, not nested in ccmux by
 * accident), the size of a new session (-x/-y, or the terminal's), and the attaching
 * (with the client's update-environment variables into the session's environment).
 */
import { statusLines } from '../config/status-lines.js';
import type { ParsedArgs } from './args.js';
import type { CommandContext } from './types.js';
import { parseDefaultSize } from '../server/window-size.js';
import { CommandError } from '../core/errors.js';
import type { Session } from '../server/window.js';
import type { Server } from '../server/server.js';
import { updateEnviron } from '../core/environ.js';
import { scrubInjected } from '../core/spawn-env.js';
import { presentItems } from '../config/option-values.js';
import type { ControlFlags } from '../protocol/control-lines.js';
import { applyClientFlags, hasControlFlags } from './client-flags.js';

/**
 * Attaching needs the caller's terminal, and refuses to show a server inside one of its
 * own panes (it would draw itself into itself). From a pane of another server (-L, -S)
 * it is allowed, as tmux allows it: $CCMUX (`<socket>,<pid>`, given to every pane) says
 * which server the caller runs in.
 */
export function checkCanAttach(ctx: CommandContext): void {
  if (!ctx.caller.tty) throw new CommandError('open terminal failed: not a terminal');
  const inside = ctx.caller.env.CCMUX;
  if (inside && inside.slice(0, inside.lastIndexOf(',')) === ctx.server.opts.socketPath) {
    throw new CommandError('sessions should be nested with care, unset $CCMUX to force');
  }
}

/**
 * Attach the caller to `s`: switch an attached client, or turn the CLI connection into one.
 * Unless `noUpdate` (-E), the session takes the attaching client's `update-environment`
 * variables first, as tmux's attach does. With `announce` (attach-session, new -A of an
 * existing session) a client that had no session yet raises client-attached after
 * client-session-changed, as tmux's cmd_attach_session; new-session raises only the latter.
 */
export function attachTo(ctx: CommandContext, s: Session, noUpdate = false, announce = true, readOnly = false, flags?: ControlFlags): void {
  if (!noUpdate) updateSessionEnviron(ctx.server, s, (ctx.client?.hello ?? ctx.caller).env);
  if (ctx.client) {
    const fresh = !ctx.client.session;
    if (flags) applyClientFlags(ctx.server, ctx.client, flags);
    // -r makes a client read-only (and ignore-size) as it attaches, not one already attached (as tmux).
    if (fresh && readOnly) {
      ctx.client.readOnly = true;
      ctx.client.ignoreSize = true;
    }
    ctx.client.switchTo(s);
    if (fresh && announce) ctx.server.clientAttached(ctx.client);
    return;
  }
  checkCanAttach(ctx);
  if (flags && hasControlFlags(flags)) throw new CommandError('not a control client');
  const ignoreSize = readOnly || flags?.ignoreSize === true;
  ctx.attach = { session: s, announce, ...(readOnly || flags?.readOnly ? { readOnly: true } : {}), ...(ignoreSize ? { ignoreSize } : {}) };
}

/**
 * attach-session -d / -x, new-session -A -D / -X: detach the other clients of `s` (with
 * `hangup`, also SIGHUP the shell each was started from), as tmux's cmd_attach_session.
 */
export function detachOthers(ctx: CommandContext, s: Session, hangup: boolean): void {
  for (const c of [...ctx.server.clients]) {
    if (c.session === s && c !== ctx.client) c.detach(`[detached${hangup ? ' and SIGHUP' : ''} (from session ${s.name})]`, 0, hangup);
  }
}

/** `s` takes `clientEnv`'s values of the update-environment patterns (environ_update). */
export function updateSessionEnviron(server: Server, s: Session, clientEnv: Record<string, string | undefined>): void {
  updateEnviron(presentItems(server.options.get('update-environment')), scrubInjected(clientEnv), s.environ);
}

/** Area rows for a new session the caller will see (its terminal less the status line). */
export function sessionSize(ctx: CommandContext, a: ParsedArgs, detached: boolean): { cols: number; rows: number } {
  const num = (flag: string): number | undefined => {
    const v = a.values.get(flag);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 10000) throw new CommandError(`invalid size -${flag} ${v}`);
    return Number(v);
  };
  const status = statusLines(ctx.server.options);
  const useCaller = !detached && ctx.caller.tty;
  // With no terminal to take it from: under window-size latest the smallest attached
  // client, as tmux's default_window_size counts every one; else default-size ("80x24").
  let fallback = parseDefaultSize(ctx.server.options.get('default-size'));
  const allIgnore = [...ctx.server.clients].every((c) => !c.session || c.ignoreSize);
  const sized = [...ctx.server.clients].filter((c) => c.session && !(c.control && !c.control.sized) && (allIgnore || !c.ignoreSize));
  if (ctx.server.options.get('window-size') === 'latest' && sized.length > 0) {
    fallback = { cols: Math.min(...sized.map((c) => c.cols)), rows: Math.min(...sized.map((c) => c.paneAreaRows())) };
  }
  const cols = num('x') ?? (useCaller ? ctx.caller.cols : fallback.cols);
  const rows = num('y') ?? (useCaller ? ctx.caller.rows - status : fallback.rows);
  return { cols, rows: Math.max(1, rows) };
}
