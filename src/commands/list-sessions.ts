/*
 * list-sessions (ls): one line per session — its group as tmux shows it, "(group NAME)" —
 * or JSON with --json (what scripts use).
 */
import { defineCommand } from './types.js';
import { printList } from './print-list.js';
import { sessionJson } from './list-json.js';
import { safeJson } from '../core/escape.js';

export default defineCommand({
  name: 'list-sessions',
  alias: ['ls'],
  help: 'List sessions',
  args: { flags: '', options: 'Ff', long: { json: 'flag' }, minArgs: 0, maxArgs: 0, names: { F: 'format', f: 'filter' } },
  run(ctx, a) {
    const sessions = ctx.server.model.sessionsByName();
    if (a.flags.has('json')) {
      ctx.out(safeJson(sessions.map((s) => sessionJson(ctx.server, s)), 2) + '\n');
      return;
    }
    printList(
      ctx,
      a,
      sessions.map((s) => ({ session: s, window: s.current, pane: s.current.activePane, type: 'session' as const })),
      // tmux 3.3a's LIST_SESSIONS_TEMPLATE.
      '#{session_name}: #{session_windows} windows (created #{t:session_created})#{?session_grouped, (group ,}#{session_group}#{?session_grouped,),}#{?session_attached, (attached),}',
    );
  },
});
