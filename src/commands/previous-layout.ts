/*
 * previous-layout (prevl): cycle the window back through the preset layouts (tmux binds no
 * key to it; next-layout is prefix Space). From no preset, the last one (tiled), as tmux.
 */
import { defineCommand } from './types.js';
import { selectLayout } from './select-layout.js';

export default defineCommand({
  name: 'previous-layout',
  alias: ['prevl'],
  help: 'Select the previous preset layout',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    selectLayout(ctx, a.target!, { step: -1 });
  },
});
