/*
 * rename-window (renamew): give a window a fixed name (automatic naming stops); the
 * name is expanded as a format first, as tmux does.
 */
import { defineCommand } from './types.js';
import { validateName } from '../core/target.js';
import { CommandError } from '../core/errors.js';
import { expandFor } from '../server/format-vars.js';

export default defineCommand({
  name: 'rename-window',
  alias: ['renamew'],
  help: 'Rename a window',
  args: { flags: '', options: 't', minArgs: 1, maxArgs: 1, names: { t: 'target-window' }, positional: 'new-name', target: { kind: 'window' } },
  run(ctx, a) {
    const r = a.target!;
    const name = expandFor(ctx.server, a.args[0]!, r);
    const bad = validateName('window', name);
    if (bad) throw new CommandError(bad);
    ctx.server.model.renameWindow(r.window, name);
  },
});
