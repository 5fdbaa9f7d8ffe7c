/*
 * rename-session (rename): rename a session; names are unique and may not hold ":" or ".".
 */
import { defineCommand } from './types.js';
import { validateName } from '../core/target.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'rename-session',
  alias: ['rename'],
  help: 'Rename a session',
  args: { flags: '', options: 't', minArgs: 1, maxArgs: 1, names: { t: 'target-session' }, positional: 'new-name', target: { kind: 'session' } },
  run(ctx, a) {
    const name = a.args[0]!;
    const bad = validateName('session', name);
    if (bad) throw new CommandError(bad);
    const s = a.session!;
    ctx.server.model.renameSession(s, name);
  },
});
