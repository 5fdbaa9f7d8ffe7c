/*
 * The two things every part of the ccmux command's client side shares: one attempt to
 * connect to a server's socket, and ClientError, whose message is printed as
 * `ccmux: MESSAGE`, never with a stack (no server, a refused handshake, a server that
 * did not start).
 */
import net from 'node:net';

export class ClientError extends Error {}

/** Connect to the unix socket `sock`: the socket, or the error (ENOENT, ECONNREFUSED, …). */
export function tryConnect(sock: string): Promise<net.Socket | NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    const s = net.connect(sock);
    s.once('connect', () => resolve(s));
    s.once('error', (err) => resolve(err as NodeJS.ErrnoException));
  });
}
