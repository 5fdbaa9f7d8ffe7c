/*
 * The events hooks run for, as tmux 3.3a raises them (notify.c's callers), from the
 * model's typed events and the server's client events: each is queued (hook-queue.ts)
 * with tmux's formats — hook, hook_client, hook_session, hook_session_name, hook_window,
 * hook_window_name, hook_pane — and where it happened.
 *
 *   session-created / -renamed / -closed     the model's session events
 *   session-window-changed                    a session's current window changed
 *   window-linked / window-unlinked           a window was added to / left its session
 *   window-layout-changed, window-pane-changed, window-renamed, window-resized
 *                                             a window's layout, active pane, name, size
 *   pane-exited / pane-died                   a pane's program exited; died when the
 *                                             pane stays (remain-on-exit)
 *   alert-activity / -bell / -silence         an alert reported for a window (alerts.ts)
 *   client-attached / -detached / -resized / -session-changed
 *   client-focus-in / -out                    the client's terminal reported focus
 *   pane-focus-in / -out                      a pane gained / lost the focus (pane-focus.ts)
 *
 *   pane-title-changed                        a pane's title set by its program or select-pane -T
 *   pane-set-clipboard                        a pane's program set the clipboard (set-clipboard on)
 *
 *   client-active                             a client became the last to use its window
 *   pane-mode-changed                         a pane entered or left copy or clock mode
 */
import type { HookLevel } from '../core/hook-names.js';
import { hookLevel } from '../core/hook-names.js';
import type { CommandRunner } from './command-context.js';
import { HookQueue, type HookEvent } from './hook-queue.js';
import { remains } from './model.js';
import type { Pane } from './pane.js';
import type { Server } from './server.js';
import type { ClientHandle } from './client/handle.js';
import type { Session, Window } from './window.js';

const WINDOW_CHANGES = { layout: 'window-layout-changed', zoom: 'window-layout-changed', active: 'window-pane-changed', name: 'window-renamed', size: 'window-resized' } as const;

/** Subscribes the hooks to the model's and the server's events; returns the queue. */
export function installHooks(server: Server, runner: CommandRunner): HookQueue {
  const queue = new HookQueue(server, runner, server.log);
  const m = server.model;
  const raise = (name: string, o: { session?: Session; window?: Window; pane?: Pane; client?: ClientHandle }): void => {
    if (!server.hooks.isSet(name)) return;
    const formats: Record<string, string> = { hook: name };
    if (o.client) formats.hook_client = o.client.hello.ttyPath ?? '';
    if (o.session) Object.assign(formats, { hook_session: `$${o.session.id}`, hook_session_name: o.session.name });
    if (o.window) Object.assign(formats, { hook_window: `@${o.window.id}`, hook_window_name: o.window.name });
    if (o.pane) formats.hook_pane = `%${o.pane.id}`;
    const level: HookLevel = hookLevel(name) ?? 'session';
    const where: HookEvent['where'] = { ...o };
    // A client's event happens where the client is (cmd_find_from_client).
    if (o.client?.session && !o.session) where.session = o.client.session;
    queue.add({ name, level, where, formats, ...(o.client ? { client: o.client } : {}) });
  };
  m.events.on('session-created', (session) => raise('session-created', { session }));
  m.events.on('session-renamed', (session) => raise('session-renamed', { session }));
  m.events.on('session-closed', (session) => raise('session-closed', { session }));
  m.events.on('window-selected', ({ session }) => raise('session-window-changed', { session }));
  m.events.on('window-created', ({ window, session }) => raise('window-linked', { session, window }));
  m.events.on('window-closed', ({ window, session }) => raise('window-unlinked', { session, window }));
  m.events.on('pane-title', (pane) => raise('pane-title-changed', { pane }));
  m.events.on('window-changed', ({ window, what }) => {
    if (what !== 'title') raise(WINDOW_CHANGES[what], { window });
  });
  m.events.on('pane-exited', (pane) => {
    const st = pane.exitStatus;
    const stays = st != null && remains(pane.options.get('remain-on-exit') ?? server.options.get('remain-on-exit'), st);
    raise(stays ? 'pane-died' : 'pane-exited', { pane });
  });
  m.events.on('window-alert', ({ session, window, kind }) => raise(`alert-${kind}`, { session, window }));
  server.clientEvents.on('client-attached', (client) => raise('client-attached', { client }));
  server.clientEvents.on('client-detached', ({ client, session }) => raise('client-detached', { client, ...(session ? { session } : {}) }));
  server.clientEvents.on('client-resized', (client) => raise('client-resized', { client }));
  server.clientEvents.on('client-session-changed', (client) => raise('client-session-changed', { client }));
  server.clientEvents.on('client-focus', (client) => raise(client.focused ? 'client-focus-in' : 'client-focus-out', { client }));
  server.clientEvents.on('client-active', (client) => raise('client-active', { client }));
  // Each pane's mode when last seen, to raise pane-mode-changed when it changes.
  const modes = new WeakMap<Pane, string>();
  m.events.on('pane-display', (pane) => {
    const mode = pane.modeName;
    if ((modes.get(pane) ?? '') === mode) return;
    modes.set(pane, mode);
    raise('pane-mode-changed', { pane });
  });
  server.clientEvents.on('pane-set-clipboard', (pane) => raise('pane-set-clipboard', { pane }));
  server.clientEvents.on('pane-focus', ({ pane, focused }) => raise(focused ? 'pane-focus-in' : 'pane-focus-out', { pane }));
  return queue;
}
