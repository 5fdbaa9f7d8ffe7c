/*
 * Running hooks (tmux's notify.c and cmdq_insert_hook): the commands of a hook run with
 * the hook's formats (#{hook}, #{hook_session_name}, #{hook_pane}, …) and with the
 * event's session, window and pane as their current target. As in tmux 3.3a, an event
 * hook's commands raise no hooks at all, and an after-hook's commands no after-hooks
 * (the events they cause do queue their hooks, whose commands then raise nothing): a
 * hook can never set off another, let alone itself, without bound.
 *
 * "While a hook's commands run" is an AsyncLocalStorage context, so it follows their
 * awaits and nothing else: another client's command running meanwhile still raises its
 * hooks. Once the hook is done its context says so, so a pane the hook started, whose
 * pty callbacks inherit the context, raises hooks again later (its pane-exited).
 *
 * Event hooks wait in one queue and run in order, one after another, after the command
 * that raised them (as tmux appends them to its global queue); the queue is bounded
 * (MAX_PENDING) and never blocks the event loop.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { CommandContext, CommandRunner } from './command-context.js';
import type { Resolved } from './resolved.js';
import type { ClientHandle, AttachedClient } from './client/handle.js';
import type { HookLevel } from '../core/hook-names.js';
import type { Server } from './server.js';
import type { Session, Window } from './window.js';
import type { Pane } from './pane.js';
import { bestClient } from './targets.js';
import { addToView } from './client/modes.js';

/**
 * At most this many event hooks wait: a burst beyond it (thousands of panes exiting
 * at once with a slow hook) drops the rest, logged, rather than growing without bound.
 */
export const MAX_PENDING = 1000;

interface HookState {
  formats: Readonly<Record<string, string>>;
  /** An event hook (queued) or an after-<command> hook (run in line). */
  kind: 'event' | 'after';
  done: boolean;
}

const running = new AsyncLocalStorage<HookState>();

/** True while a hook's commands run: they raise no after-hooks. */
export function inHook(): boolean {
  const s = running.getStore();
  return s !== undefined && !s.done;
}

/** True while an event hook's commands run: they raise no hooks at all. */
export function inEventHook(): boolean {
  const s = running.getStore();
  return s !== undefined && !s.done && s.kind === 'event';
}

/** The formats of the hook whose commands are running (hook, hook_pane, …), if any. */
export function hookFormats(): Readonly<Record<string, string>> | undefined {
  const s = running.getStore();
  return s && !s.done ? s.formats : undefined;
}

/** Runs `fn` as the commands of a hook of `kind` with `formats`. */
export async function runAsHook<T>(kind: HookState['kind'], formats: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const state: HookState = { formats, kind, done: false };
  try {
    return await running.run(state, fn);
  } finally {
    state.done = true;
  }
}

/** One event hook to run: its name and level, where it happened, and its formats. */
export interface HookEvent {
  name: string;
  level: HookLevel;
  /** Where it happened: made current for the commands if it still exists when they run. */
  where: { session?: Session; window?: Window; pane?: Pane };
  formats: Record<string, string>;
  client?: ClientHandle;
}

/** The hook caller: no terminal, the server's own environment (as tmux-conf's commands). */
export function hookCaller(server: Server): CommandContext['caller'] {
  return { protocol: 0, version: '', pid: process.pid, cwd: server.opts.home, tty: false, cols: 80, rows: 24, env: server.opts.env ?? {} };
}

/** The event's session, window and pane, as far as they still exist (cmd_find_valid_state). */
export function stillThere(server: Server, where: HookEvent['where']): Resolved | undefined {
  const m = server.model;
  if (where.pane && m.panes.get(where.pane.id) === where.pane) {
    const window = m.windowOf(where.pane);
    const session = window && m.sessionOf(window, where.session);
    if (window && session) return { session, window, pane: where.pane };
  }
  if (where.window) {
    const session = m.sessionOf(where.window, where.session);
    if (session && session.windows.includes(where.window)) return { session, window: where.window, pane: where.window.activePane };
  }
  if (where.session && m.sessions.includes(where.session)) return { session: where.session, window: where.session.current, pane: where.session.current.activePane };
  return undefined;
}

export class HookQueue {
  private readonly pending: HookEvent[] = [];
  private draining = false;

  constructor(
    private readonly server: Server,
    private readonly runner: CommandRunner,
    private readonly log: Logger,
  ) {}

  /** Queue an event hook; nothing when raised by an event hook's commands, on the way out, or past MAX_PENDING. */
  add(ev: HookEvent): void {
    if (inEventHook() || this.server.isExiting) return;
    if (this.pending.length >= MAX_PENDING) {
      this.log.warn({ hook: ev.name }, 'hook dropped: too many hooks waiting');
      return;
    }
    this.pending.push(ev);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      for (let ev = this.pending.shift(); ev; ev = this.pending.shift()) {
        try {
          await runAsHook('event', ev.formats, () => this.run(ev!));
        } catch (err) {
          this.log.error({ err, hook: ev.name }, 'hook failed');
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Each item of the hook in index order; one that fails is logged and the next runs.
   * Which items is decided now, from where the event happened if that is still there,
   * else from the best session (tmux's cmd_find_from_nothing): a pane's own pane-exited
   * hook is gone with it.
   */
  private async run(ev: HookEvent): Promise<void> {
    const current = stillThere(this.server, ev.where);
    const best = this.server.model.bestSession();
    const at = current ?? (best ? { session: best, window: best.current, pane: best.current.activePane } : undefined);
    const items = this.server.hooks.find(ev.name, ev.level, at?.session, at?.window, at?.pane);
    if (!items) return;
    const client = ev.client && this.server.clients.has(ev.client) ? (ev.client as AttachedClient) : undefined;
    const errors: string[] = [];
    const output: string[] = [];
    const ctx: CommandContext = {
      server: this.server,
      caller: client?.hello ?? hookCaller(this.server),
      ...(client ? { client } : {}),
      ...(current ? { current } : {}),
      runner: this.runner,
      out: (t) => output.push(t),
      err: (t) => errors.push(t.trimEnd()),
    };
    for (const [, text] of [...items].sort(([a], [b]) => a - b)) {
      await this.runner.runString(ctx, text);
    }
    // tmux runs an event hook as the current client (cmdq_fire_command), and what its
    // commands print is added to that client's view; with no client attached it is lost.
    const to = bestClient({ server: this.server });
    if (output.length && to && !to.control) addToView(to as AttachedClient, output.join('').replace(/\n$/, '').split('\n'));
    if (errors.length) this.log.warn({ hook: ev.name, errors }, 'hook command failed');
  }
}
