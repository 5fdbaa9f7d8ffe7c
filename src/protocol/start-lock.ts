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
 *
 * Abstract sockets have no permissions, so the name must be one no other user can know
 * before us (else anyone could take it first and no server would ever start): it is
 * derived from a random key kept beside the socket (`<socket>.lock-key`, 0600, in the
 * socket's 0700 dir), made once, atomically (written aside, then hard-linked in place).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The secret part of the lock's name, made on first use. Throws when the key file is not ours alone. */
export function lockKey(socketPath: string, uid: number): string {
  const file = `${path.resolve(socketPath)}.lock-key`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (st) {
      if (!st.isFile() || st.uid !== uid || (st.mode & 0o077) !== 0) {
        throw new Error(`${file} is not a private file of yours (uid ${st.uid}, mode ${(st.mode & 0o777).toString(8)}); remove it`);
      }
      const key = fs.readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{32}$/.test(key)) return key;
      fs.rmSync(file, { force: true }); // damaged: make another
      continue;
    }
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, crypto.randomBytes(16).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file); // fails when another process made the key first: then use theirs
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  throw new Error(`cannot make ${file}`);
}

/** The abstract name for `socketPath` (made absolute). */
export function startLockName(socketPath: string, uid: number): string {
  const key = lockKey(socketPath, uid);
  const digest = crypto.createHash('sha256').update(`${path.resolve(socketPath)}\0${key}`).digest('hex').slice(0, 32);
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
