/*
 * attach-session (attach, a): attach this terminal to a session (the most recently
 * used one by default), as tmux 3.3a's: -d detaches every other client of it first, -x
 * also hangs up the shell each was started from (SIGHUP); -c sets the session's working
 * directory (#{session_path}, a format); -f sets the client's flags (read-only,
 * ignore-size; a control client's no-output, pause-after). The session takes the
 * client's update-environment variables unless -E. -r: the client may only look (its
 * keys reach no pane; it runs only read-only commands: attach, detach, list-clients,
 * switch-client) and does not size the windows, as tmux's attach -r.
 */
import { defineCommand } from './types.js';
import { attachTo, checkCanAttach, detachOthers } from './attach.js';
import { CommandError } from '../core/errors.js';
import { parseClientFlags } from '../protocol/control-lines.js';
import { expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'attach-session',
  readOnly: true,
  alias: ['attach', 'a'],
  help: 'Attach to a session',
  args: { flags: 'dErx', options: 'cft', minArgs: 0, maxArgs: 0, names: { c: 'working-directory', f: 'flags', t: 'target-session' }, target: { kind: 'session' } },
  run(ctx, a) {
    if (ctx.server.model.sessions.length === 0) throw new CommandError('no sessions');
    const s = a.session!;
    const flags = a.values.has('f') ? parseClientFlags(a.values.get('f')!) : undefined;
    const cwd = a.values.get('c');
    if (cwd !== undefined) ctx.server.model.setSessionPath(s, expandFor(ctx.server, cwd, { session: s, window: s.current, pane: s.current.activePane }));
    if (!ctx.client) checkCanAttach(ctx);
    if (a.flags.has('d') || a.flags.has('x')) detachOthers(ctx, s, a.flags.has('x'));
    attachTo(ctx, s, a.flags.has('E'), true, a.flags.has('r'), flags);
  },
});
