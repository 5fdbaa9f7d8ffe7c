/*
 * Resolving -t targets against the live model: which session, window and pane a
 * command acts on. With no -t, the "current" one is: a hook's (the event's), the
 * attached client's (for key bindings), else the pane the command was typed in ($CCMUX_PANE_ID), else the most
 * recently used session (as tmux does). `=` and `{mouse}` are where the mouse event of the
 * binding running happened (mouse-target.ts); `~` and `{marked}` the marked pane
 * (marked-pane.ts), as tmux's cmd_find_target.
 */
import type { ClientHandle } from './client/handle.js';
import { parseTarget, TargetError, windowToken, type TargetParts } from '../core/target.js';
import { findPaneAnywhere, findPaneIn, findSessionNamed, findWindowAnywhere, findWindowIn, offsetCount, type FindState } from './target-find.js';
import type { CommandContext } from './command-context.js';
import type { Pane } from './pane.js';
import { CommandError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import type { Session, Window } from './window.js';
import type { Resolved } from './resolved.js';

export type { Resolved } from './resolved.js';

/** The current session/window/pane of the caller, or an error if there is no session. */
export function current(ctx: CommandContext): Resolved {
  const { server } = ctx;
  if (ctx.current) return ctx.current;
  if (ctx.client?.session) {
    const s = ctx.client.session;
    return { session: s, window: s.current, pane: s.current.activePane };
  }
  const id = ctx.caller.env.CCMUX_PANE_ID;
  if (id && /^%\d+$/.test(id)) {
    const pane = server.model.panes.get(Number(id.slice(1)));
    const window = pane && server.model.windowOf(pane);
    const session = window && server.model.sessionOf(window, ctx.client?.session ?? undefined);
    if (pane && window && session) return { session, window, pane };
  }
  const s = server.model.bestSession();
  if (!s) throw new CommandError('no sessions');
  return { session: s, window: s.current, pane: s.current.activePane };
}

/** The current session, if there is one, for choosing among the sessions of a linked window. */
function preferred(ctx: CommandContext): Session | undefined {
  try {
    return current(ctx).session;
  } catch {
    return undefined;
  }
}

/**
 * `=` and `{mouse}`: where the mouse event of the binding running happened (tmux's
 * cmd_mouse_pane, else cmd_mouse_window and its active pane: the status line's window),
 * else an error.
 */
function mouseTarget(ctx: CommandContext): Resolved {
  const m = ctx.mouse;
  if (!m || !m.session.windows.includes(m.window)) throw new CommandError('no mouse target');
  const pane = m.pane && m.window.panes.get(m.pane.id) === m.pane ? m.pane : undefined;
  return { session: m.session, window: m.window, pane: pane ?? m.window.activePane };
}

const isMouseTarget = (t: string) => t === '=' || t === '{mouse}';

/** `~` and `{marked}`: the marked pane (its session, window and itself), else an error as tmux's. */
export function markedTarget(ctx: Pick<CommandContext, 'server'>): Resolved {
  const m = ctx.server.model.marked.get();
  if (!m) throw new CommandError('no marked target');
  return { session: m.session, window: m.window, pane: m.pane };
}

const isMarkedTarget = (t: string) => t === '~' || t === '{marked}';

/** What the lookups of target-find.ts need of a command's context. */
function findState(ctx: CommandContext): FindState {
  return {
    server: ctx.server,
    current: () => current(ctx),
    preferred: () => preferred(ctx),
    client: (name) => {
      try {
        return findClient(ctx.server.clients, name);
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * A target's session, window and pane, as tmux 3.3a's cmd_find_target finds them once the
 * text is split (parseTarget): a named session and what is named in it; else a window and
 * a pane in it; else a window (in the current session, or a session's current one); else a
 * pane (in the current window, or a window's or session's active one). What is not found
 * is named as tmux names it: `can't find session|window|pane: PART`.
 */
function findTarget(ctx: CommandContext, target: string, kind: 'session' | 'window' | 'pane'): Resolved {
  let parts: TargetParts;
  try {
    parts = parseTarget(target, kind);
  } catch (err) {
    throw new CommandError((err as TargetError).message);
  }
  const st = findState(ctx);
  const { session, window, pane } = parts;
  const noWindow = () => new CommandError(`can't find window: ${window}`);
  const noPane = () => new CommandError(`can't find pane: ${pane}`);
  if (session !== undefined) {
    const s = findSessionNamed(st, session, parts.exactSession === true);
    if (!s) throw new CommandError(`can't find session: ${session}`);
    if (window === undefined && pane === undefined) return { session: s, window: s.current, pane: s.current.activePane };
    if (pane === undefined) {
      const w = findWindowIn(s, window!, parts.exactWindow === true);
      if (!w) throw noWindow();
      return { session: s, window: w, pane: w.activePane };
    }
    if (window === undefined) {
      // %id: that pane, if its window is in the session; else a pane of its current window.
      if (pane.startsWith('%')) {
        const found = findPaneAnywhere(st, pane, true);
        if (!found || !s.windows.includes(found.window)) throw noPane();
        return { ...found, session: s };
      }
      const p = findPaneIn(st, s.current, pane);
      if (!p) throw noPane();
      return { session: s, window: s.current, pane: p };
    }
    const w = findWindowIn(s, window, parts.exactWindow === true);
    if (!w) throw noWindow();
    const p = findPaneIn(st, w, pane);
    if (!p) throw noPane();
    return { session: s, window: w, pane: p };
  }
  if (window !== undefined) {
    const found = findWindowAnywhere(st, window, parts.exactWindow === true, parts.windowOnly === true);
    if (!found) throw noWindow();
    if (pane === undefined) return { ...found, pane: found.window.activePane };
    const p = findPaneIn(st, found.window, pane);
    if (!p) throw noPane();
    return { ...found, pane: p };
  }
  if (pane !== undefined) {
    const found = findPaneAnywhere(st, pane, parts.paneOnly === true);
    if (!found) throw noPane();
    return found;
  }
  return current(ctx);
}

/** Resolve a target for a command that acts on a pane (or the current pane); an empty one (`-t ""`) is the current one, as in tmux's cmd_find_target. */
export function resolvePane(ctx: CommandContext, target?: string): Resolved {
  if (target === undefined || target === '') return current(ctx);
  if (isMouseTarget(target)) return mouseTarget(ctx);
  if (isMarkedTarget(target)) return markedTarget(ctx);
  return findTarget(ctx, target, 'pane');
}

/**
 * Resolve a target for a command that acts on a window: a bare word is a window of the
 * current session (an index, a name, +N, …), else a session's current window.
 */
export function resolveWindow(ctx: CommandContext, target?: string): Resolved {
  if (target === undefined || target === '') return current(ctx);
  if (isMouseTarget(target)) {
    const r = mouseTarget(ctx);
    return { ...r, pane: r.window.activePane };
  }
  if (isMarkedTarget(target)) return markedTarget(ctx);
  return findTarget(ctx, target, 'window');
}

/** Resolve a target for a command that acts on a session. */
export function resolveSession(ctx: CommandContext, target?: string): Session {
  if (target === undefined || target === '') return current(ctx).session;
  if (isMouseTarget(target)) return mouseTarget(ctx).session;
  if (isMarkedTarget(target)) return markedTarget(ctx).session;
  return findTarget(ctx, target, 'session').session;
}

/** A window target that may name a free index (tmux's CMD_FIND_WINDOW_INDEX). */
export interface WindowIndex {
  session: Session;
  /** The index named, free or taken; undefined when none was ("work:", or no -t at all). */
  index?: number;
  /** The window at that index, or the one named. */
  window?: Window;
}

/**
 * Resolve a destination window that need not exist yet (break-pane -t): "S:" is session S
 * with no index, "S:N" and ":N" an index there (free or taken), a bare number an index in
 * the current session, a bare name a session's current window, else a window of the
 * current session.
 */
export function resolveWindowIndex(ctx: CommandContext, target?: string): WindowIndex {
  if (target === undefined || target === '') return { session: current(ctx).session };
  if (isMarkedTarget(target)) {
    const m = markedTarget(ctx);
    return { session: m.session, index: m.session.indexOf(m.window), window: m.window };
  }
  if (/[\x00-\x1f\x7f]/.test(target)) throw new CommandError(`bad target ${JSON.stringify(target)}: control characters`);
  const colon = target.indexOf(':');
  const index = (s: Session, text: string): WindowIndex => {
    if (text === '') return { session: s };
    const m = /^=?(\d+)$/.exec(text);
    const at = (n: number): WindowIndex => {
      if (!(n <= LIMITS.windowIndex)) throw new CommandError(`window index ${n} is too large (at most ${LIMITS.windowIndex})`);
      return { session: s, index: n, window: s.findIndex(n) };
    };
    if (m) return at(Number(m[1]));
    const exact = text.startsWith('=');
    const spec = windowToken(exact ? text.slice(1) : text);
    // +N and -N count from the current window's index, free or taken (CMD_FIND_WINDOW_INDEX).
    if (!exact && (spec[0] === '+' || spec[0] === '-')) {
      const cur = s.indexOf(s.current);
      const n = spec[0] === '+' ? cur + offsetCount(spec) : cur - offsetCount(spec);
      if (n < 0) throw new CommandError(`can't find window: ${spec}`);
      return at(n);
    }
    const w = findWindowIn(s, spec, exact);
    if (!w) throw new CommandError(`can't find window: ${spec}`);
    return { session: s, index: s.indexOf(w), window: w };
  };
  if (colon >= 0) {
    const name = target.slice(0, colon);
    return index(name === '' ? current(ctx).session : resolveSession(ctx, `${name}:`), target.slice(colon + 1));
  }
  if (target.startsWith('%') || target.startsWith('@')) {
    const r = resolveWindow(ctx, target);
    return { session: r.session, index: r.session.indexOf(r.window), window: r.window };
  }
  if (/^=?\d+$/.test(target)) return index(current(ctx).session, target);
  // A bare session name is its current window, whose index is taken (tmux: "index in use").
  const s = ctx.server.model.findSession(target.replace(/^=/, ''));
  if (s) return { session: s, index: s.indexOf(s.current), window: s.current };
  return index(current(ctx).session, target);
}

/**
 * Resolve a target-client (tmux's CMD_FIND_CLIENT): its name — its terminal's path, with
 * or without /dev/, or client-PID — else, with none, the client the command came from,
 * else the one most recently active.
 */
export function resolveClient(ctx: CommandContext, target?: string): ClientHandle {
  const clients = [...ctx.server.clients];
  if (target === undefined) {
    if (ctx.client) return ctx.client;
    const best = clients.sort((a, b) => b.activity - a.activity)[0];
    if (!best) throw new CommandError('no current client');
    return best;
  }
  return findClient(clients, target);
}

/**
 * The current client of a command no client ran (an event hook's), as tmux's
 * cmd_find_current_client: of the clients attached to the best session — else of all
 * attached clients — the one most recently active.
 */
export function bestClient(ctx: Pick<CommandContext, 'server'>): ClientHandle | undefined {
  const best = ctx.server.model.bestSession();
  const attached = [...ctx.server.clients].filter((c) => c.session);
  const of = attached.some((c) => c.session === best) ? attached.filter((c) => c.session === best) : attached;
  return of.sort((a, b) => b.activity - a.activity)[0];
}

/** The attached client named `name` (-t target-client): its terminal's path, with or without /dev/, or client-PID. */
export function findClient(clients: Iterable<ClientHandle>, name: string): ClientHandle {
  for (const x of clients) {
    const tty = x.hello.ttyPath;
    if ((tty !== undefined && (tty === name || tty === `/dev/${name}`)) || name === `client-${x.hello.pid}`) return x;
  }
  throw new CommandError(`can't find client: ${name}`);
}

/**
 * The session, window and pane formats of a command that targets session `s` see (tmux's
 * format_single_from_target): the caller's current ones when they are in `s` (a hook's
 * window), else `s`'s current window and its active pane.
 */
export function sessionScope(ctx: CommandContext, s: Session): Resolved {
  try {
    const c = current(ctx);
    if (c.session === s) return c;
  } catch {
    /* no current session */
  }
  return { session: s, window: s.current, pane: s.current.activePane };
}
