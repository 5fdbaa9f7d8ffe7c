/*
 * rename-session (rename): rename a session; names are unique and may not hold ":" or ".".
 * The name is expanded as a format first, as tmux does.
 */
import { defineCommand } from './types.js';
import { sessionName, validateName } from '../core/target.js';
import { CommandError } from '../core/errors.js';
import { expandFor } from '../server/format-vars.js';
import { sessionScope } from '../server/targets.js';

export default defineCommand({
  name: 'rename-session',
  alias: ['rename'],
  help: 'Rename a session',
  args: { flags: '', options: 't', minArgs: 1, maxArgs: 1, names: { t: 'target-session' }, positional: 'new-name', target: { kind: 'session' } },
  run(ctx, a) {
    const s = a.session!;
    const name = sessionName(expandFor(ctx.server, a.args[0]!, sessionScope(ctx, s)));
    const bad = validateName('session', name);
    if (bad) throw new CommandError(bad);
    ctx.server.model.renameSession(s, name);
  },
});
