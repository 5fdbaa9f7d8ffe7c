/*
 * choose-window: ccmux's older name for `choose-tree -w` (the tree with windows
 * collapsed); kept so existing configs and habits work.
 */
import { defineCommand } from './types.js';
import { openTree } from './choose-tree.js';

export default defineCommand({
  name: 'choose-window',
  help: 'Choose a window to switch to (choose-tree -w)',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    openTree(ctx, { ...a, flags: new Set(['w']) }, 'choose-window');
  },
});
