/*
 * display-message (display): expand a format and show it in the status line of the
 * clients on the target's session, or print it with -p (scripts: `ccmux display -p
 * '#{pane_current_path}'`). Without a message it shows a summary of the current pane.
 */
import { defineCommand } from './types.js';
import { clientFor, expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'display-message',
  alias: ['display'],
  help: 'Show a message (or print it with -p)',
  args: { flags: 'p', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-pane' }, positional: '[message]', target: { kind: 'pane' } },
  run(ctx, a) {
    const r = a.target!;
    const fmt = a.args[0] ?? '[#{session_name}] #{window_index}:#{window_name}, current pane #{pane_index} - (%H:%M %d-%b-%y)';
    const text = expandFor(ctx.server, fmt, { ...r, client: clientFor(ctx.server, ctx.client, r.session) }, true);
    if (a.flags.has('p')) {
      ctx.out(text + '\n');
      return;
    }
    if (ctx.client) {
      ctx.client.showMessage(text);
      return;
    }
    const clients = [...ctx.server.clients].filter((c) => c.session === r.session);
    if (clients.length === 0) ctx.out(text + '\n');
    for (const c of clients) c.showMessage(text);
  },
});
