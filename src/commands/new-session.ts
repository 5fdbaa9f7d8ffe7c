/*
 * new-session (new): create a session and attach to it, or with -d leave it running in
 * the background. -A attaches instead when the session already exists (tmux new -A) —
 * with no -s, to the most recently used session if there is any; `ccmux` with no
 * arguments runs `new-session -A`; with -A, -D and -X detach the session's other clients
 * (-X also hanging up their shells) as attach -d / -x. -f sets the attaching client's
 * flags (read-only, ignore-size). The session's own environment is the client's
 * update-environment variables (not with -E) and -e.
 *
 * -t puts the new session in a session group (tmux 3.3a): the group of session -t (made,
 * named after it, when it has none), else the group named -t, else a new group of that
 * name. A session joining a group gets its windows, not a new one (-n and a command are
 * refused with -t, as tmux does even for a new group), and with no -s is named after the
 * group: GROUP-N, N its session id.
 */
import { defineCommand } from './types.js';
import { attachTo, checkCanAttach, detachOthers, sessionSize } from './attach.js';
import { parseClientFlags } from '../protocol/control-lines.js';
import { newSessionEnviron, paneRequest, startDirectory, PANE_LONG_NAMES, PANE_LONG_OPTIONS } from './pane-request.js';
import { parseEnvAssignments } from '../core/spawn-env.js';
import { valuesOf } from './args.js';
import { CommandError } from '../core/errors.js';
import { sessionName, validateName } from '../core/target.js';
import { expandFor } from '../server/format-vars.js';
import type { Session } from '../server/window.js';

export default defineCommand({
  name: 'new-session',
  alias: ['new'],
  help: 'Create a new session (and attach to it unless -d)',
  args: {
    flags: 'AdDEPX', options: 'cefFnstxy', long: PANE_LONG_OPTIONS, minArgs: 0, maxArgs: -1,
    names: { c: 'start-directory', e: 'environment', f: 'flags', F: 'format', n: 'window-name', s: 'session-name', t: 'group-name', x: 'width', y: 'height', ...PANE_LONG_NAMES },
    positional: '[shell-command [argument ...]]',
    // The session to group with; a -t naming none is a group name.
    target: { kind: 'session', canFail: true, optional: true },
  },
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
    const flags = a.values.has('f') ? parseClientFlags(a.values.get('f')!) : undefined;
    if (a.flags.has('A')) {
      const existing = name !== undefined ? server.model.findSession(name) : server.model.bestSession();
      if (existing) {
        if (!detached) {
          if (!ctx.client) checkCanAttach(ctx);
          // -D / -X: as attach-session -d / -x.
          if (a.flags.has('D') || a.flags.has('X')) detachOthers(ctx, existing, a.flags.has('X'));
          attachTo(ctx, existing, a.flags.has('E'), true, false, flags);
        }
        return;
      }
    }
    if (!detached && !ctx.client) checkCanAttach(ctx);
    const size = sessionSize(ctx, a, detached);
    const explicit = parseEnvAssignments(valuesOf(a, 'e'));
    if (typeof explicit === 'string') throw new CommandError(explicit);
    const environ = newSessionEnviron(ctx, explicit, a.flags.has('E'));
    const group = a.values.get('t');
    let s: Session;
    if (group !== undefined && (a.values.has('n') || a.args.length > 0)) throw new CommandError('command or window name given with target');
    if (group !== undefined && (a.session || server.model.groups.find(group))) {
      const like = a.session;
      const groupName = (like && server.model.groups.of(like)?.name) ?? like?.name ?? group;
      s = server.model.newGroupedSession(name, groupName, like, environ);
      s.path = a.values.has('c') ? startDirectory(ctx, a.values.get('c')!, {}) : ctx.caller.cwd;
    } else {
      const req = paneRequest(ctx, a, undefined, undefined, environ);
      const named = name ?? (group !== undefined ? server.model.groupedSessionName(group) : server.model.freeSessionName());
      s = await server.spawn(req, (rq, started) => server.model.newSession(named, rq, size.cols, size.rows, a.values.get('n'), started, environ));
      s.path = req.cwd;
      if (group !== undefined) server.model.joinGroup(s, group);
    }
    // As tmux: -x/-y are the session's default-size from now on.
    if (a.values.has('x') || a.values.has('y')) s.options.set('default-size', `${size.cols}x${size.rows}`);
    a.made = { session: s, window: s.current, pane: s.current.activePane };
    if (a.flags.has('P')) ctx.out(expandFor(server, a.values.get('F') ?? '#{session_name}:', { session: s, window: s.current, pane: s.current.activePane }) + '\n');
    if (!detached) attachTo(ctx, s, false, false, false, flags);
  },
});
