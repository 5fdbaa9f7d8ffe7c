/*
 * server-access: who besides the server's owner and root may use it, as tmux 3.3a's
 * cmd-server-access.c. -a USER lets the user in (with -r read-only, with -w or by default
 * writable); -d USER takes them off and detaches their clients ("access not allowed");
 * -r / -w alone make their clients read-only / writable (adding them if need be); -l
 * lists the users let in, "name (R)" or "name (W)". The owner and root cannot be changed.
 *
 * The list decides who is let in once they can reach the socket; as in tmux, the socket
 * stays private (0600 in a 0700 dir) until its owner opens it by hand, e.g. a -S socket in
 * a shared dir and `chmod 666` on it (see README). USER is expanded as a format.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { expandFor } from '../server/format-vars.js';
import { userByName, userByUid } from '../server/user-lookup.js';
import type { Server } from '../server/server.js';

/** Apply a new read-only flag to the clients of `uid` now attached (tmux's server_acl_user_*_write). */
function setClientsReadOnly(server: Server, uid: number, readOnly: boolean): void {
  for (const c of server.clients) if (c.peerUid === uid) c.readOnly = readOnly;
}

export default defineCommand({
  name: 'server-access',
  help: 'Let a user use the server, read-only or not, or list who may',
  args: { flags: 'adlrw', options: '', minArgs: 0, maxArgs: 1, positional: '[user]' },
  async run(ctx, a) {
    const { server } = ctx;
    const acl = server.acl;
    if (a.flags.has('l')) {
      let out = '';
      for (const e of acl.entries()) {
        const name = acl.nameOf(e.uid) ?? (await userByUid(e.uid))?.name ?? 'unknown';
        out += `${name} (${e.readOnly ? 'R' : 'W'})\n`;
      }
      if (out) ctx.out(out);
      return;
    }
    if (a.args.length === 0) throw new CommandError('missing user argument');
    const name = expandFor(server, a.args[0]!, {});
    const pw = await userByName(name);
    if (!pw) throw new CommandError(`unknown user: ${name}`);
    if (acl.isFixed(pw.uid)) throw new CommandError(`${pw.name} owns the server, can't change access`);
    if (a.flags.has('a') && a.flags.has('d')) throw new CommandError('-a and -d cannot be used together');
    if (a.flags.has('w') && a.flags.has('r')) throw new CommandError('-r and -w cannot be used together');
    if (a.flags.has('d')) {
      if (!acl.has(pw.uid)) throw new CommandError(`user ${pw.name} not found`);
      for (const c of [...server.clients]) if (c.peerUid === pw.uid) c.detach('[access not allowed]', 0);
      acl.deny(pw.uid);
      return;
    }
    if (a.flags.has('a')) {
      if (acl.has(pw.uid)) throw new CommandError(`user ${pw.name} is already added`);
      acl.allow(pw.uid, pw.name);
    } else if (a.flags.has('r') || a.flags.has('w')) {
      acl.allow(pw.uid, pw.name); // -r or -w adds a user not yet there
    }
    if (a.flags.has('w') || a.flags.has('r')) {
      const readOnly = a.flags.has('r');
      acl.setReadOnly(pw.uid, readOnly);
      setClientsReadOnly(server, pw.uid, readOnly);
    }
  },
});
