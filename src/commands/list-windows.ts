/*
 * list-windows (lsw): the windows of a session (-a: of every session), or --json.
 */
import { defineCommand } from './types.js';
import { printList } from './print-list.js';
import { windowJson } from './list-json.js';
import { safeJson } from '../core/escape.js';

export default defineCommand({
  name: 'list-windows',
  alias: ['lsw'],
  help: 'List windows',
  args: { flags: 'a', options: 'Fft', long: { json: 'flag' }, minArgs: 0, maxArgs: 0, names: { F: 'format', f: 'filter', t: 'target-session' }, target: { kind: 'session', unless: 'a' } },
  run(ctx, a) {
    const sessions = a.flags.has('a') ? ctx.server.model.sessionsByName() : [a.session!];
    const items = sessions.flatMap((s) => s.sorted().map((w) => ({ s, w })));
    if (a.flags.has('json')) {
      ctx.out(safeJson(items.map(({ s, w }) => windowJson(ctx.server, s, w)), 2) + '\n');
      return;
    }
    // tmux 3.3a's LIST_WINDOWS_TEMPLATE and, for -a, LIST_WINDOWS_WITH_SESSION_TEMPLATE.
    const dflt = a.flags.has('a')
      ? '#{session_name}:#{window_index}: #{window_name}#{window_raw_flags} (#{window_panes} panes) [#{window_width}x#{window_height}] '
      : '#{window_index}: #{window_name}#{window_raw_flags} (#{window_panes} panes) [#{window_width}x#{window_height}] [layout #{window_layout}] #{window_id}#{?window_active, (active),}';
    printList(ctx, a, items.map(({ s, w }) => ({ session: s, window: w, pane: w.activePane, type: 'window' as const })), dflt);
  },
});
