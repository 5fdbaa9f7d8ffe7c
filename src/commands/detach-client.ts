/*
 * detach-client (detach): leave the session running and return to the shell. From a key
 * binding it detaches that client; from the CLI, the clients of the target session. A -t
 * naming a client's terminal (/dev/pts/3, what choose-client gives) detaches that client.
 */
import { defineCommand } from './types.js';
import { resolveSession } from '../server/targets.js';

export default defineCommand({
  name: 'detach-client',
  alias: ['detach'],
  help: 'Detach the current client (or every client of a session)',
  args: { flags: 'a', options: 'st', minArgs: 0, maxArgs: 0, names: { s: 'target-session', t: 'target-session' } },
  run(ctx, a) {
    const { server } = ctx;
    const msg = (name: string) => `[detached (from session ${name})]`;
    const t = a.values.get('t');
    const byTty = t === undefined ? undefined : [...server.clients].find((c) => c.session && c.hello.ttyPath === t);
    if (byTty) {
      byTty.detach(msg(byTty.session!.name), 0);
      return;
    }
    if (ctx.client && !a.values.has('s')) {
      const s = ctx.client.session!;
      if (a.flags.has('a')) {
        for (const c of [...server.clients]) if (c !== ctx.client && c.session === s) c.detach(msg(s.name), 0);
      } else ctx.client.detach(msg(s.name), 0);
      return;
    }
    const s = resolveSession(ctx, a.values.get('s') ?? a.values.get('t'));
    for (const c of [...server.clients]) if (c.session === s) c.detach(msg(s.name), 0);
  },
});
