/*
 * list-clients (lsc): the attached clients, one line each in tmux 3.3a's format (or -F's),
 * in the order they attached; -t lists only the clients of a session.
 */
import { defineCommand } from './types.js';
import { expandFor } from '../server/format-vars.js';

/** tmux 3.3a's LIST_CLIENTS_TEMPLATE. */
const TEMPLATE =
  '#{client_name}: #{session_name} [#{client_width}x#{client_height} #{client_termname}] ' +
  '#{?#{!=:#{client_uid},#{uid}},[user #{?client_user,#{client_user},#{client_uid},}] ,}' +
  '#{?client_flags,(,}#{client_flags}#{?client_flags,),}';

export default defineCommand({
  name: 'list-clients',
  readOnly: true,
  alias: ['lsc'],
  help: 'List the attached clients',
  args: { flags: '', options: 'Ft', minArgs: 0, maxArgs: 0, names: { F: 'format', t: 'target-session' }, target: { kind: 'session', optional: true } },
  run(ctx, a) {
    const fmt = a.values.get('F') ?? TEMPLATE;
    const only = a.values.has('t') ? a.session : undefined;
    let out = '';
    for (const c of ctx.server.clients) {
      const s = c.session;
      if (!s || (only && s !== only)) continue;
      out += expandFor(ctx.server, fmt, { session: s, window: s.current, pane: s.current.activePane, client: c }) + '\n';
    }
    if (out) ctx.out(out);
  },
});
