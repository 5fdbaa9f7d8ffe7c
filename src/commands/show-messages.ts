/*
 * show-messages (showmsgs): the server's message log, newest first, as tmux prints it
 * (`#{t/p:message_time}: #{message_text}`): commands run and messages shown. -J lists the
 * shell jobs running (run-shell, if-shell), -T the attached clients' terminals: tmux's
 * server-info (the `info` and `server-info` aliases) without its terminfo dump — ccmux
 * reads no terminfo, it shows the features it uses for each terminal instead.
 */
import { defineCommand } from './types.js';
import { prettyTime } from '../core/format/time.js';
import { CommandError } from '../core/errors.js';
import { runningJobs } from './shell-job.js';
import { clientName } from '../server/message-log.js';
import { findClient } from '../server/targets.js';

export default defineCommand({
  name: 'show-messages',
  alias: ['showmsgs'],
  help: 'Show the message log (commands run, messages shown); -J jobs, -T terminals',
  args: { flags: 'JT', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-client' }, positional: '' },
  run(ctx, a) {
    const { server } = ctx;
    const only = a.values.has('t') ? findClient(server.clients, a.values.get('t')!) : undefined;
    // As tmux: it runs for a client (-t, the caller's, else any attached one).
    if (!only && !ctx.client && server.clients.size === 0) throw new CommandError('no current client');
    const out: string[] = [];
    if (a.flags.has('T')) {
      let n = 0;
      for (const c of server.clients) {
        if (only && c !== only) continue;
        out.push(`Terminal ${n++}: ${c.hello.env.TERM ?? 'unknown'} for ${clientName(c.hello)}, ${c.cols}x${c.paneAreaRows()}`);
      }
    }
    if (a.flags.has('J')) {
      if (out.length) out.push('');
      runningJobs().forEach((j, i) => out.push(`Job ${i}: ${j.command} [pid=${j.pid}]`));
    }
    if (!a.flags.has('T') && !a.flags.has('J')) {
      const now = new Date();
      for (const m of server.messages.list()) {
        out.push(`${prettyTime(m.time, now)}: ${m.text}`);
      }
    }
    ctx.out(out.map((l) => `${l}\n`).join(''));
  },
});
