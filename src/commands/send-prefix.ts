/*
 * send-prefix: send the prefix key itself to the program (C-b C-b by default).
 */
import { defineCommand } from './types.js';
import { keyToBytes } from '../core/keys.js';

export default defineCommand({
  name: 'send-prefix',
  help: 'Send the prefix key to the pane',
  args: { flags: '2', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const r = a.target!;
    const key = ctx.server.options.get(a.flags.has('2') ? 'prefix2' : 'prefix', r) as string;
    if (!key) return;
    r.pane.write(keyToBytes(key, { appCursor: r.pane.term.modes.applicationCursorKeysMode }));
  },
});
