/*
 * Who is at the other end of a connection to the server's socket, and whether to let them
 * in: the server's own uid and root, as tmux does, and the users server-access added
 * (server-acl.ts), read-only or not.
 *
 * Normally the file system has settled it already: the socket is created 0600 inside a
 * 0700 dir, and Linux checks write permission on a socket file at connect(), so only its
 * owner or root can connect. That holds while the socket file is ours and private, which
 * costs one lstat per connection to confirm. When it is not — someone chmod'ed it, or a
 * `-S` socket sits in a shared place — the peer's credentials are checked.
 *
 * Node has no SO_PEERCRED (nor any getsockopt), and there is no way around that through
 * /proc: /proc/net/unix lists each Unix socket's inode and path but not its peer, and
 * /proc/<pid>/fd shows which socket inodes a process holds but not what they are
 * connected to — so a pid a client claims in HELLO cannot be tied to this connection
 * (any process can name any pid, and the listener's own inode is public). The peer of a
 * Unix socket is exposed only by getsockopt(SO_PEERCRED) and by sock_diag netlink (what
 * `ss -xp` uses), neither reachable from Node without native code. So the accepted socket
 * is handed, as stdin, to a one-line helper that calls getsockopt(SO_PEERCRED): perl
 * (perl-base is essential on Debian and Ubuntu), else python3. A process start costs
 * 5–30 ms, which is why it only happens when the permissions do not already answer.
 * Without either helper such a connection is refused: fail closed.
 */
import fs from 'node:fs';
import type net from 'node:net';
import { spawn } from 'node:child_process';
import { ServerAcl, type Access } from './server-acl.js';

export interface PeerCred {
  pid: number;
  uid: number;
  gid: number;
}

/** Give up on a helper that has not answered by then. */
const HELPER_TIMEOUT_MS = 3000;

/** getsockopt(SO_PEERCRED) on stdin, printing "pid uid gid" (struct ucred). */
const HELPERS: ReadonlyArray<readonly [string, string[]]> = [
  ['perl', ['-MSocket', '-e', 'my $c = getsockopt(STDIN, SOL_SOCKET, SO_PEERCRED) or exit 2; print join(" ", unpack("l3", $c))']],
  ['python3', ['-c', 'import socket, struct; s = socket.socket(fileno=0); print(*struct.unpack("3i", s.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)))']],
];

/** Is the socket file at `socketPath` a socket owned by `uid` that nobody else may open? */
export function socketIsPrivate(socketPath: string, uid: number): boolean {
  try {
    const st = fs.lstatSync(socketPath);
    return st.isSocket() && st.uid === uid && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

function runHelper(socket: net.Socket, [cmd, args]: readonly [string, string[]]): Promise<PeerCred | undefined> {
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(cmd, args, { stdio: [socket, 'pipe', 'ignore'] });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), HELPER_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const m = /^(-?\d+) (\d+) (\d+)\s*$/.exec(out);
      resolve(code === 0 && m ? { pid: Number(m[1]), uid: Number(m[2]), gid: Number(m[3]) } : undefined);
    });
  });
}

/** The credentials of the peer of a Unix socket connection, or undefined when no helper can tell. */
export async function peerCredentials(socket: net.Socket): Promise<PeerCred | undefined> {
  for (const helper of HELPERS) {
    const cred = await runHelper(socket, helper);
    if (cred) return cred;
  }
  return undefined;
}

/** A peer let in: its uid and what it may do. */
export interface Admitted {
  uid: number;
  access: Exclude<Access, 'none'>;
}

/**
 * Whether a new connection is let in, by the access list (server-acl.ts): synchronously
 * while the socket file is private (only its owner or root can have connected: write
 * access, as the owner); otherwise the peer's uid is looked up and judged. Fails closed:
 * a peer whose uid cannot be learnt is refused.
 */
export function admit(socket: net.Socket, socketPath: string, acl: ServerAcl): Admitted | Promise<Admitted | { refused: string }> {
  const uid = acl.owner;
  if (socketIsPrivate(socketPath, uid)) return { uid, access: 'write' };
  return peerCredentials(socket).then((peer) => {
    if (!peer) {
      return { refused: `${socketPath} is not private to uid ${uid} and the peer's uid cannot be checked (no perl or python3); refusing — fix with: chmod 600 ${socketPath}` };
    }
    const access = acl.access(peer.uid);
    if (access === 'none') return { refused: `connection from uid ${peer.uid} (pid ${peer.pid}) refused: this server belongs to uid ${uid} (access not allowed: see server-access)` };
    return { uid: peer.uid, access };
  });
}

/**
 * Why a new connection must be refused, or null to accept it, for a server that lets in
 * only `uid` and root (admit() with no one added).
 */
export function refusal(socket: net.Socket, socketPath: string, uid: number): null | Promise<string | null> {
  const r = admit(socket, socketPath, new ServerAcl(uid));
  if (!(r instanceof Promise)) return null;
  return r.then((x) => ('refused' in x ? x.refused : null));
}
