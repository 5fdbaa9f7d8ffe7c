/*
 * detach-client (detach): leave the session running and return to the shell, as tmux
 * 3.3a: the target client (-t, else the one a binding came from, else the most recently
 * active one); -a every client but that one; -s every client of a session. -P hangs up
 * the client's parent too (its shell, an ssh session), as tmux's client does with SIGHUP.
 * -E runs a shell command in the client's terminal in its place (with the session's
 * default-shell, as tmux's server_client_exec; an empty one does nothing).
 */
import { defineCommand } from './types.js';
import type { ClientHandle } from '../server/client/handle.js';

export default defineCommand({
  name: 'detach-client',
  readOnly: true,
  alias: ['detach'],
  help: 'Detach a client (-a: all but it; -s: every client of a session)',
  args: { flags: 'aP', options: 'Est', minArgs: 0, maxArgs: 0, names: { E: 'shell-command', s: 'target-session', t: 'target-client' }, target: { kind: 'client', unless: 's' }, source: { kind: 'session', given: true, canFail: true } },
  run(ctx, a) {
    const { server } = ctx;
    const hangup = a.flags.has('P');
    const command = a.values.get('E');
    const detach = (c: ClientHandle) => {
      if (command !== undefined) {
        if (command === '') return;
        // default-shell was checked when set (tmux's checkshell); ccmux's default, '', is the client's $SHELL.
        const shell = String(server.options.get('default-shell', { session: c.session ?? undefined })) || c.hello.env.SHELL || '/bin/sh';
        c.detach('', 0, false, { command, shell });
        return;
      }
      const from = c.session ? ` (from session ${c.session.name})` : '';
      c.detach(`[detached${hangup ? ' and SIGHUP' : ''}${from}]`, 0, hangup);
    };
    let victims: ClientHandle[];
    if (a.values.has('s')) {
      // A session that is not there has no clients: nothing to do, as in tmux.
      victims = a.session ? [...server.clients].filter((c) => c.session === a.session) : [];
    } else if (a.flags.has('a')) {
      victims = [...server.clients].filter((c) => c !== a.client);
    } else {
      victims = [a.client!];
    }
    for (const c of victims) detach(c);
  },
});
