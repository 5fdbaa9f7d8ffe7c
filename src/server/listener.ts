/*
 * Listening on the server's socket (mode 0600, made under a 0177 umask so it is never
 * open to others, even for a moment): each peer becomes a Connection, which runs its
 * commands through the dispatcher it is given.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { Server } from './server.js';
import type { CommandRunner } from './command-context.js';
import { Connection } from './connection.js';

/** Listen on the server's socket. Resolves once accepting connections. */
export async function listen(server: Server, runner: CommandRunner): Promise<void> {
  const socketPath = server.opts.socketPath;
  const srv = net.createServer((sock) => new Connection(server, sock, runner));
  server.listener = srv;
  const old = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(old);
  }
  fs.chmodSync(socketPath, 0o600);
  srv.on('error', (err) => server.log.error({ err }, 'listener error'));
  server.log.info({ socket: socketPath, pid: process.pid }, 'server listening');
}
