/*
 * new-session (new): create a session and attach to it, or with -d leave it running in
 * the background. -A attaches instead when the session already exists (tmux new -A) —
 * with no -s, to the most recently used session if there is any; `ccmux` with no
 * arguments runs `new-session -A`. The session's own environment is the client's
 * update-environment variables (not with -E) and -e.
 */
import { defineCommand } from './types.js';
import { attachTo, checkCanAttach, sessionSize } from './attach.js';
import { newSessionEnviron, paneRequest, PANE_LONG_NAMES, PANE_LONG_OPTIONS } from './pane-request.js';
import { parseEnvAssignments } from '../core/spawn-env.js';
import { valuesOf } from './args.js';
import { CommandError } from '../core/errors.js';
import { sessionName, validateName } from '../core/target.js';
import { expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'new-session',
  alias: ['new'],
  help: 'Create a new session (and attach to it unless -d)',
  args: { flags: 'AdEP', options: 'ceFnsxy', long: PANE_LONG_OPTIONS, minArgs: 0, maxArgs: -1, names: { c: 'start-directory', e: 'environment', F: 'format', n: 'window-name', s: 'session-name', x: 'width', y: 'height', ...PANE_LONG_NAMES }, positional: '[shell-command [argument ...]]' },
  async run(ctx, a) {
    const { server } = ctx;
    const detached = a.flags.has('d');
    const given = a.values.get('s');
    // `my.proj` is session my_proj, as tmux names it (a `.` or `:` would split a target).
    const name = given === undefined ? undefined : sessionName(given);
    if (name !== undefined) {
      const bad = validateName('session', name);
      if (bad) throw new CommandError(bad);
    }
    if (a.flags.has('A')) {
      const existing = name !== undefined ? server.model.findSession(name) : server.model.bestSession();
      if (existing) {
        if (!detached) attachTo(ctx, existing, a.flags.has('E'));
        return;
      }
    }
    if (!detached && !ctx.client) checkCanAttach(ctx);
    const size = sessionSize(ctx, a, detached);
    const explicit = parseEnvAssignments(valuesOf(a, 'e'));
    if (typeof explicit === 'string') throw new CommandError(explicit);
    const environ = newSessionEnviron(ctx, explicit, a.flags.has('E'));
    const req = paneRequest(ctx, a, undefined, undefined, environ);
    const s = await server.spawn(req, (rq, started) => server.model.newSession(name ?? server.model.freeSessionName(), rq, size.cols, size.rows, a.values.get('n'), started, environ));
    s.path = req.cwd;
    a.made = { session: s, window: s.current, pane: s.current.activePane };
    if (a.flags.has('P')) ctx.out(expandFor(server, a.values.get('F') ?? '#{session_name}:', { session: s, window: s.current, pane: s.current.activePane }) + '\n');
    if (!detached) attachTo(ctx, s, false, false);
  },
});
