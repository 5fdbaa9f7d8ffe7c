/*
 * choose-window: pick a window of any session from a list (prefix w); Enter goes there.
 */
import { defineCommand } from './types.js';
import { ListView } from '../server/client/modes.js';
import { CommandError } from '../core/errors.js';
import { expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'choose-window',
  help: 'Choose a window to switch to',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    const c = ctx.client;
    if (!c) throw new CommandError('choose-window needs an attached client');
    const items = [...ctx.server.model.sessions]
      .sort((x, y) => x.name.localeCompare(y.name))
      .flatMap((s) => s.sorted().map((w) => ({ s, w })));
    const lines = items.map(({ s, w }) => expandFor(ctx.server, '#{session_name}:#{window_index}: #{window_name}#{window_flags} (#{window_panes} panes)', { session: s, window: w, pane: w.activePane }));
    const cur = items.findIndex(({ w }) => w === c.session!.current);
    c.openMode(new ListView('choose-window', lines, (i, cl) => {
      const it = items[i];
      if (!it || !ctx.server.model.sessions.includes(it.s) || !it.s.windows.includes(it.w)) return;
      ctx.server.model.selectWindow(it.s, it.w);
      cl.switchTo(it.s);
    }, cur));
  },
});
