/*
 * kill-session: end a session, its windows and panes; -a ends all the others; -C ends
 * nothing but clears the alert flags (bell, activity, silence) of the session's windows.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'kill-session',
  help: 'Kill a session',
  args: { flags: 'aC', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-session' }, target: { kind: 'session' } },
  run(ctx, a) {
    const s = a.session!;
    if (a.flags.has('C')) {
      ctx.server.model.clearAlerts(s);
      return;
    }
    if (a.flags.has('a')) {
      for (const o of [...ctx.server.model.sessions]) if (o !== s) ctx.server.model.killSession(o);
      return;
    }
    ctx.server.model.killSession(s);
  },
});
