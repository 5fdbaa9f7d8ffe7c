/*
 * Resolving -t targets against the live model: which session, window and pane a
 * command acts on. With no -t, the "current" one is: a hook's (the event's), the
 * attached client's (for key bindings), else the pane the command was typed in ($CCMUX_PANE_ID), else the most
 * recently used session (as tmux does). `=` and `{mouse}` are where the mouse event of the
 * binding running happened (mouse-target.ts); `~` and `{marked}` the marked pane
 * (marked-pane.ts), as tmux's cmd_find_target.
 */
import type { ClientHandle } from './client/handle.js';
import { neighbourPane } from '../core/layout/layout.js';
import { parseTarget, TargetError } from '../core/target.js';
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

function findSession(ctx: CommandContext, spec: string): Session {
  const { server } = ctx;
  if (/^\$\d+$/.test(spec)) {
    const s = server.model.sessions.find((x) => x.id === Number(spec.slice(1)));
    if (s) return s;
  } else {
    const exact = spec.startsWith('=') ? spec.slice(1) : spec;
    const s = server.model.findSession(exact);
    if (s) return s;
    if (!spec.startsWith('=')) {
      const pre = server.model.sessions.filter((x) => x.name.startsWith(spec));
      if (pre.length === 1) return pre[0]!;
      if (pre.length > 1) throw new CommandError(`more than one session matches: ${spec}`);
    }
  }
  throw new CommandError(`can't find session: ${spec.startsWith('=') ? spec.slice(1) : spec}`);
}

function findWindow(ctx: CommandContext, s: Session, spec: string, cur: Window): Window {
  const sorted = s.sorted();
  const i = sorted.indexOf(cur);
  switch (spec) {
    case '{last}':
    case '!':
      if (!s.last) throw new CommandError('no last window');
      return s.last;
    case '{next}':
    case '+':
      return sorted[(i + 1) % sorted.length]!;
    case '{previous}':
    case '-':
      return sorted[(i - 1 + sorted.length) % sorted.length]!;
    case '{start}':
    case '^':
      return sorted[0]!;
    case '{end}':
    case '$':
      return sorted.at(-1)!;
  }
  if (/^@\d+$/.test(spec)) {
    const id = Number(spec.slice(1));
    const w = s.windows.find((x) => x.id === id);
    if (w) return w;
    throw new CommandError(`can't find window: ${spec}`);
  }
  const idx = spec.startsWith('=') ? spec.slice(1) : spec;
  if (/^\d+$/.test(idx)) {
    const w = s.findIndex(Number(idx));
    if (w) return w;
    throw new CommandError(`can't find window: ${spec}`);
  }
  const named = s.windows.filter((w) => w.name === idx);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new CommandError(`more than one window is named ${idx}`);
  const pre = s.windows.filter((w) => w.name.startsWith(idx));
  if (pre.length === 1) return pre[0]!;
  throw new CommandError(pre.length ? `more than one window matches: ${spec}` : `can't find window: ${spec}`);
}

