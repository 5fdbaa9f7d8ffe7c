/*
 * attach-session (attach, a): attach this terminal to a session (the most recently
 * used one by default); -d detaches every other client of it first. The session takes
 * the client's update-environment variables unless -E. -r: the client may only look (its
 * keys reach no pane; it runs only read-only commands: attach, detach, list-clients,
 * switch-client), as tmux's attach -r.
 */
import { defineCommand } from './types.js';
import { attachTo } from './attach.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'attach-session',
  readOnly: true,
  alias: ['attach', 'a'],
  help: 'Attach to a session',
  args: { flags: 'dEr', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-session' }, target: { kind: 'session' } },
  run(ctx, a) {
    if (ctx.server.model.sessions.length === 0) throw new CommandError('no sessions');
    const s = a.session!;
    if (a.flags.has('d')) {
      for (const c of [...ctx.server.clients]) if (c.session === s && c !== ctx.client) c.detach(`[detached (from session ${s.name})]`, 0);
    }
    attachTo(ctx, s, a.flags.has('E'), true, a.flags.has('r'));
  },
});
