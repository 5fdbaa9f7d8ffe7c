/*
 * list-panes (lsp): the panes of a window (-s: of its session, -a: of all), or --json
 * with each pane's geometry, process and Claude facts.
 */
import { defineCommand } from './types.js';
import { printList } from './print-list.js';
import { paneJson } from './list-json.js';
import { safeJson } from '../core/escape.js';

export default defineCommand({
  name: 'list-panes',
  alias: ['lsp'],
  help: 'List panes',
  args: { flags: 'as', options: 'Fft', long: { json: 'flag' }, minArgs: 0, maxArgs: 0, names: { F: 'format', f: 'filter', t: 'target-window' }, target: { kind: 'window', unless: 'a' } },
  run(ctx, a) {
    const { server } = ctx;
    let wins;
    if (a.flags.has('a')) wins = server.model.sessionsByName().flatMap((s) => s.sorted().map((w) => ({ s, w })));
    else {
      const r = a.target!;
      wins = a.flags.has('s') ? r.session.sorted().map((w) => ({ s: r.session, w })) : [{ s: r.session, w: r.window }];
    }
    const items = wins.flatMap(({ s, w }) => w.orderedPanes().map((p) => ({ s, w, p })));
    if (a.flags.has('json')) {
      ctx.out(safeJson(items.map(({ s, w, p }) => paneJson(server, s, w, p)), 2) + '\n');
      return;
    }
    const prefix = a.flags.has('a') ? '#{session_name}:#{window_index}.' : a.flags.has('s') ? '#{window_index}.' : '';
    printList(ctx, a, items.map(({ s, w, p }) => ({ session: s, window: w, pane: p })),
      // tmux 3.3a's templates (its history_bytes is its grid's; ccmux's, what its lines take).
      `${prefix}#{pane_index}: [#{pane_width}x#{pane_height}] [history #{history_size}/#{history_limit}, #{history_bytes} bytes] #{pane_id}#{?pane_active, (active),}#{?pane_dead, (dead),}`);
  },
});