function findPane(ctx: CommandContext, w: Window, spec: string): Pane {
  const order = w.orderedPanes();
  const i = order.findIndex((p) => p.id === w.active);
  const dirs: Record<string, 'L' | 'R' | 'U' | 'D'> = {
    '{left}': 'L', '{left-of}': 'L', '{right}': 'R', '{right-of}': 'R',
    '{up}': 'U', '{up-of}': 'U', '{top}': 'U', '{down}': 'D', '{down-of}': 'D', '{bottom}': 'D',
  };
  if (spec === '{last}' || spec === '!') {
    const p = w.lastActive !== undefined ? w.panes.get(w.lastActive) : undefined;
    if (!p) throw new CommandError('no last pane');
    return p;
  }
  if (spec === '{next}' || spec === '+') return order[(i + 1) % order.length]!;
  if (spec === '{previous}' || spec === '-') return order[(i - 1 + order.length) % order.length]!;
  const dir = dirs[spec];
  if (dir) {
    const id = neighbourPane(w.layout, w.active, dir, w.cols, w.rows);
    const p = id === undefined ? undefined : w.panes.get(id);
    if (!p) throw new CommandError(`no pane ${spec.slice(1, -1)} of the current one`);
    return p;
  }
  if (/^%\d+$/.test(spec)) {
    const p = w.panes.get(Number(spec.slice(1)));
    if (p) return p;
  }
  if (/^\d+$/.test(spec)) {
    const base = ctx.server.options.get('pane-base-index', { window: w }) as number;
    const p = order[Number(spec) - base];
    if (p) return p;
  }
  throw new CommandError(`can't find pane: ${spec}`);
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

/** Resolve a target for a command that acts on a pane (or the current pane); an empty one (`-t ""`) is the current one, as in tmux's cmd_find_target. */
export function resolvePane(ctx: CommandContext, target?: string, kind: 'pane' | 'window' = 'pane'): Resolved {
  if (target !== undefined && isMouseTarget(target)) return mouseTarget(ctx);
  if (target !== undefined && isMarkedTarget(target)) return markedTarget(ctx);
  const cur = current(ctx);
  if (target === undefined || target === '') return cur;
  const { server } = ctx;
  let parts;
  try {
    parts = parseTarget(target, 'pane');
  } catch (err) {
    throw new CommandError((err as TargetError).message);
  }
  if (parts.pane?.startsWith('%') && !parts.window && !parts.session) {
    const pane = server.model.panes.get(Number(parts.pane.slice(1)));
    const window = pane && server.model.windowOf(pane);
    const session = window && server.model.sessionOf(window, preferred(ctx));
    if (!pane || !window || !session) throw new CommandError(`can't find pane: ${target}`);
    return { session, window, pane };
  }
  if (parts.window?.startsWith('@') && !parts.session) {
    // A window in several sessions is taken in the current session if there, else its best one.
    const w = [...server.model.sessions.flatMap((s) => s.windows)].find((x) => `@${x.id}` === parts.window);
    const s = w && server.model.sessionOf(w, preferred(ctx));
    if (w && s) return { session: s, window: w, pane: parts.pane ? findPane(ctx, w, parts.pane) : w.activePane };
    throw new CommandError(`can't find window: ${parts.window}`);
  }
  if (!parts.session && parts.window && !target.includes(':')) {
    // A bare word is a window of the current session, else a session (as tmux looks it up).
    try {
      findWindow(ctx, cur.session, parts.window, cur.session.current);
    } catch (err) {
      const s = ctx.server.model.sessions.find((x) => x.name === parts.window) ?? ctx.server.model.sessions.find((x) => x.name.startsWith(parts.window!));
      // Neither a window nor a session: tmux names what the command looked for.
      if (!s) throw /^can't find window: /.test((err as Error).message) ? new CommandError(`can't find ${kind}: ${target}`) : err;
      return { session: s, window: s.current, pane: parts.pane ? findPane(ctx, s.current, parts.pane) : s.current.activePane };
    }
  }
  const session = parts.session ? findSession(ctx, parts.session) : cur.session;
  // No window named: the current one (the marked pane's for a -s found from it), else the named session's.
  const window = parts.window ? findWindow(ctx, session, parts.window, session.current) : parts.session ? session.current : cur.window;
  const pane = parts.pane ? findPane(ctx, window, parts.pane) : window.activePane;
  return { session, window, pane };
}

/**
 * Resolve a target for a command that acts on a window. A bare number or relative token
 * is a window of the current session; a bare word is a window name there, else a session.
 */
export function resolveWindow(ctx: CommandContext, target?: string): Resolved {
  if (target === undefined || target === '') return current(ctx);
  if (isMouseTarget(target)) {
    const r = mouseTarget(ctx);
    return { ...r, pane: r.window.activePane };
  }
  if (isMarkedTarget(target)) return markedTarget(ctx);
  if (/[\x00-\x1f\x7f]/.test(target)) throw new CommandError(`bad target ${JSON.stringify(target)}: control characters`);
  if (target.startsWith('%') || target.startsWith('@') || target.includes(':')) {
    const r = resolvePane(ctx, target);
    // "sess:win" names a window: its active pane, not a pane index.
    return target.startsWith('%') || /\.[^.]*$/.test(target.split(':').pop() ?? '') ? r : { ...r, pane: r.window.activePane };
  }
  if (/^=?\d+$/.test(target) || /^(\{[a-z-]+\}|[!+\-^$])$/.test(target)) return resolvePane(ctx, `:${target}`);
  const r = resolvePane(ctx, target, 'window');
  return { ...r, pane: r.window.activePane };
}

/** Resolve a target for a command that acts on a session. */
export function resolveSession(ctx: CommandContext, target?: string): Session {
  if (target === undefined || target === '') return current(ctx).session;
  if (isMouseTarget(target)) return mouseTarget(ctx).session;
  if (isMarkedTarget(target)) return markedTarget(ctx).session;
  if (target.startsWith('%') || target.startsWith('@')) return resolvePane(ctx, target).session;
  const name = target.endsWith(':') ? target.slice(0, -1) : target.split(':')[0]!;
  return findSession(ctx, name);
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
    if (m) {
      const n = Number(m[1]);
      if (!(n <= LIMITS.windowIndex)) throw new CommandError(`window index ${m[1]} is too large (at most ${LIMITS.windowIndex})`);
      return { session: s, index: n, window: s.findIndex(n) };
    }
    const w = findWindow(ctx, s, text, s.current);
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
