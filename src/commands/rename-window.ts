/*
 * rename-window (renamew): give a window a fixed name (automatic naming stops).
 */
import { defineCommand } from './types.js';
import { validateName } from '../core/target.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'rename-window',
  alias: ['renamew'],
  help: 'Rename a window',
  args: { flags: '', options: 't', minArgs: 1, maxArgs: 1, names: { t: 'target-window' }, positional: 'new-name', target: { kind: 'window' } },
  run(ctx, a) {
    const bad = validateName('window', a.args[0]!);
    if (bad) throw new CommandError(bad);
    const r = a.target!;
    ctx.server.model.renameWindow(r.window, a.args[0]!);
  },
});
