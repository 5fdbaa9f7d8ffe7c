/*
 * choose-session: ccmux's older name for `choose-tree -s` (the tree with sessions
 * collapsed); kept so existing configs and habits work.
 */
import { defineCommand } from './types.js';
import { openTree } from './choose-tree.js';

export default defineCommand({
  name: 'choose-session',
  help: 'Choose a session to switch to (choose-tree -s)',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    openTree(ctx, { ...a, flags: new Set(['s']) }, 'choose-session');
  },
});
