/*
 * One server per socket, decided before anything is restored (issue 13.5). Several
 * `ccmux` commands started at once after a crash each start a server; only one may read
 * the checkpoint, restore panes (a second `claude --resume` of the same session in the
 * same dir is the damage) and take the socket. The lock is a Linux abstract Unix socket
 * named for the uid and the socket path: binding it is atomic, and the kernel lets go of
 * it when its holder exits however it dies, so there is no stale lock file to judge
 * (node has no flock()). The loser exits without side effects and tells the ccmux that
 * started it to wait for the winner; that ccmux also uses the lock to tell a winner that
 * is still starting from one that went away.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

/** The abstract name for `socketPath` (made absolute). */
export function startLockName(socketPath: string, uid: number): string {
  const digest = crypto.createHash('sha256').update(path.resolve(socketPath)).digest('hex').slice(0, 32);
  return `\0ccmux-server-lock/${uid}/${digest}`;
}

/**
 * Take the lock for `socketPath`: the held listener (keep it for the process's life), or
 * null when another process holds it. Throws on any other error.
 */
export function takeStartLock(socketPath: string, uid: number): Promise<net.Server | null> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer((sock) => sock.destroy());
    srv.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(null) : reject(err)));
    srv.listen(startLockName(socketPath, uid), () => {
      srv.unref();
      resolve(srv);
    });
  });
}
