/*
 * Handing a client's terminal back, as tmux 3.3a does: suspend-client stops the ccmux
 * process (SIGTSTP; `fg` brings the session back); lock-client, lock-session and
 * lock-server run lock-command in the terminal of a client, of every client of a session,
 * of every client — the session comes back when the command exits.
 */
import { defineCommand } from './types.js';
import type { Server } from '../server/server.js';
import type { ClientHandle } from '../server/client/handle.js';

/** Lock `clients`: each runs lock-command in its terminal. */
export function lockClients(server: Server, clients: Iterable<ClientHandle>): void {
  for (const c of [...clients]) c.suspend(server.options.get('lock-command', c.at) as string);
}

export const suspendClient = defineCommand({
  name: 'suspend-client',
  alias: ['suspendc'],
  help: 'Suspend a client (SIGTSTP), as C-z does to a program',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-client' }, target: { kind: 'client' } },
  run(_ctx, a) {
    a.client!.suspend();
  },
});

export const lockClient = defineCommand({
  name: 'lock-client',
  alias: ['lockc'],
  help: "Lock a client: run lock-command in its terminal",
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-client' }, target: { kind: 'client' } },
  run(ctx, a) {
    lockClients(ctx.server, [a.client!]);
  },
});

export const lockSession = defineCommand({
  name: 'lock-session',
  alias: ['locks'],
  help: 'Lock every client of a session',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-session' }, target: { kind: 'session' } },
  run(ctx, a) {
    lockClients(ctx.server, [...ctx.server.clients].filter((c) => c.session === a.session));
  },
});

export const lockServer = defineCommand({
  name: 'lock-server',
  alias: ['lock'],
  help: 'Lock every client',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    lockClients(ctx.server, ctx.server.clients);
  },
});
