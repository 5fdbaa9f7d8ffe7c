/*
 * choose-session: pick a session from a list (prefix s); Enter switches to it.
 */
import { defineCommand } from './types.js';
import { ListView } from '../server/client/modes.js';
import { CommandError } from '../core/errors.js';
import { expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'choose-session',
  help: 'Choose a session to switch to',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    const c = ctx.client;
    if (!c) throw new CommandError('choose-session needs an attached client');
    const sessions = [...ctx.server.model.sessions].sort((x, y) => x.name.localeCompare(y.name));
    const lines = sessions.map((s, i) =>
      expandFor(ctx.server, `(${i}) #{session_name}: #{session_windows} windows#{?session_attached, (attached),}`, { session: s, window: s.current, pane: s.current.activePane }),
    );
    c.openMode(new ListView('choose-session', lines, (i, cl) => {
      const s = sessions[i];
      if (s && ctx.server.model.sessions.includes(s)) cl.switchTo(s);
    }, sessions.indexOf(c.session!)));
  },
});
