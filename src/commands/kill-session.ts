/*
 * kill-session: end a session, its windows and panes; -a ends all the others.
 */
import { defineCommand } from './types.js';
import { resolveSession } from '../server/targets.js';

export default defineCommand({
  name: 'kill-session',
  usage: '[-a] [-t target-session]',
  help: 'Kill a session',
  args: { flags: 'a', options: 't', minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    const s = resolveSession(ctx, a.values.get('t'));
    if (a.flags.has('a')) {
      for (const o of [...ctx.server.sessions]) if (o !== s) ctx.server.killSession(o);
      return;
    }
    ctx.server.killSession(s);
  },
});
